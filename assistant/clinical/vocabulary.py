"""Problem vocabulary: a curated clinical list (abbreviations, symptoms, common diagnoses) plus
short ICD-10-CM descriptions from ``simple-icd-10-cm``, matched by longest n-gram lookup.

``ProblemVocabulary.find(text)`` returns candidate mentions with canonical names and ICD-10-CM
codes; assertion status is decided later (``context.py``). The ICD-derived lexicon ships as
``data/icd10cm_short.json`` (ICD-10-CM is public domain), so a run does not pay the ~7 s of
importing simple-icd-10-cm; rebuild it with ``python -m assistant.clinical.vocabulary``.

The hand-written lexicons (problems here; labs and drug names for ``labs.py`` and
``medications.py``) are TSV files under ``data/``, each with a ``# source:`` header, read by
the one loader ``load_lexicon(name)``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from assistant.clinical.spelling import respell
from assistant.clinical.terminology import hpo_ids, hpo_terms

log = logging.getLogger(__name__)

LEXICON_VERSION = 3

DATA_DIR = Path(__file__).resolve().parent / "data"


class LexiconError(ValueError):
    """A lexicon data file that cannot be read as one (the message names file and line)."""


@dataclass(frozen=True)
class Lexicon:
    """One lexicon data file: its ``# key: value`` header, column names and rows (in order)."""

    name: str
    header: dict[str, str]
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def parse_lexicon(text: str, name: str = "<text>") -> Lexicon:
    """Parse lexicon TSV text: ``# key: value`` header lines (a ``source`` is required), a
    tab-separated column-name line, then rows with exactly that many tab-separated fields
    (fields may be empty). Blank lines are skipped; ``#`` lines after the header are comments.
    Raises ``LexiconError`` naming the line that is wrong."""
    header: dict[str, str] = {}
    columns: tuple[str, ...] | None = None
    rows: list[tuple[str, ...]] = []
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if columns is None:
                key, sep, value = line[1:].partition(":")
                if not sep or not key.strip():
                    raise LexiconError(f"{name}:{no}: header lines read '# key: value'")
                header[key.strip().lower()] = value.strip()
            continue
        fields = tuple(line.split("\t"))
        if columns is None:
            columns = fields
            continue
        if len(fields) != len(columns):
            raise LexiconError(f"{name}:{no}: {len(fields)} fields, expected {len(columns)} "
                               f"({', '.join(columns)})")
        rows.append(fields)
    if not header.get("source"):
        raise LexiconError(f"{name}: no '# source: ...' header (say where the list comes from)")
    if columns is None:
        raise LexiconError(f"{name}: no column-name line")
    return Lexicon(name, header, columns, tuple(rows))


@lru_cache(maxsize=16)
def load_lexicon(name: str) -> Lexicon:
    """The lexicon ``clinical/data/<name>.tsv`` (parsed once per process).

    Shipped lexicons: ``problems`` (name, icd10, synonyms), ``labs`` (name, low, high,
    aliases), ``drug_generics`` (generic), ``drug_brands`` (brand, generic), ``drug_forms``
    (generic, form, atc).
    """
    path = DATA_DIR / f"{name}.tsv"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"lexicon {name!r} not found at {path}") from exc
    return parse_lexicon(text, path.name)


#: ICD descriptions that are ordinary words in notes, never a problem on their own.
_ICD_STOP = {"diabetic", "illness", "symptoms", "pain", "delivery", "contact", "examination", "observation", "counseling", "fall",
             "underdosing", "poisoning", "supervision", "pregnancy", "transplant", "screening",
             "infestation", "procedure", "sleep", "crying", "shock", "dependence",
             # inclusion terms that are procedure-note words: "edges of the wound"
             "wound", "falling",
             # review-of-systems and psychiatric multiaxial labels ("Endocrine: Negative.",
             # "AXIS I: Psychosis."): issue 16 problem probe
             "endocrine", "axis"}
#: An ICD-derived name that ends in a function word was cut from a longer title ("Aneurysm
#: of unspecified site" -> "aneurysm of"): not a name on its own (issue 16 problem probe).
_DANGLING = {"of", "with", "in", "to", "and", "or", "for", "without", "by", "on", "the", "from",
             "due"}


@dataclass(frozen=True)
class Concept:
    """A canonical problem concept: name, ICD-10-CM code, other codes ("HP:0002240")."""

    name: str
    icd10: str | None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A vocabulary hit: canonical concept and the ``[start, end)`` span of the words."""

    concept: Concept
    start: int
    end: int


class _Hit(Protocol):
    """A read finding: a vocabulary ``Mention`` or an exam finding (concept and span)."""

    @property
    def concept(self) -> Concept: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def _fold(word: str) -> str:
    """A word lower-cased without a final "s" (the plural-tolerant first-word index key)."""
    w = word.lower()
    return w[:-1] if len(w) > 2 and w.endswith("s") else w


def singular_forms(word: str) -> list[str]:
    """Singular candidates of a plural clinical noun, most likely first: English ("polyps",
    "masses", "deformities") and the Latin/Greek plurals of medical nouns ("calculi" ->
    calculus, "diverticula" -> diverticulum, "metastases" -> metastasis, "vertebrae" ->
    vertebra, "varices" -> varix). Empty when the word does not read as a plural."""
    w = word.lower()
    out: list[str] = []
    if len(w) < 4:
        return out
    if w.endswith("ies") and len(w) > 4:
        out.append(w[:-3] + "y")
    if w.endswith("ices"):
        out += [w[:-4] + "ix", w[:-4] + "ex"]
    if w.endswith("ses"):
        out += [w[:-2] + "is", w[:-2]]  # metastases -> metastasis; masses -> mass
    elif w.endswith(("xes", "ches", "shes", "zes")):
        out.append(w[:-2])
    if w.endswith("ae"):
        out.append(w[:-1])
    elif w.endswith("i") and len(w) > 4:
        out.append(w[:-1] + "us")  # calculi, emboli, thrombi
    elif w.endswith("a") and len(w) > 5:
        out += [w[:-1] + "um", w[:-1] + "on"]  # diverticula, ganglia
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        out.append(w[:-1])
    return [c for c in dict.fromkeys(out) if c != w]


def plural_key(name: str) -> str:
    """A phrase with its last word's plural folded onto one form, for comparing concept
    names: singular and plural are one concept ("polyps" = "polyp", "renal calculi" = "renal
    calculus", "pulmonary metastases" = "pulmonary metastasis", "DVTs" = "DVT"). The fold is
    symmetric (a singular and its plural give the same key), not always a real word."""
    words = name.split()
    if not words:
        return name
    if len(words) > 1:  # every word: "osteoarthritis of knees" contains "osteoarthritis"
        return " ".join(plural_key(w) for w in words)
    w = words[-1]
    low = w.lower()
    if low.endswith("sis") or low.endswith("ses"):
        low = low[:-2]  # metastasis / metastases -> "metastas"; masses -> "mass"
    elif low.endswith("ies") and len(low) > 4:
        low = low[:-3] + "y"
    elif low.endswith("ae"):
        low = low[:-1]
    elif low.endswith("i") and len(low) > 4:
        low = low[:-1] + "us"
    elif low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
        low = low[:-1]
    elif len(w) > 2 and w[:-1].isupper() and w.endswith("s"):
        low = low[:-1]  # "DVTs"
    return " ".join([*words[:-1], low])


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


def _curated() -> tuple[dict[str, Concept], dict[str, Concept]]:
    """(case-insensitive terms, exact-case abbreviations) -> concept."""
    lower: dict[str, Concept] = {}
    exact: dict[str, Concept] = {}
    for name, code, syns in load_lexicon("problems").rows:
        concept = Concept(name, code or None)
        lower.setdefault(_norm(name), concept)
        for syn in filter(None, syns.split(";")):
            if syn.startswith("="):
                exact[" ".join(_tokens_text(syn[1:]))] = concept
            else:
                lower[" ".join(t.lower() for t in _tokens_text(syn))] = concept
    return lower, exact


#: probe21: a genus written with its initial ("C. diff", "C. difficile") starts a term: the
#: ". " after a one-letter first word is no sentence end (the row's "c. diff" synonyms matched
#: only when written without the period's space).
_GENUS_INITIAL = re.compile(r"^[A-Za-z]\. ")

# "s/p", "h/o", "n/v" stay one token; "Fall/loss" (words of 3+ letters) splits at the slash
# a typographic apostrophe (U+2019, as word processors write "Down’s") joins a word like
# the straight one; _read_word reads it as the straight one
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:(?:['\u2019]|/(?![A-Za-z]{3}))[A-Za-z0-9]+)*|-")


def _tokens_text(s: str) -> list[str]:
    return [m.group(0).replace("\u2019", "'") for m in _TOKEN.finditer(s)]


def _nonessential_variants(desc: str) -> list[str]:
    """ICD-10-CM's nonessential modifiers: words in parentheses may be present or absent
    without changing the code ("Nonrheumatic aortic (valve) stenosis" names both "aortic
    valve stenosis" and "aortic stenosis"); bracketed abbreviations ("[HPS]") are dropped.
    "Nonrheumatic" is the default reading of a valve lesion (the Index's "Stenosis, aortic
    (valve)" is I35.0), so a title starting with it is also read without it. A title
    without parentheses is returned as it is."""
    desc = re.sub(r"\s*\[[^\]]*\]", "", desc).strip()
    out = [desc]
    groups = re.findall(r"\(([^()]*)\)", desc)
    if groups and "," not in desc and not any(re.search(r"\d", g) for g in groups):
        out = [" ".join(re.sub(r"\([^()]*\)", " ", desc).split())]
        if len(groups) == 1 and len(groups[0].split()) <= 2:
            out.append(" ".join(desc.replace("(", " ").replace(")", " ").split()))
    out += [v[len("nonrheumatic "):] for v in out if v.lower().startswith("nonrheumatic ")]
    return out


def _build_icd_lexicon() -> dict[str, str]:
    """Short ICD-10-CM descriptions (<= 4 words, no qualifiers) -> code, categories first."""
    import simple_icd_10_cm as icd

    lex: dict[str, str] = {}
    for code in icd.get_all_codes(with_dots=True):
        if code[0] in "VWXYZ" or not icd.is_category_or_subcategory(code) and len(code) > 5:
            continue
        desc = icd.get_description(code)
        desc = re.sub(r",? unspecified( organism| site| type| part)?$", "", desc,
                      flags=re.IGNORECASE).strip()
        head, _, tail = desc.partition(",")
        if tail and re.search(r"unspecified|not elsewhere classified", tail, re.IGNORECASE):
            desc = head.strip()  # "Endocarditis, valve unspecified" -> "Endocarditis"
        for variant in _nonessential_variants(desc):
            if "," in variant or "(" in variant or len(variant.split()) > 4 or len(variant) < 4:
                continue
            if re.match(r"(other|encounter|personal history|family history|unspecified|"
                        r"abnormal|history)\b", variant, re.IGNORECASE):
                continue
            key = " ".join(t.lower() for t in _tokens_text(variant))
            if key in _ICD_STOP:
                continue
            lex.setdefault(key, code)
    # Inclusion terms ("Hepatosplenomegaly NOS" under R16.2, "Fracture of frontal bone" under
    # S02.0, "Cystourethrocele" under N81.1): the other names ICD-10-CM files under a code,
    # by the same rules as the titles; a title keeps its own code when both name it.
    for code in icd.get_all_codes(with_dots=True):
        if code[0] in "VWXYZ" or not icd.is_category_or_subcategory(code) and len(code) > 5:
            continue
        for term in icd.get_inclusion_term(code):
            term = re.sub(r"\s+NOS$", "", term.strip())
            if "," in term or "(" in term or len(term.split()) > 4 or len(term) < 4:
                continue
            if re.match(r"(other|encounter|personal history|family history|unspecified|"
                        r"abnormal|history)\b", term, re.IGNORECASE):
                continue
            key = " ".join(t.lower() for t in _tokens_text(term))
            if key not in _ICD_STOP:
                lex.setdefault(key, code)
    return lex


def icd_lexicon(cache_dir: Path | None = None) -> dict[str, str]:
    """The ICD-derived lexicon, from the JSON cache when present (else built and cached)."""
    return _icd_lexicon_cached(str(cache_dir) if cache_dir else "")


SHIPPED_LEXICON = DATA_DIR / "icd10cm_short.json"


@lru_cache(maxsize=4)
def _icd_lexicon_cached(cache_dir: str) -> dict[str, str]:
    if SHIPPED_LEXICON.is_file():
        data = json.loads(SHIPPED_LEXICON.read_text(encoding="utf-8"))
        if data.get("version") == LEXICON_VERSION:
            return data["terms"]
    path = Path(cache_dir) / "vocab" / f"icd10cm_lexicon_v{LEXICON_VERSION}.json" \
        if cache_dir else None
    if path is not None and path.is_file():
        try:
            return json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            log.warning("ICD-10-CM lexicon cache unreadable; rebuilding")
    lex = _build_icd_lexicon()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(lex))
        tmp.replace(path)
    return lex


def _icd_parent(code: str) -> str:
    """The code one level up the ICD-10-CM hierarchy ("D89.810" -> "D89.81", "J96.0" ->
    "J96"): every code's parent exists in the classification."""
    parent = code[:-1]
    return parent[:-1] if parent.endswith(".") else parent


def _icd_variants(icd: dict[str, str]) -> dict[str, str]:
    """The ICD-derived terms plus a regular variant (issue 16, problem round 2): a title qualified
    only by "acute"/"chronic" read without it as the parent concept ("acute graft-versus-host
    disease" D89.810 -> "graft-versus-host disease" D89.81) when no title names it already
    (the parent's own title is often cut as "..., unspecified"). Existing terms win."""
    out = dict(icd)
    for key, code in icd.items():
        words = key.split()
        if words[0] in ("acute", "chronic") and len(words) > 2:
            rest = " ".join(words[1:])
            if rest.rsplit(" ", 1)[-1] not in _DANGLING and rest not in _ICD_STOP:
                out.setdefault(rest, _icd_parent(code))
    return out


def _spaced_forms(icd: dict[str, str]) -> dict[str, str]:
    """Hyphenated ICD-derived terms written with spaces -> the hyphenated term ("graft
    versus host disease" -> "graft - versus - host disease"), where no term has those words."""
    return {key.replace(" - ", " "): key for key in icd
            if " - " in key and key.replace(" - ", " ") not in icd}


def _articled_forms(terms: Iterable[str]) -> dict[str, str]:
    """ICD-10-CM titles and curated terms of the form "<finding> of <structure>" written with
    the article, as notes write them (probe22: "a coarctation of the aorta" for ICD-10-CM Q25.1
    "Coarctation of aorta"; the classification drops the article its Index and notes use) ->
    the term. Only a term with one "of" and no article after it; the article form is not a
    term of its own already; never before "unspecified" (no note writes "of the
    unspecified")."""
    keys = set(terms)
    out: dict[str, str] = {}
    for key in sorted(keys):
        if key.count(" of ") != 1 or " of the " in key or key.endswith(" of"):
            continue
        head, _, tail = key.partition(" of ")
        if not head or tail.split()[0] in ("unspecified", "a", "an", "the"):
            continue
        form = f"{head} of the {tail}"
        if form not in keys:
            out.setdefault(form, key)
    return out


#: Most n-gram answers ``ProblemVocabulary._term`` keeps (~20 MB at most).
_TERM_MEMO_SIZE = 100_000


class ProblemVocabulary:
    """Longest-match lookup of problem terms over a note's word tokens."""

    MAX_WORDS = 8

    def __init__(self, cache_dir: Path | None = None, use_icd: bool = True) -> None:
        self.lower, self.exact = _curated()
        self.icd: dict[str, str] = {k: v for k, v in icd_lexicon(cache_dir).items()
                                    if k not in _ICD_STOP and k.rsplit(" ", 1)[-1]
                                    not in _DANGLING} if use_icd else {}
        if use_icd:
            self.icd = _icd_variants(self.icd)
        # a hyphenated compound written with spaces ("graft versus host disease" for ICD-10-CM's
        # "Graft-versus-host disease", "age related macular degeneration"): the hyphenated term
        self._spaced: dict[str, str] = _spaced_forms(self.icd)
        # probe22: "<finding> of the <structure>" for a title or curated term written without
        # the article ("coarctation of the aorta" -> ICD-10-CM "Coarctation of aorta")
        self._articled: dict[str, str] = _articled_forms([*self.lower, *self.icd])
        # Human Phenotype Ontology names (signs, symptoms, exam findings): terminology.py.
        self.hpo: dict[str, str] = hpo_terms(str(cache_dir) if cache_dir else "") \
            if use_icd else {}
        if use_icd:
            self._add_hpo_ids(hpo_ids(str(cache_dir) if cache_dir else ""))
        self._heads: set[str] | None = None
        self._term_memo: dict[str, Concept | None] = {}  # _term's answers (speed)
        # ``find``'s reading of each token (speed: the same words note after note; the
        # vocabulary is fixed once built, so the answers hold; bounded like _term_memo)
        self._word_memo: dict[str, tuple[str, str, int]] = {}
        # first word of every term (plural-folded) -> the most words a term starting with it
        # has: positions whose word starts no term are skipped without building n-grams
        self._starts: dict[str, int] = {}
        lengths: dict[str, set[int]] = {}
        for term in [*self.lower, *self.icd, *self.hpo, *(k.lower() for k in self.exact),
                     *self._spaced, *self._articled]:
            words = term.split()
            first = _fold(words[0])
            self._starts[first] = max(self._starts.get(first, 0), len(words))
            lengths.setdefault(first, set()).add(len(words))
        # adjective and verb forms of one-word terms ("syncopal" -> syncope, "osteoporotic"
        # -> osteoporosis, "vomited" -> vomiting): one-token terms of their own
        self.derived: dict[str, Concept] = self._derive_forms()
        for form in self.derived:
            self._starts.setdefault(form, 1)
            lengths.setdefault(form, set()).add(1)
        # the n-gram sizes worth trying per first word, longest first (speed: the ICD-10-CM
        # inclusion terms made some first words start terms of many lengths)
        self._lengths: dict[str, tuple[int, ...]] = {
            k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
        # every word of every term: the words a transcription's misspelling may stand for
        # (spelling.py: "vomitting", "diarrhoea", "pnuemonia")
        self._words: frozenset[str] = frozenset(
            w for term in [*self.lower, *self.icd, *self.hpo, *self.derived]
            for w in term.split() if w.isalpha())
        self._respelt: dict[str, str] = {}

    def _spelt(self, word: str) -> str:
        """``word`` or the vocabulary word it misspells (``spelling.respell``), memoised."""
        got = self._respelt.get(word)
        if got is None:
            got = self._respelt[word] = respell(word, self._words) or word
        return got

    def _derive_forms(self) -> dict[str, Concept]:
        """Adjective and verb forms of the vocabulary's one-word terms, by the regular
        English derivations of clinical Greek/Latin nouns (``DERIVATIONS``): a form is kept
        only when no source names it itself and it is not in ``DERIVED_STOP``."""
        out: dict[str, Concept] = {}
        names = {k for k in (*self.lower, *self.icd, *self.hpo) if k.isalpha()}
        for name in sorted(names):
            for suffix, repl in DERIVATIONS:
                if not name.endswith(suffix) or len(name) - len(suffix) < 4:
                    continue
                form = name[:-len(suffix)] + repl
                if form in DERIVED_STOP or form in names or form in out:
                    continue
                concept = self._known(name)
                if concept is not None:
                    out[form] = concept
        return out

    def _add_hpo_ids(self, ids: dict[str, str]) -> None:
        """Give the vocabulary's own rows (problems.tsv: name and ICD-10-CM code only) the
        HP id of the Human Phenotype Ontology term of the same name (hpo3's bundled HPO;
        probe21: the rows added for probe20, "ventricular tachycardia", "cognitive impairment",
        "disinhibition", had lost the HP:0004756 / HP:0100543 / HP:0000734 that the ontology
        lookup gave before the row existed). A name the ontology lacks keeps no HP id."""
        done: dict[Concept, Concept] = {}

        def enrich(concept: Concept) -> Concept:
            if concept not in done:
                hp = ids.get(concept.name.lower())
                done[concept] = concept if concept.codes or hp is None else \
                    replace(concept, codes=(hp,))
            return done[concept]

        self.lower = {k: enrich(v) for k, v in self.lower.items()}
        self.exact = {k: enrich(v) for k, v in self.exact.items()}

    def _term(self, exact: str) -> Concept | None:
        """The concept a whole n-gram names: curated (exact case, then any case), then
        ICD-10-CM, then HPO; a plural last word ("murmurs", "gallops") is tried singular."""
        # ``find`` asks for the same n-grams note after note ("the patient", "chest pain");
        # the vocabulary is fixed once built and concepts are frozen, so answers are kept
        # (bounded: cleared when full, as a long-running app reads ever new n-grams)
        memo = self._term_memo
        if exact in memo:
            return memo[exact]
        if len(memo) >= _TERM_MEMO_SIZE:
            memo.clear()
        concept = memo[exact] = self._term_lookup(exact)
        return concept

    def _term_lookup(self, exact: str) -> Concept | None:
        """``_term`` without the memo."""
        key = exact.lower()
        concept = self.exact.get(exact) or self.lower.get(key)
        if concept is not None:
            return concept
        if " - " in key:  # "failure-to-thrive", "high-arched palate": the term unhyphenated
            joined = self._term(exact.replace(" - ", " "))
            if joined is not None:
                return joined
            # probe25: ... or hyphenated as the dictionary writes it (HPO HP:0030358
            # "Non-small cell lung carcinoma"; the note's "non-small" had read the "small cell
            # lung carcinoma" inside it, HP:0030357, the other histology)
            hyphened = self._term(exact.replace(" - ", "-"))
            if hyphened is not None:
                return hyphened
        if exact.endswith(" CA") and len(exact) > 3:
            # probe25: "breast CA", "lung CA", "prostate CA": CA (upper case) after a site is
            # the clinical abbreviation of cancer (carcinoma); only where "<site> cancer" is a
            # known concept ("serum Ca", "Ca 9.5" are calcium; a marker "CA 19-9" is guarded
            # in ``find``)
            cancer = self._term(exact[:-2] + "cancer")
            if cancer is not None:
                return cancer
        if key in self.icd:  # with the HPO id too when the ontology has the same name
            return Concept(self._unsided(key).replace(" - ", "-"), self.icd[key],
                           (self.hpo[key],) if key in self.hpo else ())
        if key in self.hpo:
            return Concept(self._unsided(key), None, (self.hpo[key],))
        if key in self._spaced:
            return self._known(self._spaced[key])
        if key in self._articled and key not in self.hpo:
            return self._known(self._articled[key])
        # p19fix review: an upper-case stem of 3 letters or more, or of 2 with a lower-case
        # final "s" ("MIs"): "HIS", "SIS", "HAS" are words, not "HI"/"SI"/"HA" plurals; the
        # bypass of the "-is" guard only with a lower-case final "s" ("UTIs", "URIs")
        upper_stem = exact[:-1].isupper() and (len(exact) > 3 or exact[-1] == "s")
        upper_abbr = upper_stem and len(exact) > 3 and exact[-1] == "s" and \
            exact[:-1].isalnum()
        if (len(key) > 4 or upper_stem) and key.endswith("s") and \
                (not key.endswith(("ss", "us", "is")) or upper_abbr) and \
                not exact[:-1].endswith("s"):
            # "murmurs", "DVTs"; probe19: an upper-case abbreviation's plural whatever its last
            # letter ("UTIs", "URIs": the "-is" guard is for Latin singulars like "pelvis")
            single = self._term(exact[:-1])
            if single is not None:
                return single
        if exact.endswith("'s") and len(exact) > 3 and exact[:-2].isupper() and \
                exact[:-2].isalnum():
            # probe19: an abbreviation's plural written with an apostrophe ("TIA's", "MI's")
            single = self._term(exact[:-2])
            if single is not None:
                return single
        last = key.rsplit(" ", 1)[-1]
        if last[-1:] in ("i", "a", "e", "s") and len(last) > 4:
            # Latin/Greek and -es/-ies plurals: "renal calculi", "diverticula", "masses"
            stem = key[:len(key) - len(last)]
            for cand in singular_forms(last):
                if cand != last[:-1]:
                    hit = self._known(stem + cand)
                    if hit is not None:
                        return hit
        if key in self.derived:
            return self.derived[key]
        if key.endswith(" discomfort") and len(key.split()) > 1:
            # a site's discomfort is that site's pain (the ICD-10-CM Index puts "Discomfort,
            # chest" under R07.89 "Other chest pain"): "periumbilical discomfort" ->
            # periumbilical pain; a bare "discomfort" names no site and stays unread
            return self._term(exact[:-len("discomfort")] + "pain")
        if len(key) > 4 and not key.endswith("s"):
            # "intercostal retraction" for the vocabulary's "retractions"
            plural = self.lower.get(key + "s") or (Concept(key + "s", None, (self.hpo[key + "s"],))
                                                   if key + "s" in self.hpo else None)
            return plural
        return None

    def _known(self, key: str) -> Concept | None:
        """The concept of an exact lower-case term in any source (no folding)."""
        concept = self.lower.get(key)
        if concept is not None:
            return concept
        if key in self.icd:
            return Concept(self._unsided(key).replace(" - ", "-"), self.icd[key],
                           (self.hpo[key],) if key in self.hpo else ())
        if key in self.hpo:
            return Concept(self._unsided(key), None, (self.hpo[key],))
        return None

    def lookup(self, phrase: str) -> Concept | None:
        """Concept for a whole phrase (canonicalises names; used by scoring and the LLM merge)."""
        toks = [self._spelt(t) for t in _tokens_text(phrase)]
        key_exact = " ".join(toks)
        key = key_exact.lower()
        if key_exact in self.exact:
            return self.exact[key_exact]
        if key in self.lower:
            return self.lower[key]
        if " - " in key:
            # "LEFT BUNDLE-BRANCH BLOCK": the term unhyphenated first (curated "left bundle
            # branch block"), as the matcher reads it, so grounding agrees with ``find``
            joined = self._term(key_exact.replace(" - ", " "))
            if joined is not None:
                return joined
        if key in self.icd:
            words = key.split()
            if len(words) > 1 and words[0] in _QUALIFIERS and " ".join(words[1:]) in self.lower:
                return self.lower[" ".join(words[1:])]
            return Concept(key.replace(" - ", "-"), self.icd[key])
        return self._term(key_exact)

    def shared_modifier(self, text: str, hits: list[Mention]) -> list[Mention]:
        """A modifier shared by coordinated nouns: "no vaginal bleeding or discharge" also
        names vaginal discharge, "flank pain and tenderness" flank tenderness. The new
        mention spans the whole phrase (modifier ... noun); only when "<modifier> <noun>" is
        itself a vocabulary term and the noun starts no other hit."""
        starts = {m.start for m in hits}
        out: list[Mention] = []
        for m in hits:
            words = m.concept.name.split()
            if len(words) < 2:
                continue
            nxt = _COORD_NEXT.match(text, m.end)
            if nxt is None or nxt.start(1) in starts:
                continue
            concept = self._term(f"{words[0]} {nxt.group(1)}")
            if concept is not None and concept.name != m.concept.name and \
                    concept.name.split()[0] == words[0]:
                out.append(Mention(concept, m.start, nxt.end(1)))
        return out

    def shared_head(self, text: str, hits: Sequence[_Hit]) -> list[Mention]:
        """Modifiers coordinated before one head noun: "throat or neck pain" also names throat
        pain, "chest or abdominal pain" chest pain. The new mention spans the whole phrase
        (modifier ... head; ``coordinated_supports`` grounds it); only when "<modifier>
        <head>" is itself a vocabulary term with the same head word and the modifier is no
        finding of its own ("cough and chest pain" is two problems, not "cough pain")."""
        out: list[Mention] = []
        for m in hits:
            head = text[m.start:m.end].split()[-1:]
            if not head or " " not in m.concept.name or \
                    m.concept.name.split()[-1] != head[0].lower():
                continue
            prev = _COORD_PREV.search(text, max(0, m.start - 30), m.start)
            if prev is None or any(h.start < prev.end(1) and prev.start(1) < h.end
                                   for h in hits):
                continue
            concept = self._term(f"{prev.group(1)} {head[0]}")
            new = Mention(concept, prev.start(1), m.end) if concept is not None else None
            # "a concealed or buried penis": two names of one condition (one ICD-10-CM code)
            # are an alternative wording, not a second problem
            if new is not None and concept.name != m.concept.name and new not in out and \
                    concept.name.split()[-1] == head[0].lower() and \
                    not (concept.icd10 and concept.icd10 == m.concept.icd10):
                out.append(new)  # (an exam reader and the vocabulary may read one head)
        return out

    def coordinated_supports(self, span_text: str, name: str) -> bool:
        """Whether a ``shared_modifier`` span ("vaginal bleeding or discharge") grounds
        ``name`` (its first and last words make the term)."""
        words = _tokens_text(span_text)
        if len(words) < 3 or not _COORD_NEXT.search(span_text):
            return False
        concept = self._term(f"{words[0]} {words[-1]}")
        return concept is not None and concept.name == name

    def slashed_supports(self, span_text: str, name: str) -> bool:
        """Whether a ``_join_slashed`` span ("HIV/AIDS") grounds ``name``: its first name is
        the term and both names carry one ICD-10-CM code."""
        parts = span_text.split("/")
        if len(parts) != 2:
            return False
        if frozenset(x.strip().lower() for x in parts) not in _SLASHED_ALIASES:
            return False
        first, second = (self.lookup(x.strip()) for x in parts)
        return first is not None and second is not None and first.name == name and \
            bool(first.icd10) and first.icd10 == second.icd10

    def _split_pair(self, text: str, toks: list) -> list[Mention] | None:
        """Two terms joined by "and"/"or"/a comma inside one vocabulary phrase, or None."""
        for k in range(1, len(toks)):
            joint = text[toks[k - 1].end():toks[k].start()]
            word = toks[k].group(0).lower()
            if word in ("and", "or") and k + 1 < len(toks):
                left, right = toks[:k], toks[k + 1:]
            elif "," in joint or "/" in joint:
                left, right = toks[:k], toks[k:]
            else:
                continue
            a = self._term(" ".join(self._spelt(t.group(0)) for t in left))
            b = self._term(" ".join(self._spelt(t.group(0)) for t in right))
            if a is not None and b is not None:
                return [Mention(a, left[0].start(), left[-1].end()),
                        Mention(b, right[0].start(), right[-1].end())]
        return None

    def _unsided(self, name: str) -> str:
        """"left flank tenderness" -> "flank tenderness" when that is a term too: the side is
        not part of the concept ("right lower quadrant pain" stays: no "lower quadrant pain")."""
        words = name.split()
        if len(words) > 1 and words[0] in ("left", "right", "bilateral"):
            rest = " ".join(words[1:])
            if rest in self.lower or rest in self.icd or rest in self.hpo:
                return rest
        return name

    def looks_clinical(self, phrase: str) -> bool:
        """A phrase of 1-5 words with a word that heads clinical terms ("rash", "colitis").

        Used to vet language-model proposals the vocabulary does not know.
        """
        words = [w.lower() for w in _tokens_text(phrase) if w != "-"]
        if not 1 <= len(words) <= 5:
            return False
        if self._heads is None:
            heads: set[str] = set()
            for term in [*self.lower, *self.icd, *self.hpo]:
                last = term.split()[-1]
                if len(last) > 3 and last not in _GENERAL_WORDS:
                    heads.add(last)
            self._heads = heads
        return words[-1] in self._heads

    def _icd_only(self, concept: Concept) -> bool:
        return concept.name in self.icd and concept.name not in self.lower

    def _prefer_curated(self, toks: list, text: str, i: int,
                        hit: tuple[int, Concept]) -> tuple[int, Concept] | None:
        """An ICD-only hit gives way to the curated vocabulary where that reads better."""
        n, concept = hit
        words = concept.name.split()
        # "chronic atrial fibrillation" -> the curated "atrial fibrillation", whole span kept
        if len(words) > 1 and words[0] in _QUALIFIERS:
            core = " ".join(words[1:])
            if core in self.lower:
                return n, self.lower[core]
        # "chronic hepatitis C": a curated term starting one word later reaches further
        for j in range(i + 1, i + n):
            for m in range(min(self.MAX_WORDS, len(toks) - j), 0, -1):
                key = " ".join(t.group(0) for t in toks[j:j + m])
                c = self.exact.get(key) or self.lower.get(key.lower())
                if c is not None and j + m > i + n:
                    return None
        return hit

    def _read_word(self, word: str) -> tuple[str, str, int]:
        """(spelt, first, longest) of a note token, memoised in ``_word_memo``: the word as
        ``_spelt`` reads it, its first-word index key (plural-folded, a Latin plural made
        singular: "diverticula", "calculi", "vertebrae") and the most words a term starting
        with it has (0: it starts none)."""
        spelt = self._spelt(word.replace("\u2019", "'"))
        first = _fold(spelt)
        if first not in self._starts and spelt.endswith("'s") and spelt[:-2].isupper():
            first = _fold(spelt[:-2])  # probe19: "TIA's" (an abbreviation's plural)
        if first not in self._starts and first.endswith(("i", "a", "ae")) and len(first) > 4:
            # a Latin plural starting a term ("diverticula", "calculi", "vertebrae")
            first = next((f for f in map(_fold, singular_forms(first))
                          if f in self._starts), first)
        got = self._word_memo[word] = (spelt, first, self._starts.get(first, 0))
        return got

    def find(self, text: str) -> list[Mention]:
        """All non-overlapping problem mentions in ``text``, longest match first, text order."""
        toks = list(_TOKEN.finditer(text))
        memo = self._word_memo
        if len(memo) >= _TERM_MEMO_SIZE:
            memo.clear()
        words_read = [memo.get(w) or self._read_word(w) for w in (m.group(0) for m in toks)]
        spelt = [r[0] for r in words_read]
        out: list[Mention] = []
        # most words start no term: no n-gram to try there (the common case), so only the
        # words that do are visited
        i = 0
        for k in [k for k, r in enumerate(words_read) if r[2]]:
            if k < i:
                continue  # inside a term read already
            i = k
            hit: tuple[int, Concept] | None = None
            _, first, longest = words_read[i]
            if longest > 1 and i + 1 < len(toks) and toks[i + 1].group(0) == "-":
                longest = 2 * longest - 1  # "failure-to-thrive": hyphens are tokens too
                sizes: Iterable[int] = range(min(self.MAX_WORDS, longest, len(toks) - i), 0, -1)
            else:
                cap = min(self.MAX_WORDS, len(toks) - i)
                sizes = [n for n in self._lengths.get(first, ()) if n <= cap]
            for n in sizes:
                words = spelt[i:i + n]
                if words[0] == "-" or words[-1] == "-":
                    continue
                # one n-gram must not run across a line break or sentence end
                chunk = text[toks[i].start():toks[i + n - 1].end()]
                if "\n" in chunk or ". " in _GENUS_INITIAL.sub("", chunk, count=1) or \
                        ";" in chunk or ":" in chunk:
                    continue
                concept = self._term(" ".join(words))
                if concept is not None and "," in chunk and concept.name == "urge incontinence":
                    continue  # p21fix (review): "urgency, incontinence and nocturia": two symptoms
                if concept is not None:
                    hit = (n, concept)
                    break
            if hit is not None and hit[1].icd10 and self._icd_only(hit[1]):
                hit = self._prefer_curated(toks, text, i, hit)
            if hit is None:
                i += 1
                continue
            n, concept = hit
            if n == 1 and spelt[i].lower() in self.derived and not _derived_ok(
                    text, toks[i].start(), toks[i].end()):
                i += 1
                continue
            split = self._split_pair(text, toks[i:i + n]) if n > 1 else None
            if split is not None:
                # "nausea and vomiting", "nausea, vomiting": two findings, each with its own
                # status and span
                out.extend(split)
                i += n
                continue
            if concept.name in _NASAL_ONLY and not _nasal_context(
                    text, toks[i].start(), toks[i + n - 1].end()):
                i += n  # p19fix review: a bare "septal perforation" of the heart
                continue
            if concept.name in _SKIN_ONLY and not _skin_context(
                    text, toks[i].start(), toks[i + n - 1].end()):
                i += n  # p19fix review: "eye pain and photosensitivity" is the eye's
                continue
            if concept.name == "shoulder impingement" and (not _SHOULDER_WORDS.search(
                    text, max(0, toks[i].start() - 150), toks[i + n - 1].end() + 150)
                    or _OTHER_IMPINGEMENT.search(text, max(0, toks[i].start() - 40),
                                                 toks[i].start())
                    or _OTHER_IMPINGEMENT_AFTER.match(text, toks[i + n - 1].end())):
                i += n  # probe23 (corpus, mts-1960): "Neurapraxia-impingement Syndrome";
                continue  # extfix12: "Hip impingement syndrome. Left shoulder pain ..."
            if concept.name == "urinary dribbling" and n == 1 and not _URINARY_WORDS.search(
                    text, max(0, toks[i].start() - 80), toks[i].end() + 80):
                i += n  # extfix12: a bare "dribbling" is the bladder's only near a urinary
                continue  # word ("He is dribbling saliva; teething": drooling)
            if concept.name == "fall" and _MEASURE_FALLS.search(
                    text[max(0, toks[i].start() - 40):toks[i].start()]):
                i += n  # probe21: "let his blood sugars fall within a normal range": a verb
                continue
            if concept.name == "blackout" and (_BLACKOUT_NOT_SYNCOPE_AFTER.match(
                    text, toks[i + n - 1].end()) or _BLACKOUT_NOT_SYNCOPE_BEFORE.search(
                    text[max(0, toks[i].start() - 30):toks[i].start()])):
                i += n  # p21fix (review): "Power blackout", "blackout curtains"
                continue
            if concept.name == "hemispatial neglect" and _NEGLECT_OF.match(
                    text, toks[i + n - 1].end()):
                i += n  # p21fix (review): "left neglect of his medications": self-neglect
                continue
            if concept.name == "chest pain" and _SERVICE_AFTER.match(text, toks[i + n - 1].end()):
                i += n  # probe21: "His chest pain unit protocol": a hospital unit's name
                continue
            if spelt[i + n - 1] == "CA" and n > 1 and _MARKER_NUMBER_AFTER.match(
                    text, toks[i + n - 1].end()):
                i += n  # probe25: "breast CA 15-3", "CA 27.29": a tumor marker's value
                continue
            if concept.name == "osteoarthritis" and n == 1 and spelt[i] == "OA" and \
                    _FETAL_POSITION_AFTER.match(text, toks[i].end()) and \
                    _obstetric_context(text, toks[i].start()):
                i += n  # probe25: "delivered ... in an OA presentation": occiput anterior
                continue
            out.append(Mention(concept, toks[i].start(), toks[i + n - 1].end()))
            i += n
        return _join_slashed(text, out)


#: p19fix review: the bare "septal perforation", "perforated septum" name the nasal septum
#: (ICD-10-CM J34.89) only with nasal words nearby (the mention itself or 200 characters
#: either side): "Echo shows a septal perforation following the MI" is the heart's
_NASAL_ONLY = frozenset({"perforation of nasal septum"})
_NASAL_WORDS = re.compile(r"\b(?:nose|nasal(?!\s+(?:cannula|prongs?))|intranasal|nares|naris|"
                          r"cocaine|epistaxis|turbinates?|rhinoplasty|septoplasty|rhinitis)\b|"
                          r"\bENT\b", re.I)
#: p19fix2: oxygen by "nasal cannula"/"nasal prongs" (and a nasogastric tube) says nothing of
#: the septum (left out above); cardiac words in the mention's own sentence make the septum
#: the heart's whatever nasal words stand near ("On 2 L nasal cannula. Echo revealed a septal
#: perforation after the anterior MI": ICD-10-CM I23.x/I51.0 ventricular septal rupture)
_CARDIAC_WORDS = re.compile(r"\b(?:echo\w*|TTE|TEE|ventric\w*|interventricular|MI|STEMI|"
                            r"NSTEMI|infarcts?|infarctions?|cardiac|septal\s+ablation)\b",
                            re.I)
_SENTENCE_BOUND = re.compile(r"[.;!?](?=\s|$)|\n")


def _nasal_context(text: str, start: int, end: int) -> bool:
    """Whether a mention of the nasal septum's perforation has nasal words near it and no
    cardiac words in its sentence (a mention that names the nose itself stays nasal)."""
    if re.search(r"nasal|nose", text[start:end], re.I):
        return True
    s_start = max([max(0, start - 300)] + [m.end() for m in _SENTENCE_BOUND.finditer(text, max(0, start - 300),
                                                                    start)])
    s_stop = _SENTENCE_BOUND.search(text, end)
    sentence = text[s_start:s_stop.start() if s_stop else len(text)]
    if any(w.group() in ("MI", "STEMI", "NSTEMI", "TTE", "TEE") or
           w.group().lower() not in ("mi", "stemi", "nstemi", "tte", "tee")
           for w in _CARDIAC_WORDS.finditer(sentence)):
        return False
    window = text[max(0, start - 200):end + 200]
    return any(w.group() == "ENT" or w.group().lower() != "ent"
               for w in _NASAL_WORDS.finditer(window))


#: p19fix review: a bare "photosensitivity" is the skin's (HPO HP:0000992) only on a line
#: labelled for the skin ("Skin: Denies rashes, blisters, photosensitivity"); elsewhere it is
#: as often the eye's ("eye pain and photosensitivity", "migraine with photosensitivity")
_SKIN_ONLY = frozenset({"cutaneous photosensitivity"})
#: probe23: ICD-10-CM M75.4- "Impingement syndrome of shoulder" only where the shoulder is
#: named near the mention (its words, or a shoulder word within 150 characters: "Partial
#: rotator cuff tear with impingement syndrome"); a nerve's or hip's impingement is not it
_SHOULDER_WORDS = re.compile(r"\b(?:shoulders?|subacromial|acromi\w*|rotator\s+cuff|"
                             r"glenohumeral|supraspinatus)\b", re.I)
#: (extfix12, review of probe23) another joint's or a nerve's impingement, the word right
#: before the mention ("Hip impingement syndrome", "femoroacetabular impingement") or its
#: "of the hip" after it: not the shoulder's even with a shoulder word near
_OTHER_IMPINGEMENT = re.compile(r"\b(?:hips?|femoroacetabular|fai|cam|pincer|ankles?|"
                                r"talar|nerves?|nerve\s+root|root|cord|spinal|foraminal|"
                                r"radicular|wrist|ulnar|ulnocarpal|knee)[\s-]*$", re.I)
_OTHER_IMPINGEMENT_AFTER = re.compile(
    r"\s+(?:of|in|involving)\s+(?:the\s+)?(?:(?:left|right|bilateral|l|r)\s+)?"
    r"(?:hips?|ankles?|knees?|wrists?|nerves?|spinal)\b", re.I)
#: (extfix12, review of probe23) ICD-10-CM N39.43 "Post-void dribbling": a bare "dribbling"
#: is urinary only near a urinary word; else it is drooling or a ball's
_URINARY_WORDS = re.compile(r"\b(?:urin\w*|void\w*|bladder|micturition|gu|genitourinary|"
                            r"hesitancy|nocturia|dysuria|incontinen\w*|prostat\w*|stream|"
                            r"urolog\w*|bph|luts)\b", re.I)
_SKIN_LABEL = re.compile(r"\s*(?:skin|integument(?:ary)?|dermatolog(?:ic|ical|y)|derm)\s*:",
                         re.I)


def _skin_context(text: str, start: int, end: int) -> bool:
    """Whether a mention of cutaneous photosensitivity names the skin: a skin word in the
    mention itself ("photosensitive rash") or a skin label opening its line."""
    if re.search(r"skin|cutaneous|rash|reaction|dermat", text[start:end], re.I):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_SKIN_LABEL.match(text, line_start))


#: Written alternatives that are one condition ("HIV/AIDS"), merged by ``_join_slashed``.
#: Hand-picked (review4): a shared ICD-10-CM code alone does not make two names one
#: condition ("PVD/claudication" I73.9, "Melena/BRBPR" K92.x, "AMS/delirium" R41.0 are two
#: findings each). Sources: ICD-10-CM Index "AIDS (related complex)" -> B20 with HIV disease;
#: I10 inclusion "hypertension (arterial) (benign) (essential)"; Index "DJD - see
#: Osteoarthritis"; K21.9 "Gastro-esophageal reflux disease" (Index "Reflux, esophageal").
_SLASHED_ALIASES: frozenset[frozenset[str]] = frozenset(
    frozenset(pair) for pair in (
        ("hiv", "aids"), ("htn", "hypertension"), ("djd", "osteoarthritis"),
        ("djd", "degenerative joint disease"), ("oa", "osteoarthritis"),
        ("gerd", "reflux"), ("gerd", "acid reflux"), ("gerd", "gastroesophageal reflux"),
        ("dm", "diabetes"), ("cad", "coronary artery disease"), ("chf", "heart failure")))


def _join_slashed(text: str, mentions: list[Mention]) -> list[Mention]:
    """Two names of one condition written as alternatives with a slash ("HIV/AIDS", "DJD/
    osteoarthritis": ``_SLASHED_ALIASES``) are one mention over both names, so the item's
    span covers what the note wrote. Any other pair stays two mentions, even with one code."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.concept.icd10 and \
                prev.concept.icd10 == m.concept.icd10 and \
                text[prev.end:m.start].strip() == "/" and \
                frozenset((text[prev.start:prev.end].lower(), text[m.start:m.end].lower())) \
                in _SLASHED_ALIASES:
            out[-1] = Mention(prev.concept, prev.start, m.end)
            continue
        out.append(m)
    return out


#: Regular derivations of clinical nouns (suffix -> adjective/verb suffix): "cyanosis" ->
#: "cyanotic", "tachycardia" -> "tachycardic", "dyspnea" -> "dyspneic", "syncope" ->
#: "syncopal", "constipation" -> "constipated", "edema" -> "edematous", "diaphoresis" ->
#: "diaphoretic", "hypertension" -> "hypertensive", "vomiting" -> "vomited".
DERIVATIONS = (("osis", "otic"), ("ia", "ic"), ("ea", "eic"), ("ope", "opal"),
               ("ation", "ated"), ("ema", "ematous"), ("esis", "etic"), ("sion", "sive"),
               ("ing", "ed"))
#: Derived words that mostly mean something else in notes: drug classes ("hypoglycemic",
#: "antiemetic"), procedures and states ("dilated" pupils after drops, "elevated", "rotated",
#: "educated"), everyday verbs from -ing symptom names ("feeling" -> "feeled" is harmless,
#: "falling" -> "falled"), anatomy adjectives, and ambiguous disease adjectives
#: ("depressed skull fracture").
DERIVED_STOP = frozenset({
    "hypoglycemic", "hyperglycemic", "antiemetic", "emetic", "dilated", "elevated",
    "rotated", "related", "located", "separated", "educated", "depressed", "aggravated",
    "complicated", "indicated", "dedicated", "sedated", "intoxicated", "medicated",
    "anesthetic", "analgesic", "narcotic", "hypnotic", "diuretic", "cathartic", "tonic",
    "systemic", "generic", "organic", "dynamic", "plastic", "toxic", "manic", "panic",
    "sclerotic", "cystic", "aplastic", "dysplastic", "neoplastic", "metastatic", "ischemic",
    "thrombotic", "embolic", "necrotic", "fibrotic", "stenotic", "hemorrhagic", "allergic",
    "psychotic", "neurotic", "diabetic", "tested", "recorded", "reported", "noted",
    "expressive", "impressive", "progressive", "comprehensive", "extensive", "aggressive",
    "excessive", "compressive", "obsessive", "passive", "massive", "invasive", "abrasive",
    "explosive", "adhesive", "cohesive", "inclusive", "exclusive", "permissive", "dismissive",
    # treatments and prognosis words: "hyperventilated" (a therapy), "prognosis is guarded"
    "guarded", "hyperventilated", "ventilated", "intubated", "transfused", "hydrated",
})


def _derived_ok(text: str, start: int, end: int) -> bool:
    """A derived form read as a finding: not part of a negated or compound word ("non-
    ischemic") and not naming a drug class ("antihypertensive agents", "emetic drugs")."""
    before = text[max(0, start - 5):start].lower()
    if before.endswith(("non-", "non", "anti-", "-")):
        return False
    if re.match(r"\s+(?:agents?|medications?|meds|drugs?|therapy|regimen|"
                r"precautions)\b", text[end:end + 20], re.I):
        return False
    # probe21: a device or study flushed in a procedure ("Flushed arteriogram was performed",
    # "the flushed catheter", "the line was flushed with saline") is no flushing of the skin
    return not (text[start:end].lower() == "flushed" and (
        _FLUSHED_DEVICE_AFTER.match(text, end) or _FLUSHED_DEVICE_BEFORE.search(
            text[max(0, start - 40):start])))


#: probe21: a measurement that falls ("blood sugars fall within a normal range", "let the
#: pressure fall"): the verb, not a fall (ICD-10-CM W19)
_MEASURE_FALLS = re.compile(r"(?<![-\w])(?:sugars?|glucoses?|levels?|pressures?|counts?|values?|"
                            r"numbers?|readings?|temperatures?|saturations?|sats|hemoglobin|"
                            r"potassium|sodium|platelets|weight)\s+(?:to\s+|would\s+|will\s+|"
                            r"may\s+|might\s+|can\s+|could\s+|did\s+not\s+|not\s+)?$", re.I)

#: p21fix: a power cut or a window blind, not a loss of consciousness (ICD-10-CM R55)
_BLACKOUT_NOT_SYNCOPE_AFTER = re.compile(r"\s+(?:curtains?|shades?|blinds?|drapes?)\b", re.I)
_BLACKOUT_NOT_SYNCOPE_BEFORE = re.compile(r"\b(?:power|electrical|electricity|rolling)\s+$", re.I)

#: p21fix: "neglect of his medications / her diabetes / himself": neglect of a duty, not the
#: neurological syndrome (ICD-10-CM R41.4)
#: probe25: a tumor marker's number after "CA" ("breast CA 15-3 was 40", "CA-125"): a lab
_MARKER_NUMBER_AFTER = re.compile(r"[ \t]*-?[ \t]*\d")
#: probe25 (mts-702): "OA" before "presentation" / "position" is the fetal head's occiput
#: anterior position (as OP, LOA, ROA), not osteoarthritis
_FETAL_POSITION_AFTER = re.compile(r"\s+(?:presentation|position)\b", re.I)
#: rerev14e: occiput anterior only in a delivery's words nearby (not "Knee OA presentation
#: today for injection": osteoarthritis)
_OBSTETRIC_NEAR = re.compile(r"\b(?:deliver\w*|labou?r|fetal|fetus|vertex|occiput|vaginal|"
                             r"c(?:a)?esarean|obstetric\w*|gravida|G\d+\s*P\d+|pregnan\w*|"
                             r"newborn|infant|baby|apgars?|cephalic|crowning|episiotomy)\b",
                             re.I)
_JOINT_BEFORE = re.compile(r"\b(?:knees?|hips?|joints?|shoulders?|hands?|spine|ankles?|"
                           r"bilateral|degenerative|severe|mild|moderate)\s*$", re.I)


def _obstetric_context(text: str, start: int) -> bool:
    """Whether "OA" at ``start`` sits among a delivery's words (300 characters either side)
    and not after a joint ("knee OA presentation": osteoarthritis)."""
    if _JOINT_BEFORE.search(text[max(0, start - 30):start]):
        return False
    return bool(_OBSTETRIC_NEAR.search(text, max(0, start - 300), start + 300))


_NEGLECT_OF = re.compile(r"\s+(?:of|by|to)\b", re.I)

#: probe21: "chest pain" naming a service, not the symptom: the chest pain unit / center /
#: observation unit / protocol of an emergency department (ACC "Chest Pain Center"
#: accreditation); "chest pain protocol" is the unit's work-up pathway
_SERVICE_AFTER = re.compile(r"\s+(?:observation\s+|evaluation\s+)?(?:unit|cent(?:er|re)|"
                            r"protocol|pathway|clinic)\b", re.I)

#: probe21: the procedural "flushed" (a catheter, line, port or study flushed) of ``_derived_ok``
_FLUSHED_DEVICE_AFTER = re.compile(
    r"\s+(?:(?:pigtail|arterial|venous|central|iv|foley)\s+)?(?:catheters?|arteriograms?|"
    r"aortograms?|angiograms?|lines?|ports?|tubes?|sheaths?|cannulas?|drains?)\b|"
    r"\s+(?:with|using)\s+(?:\w+\s+){0,2}(?:saline|heparin|normal\s+saline|water|solution)\b",
    re.I)
_FLUSHED_DEVICE_BEFORE = re.compile(
    r"\b(?:catheters?|lines?|ports?|tubes?|sheaths?|cannulas?|drains?|picc|iv|wounds?)\s+"
    r"(?:was|were|is|are|being|been)\s+(?:then\s+)?$", re.I)


# "... or discharge", ", and tenderness": the next coordinated noun after a term
# "throat or ", "chest and ", "back, ": the coordinated modifier before a term
# ("or"/"and" as whole words: "posterior neck pain" is no "posteri or neck pain"; review 3)
_COORD_PREV = re.compile(r"(?<![\w-])([A-Za-z]{3,})(?:\s*,\s*(?:(?:or|and)\b)?|\s+(?:or|and)\b|"
                         r"\s*/)\s*$", re.I)
_COORD_NEXT = re.compile(r"\s*,?\s*(?:or|and|/)\s+([A-Za-z]{4,})\b", re.I)

#: Last words of vocabulary terms that do not make a phrase clinical on their own.
_GENERAL_WORDS = {"disease", "disorder", "syndrome", "other", "type", "site", "part", "state",
                  "stage", "condition", "problem", "problems", "changes", "change", "visit",
                  "history", "status", "use", "level", "levels", "test", "findings", "possible",
                  "complication", "complications", "effects", "effect", "left", "right",
                  "both", "bilateral", "unspecified", "sequela", "encounter", "care"}
_QUALIFIERS = {"chronic", "acute", "mild", "moderate", "severe", "recurrent", "persistent",
               "paroxysmal", "permanent", "primary", "secondary", "essential", "uncontrolled"}




@lru_cache(maxsize=4)
def get_vocabulary(cache_dir: str = "", use_icd: bool = True) -> ProblemVocabulary:
    """One shared vocabulary per process and cache dir."""
    return ProblemVocabulary(Path(cache_dir) if cache_dir else None, use_icd=use_icd)


def validate_curated_codes() -> list[str]:
    """Curated entries whose ICD-10-CM code simple-icd-10-cm does not know (for tests)."""
    import simple_icd_10_cm as icd

    bad = []
    for name, code, _ in load_lexicon("problems").rows:
        if code and not icd.is_valid_item(code):
            bad.append(f"{name}: {code}")
    return bad


def write_shipped_lexicon() -> Path:
    """Rebuild ``data/icd10cm_short.json`` from simple-icd-10-cm (run after upgrading it)."""
    import simple_icd_10_cm as icd

    SHIPPED_LEXICON.parent.mkdir(parents=True, exist_ok=True)
    data = {"version": LEXICON_VERSION, "source": "simple-icd-10-cm",
            "icd_version": getattr(icd, "__version__", "unknown"),
            "terms": dict(sorted(_build_icd_lexicon().items()))}
    SHIPPED_LEXICON.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    return SHIPPED_LEXICON


if __name__ == "__main__":
    print(f"wrote {write_shipped_lexicon()}")
