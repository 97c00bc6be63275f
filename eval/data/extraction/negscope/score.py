"""Score problem statuses on the negscope probe (labels.tsv, hand-labelled before any run).

    PYTHONPATH=. python eval/data/extraction/negscope/score.py [-v]

Each sentence is extracted with its preceding sentence as context (context + " " + sentence,
rules only). A label names a phrase of the sentence (its first occurrence) and the accepted
statuses; the problems whose span overlaps the phrase are compared: correct when every one of
them has an accepted status. No problem there: "unread" (correct only for "!absent").
"!absent": no problem there reported absent. Prints correct / labelled, the unread count and
the status accuracy of the labels with a problem read there (the scope rules' own figure).
"""

import pathlib
import sys

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from sentence_status import score  # noqa: E402


def main() -> None:
    score(HERE, "negscope", verbose="-v" in sys.argv)


if __name__ == "__main__":
    main()
