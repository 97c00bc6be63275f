"""Issue 16, probe15 (a measurement round): the one class fixed after it was scored.

A plan that introduces the usual drugs as a list ("discharged home to continue her previous home
medications, which are: 1. Actos 45 mg a day ...") read every drug as new; they go on (active),
except an item that says it was added or started. Fails on 22805df; the last case is a guard.
"""

from __future__ import annotations

import pytest
from extract_readers import meds


@pytest.mark.parametrize("text", [
    "PLAN:\nThe patient is discharged home to continue her previous home medications, which are:\n"
    "1. Actos 45 mg a day.\n2. Famotidine 20 mg p.o. b.i.d.\n3. Norvasc 5 mg was added.\n",
    # the comma-for-newline form of the same note
    "PLAN: , The patient is discharged home to continue her previous home medications, which are:,"
    "1.  Actos 45 mg a day.,2.  Famotidine 20 mg p.o. b.i.d.,3.  Norvasc 5 mg was added.",
])
def test_a_continued_usual_list_goes_on(extractor, text: str) -> None:  # noqa: ANN001
    assert meds(extractor, text) == {"pioglitazone": "active", "famotidine": "active",
                                     "amlodipine": "new"}


def test_a_plan_list_without_the_introduction_guard(extractor) -> None:  # noqa: ANN001
    text = "PLAN:\n1. Actos 45 mg a day.\n2. Famotidine 20 mg p.o. b.i.d.\n"
    assert meds(extractor, text) == {"pioglitazone": "new", "famotidine": "new"}
