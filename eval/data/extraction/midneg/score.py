"""Score problem statuses on the midneg probe (labels.tsv, hand-labelled before any run).

    PYTHONPATH=. python eval/data/extraction/midneg/score.py [-v]

Each sentence is extracted with its preceding sentence as context (context + " " + sentence,
rules only). A label names a phrase of the sentence (its first occurrence) and the accepted
statuses; the problems whose span overlaps the phrase are compared: correct when every one of
them has an accepted status. No problem there: "unread" (correct only for "!absent").
"!absent": no problem there reported absent. Prints correct / labelled, the unread count and
the status accuracy of the labels with a problem read there (the scope rules' own figure),
and the same per label kind (absent / !absent / present or other).
"""
import json
import pathlib
import sys

from assistant.config import Settings
from assistant.extract.pipeline import Extractor

HERE = pathlib.Path(__file__).parent


def main() -> None:
    verbose = "-v" in sys.argv
    sents = {json.loads(x)["sid"]: json.loads(x)
             for x in (HERE / "sentences.jsonl").read_text().splitlines()}
    labels = [ln.rstrip("\n").split("\t") for ln in (HERE / "labels.tsv").read_text().splitlines()
              if ln.strip() and not ln.startswith("#")]
    ex = Extractor(Settings(use_llm=False))
    cache: dict[str, tuple[str, int, list]] = {}
    ok = unread = read_ok = 0
    by: dict[str, list[int]] = {}
    for sid, phrase, acc in labels:
        if sid not in cache:
            c = sents[sid]
            text = (c["context"] + " " + c["sentence"]).strip() if c["context"] else c["sentence"]
            off = text.rfind(c["sentence"])
            r = ex.extract(text, sid).model_dump(mode="json")
            cache[sid] = (text, off, r["problems"])
        text, off, probs = cache[sid]
        s = text.index(phrase, off)
        e = s + len(phrase)
        hits = [p for p in probs if p.get("span") and p["span"][0] < e and s < p["span"][1]]
        got = [p["status"] for p in hits]
        if acc == "!absent":
            good = "absent" not in got
        else:
            good = bool(got) and all(g in acc.split("|") for g in got)
        if not hits:
            unread += 1
        else:
            read_ok += good
        ok += good
        kind = acc if acc in ('absent', '!absent') else 'present/other'
        by.setdefault(kind, [0, 0, 0])
        by[kind][0] += good
        by[kind][1] += 1
        by[kind][2] += not hits
        if verbose and not good:
            print(f"MISS {sid} {phrase!r}: want {acc} got {[(p['text'], p['status']) for p in hits]}")
    read = len(labels) - unread
    print(f"midneg status {ok}/{len(labels)} = {ok / len(labels):.3f} (unread {unread}); "
          f"of the read ones {read_ok}/{read} = {read_ok / max(1, read):.3f}")
    for kind, (g, n, u) in sorted(by.items()):
        print(f"  labelled {kind}: {g}/{n} right (unread {u})")


if __name__ == "__main__":
    main()
