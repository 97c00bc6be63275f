"""Triage metamorphic round 12 (issue 21): a list sentence wrapped over lines.

``eval/triage_metamorphic.py`` (transform ``commas_to_lines``) lost self-care on 7 dev cases
when a comma list was written one item a line: every negation reader stops at a line break,
so in "He denies any recent travel\\nsexual contacts\\nfever\\ndysuria\\nor diarrhea." the
items after the first line read as present (fever -> not self-care). The class:
``normalise.rejoin_wrapped_lists`` rejoins a break with ", " only when the line before it ends
in a word and the lines after it start in lower case up to a line that starts with the list's
closing conjunction (and / or / nor / but). The triager also keeps every red flag and floor of
the text as written, and its knowledge-base entry when that is emergency or urgent
(``triager._with_written_floors``): a rejoin never lowers a level below the as-written reading.

Levels are (primary_care, self, ed), hand-computed: the wrapped text must read exactly as its
comma form (bedwetting, threadworms and non-specific low back pain are self-care knowledge-base
entries: 5 in primary care and self, the ED's own estimate 4 or 5); where the text as written
fires a red flag (chest pain alone on a line: 3; crushing chest pain: cardiac features, 2) or an
emergency entry, that level is kept.
"""

from __future__ import annotations

import pytest
from triage_readers import levels_and_flags  # same folder

from assistant.triage.normalise import rejoin_wrapped_lists

CARDIAC = "chest pain with cardiac features"


@pytest.mark.parametrize("text,expected", [
    ("denies fever\nsick contacts\ncough\nor diarrhea.", "denies fever, sick contacts, cough, or diarrhea."),
    ("He denies numbness\nand any problems with his bladder.",
     "He denies numbness, and any problems with his bladder."),
    ("she thought it was acne\nbut it itched", "she thought it was acne, but it itched"),
    # near misses: no closing conjunction, punctuation before the break, a capital line
    ("chest pain\nshortness of breath\nsweating", "chest pain\nshortness of breath\nsweating"),
    ("no fever.\nand chest pain", "no fever.\nand chest pain"),
    ("no fever\nCough\nand chest pain", "no fever\nCough, and chest pain"),
    ("no fever\n\nor cough", "no fever\n\nor cough"),
])
def test_rejoin_wrapped_lists(text: str, expected: str) -> None:
    assert rejoin_wrapped_lists(text) == expected


_BED = ("A 7-year-old boy is brought in for frequent bed wetting during the night. He is dry "
        "during the day. There is no history of urinary tract infections{s}urgency{s}frequency"
        "{s}or hesitancy. His examination is normal.")
_WORM = ("A 25-year-old man has several weeks of intense itching around his anus. He denies any "
         "recent travel{s}sexual contacts{s}fever{s}dysuria{s}or diarrhea. The scotch tape test "
         "is positive.")
_BACK = ("He presents with back pain 5 days after pushing a fridge. Pain on bending over. Tylenol "
         "and ibuprofen give relief. He denies numbness and tingling in his legs{s}and any "
         "problems with his bladder or bowels.")


@pytest.mark.parametrize("template,expected,wrapped_ed", [
    (_BED, (5, 5, 4), 4),    # before: wrapped (4, 4, 4)
    # rr12: in the ED the learned estimate of the text as written (4) is kept when more
    # urgent than the rejoined one (5): the rejoin never lowers the learned level either
    (_WORM, (5, 5, 5), 4),   # before: wrapped (4, 4, 4)
    (_BACK, (5, 5, 4), 4),   # before: wrapped (4, 4, 4)
])
def test_wrapped_list_reads_as_comma_list(triager, template: str, expected,
                                          wrapped_ed: int) -> None:
    commas = levels_and_flags(triager, template.format(s=", "))
    wrapped = levels_and_flags(triager, template.format(s="\n"))
    assert commas == (expected, [])
    assert wrapped == ((*expected[:2], wrapped_ed), [])


@pytest.mark.parametrize("text,expected,flag", [
    # the as-written reading fires chest pain on its own line: kept (never self-care)
    ("I have sneezing and itchy eyes every spring. I have no fever\ncough\nor chest pain.",
     (3, 3, 3), "chest pain"),
    ("She denies fever\ncrushing chest pain\nor cough.", (2, 2, 2), CARDIAC),
    # not rejoined at all (no closing conjunction / a full stop before the break)
    ("I have a cold. no fever\ncrushing chest pain", (2, 2, 2), CARDIAC),
    ("I have a cold. no fever.\nand crushing chest pain", (2, 2, 2), CARDIAC),
    ("I have sneezing and itchy eyes every spring. I have no fever\nchest pain\n"
     "shortness of breath", (2, 2, 2), CARDIAC),
])
def test_wrapped_list_keeps_red_flags_as_written(triager, text: str, expected, flag) -> None:
    levels, flags = levels_and_flags(triager, text)
    assert levels == expected
    assert flag in flags


def test_wrapped_list_keeps_emergency_entry_as_written(triager) -> None:
    # "blood in his poo" alone on a line reads as GI bleeding as written: the urgent/emergency
    # knowledge-base entry of the text as written stays a floor (not self-care)
    text = ("My 8 week old baby brings up milk after feeds and settles quickly. I deny diarrhoea\n"
            "blood in his poo\nor a family history of allergies.")
    assert levels_and_flags(triager, text) == ((3, 3, 2), [])
