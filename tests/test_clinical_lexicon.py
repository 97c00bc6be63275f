"""Lexicon data files: the one loader, its header parsing, clear errors, the shipped files."""

from __future__ import annotations

import pytest

from assistant.clinical.vocabulary import LexiconError, load_lexicon, parse_lexicon

GOOD = ("# lexicon: demo\n"
        "# source: hand list, test\n"
        "name\tcode\n"
        "\n"
        "asthma\tJ45.909\n"
        "# a comment between rows\n"
        "wheeze\t\n")


def test_parse_header_columns_and_rows() -> None:
    lex = parse_lexicon(GOOD, "demo.tsv")
    assert lex.header == {"lexicon": "demo", "source": "hand list, test"}
    assert lex.columns == ("name", "code")
    assert lex.rows == (("asthma", "J45.909"), ("wheeze", ""))


@pytest.mark.parametrize(("text", "message"), [
    ("# source: x\nname\tcode\nasthma\n", r"demo.tsv:3: 1 fields, expected 2 \(name, code\)"),
    ("# source: x\nname\tcode\na\tb\tc\n", r"demo.tsv:3: 3 fields, expected 2"),
    ("# lexicon: demo\nname\nasthma\n", r"no '# source: \.\.\.' header"),
    ("# no colon here\nname\n", r"demo.tsv:1: header lines read '# key: value'"),
    ("# source: x\n", r"no column-name line"),
])
def test_malformed_files_fail_clearly(text: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(text, "demo.tsv")


def test_unknown_lexicon_is_a_clear_error() -> None:
    with pytest.raises(LexiconError, match="lexicon 'no_such_list' not found"):
        load_lexicon("no_such_list")


@pytest.mark.parametrize(("name", "columns", "n_rows", "first"), [
    # 311 after issue 16 round 3, + 6 coded terms of the NegEx round (claudication ... deconditioning)
    # + 32 of the problem-probe round (crohn disease ... hepatojugular reflux)
    # + 90 of 2026-12-04's rounds (problem probe4, NegEx rounds 5-6, vocabulary round 5) + bronchospasm
    # + 44 of the third stop of 2026-12-04 (probe6 16, NegEx round 7 5, probe7 23)
    # + 9 of probe8 (carotid stenosis ... diverticuli)
    # + 16 of probe9 (intracranial bleeding ... uterine enlargement)
    # + 7 of probe10 (abnormal electroencephalogram ... purulent drainage)
    # + 18 of probe11 (back pain ... ear discharge)
    # + 7 of ext12 probe12 (bezoar ... pronator drift)
    # + 13 of probe14 (vaginal pain ... painful defecation)
    # + 13 of probe17 (pulmonary arterial embolism ... goiter)
    # + 5 of probe18 (pneumoperitoneum ... carotid stenosis by ICA abbreviations)
    # + 18 rows of probe19
    # + 13 rows of probe22 (hiccups ... penile curvature)
    # + 10 rows of probe23 (polydipsia ... urinary dribbling)
    # + 1 row of the probe23 corpus review (670 on main; the pin had stayed 669)
    # + 28 rows of vocab16, mined from MTSamples diagnosis sections (menorrhagia ... plantar fasciitis)
    # + 17 rows of probe24 (cervical dystonia ... poor concentration)
    # + 17 rows of probe25 (non-small cell lung cancer ... diffuse large b-cell lymphoma)
    ("problems", ("name", "icd10", "synonyms"), 732,  # + 10 rows of probe20, 15 of probe21
     ("hypertension", "I10", "htn;=HTN;high blood pressure;essential hypertension;"
      "elevated blood pressure")),
    ("labs", ("name", "low", "high", "aliases"), 62,  # + MCV (probe6)
     ("WBC", "4.0", "11.0", "=WBC;white blood cell count;white count;white blood cells;"
      "leukocytes")),
    ("drug_generics", ("generic",), 396, ("acetaminophen",)),  # + sorbitol (probe14), glycerin (probe16)
    # +6 round 3, +1 allergy probe (percodan), +5 probe6 (tums ... vp-16)
    # + 1 probe11 (lotrel), + 2 ext12 probe12 (avandamet, micro-k)
    # + 3 probe14 (senna-s, carnitine, vitamin k)
    # + 2 probe18 (multiple vitamin(s))
    ("drug_brands", ("brand", "generic"), 169, ("tylenol", "acetaminophen")),  # + mylicon (probe16), humulin, novolin (probe17), bcnu (probe25)
    # review 3 of extcls: the forms a plural "nebulizers"/"eye drops"/"creams" may share
    ("drug_forms", ("generic", "form", "atc"), 84, ("albuterol", "inhaled", "R03AC02")),
])
def test_shipped_lexicons(name: str, columns: tuple, n_rows: int, first: tuple) -> None:
    lex = load_lexicon(name)
    assert lex.columns == columns and len(lex.rows) == n_rows and lex.rows[0] == first
    assert lex.header["source"].startswith("hand list, clinassist project, 2026")
    assert load_lexicon(name) is lex  # parsed once per process
