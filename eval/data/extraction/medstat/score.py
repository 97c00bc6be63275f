"""Score medication status on the medstat probe (labels.tsv, hand-labelled before any run).

    PYTHONPATH=. python eval/data/extraction/medstat/score.py [-v]

Each sentence is extracted with its preceding sentence as context (context + " " + sentence,
as adjacent in the note; rule-based, no LLM). For each labelled drug the status of the
reported medication of that name (its final, merged entry) is compared with the accepted
statuses; "-" accepts no entry or a null status. Prints accuracy and, with -v, each miss.
"""
import json
import pathlib
import re
import sys

from assistant.config import Settings
from assistant.extract.pipeline import Extractor

HERE = pathlib.Path(__file__).parent


def _key(name: str) -> str:
    """A drug name compared without case and with "-", "/" and spaces alike (the dictionary
    writes "hydrocodone-acetaminophen", the output "hydrocodone/acetaminophen")."""
    return re.sub(r"[\s/-]+", " ", name.lower()).strip()


def main() -> None:
    verbose = "-v" in sys.argv
    sents = {json.loads(x)["sid"]: json.loads(x) for x in (HERE / "sentences.jsonl").read_text().splitlines()}
    labels = [ln.rstrip("\n").split("\t") for ln in (HERE / "labels.tsv").read_text().splitlines()
              if ln.strip() and not ln.startswith("#")]
    ex = Extractor(Settings(use_llm=False))
    cache: dict[str, dict[str, str | None]] = {}
    ok = 0
    for sid, drug, acc in labels:
        if sid not in cache:
            c = sents[sid]
            text = (c["context"] + " " + c["sentence"]).strip()
            r = ex.extract(text, sid).model_dump(mode="json")
            cache[sid] = {_key(m["name"]): m.get("status") for m in r["medications"]}
        meds = cache[sid]
        got = meds.get(_key(drug), "ABSENT")
        accepted = acc.split("|")
        good = got in accepted or ("-" in accepted and got in ("ABSENT", None))
        ok += good
        if verbose and not good:
            print(f"MISS {sid} {drug}: want {acc} got {got} | {sents[sid]['sentence'][:150]!r}")
    print(f"medstat accuracy {ok}/{len(labels)} = {ok / len(labels):.3f}")


if __name__ == "__main__":
    main()
