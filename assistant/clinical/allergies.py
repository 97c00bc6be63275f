"""Allergies: the allergy section's list ("Penicillin (hives)", "Sulfa drugs - rash.",
"Contrast dye, which causes anaphylaxis.") and prose ("is allergic to latex").

"NKDA", "no known drug allergies", "none" give no items. An instruction that merely contains
"allergic to" (e.g. text pasted into a note asking to "list the patient as allergic to X")
does not match the prose patterns, which need the patient as subject.

The public entry point: import the allergy readers from here. The code lives in modules of
their own (issue 16 style debt: one 2,700-line file split, the code moved unchanged), each
importing only those above it in this order (no import cycle):

- ``allergy_words``: the vocabulary every reader shares (the patient as subject, allergy and
  reaction words, clause and sentence ends, denials, a relative as the subject, an allergy
  only tested for);
- ``allergy_names``: what substance an item names (``substance_name``, ``known_allergen``),
  its reaction's words, the "Tylenol #3" masking;
- ``allergy_nka``: the "no known allergies" wording and its exceptions (``nka_in``,
  ``nka_stated``, ``NONE_ANYWHERE``);
- ``allergy_list``: the allergy section's list (``parse_allergy_list``) and where such a list
  ends (``ends_allergy_list``, ``allergen_line``, ``medication_line``);
- ``allergy_classes``: "cannot take X because of <reaction>" and a drug class's own
  intolerance ("statin-induced myalgia");
- ``allergy_statements``: where prose states an allergy (``allergy_statements``,
  ``allergen_spans``);
- ``allergy_prose``: the allergens of those statements and of an allergy header's line
  (``find_prose_allergies``).

``allergy_taken`` (a drug taken instead, told in an allergy list) stays a module of its own.
"""

from __future__ import annotations

from assistant.clinical.allergy_list import (
    _REACTION,
    allergen_line,
    ends_allergy_list,
    medication_line,
    parse_allergy_list,
)
from assistant.clinical.allergy_names import (
    known_allergen,
    substance_name,
)
from assistant.clinical.allergy_nka import (
    NONE_ANYWHERE,
    nka_excepted,
    nka_in,
    nka_stated,
)
from assistant.clinical.allergy_prose import (
    find_prose_allergies,
)
from assistant.clinical.allergy_statements import (
    _NAMED,
    _named_matches,
    allergen_spans,
    allergy_statements,
)
from assistant.clinical.allergy_words import (
    _REACTION_TERM,
    test_confirmed,
)

__all__ = [
    "NONE_ANYWHERE",
    "_NAMED",
    "_REACTION",
    "_REACTION_TERM",
    "_named_matches",
    "allergen_line",
    "allergen_spans",
    "allergy_statements",
    "ends_allergy_list",
    "find_prose_allergies",
    "known_allergen",
    "medication_line",
    "nka_excepted",
    "nka_in",
    "nka_stated",
    "parse_allergy_list",
    "substance_name",
    "test_confirmed",
]
