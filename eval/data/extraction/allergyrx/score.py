"""Score the rules path on the allergyrx clause probe (README.md here).

    PYTHONPATH=$PWD python eval/data/extraction/allergyrx/score.py [--data DIR] [--show]

Prints allergies precision / recall (by substance, both sides named with the extractor's
``substance_name``, as ../told/score.py), labelled medication statuses right (a label lists the
accepted statuses; "-" accepts no entry or an entry neither active nor new; a label name is
read to its dictionary name with ``find_names``), allergens reported as active / new
medications, and ``no_known_allergies`` right. ``--show`` prints each unit's misses.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))
sys.path.insert(0, str(HERE))

from draw import unit_text  # noqa: E402

from assistant.clinical.allergies import substance_name  # noqa: E402
from assistant.clinical.drug_names import find_names  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.extract.pipeline import Extractor  # noqa: E402
from eval.common import default_data_dir  # noqa: E402


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def _drug(name: str) -> str:
    found = find_names(name)
    return _key(found[0].name if found else name)


def main() -> int:
    args = sys.argv[1:]
    data_dir = Path(args[args.index("--data") + 1]) if "--data" in args else default_data_dir()
    rows = {json.loads(x)["id"]: json.loads(x)
            for x in (HERE / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x}
    labels = [json.loads(x) for x in (HERE / "labels.jsonl").read_text(encoding="utf-8")
              .splitlines() if x]
    ex = Extractor(Settings(use_llm=False))
    tp = fp = fn = as_meds = nka_ok = med_ok = med_n = 0
    for lab in labels:
        text = unit_text(rows[lab["id"]], data_dir)
        rec = ex.extract(text, lab["id"])
        gold = {_key(substance_name(a["substance"])) for a in lab["allergies"]}
        pred = {_key(a.substance) for a in rec.allergies}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        got = {}
        for m in rec.medications:
            got.setdefault(_drug(m.name), m.status)
        gold_drugs = {_drug(substance_name(a["substance"])) for a in lab["allergies"]} | gold
        bad = [m.name for m in rec.medications
               if (_drug(m.name) in gold_drugs or _key(m.name) in gold)
               and m.status in (None, "active", "new")]
        as_meds += len(bad)
        wrong = []
        for m in lab["medications"]:
            k = _drug(m["name"])
            st = got.get(k, "absent")
            ok = st in m["status"] or ("-" in m["status"]
                                       and st not in ("active", "new", None))
            med_n += 1
            med_ok += ok
            if not ok:
                wrong.append(f"{k}: {st} (want {'|'.join(m['status'])})")
        nka_ok += rec.no_known_allergies == lab["no_known_allergies"]
        if "--show" in args and (gold ^ pred or bad or wrong
                                 or rec.no_known_allergies != lab["no_known_allergies"]):
            print(f"== {lab['id']}: allergies gold {sorted(gold)} pred {sorted(pred)} "
                  f"as-meds {bad} meds wrong {wrong} nka {rec.no_known_allergies}")
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    print(f"units {len(labels)}  allergies P {p:.3f} R {r:.3f} ({tp}/{tp + fn}, {fp} false)  "
          f"med statuses {med_ok}/{med_n}  allergens as active meds {as_meds}  "
          f"NKA right {nka_ok}/{len(labels)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
