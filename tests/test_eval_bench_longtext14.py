"""eval/bench_longtext: the worst-case inputs it builds (timing itself is the benchmark's job)."""

from __future__ import annotations

from eval import bench, bench_longtext


def test_longtext_is_a_listed_benchmark() -> None:
    assert "longtext" in bench.available()


def test_repeat_builds_unpunctuated_text_of_the_asked_length() -> None:
    # "ab" + " " repeated, cut at 5 characters: "ab ab"
    assert bench_longtext._repeat("ab", 5) == "ab ab"
    text = bench_longtext._repeat("my dog had a fit", 19_990)
    assert len(text) == 19_990
    assert "." not in text and "," not in text


def test_phrases_name_the_previously_slow_rules() -> None:
    assert "my dog had a fit" in bench_longtext.TRIAGE_PHRASES
    assert "face and arm numb yesterday" in bench_longtext.TRIAGE_PHRASES
    assert all(len(p) < 120 for p in bench_longtext.EXTRACT_PHRASES)
