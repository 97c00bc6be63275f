"""What an allergy list says the patient takes (issue 16): "Ibuprofen makes her stomach hurt,
so she uses Tylenol" names ibuprofen as the allergen and Tylenol as a drug taken instead, a
medication, never an allergen. One clause form, read by the allergy list reader (the clause
ends the list) and by the medication reader (the drug in it is a medication taken).
"""

from __future__ import annotations

import re

#: The clause: an optional joining word ("so", "and", "instead", "therefore"), the patient as
#: its subject (or none: "so uses Tylenol"), adverbs, a verb of taking.
_TAKEN_LEAD = (r"(?:(?:so|and|therefore|thus|hence|instead|which\s+is\s+why)\s*,?\s+)*"
               r"(?:(?:she|he|they|the\s+patient|patient|pt)\s+)?"
               r"(?:(?:now|still|only|instead|just|usually|generally|typically|currently|does|do|"
               r"can|will|has\s+to|therefore|so)\s+)*"
               r"(?:takes|uses|is\s+(?:taking|using|on)|tolerates|prefers|switched\s+to|"
               r"substitutes)\b")
#: an allergy-list item that is such a clause (it opens the item)
_TAKEN_ITEM = re.compile(r"\s*" + _TAKEN_LEAD, re.IGNORECASE)
#: the clause right before a drug, from the item's start (a comma, ";", "(" or the line start)
_TAKEN_BEFORE = re.compile(r"(?:^|[,;(]|\.\s)\s*" + _TAKEN_LEAD
                           + r"\s+(?:(?:her|his|their|the|some|plain|regular|over-the-counter|"
                             r"otc)\s+)?$", re.IGNORECASE | re.MULTILINE)


def taken_item(item: str) -> bool:
    """Whether an allergy-list item is a clause saying what the patient takes ("so she uses
    Tylenol", "she takes Tylenol instead"): no allergen in it."""
    return _TAKEN_ITEM.match(item) is not None


def taken_in_list(text: str, start: int) -> bool:
    """Whether the drug at ``start`` is the object of such a clause in its line ("Ibuprofen
    makes her stomach hurt, so she uses Tylenol": Tylenol), a medication taken."""
    line_start = text.rfind("\n", 0, start) + 1
    return _TAKEN_BEFORE.search(text[max(line_start, start - 80):start]) is not None
