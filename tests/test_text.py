"""The three sentence splitters of assistant.text, each on the kind of text it is for."""

from __future__ import annotations

from assistant.text import STREAM_SENTENCE_END, note_sentence_spans, split_abstract_sentences


def test_abstract_sentences_need_a_capital_after_the_stop() -> None:
    text = "Mortality fell (p < 0.05 vs. placebo). [Limits] were noted. e.g. small trial."
    assert split_abstract_sentences(text) == [
        "Mortality fell (p < 0.05 vs. placebo).", "[Limits] were noted. e.g. small trial."]


def test_note_spans_cut_lines_headers_and_semicolons() -> None:
    text = "Dr. Lee saw pt. HPI: cough; no fever\n- aspirin 81 mg"
    assert [text[s:e] for s, e in note_sentence_spans(text)] == [
        "Dr. Lee saw pt.", "HPI: cough", "no fever", "- aspirin 81 mg"]


def test_stream_split_keeps_the_unfinished_tail_last() -> None:
    buf = "Yes, it helps [PMID:1] Mortality fell. It is not cle"
    assert STREAM_SENTENCE_END.split(buf) == [
        "Yes, it helps [PMID:1]", "Mortality fell.", "It is not cle"]
