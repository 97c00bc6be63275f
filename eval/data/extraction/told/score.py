"""Score the rules path on the told-reaction snippet probe (README.md here).

    PYTHONPATH=$PWD python eval/data/extraction/told/score.py [--data DIR] [--show]

Prints allergies precision / recall (by substance, both sides named with the extractor's
``substance_name``), reaction agreement (a shared word, gold reaction given), allergens reported
as medications not given / discontinued (issue 16's metric), and ``no_known_allergies`` right.
``--show`` prints each unit's misses and false allergies (snippet text included: tuned set).
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
from assistant.config import Settings  # noqa: E402
from assistant.extract.pipeline import Extractor  # noqa: E402
from eval.common import default_data_dir  # noqa: E402


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def _words(r: str | None) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", (r or "").lower())} - {"and", "a", "to"}


def main(here: Path = HERE, text_of=unit_text) -> int:  # noqa: ANN001
    """Score the probe in folder ``here`` (its ``manifest.jsonl`` and ``labels.jsonl``), each
    unit's text built by ``text_of`` (that folder's ``draw.unit_text``); allergy11 reuses it."""
    args = sys.argv[1:]
    data_dir = Path(args[args.index("--data") + 1]) if "--data" in args else default_data_dir()
    rows = {json.loads(x)["id"]: json.loads(x)
            for x in (here / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x}
    labels = [json.loads(x) for x in (here / "labels.jsonl").read_text(encoding="utf-8")
              .splitlines() if x]
    ex = Extractor(Settings(use_llm=False))
    tp = fp = fn = react_ok = react_n = as_meds = nka_ok = 0
    for lab in labels:
        text = text_of(rows[lab["id"]], data_dir)
        rec = ex.extract(text, lab["id"])
        gold = {_key(substance_name(a["substance"])): a["reaction"] for a in lab["allergies"]}
        pred = {_key(a.substance): a.reaction for a in rec.allergies}
        hit = set(gold) & set(pred)
        tp += len(hit)
        fp += len(set(pred) - set(gold))
        fn += len(set(gold) - set(pred))
        for k in hit:
            if gold[k]:
                react_n += 1
                react_ok += bool(_words(gold[k]) & _words(pred[k]))
        bad = [m.name for m in rec.medications
               if _key(m.name) in gold and m.status in (None, "active", "new")]
        as_meds += len(bad)
        # a labelled allergy means the patient has a known one: NKA false, as the other sets'
        # labels write it ("NKA false" beside each allergy); these labels left it null
        want_nka = False if lab["allergies"] and lab["no_known_allergies"] is None \
            else lab["no_known_allergies"]
        nka_ok += rec.no_known_allergies == want_nka
        if "--show" in args and (set(gold) ^ set(pred) or bad
                                 or rec.no_known_allergies != want_nka):
            print(f"== {lab['id']}: gold {sorted(gold)} pred {pred} as-meds {bad} "
                  f"nka {rec.no_known_allergies}\n   {text[-300:]!r}")
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    print(f"units {len(labels)}  allergies P {p:.3f} R {r:.3f} ({tp}/{tp + fn}, {fp} false)  "
          f"reaction {react_ok}/{react_n}  allergens as active meds {as_meds}  "
          f"NKA right {nka_ok}/{len(labels)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
