"""Shared scorer of the sentence-level problem-status probes (negscope, midneg).

Each sentence of a probe folder's ``sentences.jsonl`` is extracted with its preceding sentence
as context (context + " " + sentence, rules only). A label of ``labels.tsv`` names a phrase of
the sentence (its first occurrence) and the accepted statuses; the problems whose span overlaps
the phrase are compared: correct when every one of them has an accepted status. No problem
there: "unread" (correct only for "!absent"). "!absent": no problem there reported absent.
"""
from __future__ import annotations

import json
import pathlib

from assistant.config import Settings
from assistant.extract.pipeline import Extractor


def score(folder: pathlib.Path, name: str, verbose: bool = False, by_kind: bool = False) -> None:
    """Print correct / labelled, the unread count and the status accuracy of the labels with a
    problem read there (the scope rules' own figure); with ``by_kind`` the same per label kind
    (absent / !absent / present or other)."""
    sents = {json.loads(x)["sid"]: json.loads(x)
             for x in (folder / "sentences.jsonl").read_text().splitlines()}
    labels = [ln.rstrip("\n").split("\t") for ln in (folder / "labels.tsv").read_text().splitlines()
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
        kind = acc if acc in ("absent", "!absent") else "present/other"
        row = by.setdefault(kind, [0, 0, 0])
        row[0] += good
        row[1] += 1
        row[2] += not hits
        if verbose and not good:
            print(f"MISS {sid} {phrase!r}: want {acc} got {[(p['text'], p['status']) for p in hits]}")
    read = len(labels) - unread
    print(f"{name} status {ok}/{len(labels)} = {ok / len(labels):.3f} (unread {unread}); "
          f"of the read ones {read_ok}/{read} = {read_ok / max(1, read):.3f}")
    if by_kind:
        for kind, (g, n, u) in sorted(by.items()):
            print(f"  labelled {kind}: {g}/{n} right (unread {u})")
