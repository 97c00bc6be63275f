"""Speed paths of the rules extractor give the same answers as the slow paths (issue 16:
rules-only throughput): ConText's matcher skip, the cached drug-name scan, the _term memo."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.clinical.context import (
    AssertionEngine,
    _may_match,
    _skip_pattern_validation,
    get_engine,
)
from assistant.clinical.drug_names import find_names

# sentences with and without triggers; a trigger word as the last word, inside a list, in a
# different case, and words that are only part of a multi-word trigger ("rule" without "out")
SENTENCES = [
    ("The patient has a mild headache in the morning.", "headache"),
    ("No chest pain.", "chest pain"),
    ("Chest pain, NOT radiating.", "Chest pain"),
    ("Headache which has since resolved.", "Headache"),
    ("Mother has diabetes.", "diabetes"),
    ("Fever and cough for two days, rule the weather out.", "cough"),
    ("Cough ruled out", "Cough"),
    ("History of asthma.", "asthma"),
    ("Rash on arms and legs, itchy.", "Rash"),
    ("Pneumonia 2 years ago.", "Pneumonia"),
    ("Abdomen: soft, nontender, nondistended.", "nontender"),
    ("Possible appendicitis.", "appendicitis"),
]


@pytest.fixture(scope="module")
def engine() -> AssertionEngine:
    return get_engine()


def test_every_extended_rule_needs_words(engine: AssertionEngine) -> None:
    # None would switch the skip off for every sentence (the speed path silently lost)
    assert engine._needs is not None and len(engine._needs) > 150


def test_may_match_pins(engine: AssertionEngine) -> None:
    assert not _may_match(engine._needs, engine.nlp("The patient has a mild headache."))
    assert _may_match(engine._needs, engine.nlp("No chest pain."))
    # "and" alone (the "and he" terminator needs a pronoun after it) is no trigger
    assert not _may_match(engine._needs, engine.nlp("Rash on arms and legs."))


def test_skip_gives_the_matcher_answers(engine: AssertionEngine) -> None:
    always = dataclasses.replace(engine)  # a second engine, matcher run on every sentence
    always._needs = None
    for sentence, target in SENTENCES:
        start = sentence.index(target)
        span = [(start, start + len(target))]
        assert engine.classify_detail(sentence, span) == always.classify_detail(sentence, span), \
            sentence
    start = SENTENCES[0][0].index("headache")
    assert engine.classify_detail(SENTENCES[0][0], [(start, start + 8)]) == [("present", "")]
    assert engine.classify(SENTENCES[1][0], [(3, 13)]) == ["absent"]


def test_find_names_cache_returns_fresh_lists() -> None:
    first = find_names("Lasix 40 mg daily and lisinopril 10 mg daily.")
    assert [d.name for d in first] == ["furosemide", "lisinopril"]
    first.clear()
    assert [d.name for d in find_names("Lasix 40 mg daily and lisinopril 10 mg daily.")] == \
        ["furosemide", "lisinopril"]


def test_stem_suffix_precheck_keeps_stem_reading() -> None:
    # "zorbapril" is in no dictionary: read from its -pril stem before a dose
    names = find_names("Started zorbapril 5 mg daily.")
    assert [(d.name, d.from_stem) for d in names] == [("zorbapril", True)]


def test_term_memo_same_answers_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.clinical.vocabulary as vocabulary

    vocab = vocabulary.get_vocabulary()
    text = "Chest pain and shortness of breath; murmurs and renal calculi. No chest pain."
    first = [(m.concept.name, m.start, m.end) for m in vocab.find(text)]
    assert ("chest pain", 0, 10) in first and first.count(("chest pain", 0, 10)) == 1
    assert vocab.find(text) == vocab.find(text)
    monkeypatch.setattr(vocabulary, "_TERM_MEMO_SIZE", 2)  # cleared on nearly every call
    monkeypatch.setattr(vocab, "_term_memo", {})  # (all answers were kept: start empty)
    assert [(m.concept.name, m.start, m.end) for m in vocab.find(text)] == first
    assert len(vocab._term_memo) <= 4  # the bound, plus a plural's own lookups


def test_named_allergy_matches_equal_a_full_scan() -> None:
    # the windowed search must give exactly the matches of scanning the whole note (it looks
    # 200 characters back: two words of any length a note holds; all 4,999 MTSamples notes
    # give the same matches both ways)
    from assistant.clinical import allergies as A

    texts = [
        "History of penicillin allergy. Sulfa intolerance - rash.",
        "PCN allergy - hives. Bactrim - anaphylaxis. No latex allergy.",
        "word " * 60 + "codeine allergy allergy testing negative; egg allergies",
        "Seasonal allergies. " + "word " * 80 + "shellfish allergy",
        "Allergy to aspirin. allergy",
    ]
    for text in texts:
        full = [(m.span(), m.group("d")) for m in A._NAMED.finditer(text)]
        assert [(m.span(), m.group("d")) for m in A._named_matches(text)] == full
    assert [m.group("d") for m in A._named_matches(texts[0])] == ["of penicillin", "Sulfa"]


def test_subset_context_gives_the_full_matcher_answers(engine: AssertionEngine) -> None:
    # each sentence runs ConText with only the rules its words allow, the ConText kept per
    # rule subset: in any order and on a second reading (a kept subset reused), the statuses
    # are the full rule set's
    full = dataclasses.replace(engine)
    full._needs = None  # the full ConText on every sentence
    spans = [(s, [(s.index(t), s.index(t) + len(t))]) for s, t in SENTENCES]
    expected = [full.classify_detail(s, sp) for s, sp in spans]
    fresh = dataclasses.replace(engine)
    for order in (spans, spans[::-1], spans):
        got = {s: fresh.classify_detail(s, sp) for s, sp in order}
        assert [got[s] for s, _ in spans] == expected
    assert fresh._subset_contexts  # the subset path was taken
    assert [("absent", "")] in expected and [("present", "")] in expected


def test_subset_contexts_skip_pattern_validation(engine: AssertionEngine) -> None:
    # speed (issue 16): a subset ConText's token matcher does not re-check the patterns the
    # full rule set checked once; the full ConText keeps spaCy's check
    def token_matcher(context: object) -> object:
        return context._ConText__matcher._MedspacyMatcher__matcher  # type: ignore[attr-defined]

    fresh = dataclasses.replace(engine)
    fresh._subset_contexts = {}
    for sentence, target in SENTENCES:
        start = sentence.index(target)
        fresh.classify_detail(sentence, [(start, start + len(target))])
    assert fresh._subset_contexts
    assert all(token_matcher(c).validate is False for c in fresh._subset_contexts.values())
    assert token_matcher(engine.context).validate is True
    _skip_pattern_validation(object())  # another medspaCy (no such attributes): no error


def test_word_memo_same_answers_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.clinical.vocabulary as vocabulary

    vocab = vocabulary.get_vocabulary()
    # a word and its other-case or plural form must not share one memo entry wrongly
    text = "CHEST PAIN, chest pain; Diverticula. renal calculi, Murmurs and vomitting."
    monkeypatch.setattr(vocab, "_word_memo", {})
    first = [(m.concept.name, m.start, m.end) for m in vocab.find(text)]
    assert [n for n, _, _ in first][:2] == ["chest pain", "chest pain"]
    vocab.find("Pain in the chest. chest. CHEST. calculi diverticula")
    assert [(m.concept.name, m.start, m.end) for m in vocab.find(text)] == first
    monkeypatch.setattr(vocabulary, "_TERM_MEMO_SIZE", 3)  # cleared on every call
    assert [(m.concept.name, m.start, m.end) for m in vocab.find(text)] == first
    assert len(vocab._word_memo) <= 20  # one call's words at most


def test_folded_vitals_and_anaphor_cues_match_as_the_patterns() -> None:
    # speed (issue 16): vitals' rate / temperature / SpO2 readers and med_status's pronoun
    # cues scan the lower-cased note (fold_re): the same matches as the patterns themselves
    from assistant.clinical import med_status, vitals
    from assistant.fold_re import FoldedPattern

    pats = [vitals._HR, vitals._RR, vitals._TEMP, vitals._SPO2, vitals._SPO2_BEFORE]
    pats += [rx for rx, _ in med_status._ANAPHOR_CUES]
    assert all(isinstance(p, FoldedPattern) for p in pats)
    texts = [
        "VITALS: BP 120/80, HR 88, RR 16, T 98.6 F, O2 sat 97% on RA. P 72 R 20 T 37.2C",
        "HEART RATE 110 bpm, Resp. rate 22, TEMPERATURE 101.2, SpO2 94 percent, 95% O2 sat.",
        "pulse 100 mg of metoprolol; hr 12 units; Pulse rate 64/min",
        "Coumadin was held. It was STOPPED last week; she restarted it on her own.",
        "He stopped taking these medications; they were later resumed. Hold it if SBP < 100.",
        "She still takes it anyway. not stopped it; Avoid these drugs.",
        "Temp 38.5 °C, pulse 90 – sats 93% on 2 L NC; it was discontinued",  # non-ASCII
        "P 80 (Pulse) p 80 t 37 R 18 r 18",
    ]
    for p in pats:
        for text in texts:
            want = [(m.span(), m.groups()) for m in p.ci.finditer(text)]
            assert [(m.span(), m.groups()) for m in p.finditer(text)] == want, (p.pattern, text)
    assert any(vitals._HR.finditer(texts[0])) and any(med_status._ANAPHOR_CUES[0][0].finditer(
        texts[3]))


def _collapse_ws_slow(text: str) -> tuple[str, list[int]]:
    # the character loop of context._collapse_ws without its no-run fast path
    out: list[str] = []
    index: list[int] = []
    prev_space = False
    for ch in text:
        if ch.isspace():
            index.append(len(out) - 1 if prev_space else len(out))
            if not prev_space:
                out.append(" ")
            prev_space = True
        else:
            index.append(len(out))
            out.append(ch)
            prev_space = False
    index.append(len(out))
    return "".join(out), index


def test_collapse_ws_fast_path_same_as_the_loop() -> None:
    import re

    from assistant.clinical.context import _collapse_ws

    # the fast path's test reads whitespace as str.isspace does, for every character
    chars = "".join(map(chr, range(0x110000)))
    assert re.findall(r"\s", chars) == [c for c in chars if c.isspace()]
    texts = ["No chest pain.", "No  chest pain.", "No\tchest pain", "a\nb", "a \n b", " lead",
             "trail ", "", " ", "x\u00a0y", "x\u2009y", "x\x1cy", "Abdomen: soft,  nontender.",
             "one two three four"]
    for text in texts:
        assert _collapse_ws(text) == _collapse_ws_slow(text), repr(text)
    assert _collapse_ws("a b") == ("a b", [0, 1, 2, 3])
    assert _collapse_ws("a  b") == ("a b", [0, 1, 1, 2, 3])  # the run's second space: index 1


ANAPHOR_TEXTS = [
    "Coumadin was held. It was STOPPED last week; she restarted it on her own.",
    "Lasix 40 mg daily. They were then discontinued. It has been put on hold.",
    "Aspirin: it was tapered off. It was withdrawn. They were d/c'd. It was D/Cd.",
    "He stopped taking these medications; they were later resumed. Hold it if SBP < 100.",
    "She quit it. He ceased them. Was taken off it. Came off of it. Comes off them.",
    "Holding it today. Avoided them. Withheld it. Withholding these drugs.",
    "Re-started it. Restart them. Resume it. It was then re-started. They have been resumed.",
    "Allopurinol gives her a rash; she takes it anyway. Still uses them. Uses it regardless.",
    "Metformin 500 mg. It was not stopped, did not discontinue it, wants to restart it.",
    "Coumadin was HELD; IT WAS RESUMED.",
    "Prednisone was stopped. \u017ftopped it.",  # non-ASCII: every cue is scanned
    "Lisinopril 10 mg daily; no change. It is taken with food.",
]


def test_anaphor_cue_words_guard_gives_the_full_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    # speed (issue 16): a pronoun cue is scanned only when one of its verb words is in the
    # note; every cue match holds one of its words, and the cues read are those of a scan of
    # every cue
    from assistant.clinical import med_status as M

    for (rx, _), words in zip(M._ANAPHOR_CUES, M._ANAPHOR_CUE_WORDS, strict=True):
        for text in filter(str.isascii, ANAPHOR_TEXTS):
            for m in rx.finditer(text):
                assert any(w in m.group(0).lower() for w in words), (m.group(0), words)
    guarded = [M.anaphoric_cues(text) for text in ANAPHOR_TEXTS]
    monkeypatch.setattr(M, "_ANAPHOR_CUE_WORDS", [("",)] * len(M._ANAPHOR_CUES))
    assert [M.anaphoric_cues(text) for text in ANAPHOR_TEXTS] == guarded
    assert sum(map(len, guarded)) >= 15  # the texts do hold cues of each kind
    assert {c[2] for cues in guarded for c in cues} >= {"discontinued", "held", "active",
                                                         "anyway"}
    assert M.anaphoric_cues(ANAPHOR_TEXTS[-1]) == []  # no cue verb: nothing scanned or read
    # the long s reads as "s" case-insensitively: a non-ASCII note is scanned for every cue
    assert [c[2] for c in M.anaphoric_cues(ANAPHOR_TEXTS[-2])] == ["discontinued"]


def test_mse_noun_words_guard_gives_the_full_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    # speed (issue 16): a note without an MSE noun is not scanned for MSE findings; every match
    # holds a noun word, and the findings are those of a scan of every note
    from assistant.clinical import findings_mse as M

    texts = ["Affect was restricted. Speech was pressured. Thoughts remained tangential.",
             "Insight into her illness remained impaired. JUDGEMENT IS POOR. Judgment poor.",
             "Mood remained anxious; increasing mood lability; emotional instability.",
             "Restricted affect, labile mood, pressured speech, tangential thought process.",
             "Affective lability noted. Mood: euthymic.",
             "Chest pain was restricted to exertion. Function is impaired.",  # no MSE noun
             "A\u0066fect was restricted \u2013 mood is labile."]  # non-ASCII: scanned
    for text in filter(str.isascii, texts):
        for rx in (M._PREDICATE, M._NOMINAL):
            for m in rx.finditer(text):
                assert any(w in m.group(0).lower() for w in M._NOUN_WORDS), m.group(0)
    guarded = [M.mse_findings(text) for text in texts]
    monkeypatch.setattr(M, "_NOUN_WORDS", ("",))
    assert [M.mse_findings(text) for text in texts] == guarded
    assert all(guarded[:5]) and guarded[5] == [] and len(guarded[6]) == 2
