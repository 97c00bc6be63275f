"""Draw the lay self-care probe 2 (issue 21, lay2): the patient's own words from ACI-bench dialogues.

    python eval/data/triage_real/draw_lay2.py show START N [--data ../shared/data]
    python eval/data/triage_real/draw_lay2.py score [--setting primary_care|self] [--misses]
    python eval/data/triage_real/draw_lay2.py --set lay3 show|score ...   (lay probe 3, below)

Why: the lay held-out third finds few self-care cases while dev finds most after tuning, so the
lay set's dev rows no longer measure lay self-care on new text. HealthBench's 104-conversation
subset is used up (every conversation is in ``selfcare_lay.jsonl``, ``probe_selfcare2_lay.tsv``
or read and not kept), so this probe takes the ACI-bench encounters no earlier set used
(``draw_selfcare2.seen_ids``, its lay probe and read-not-kept ids, and the ACI notes of the
extraction manifests) and presents the PATIENT turns of the dialogue (lay words, not the
clinician's HPI), joined, cut near 700 characters at a turn end. Seeded order (:data:`SEED`).
Labels (``selfcare_lay2_dev.tsv``) were set by reading each text with the ``dispositions.tsv``
conventions and NHS guidance (NHS page in ``rule``) BEFORE the triage path ran on them. Dev only.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw_selfcare2 as d2  # noqa: E402
import lay  # noqa: E402

SEED = "20261205-lay2"
PROBE = "selfcare_lay2_dev.tsv"
# Every set this script draws: (seed, probe file, how many of the seeded order its labeller read).
# lay3 (issue 21, lay emergencies): the same mechanics with its own seed. lay2 read every ACI encounter
# that :func:`seen` leaves, so ACI-bench has no never-read encounter left. lay3 therefore excludes by id
# every row and every read-not-kept id of the lay sets (selfcare_lay.jsonl, probe_selfcare2_lay.tsv,
# selfcare_lay2_dev.tsv and its 50 reads, draw_selfcare2.LAY_READ_NOT_USED) and every ACI note of an
# extraction held-out split, and keeps what is left: encounters read (not labelled, never scored or
# tuned on) by the probe_selfcare2_lay draw as "follow-up/referral" (draw_selfcare2.py comment) and the
# non-held-out ACI notes of the extraction manifests (clinician notes; the patient turns are new text).
SETS = {"lay2": ("20261205-lay2", "selfcare_lay2_dev.tsv"),
        "lay3": ("20261205-lay3", "probe_lay3_dev.tsv")}
LAY2_READ = 50
_PATIENT = re.compile(r"\[patient\]\s*(.*?)(?=\[(?:doctor|patient|patient_guest|guest_\w+)\]|$)", re.S)


#: extraction sets drawn after lay2 and lay3 (the told-reaction snippets of the ninth round of
#: 2026-12-05 reuse ACI-bench turns): left out, so the frozen draws stay as they were drawn
_DRAWN_AFTER = frozenset({"told",
                          # (allergy11) allergy snippets of 2026-12-06: ACI-bench turns too
                          "allergy11"})


def _manifests() -> list[str]:
    """The extraction manifests that existed when lay2 and lay3 were drawn."""
    return [m for m in sorted(glob.glob(str(HERE.parent / "extraction" / "**" / "manifest.jsonl"),
                                        recursive=True))
            if Path(m).parent.name not in _DRAWN_AFTER]


def seen() -> set[str]:
    """Every ACI/HealthBench id an earlier set used or read (ids only; no held-out text is read)."""
    ids = d2.seen_ids() | d2.LAY_READ_NOT_USED | {r["id"] for r in d2.read_tsv(d2.LAY_PROBE)}
    src = (HERE / "draw_selfcare2.py").read_text(encoding="utf-8")
    ids |= set(re.findall(r"hb-[0-9a-f]{8}", src))
    for blk in re.findall(r"\(aci-D2N[^)]*\)", src):  # "aci-D2N031, -177, ..." lists
        ids |= {f"aci-D2N{n}" for n in re.findall(r"(?:D2N|-)(\d{3})", blk)}
    for man in _manifests():
        for line in Path(man).read_text(encoding="utf-8").splitlines():
            m = re.search(r"(D2N\d{3})", json.loads(line).get("id", "") + json.loads(line).get("source_id", ""))
            if m:
                ids.add(f"aci-{m.group(1)}")
    return ids


def patient_words(dialogue: str, limit: int = 700) -> str:
    """The patient's turns joined, cut at the last whole turn before ``limit`` characters."""
    out: list[str] = []
    for turn in _PATIENT.findall(dialogue):
        turn = " ".join(turn.split())
        if out and sum(len(t) + 1 for t in out) + len(turn) > limit:
            break
        out.append(turn)
    return " ".join(out)[: limit + 200]


def lay2_read(data: Path) -> set[str]:
    """Ids lay2 read (its first :data:`LAY2_READ` candidates) and every id its TSV names."""
    ids = {k for k, _s, _t in candidates(data, "lay2")[:LAY2_READ]}
    src = (HERE / SETS["lay2"][1]).read_text(encoding="utf-8")
    ids |= {f"aci-D2N{n}" for blk in re.findall(r"aci-D2N[\d, -]+", src)
            for n in re.findall(r"(\d{3})", blk)}
    return ids


def lay3_skip(data: Path) -> set[str]:
    """Ids lay3 may not draw: every lay set's rows and reads, and extraction held-out ACI notes."""
    ids = set(d2.LAY_READ_NOT_USED) | {r["id"] for r in d2.read_tsv(d2.LAY_PROBE)} | lay2_read(data)
    ids |= {r["id"] for r in d2.draw.read_jsonl(HERE / "selfcare_lay.jsonl")}
    for man in _manifests():
        for line in Path(man).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            m = re.search(r"(D2N\d{3})", row.get("id", "") + row.get("source_id", ""))
            if m and row.get("split") == "heldout":
                ids.add(f"aci-{m.group(1)}")
    return ids


def candidates(data: Path, which: str = "lay2") -> list[tuple[str, str, str]]:
    """(id, source, patient text) of unused ACI-bench encounters, in the seeded order of set ``which``."""
    skip = seen() if which == "lay2" else lay3_skip(data)
    out = []
    for name in lay.ACI_FILES:
        with (data / "aci_bench" / name).open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                key = f"aci-{r['encounter_id']}"
                if key not in skip:
                    out.append((key, f"aci_bench/{name}", patient_words(r["dialogue"])))
    out.sort()
    random.Random(SETS[which][0]).shuffle(out)
    return out


def score(data: Path, setting: str, misses: bool, which: str = "lay2") -> None:
    """Run the triage path (LLM off) on the labelled probe in ``setting`` and print the rates."""
    from assistant.config import load_settings
    from assistant.runtime import Runtime
    from eval.triage_real import ACUITY_TO_DISPOSITION, disposition_rates

    rows = d2.read_tsv(SETS[which][1])
    text = {k: t for k, _s, t in candidates(data, which)}
    triager = Runtime(load_settings(None, {"use_llm": False})).triager
    gold: list[str] = []
    pred: list[str] = []
    for r in rows:
        rec = triager.triage({"id": r["id"], "text": text[r["id"]], "setting": setting})
        p = ACUITY_TO_DISPOSITION[rec.acuity] if rec.acuity is not None else "non_emergency"
        gold.append(r["disposition"])
        pred.append(p)
        if p != r["disposition"] or not misses:
            flag = "" if p == r["disposition"] else "  <- miss"
            print(f"{r['id']}: gold {r['disposition']}, predicted {p} "
                  f"({rec.condition or '-'}; red flags {rec.red_flags}){flag}")
    rates = disposition_rates(gold, pred)
    print(setting, " ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                            for k, v in rates.items()))


def main() -> None:
    """CLI."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["show", "score"])
    ap.add_argument("start", type=int, nargs="?", default=0)
    ap.add_argument("n", type=int, nargs="?", default=50)
    ap.add_argument("--setting", default="primary_care")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--data", type=Path, default=lay.DATA)
    ap.add_argument("--set", dest="which", choices=sorted(SETS), default="lay2",
                    help="which probe (seed and label file); default lay2")
    a = ap.parse_args()
    if a.command == "score":
        score(a.data, a.setting, a.misses, a.which)
        return
    for i, (key, _src, text) in enumerate(candidates(a.data, a.which)[a.start:a.start + a.n], a.start):
        print(f"--- {i} {key}\n{text}\n")


if __name__ == "__main__":
    main()
