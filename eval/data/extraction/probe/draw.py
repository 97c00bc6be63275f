"""Draw the medication probe set: fresh MTSamples notes, never in the real-text set.

    python eval/data/extraction/probe/draw.py [--data DIR]

The real-text set's dev split stopped predicting its held-out split for medications (dev recall
0.925, held-out 0.722), so a fresh set of medication-heavy notes is drawn to find error
classes: MTSamples transcriptions of 500..5000 characters from medication-heavy specialties
(STRATA), duplicate texts merged, with a medication section header, and none of the notes (by
id or by text) of ``../real/manifest.jsonl`` (dev and held-out). PER_STRATUM notes per stratum
are drawn with random.Random(SEED) from the candidates sorted by note id; a note takes the first
stratum whose specialty it carries. Every probe note has split ``probe``. Only ids, checksums
and types are written, never note text.

Round 2 (split ``probe2``, seed SEED + 1, also excluding round 1) was drawn after the round-1
fixes, to measure them on notes they were not made on; it is appended to the manifest.
Round 3 (split ``probe3``, seed SEED + 2, excluding rounds 1-2) was drawn after the round-2
fixes from STRATA3: medication-heavy specialties the first two rounds covered little
(haematology/oncology, pain management, psychiatry, nephrology, discharge summaries, progress
notes, neurology, endocrinology, office notes), 2 per stratum (no pain-management note has a
medication section header of 500..5000 characters, so that stratum is empty).
Round 4 (split ``probe4``, seed SEED + 3, excluding rounds 1-3 and the real set) was drawn for
problems (issue 16, problem recall round 2) from STRATA4, the issue's note types (discharge,
H&P/consult, ED, progress/SOAP, operative, radiology, pediatrics), COUNTS4 notes per stratum,
500..MAX_CHARS4 characters, with no medication-header requirement (operative and radiology
reports rarely have one).
Round 5 (split ``probe5``, seed SEED + 4, excluding rounds 1-4, the real set and the allergy set
``../allergy/`` by id and text) was drawn for problems (issue 16, problem recall round 3) from
STRATA4 with COUNTS5 (one note per type, two discharge summaries), the same limits as round 4.
Round 6 (split ``probe6``, seed SEED + 5, excluding rounds 1-5, the real set and the allergy set
by id and text) was drawn for problems (issue 16, problem recall round 4) from STRATA6 with
COUNTS6: the note types where problems are densest (discharge 3, H&P/consult 3, progress/SOAP 2,
ED 2), the same limits as round 4. Problems, medications, allergies, vitals and labs are labelled.
Round 7 (split ``probe7``, seed SEED + 6, excluding rounds 1-6, the real set and both allergy sets
``../allergy/`` and ``../allergy2/`` by id and text) was drawn for problems (issue 16, problem
recall round 5) from STRATA7 with COUNTS7: the types where pre/post-operative diagnoses, findings
and impressions are the problems (pediatrics 2, radiology 3, operative 3, progress/SOAP 2), the
same limits as round 4. Problems (with status) are labelled.
Round 8 (split ``probe8``, seed SEED + 7, excluding rounds 1-7, the real set and the allergy sets
``../allergy/``, ``../allergy2/``, ``../allergy3/`` by id and text) was drawn for problems (issue
16, problem recall round 6) from STRATA8 with COUNTS8: large MTSamples specialties that probe4-7
did not draw from at all (cardiovascular/pulmonary 2, gastroenterology 2, neurology 2,
obstetrics/gynecology 1, hematology/oncology 1, ENT 1, neurosurgery 1), the same limits as
round 4. Problems (with status) are labelled.
Round 9 (split ``probe9``, seed SEED + 8, excluding rounds 1-8, the real set and the allergy sets
``../allergy/`` .. ``../allergy4/`` by id and text) was drawn for problems (issue 16, problem
recall round 7) from STRATA9 with COUNTS9: the note types an independent evaluation most likely
holds (discharge 2, H&P/consult 2, ED 2, progress/SOAP 2, general medicine 1, office notes 1),
the same limits as round 4. Problems (with status) are labelled.
Round 10 (split ``probe10``, seed SEED + 9, excluding rounds 1-9, the real set and the allergy sets
``../allergy/`` .. ``../allergy5/`` by id and text) was drawn for problems (issue 16, problem
recall round 8) from STRATA10 with COUNTS10: the MTSamples specialties rounds 1-9 drew least
(orthopedic 2, urology, ophthalmology, pain management, dermatology, podiatry, physical
medicine/rehab, sleep medicine, bariatrics 1 each), the same limits as round 4. Problems (with
status) are labelled.
Round 11 (split ``probe11``, seed SEED + 10, excluding rounds 1-10, the real set (dev and held-out)
and the allergy sets ``../allergy/`` .. ``../allergy5/`` by id and text) was drawn for problems
(issue 16, problem recall round 9) from STRATA11 with COUNTS11: problem-rich MTSamples specialties
and note types the earlier rounds drew least (rheumatology, nephrology, hematology/oncology 1
each, office notes 2, discharge 2, H&P/consult 2, progress/SOAP 1; the rare specialties first so
that a note filed under several takes the rarer stratum), the same limits as round 4. Problems
(with status) and medications are labelled.
Round 12 (split ``probe12``, seed SEED + 11, excluding rounds 1-11, the real set (dev and held-out)
and the allergy sets ``../allergy/`` .. ``../allergy6/`` by id and text) was drawn for issue 16
(extraction on real notes, generalisation) from STRATA12 with COUNTS12: office/consult specialties
the earlier rounds drew least (allergy/immunology, dermatology, endocrinology, ENT, neurology,
urology, OB/GYN, gastroenterology, orthopedic 1 each, office notes 1; the rare specialties first),
500..MAX_CHARS4 characters WITH a medication section header (medications and allergies are
labelled, so notes without a list would measure nothing of them). Problems (with status),
medications, allergies and no_known_allergies are labelled.
Round 13 (split ``probe13``, seed SEED + 12) was drawn for issue 16 (extraction generalisation)
from STRATA13 with COUNTS13: the MTSamples specialties the extraction manifests held least
(counted over every manifest: sleep medicine 2, rheumatology 3, pain management 4, endocrinology
5, psychiatry 7, nephrology, urology 14, OB/GYN 16, hematology/oncology 19, neurology 20,
orthopedic 24; 1 each, rare specialties first; the pain-management pool was empty, hence
orthopedic), 500..MAX_CHARS characters with a presentation header (history of
present illness, chief complaint, subjective, reason for ...) and an assessment header
(assessment, impression, diagnosis, plan), excluding by id and by text the frozen list
``exclude13.json`` (``freeze_exclude13.py``: every extraction manifest and the triage probes'
``mts_manifest.jsonl`` / ``mts2_manifest.jsonl``). Problems (with status), medications,
allergies and no_known_allergies are labelled.
Round 14 (split ``probe14``, seed SEED + 13) was drawn for issue 16 (extraction generalisation)
from STRATA14 with COUNTS14: the specialties the extraction manifests held least after round 13
(notes held / notes of 500-5,000 characters: hospice 2/4, rehab 4/19, neurosurgery 5/68, pain
management 6/52) and the note types of the independent evaluation that the manifests hold least
for their pool (radiology 19/249, operative (Surgery) 51/890, discharge 31/100, ED 32/62,
progress 50/157, pediatrics 26/63); 1 each, 500..MAX_CHARS characters, no header requirement
(operative and radiology reports have no presentation header), excluding by id and by text the
frozen list ``exclude14.json`` (``freeze_exclude14.py``: every extraction manifest and the triage
``mts`` .. ``mts4`` manifests, plus mts5 from its helper's worktree). Problems (with status),
medications, allergies and no_known_allergies are labelled.
Round 15 (split ``probe15``, seed SEED + 14) was drawn for issue 16 as a measurement only (no
tuning) from STRATA15, the note types the independent evaluation spans (discharge, H&P/consult,
ED, progress/SOAP, operative, radiology, pediatrics) with COUNTS15 (one each, discharge two: 8
notes), 500..MAX_CHARS15 characters, no header requirement, excluding by id and by text the
frozen list ``exclude15.json`` (``freeze_exclude15.py``: every extraction manifest and every
triage ``mts*`` manifest, plus mts7 from its helper's worktree). Problems (with status),
medications, allergies and no_known_allergies are labelled.
Round 16 (split ``probe16``, seed SEED + 15) was drawn for issue 16 (medication recall and
status) from STRATA16 with COUNTS16 (discharge, H&P/consult, progress/SOAP: 4 each), 500..MAX_CHARS
characters, notes that name at least MIN_DRUGS16 distinct drugs of the project's drug lexicon as
it stood at DRUG_VOCAB_COMMIT (read with ``git show``, so later lexicon rows never change the
draw), excluding by id and by text the frozen list ``exclude16.json`` (``freeze_exclude16.py``:
every extraction manifest, every triage ``mts*`` manifest and every id of the triage
``*_excluded_at_draw.txt`` lists). Problems (with status), medications, allergies and
no_known_allergies are labelled.
Round 17 (split ``probe17``, seed the string SEED17 = "20261205-probe17") was drawn for issue 16
as a fresh untuned measurement from STRATA17 with COUNTS17: encounter-note types the manifests
hold least for what is left (Emergency Room Reports 2 and Pediatrics 2, nearly exhausted;
Nephrology 2; Cardiovascular / Pulmonary 3, 0 notes filed first under it in any extraction
manifest against about 200 left; Consult - History and Phy. 3), rare strata first,
500..MAX_CHARS4 characters (shorter notes: all of each is labelled by hand), no header
requirement (with round 13's presentation and assessment headers the ED and nephrology pools
held 0 and 1 notes), excluding by id and by text the frozen list ``exclude17.json``
(``freeze_exclude17.py``). Problems (with status), medications, allergies and
no_known_allergies are labelled.
Round 18 (split ``probe18``, seed the string SEED18 = "20261205-probe18") was drawn for issue 16
as a fresh untuned measurement of the rules path from STRATA18 with COUNTS18: the encounter-note
types and specialties the manifests held least against what is left in the 500..MAX_CHARS4 pool
(psychiatry 1, discharge summaries 2, SOAP/progress notes 2, OB/GYN 1, urology 1,
gastroenterology 2, neurology 2, orthopedic 1; rare strata first), no header requirement,
excluding by id and by text the frozen list ``exclude18.json`` (``freeze_exclude18.py``).
Problems (with status), medications, allergies and no_known_allergies are labelled.
Round 19 (split ``probe19``, seed the string SEED19 = "20261205-probe19") was drawn for issue 16
(problem recall on unseen notes) as a fresh untuned measurement from STRATA19 with COUNTS19: the
encounter-note types that carry a history, an examination and an assessment (Emergency Room
Reports 1, SOAP/progress notes 2, office notes 2, discharge summaries 2, General Medicine 2,
Consult - History and Phy. 3; rare strata first, so a consult filed under a specialty too is
drawn across specialties), 500..MAX_CHARS4 characters, no header requirement, excluding by id
and by text the frozen list ``exclude19.json`` (``freeze_exclude19.py``). Problems (with
status), medications, allergies, no_known_allergies, vitals and labs are labelled.
Round 20 (split ``probe20``, seed the string SEED20 = "20261206-probe20") was drawn for issue 16
(problems and medications on unseen notes) as a fresh untuned measurement from STRATA20 with
COUNTS20: the encounter-note types an independent evaluation spans (Emergency Room Reports 2,
office notes 2, discharge summaries 2, SOAP/progress notes 2, Consult - History and Phy. 2,
operative (Surgery) 1, radiology 1; rare strata first), 500..MAX_CHARS4 characters, no header
requirement, excluding by id and by text the frozen list ``exclude20.json``
(``freeze_exclude20.py``). Problems (with status), medications, allergies and
no_known_allergies are labelled.
Round 21 (split ``probe21``, seed the string SEED21 = "20261206-probe21") was drawn for issue 16
(problems/findings on unseen notes) as a fresh untuned measurement from STRATA21 with COUNTS21:
the note types an independent evaluation spans (Emergency Room Reports 2, office notes 2,
discharge summaries 2, SOAP/progress notes 2, Consult - History and Phy. 3, operative (Surgery)
1, radiology 1, pediatrics 1; rare strata first; the ED pool was empty, so 10+2 were drawn from
the other strata), 500..MAX_CHARS4 characters, no header
requirement, excluding by id and by text the frozen list ``exclude21.json``
(``freeze_exclude21.py``). Problems (with status), medications, allergies and
no_known_allergies are labelled.
Round 22 (split ``probe22``, seed the string SEED22 = "20261207-probe22") was drawn for issue 16
(extraction on real notes) as a fresh untuned measurement from STRATA22 with COUNTS22: the note
types and specialties the probe manifest held least for what is left (Emergency Room Reports 2,
the last two of the pool; endocrinology, psychiatry, nephrology, hematology/oncology,
cardiovascular/pulmonary and gastroenterology 1 each; discharge summaries 2 and Consult -
History and Phy. 2; rare strata first), 500..MAX_CHARS22 = 4,500 characters (the ED pool is
empty at 3,500), no header requirement, excluding by id and by text the frozen list
``exclude22.json`` (``freeze_exclude22.py``: round 21's sources plus the medstat sentence set's
notes). Problems (with status), medications, allergies and no_known_allergies are labelled.
Round 23 (split ``probe23``, seed the string SEED23 = "20261208-probe23") was drawn for issue 16
(extraction on real notes) as a fresh untuned measurement across note types from STRATA23 with
COUNTS23 (pediatrics 2, office notes 1, progress/SOAP 2, discharge 2, radiology 1, H&P/consult 2,
operative (Surgery) 2; rare strata first), 500..MAX_CHARS22 = 4,500 characters, no header
requirement, excluding by id and by text the frozen list ``exclude23.json``
(``freeze_exclude23.py``: every manifest incl. probe22, allergyrx and told, and the medstat,
midneg and negscope sentence sets' notes). Problems (with status), medications, allergies,
no_known_allergies, vitals and labs are labelled.
Round 24 (split ``probe24``, seed the string SEED24 = "20261214-probe24") was drawn for issue 16
(extraction on real notes) as a fresh untuned measurement with round 23's strata and limits
(STRATA24 = STRATA23, COUNTS24 = COUNTS23: pediatrics 2, office notes 1, progress/SOAP 2,
discharge 2, radiology 1, H&P/consult 2, operative (Surgery) 2; 500..MAX_CHARS22 = 4,500
characters, no header requirement), excluding by id and by text the frozen list
``exclude24.json`` (``freeze_exclude24.py``: round 23's sources as they stand now, probe23 and
the mts10 triage manifest included). Problems (with status), medications, allergies,
no_known_allergies, vitals and labs are labelled.
Round 25 (split ``probe25``, seed the string SEED25 = "20261215-probe25") was drawn for issue 16
(extraction on real notes) as a fresh untuned measurement with round 24's strata and limits
(STRATA25 = STRATA23, COUNTS25 = COUNTS23; 500..MAX_CHARS22 = 4,500 characters, no header
requirement), excluding by id and by text the frozen list ``exclude25.json``
(``freeze_exclude25.py``: round 24's sources as they stand now, probe24 included). Problems
(with status), medications, allergies and no_known_allergies are labelled.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))  # the repository root, for eval.*

from eval.common import manifest_main  # noqa: E402
from eval.extraction_real import MTS_CSV, _read_csv, restore_breaks, sha256  # noqa: E402

SEED = 20261205
MIN_CHARS, MAX_CHARS = 500, 5000
PER_STRATUM = 2
STRATA = [("discharge", "Discharge Summary"), ("hp_consult", "Consult - History and Phy."),
          ("ed", "Emergency Room Reports"), ("nephrology", "Nephrology"),
          ("cardiology", "Cardiovascular / Pulmonary"), ("psychiatry", "Psychiatry / Psychology"),
          ("pediatrics", "Pediatrics - Neonatal"), ("general", "General Medicine")]
STRATA3 = [("discharge", "Discharge Summary"), ("heme_onc", "Hematology - Oncology"),
           ("pain", "Pain Management"), ("psychiatry", "Psychiatry / Psychology"),
           ("nephrology", "Nephrology"), ("progress", "SOAP / Chart / Progress Notes"),
           ("neurology", "Neurology"), ("endocrinology", "Endocrinology"),
           ("office", "Office Notes")]
STRATA4 = [("discharge", "Discharge Summary"), ("hp_consult", "Consult - History and Phy."),
           ("ed", "Emergency Room Reports"), ("progress", "SOAP / Chart / Progress Notes"),
           ("operative", "Surgery"), ("radiology", "Radiology"),
           ("pediatrics", "Pediatrics - Neonatal")]
COUNTS4 = {"discharge": 2, "hp_consult": 2, "ed": 2, "progress": 2, "operative": 2,
           "radiology": 1, "pediatrics": 1}
MAX_CHARS4 = 3500
COUNTS5 = {"discharge": 2, "hp_consult": 1, "ed": 1, "progress": 1, "operative": 1,
           "radiology": 1, "pediatrics": 1}
STRATA6 = [("discharge", "Discharge Summary"), ("hp_consult", "Consult - History and Phy."),
           ("progress", "SOAP / Chart / Progress Notes"), ("ed", "Emergency Room Reports")]
COUNTS6 = {"discharge": 3, "hp_consult": 3, "progress": 2, "ed": 2}
STRATA7 = [("pediatrics", "Pediatrics - Neonatal"), ("radiology", "Radiology"),
           ("progress", "SOAP / Chart / Progress Notes"), ("operative", "Surgery")]
COUNTS7 = {"pediatrics": 2, "radiology": 3, "operative": 3, "progress": 2}
STRATA8 = [("cardiology", "Cardiovascular / Pulmonary"), ("gastroenterology", "Gastroenterology"),
           ("neurology", "Neurology"), ("obgyn", "Obstetrics / Gynecology"),
           ("heme_onc", "Hematology - Oncology"), ("ent", "ENT - Otolaryngology"),
           ("neurosurgery", "Neurosurgery")]
COUNTS8 = {"cardiology": 2, "gastroenterology": 2, "neurology": 2, "obgyn": 1, "heme_onc": 1,
           "ent": 1, "neurosurgery": 1}
STRATA9 = [("discharge", "Discharge Summary"), ("hp_consult", "Consult - History and Phy."),
           ("ed", "Emergency Room Reports"), ("progress", "SOAP / Chart / Progress Notes"),
           ("general", "General Medicine"), ("office", "Office Notes")]
COUNTS9 = {"discharge": 2, "hp_consult": 2, "ed": 2, "progress": 2, "general": 1, "office": 1}
STRATA10 = [("orthopedic", "Orthopedic"), ("urology", "Urology"), ("ophthalmology", "Ophthalmology"),
            ("pain", "Pain Management"), ("dermatology", "Dermatology"), ("podiatry", "Podiatry"),
            ("rehab", "Physical Medicine - Rehab"), ("sleep", "Sleep Medicine"),
            ("bariatrics", "Bariatrics")]
COUNTS10 = {"orthopedic": 2, "urology": 1, "ophthalmology": 1, "pain": 1, "dermatology": 1,
            "podiatry": 1, "rehab": 1, "sleep": 1, "bariatrics": 1}
STRATA11 = [("rheumatology", "Rheumatology"), ("nephrology", "Nephrology"),
            ("heme_onc", "Hematology - Oncology"), ("office", "Office Notes"),
            ("discharge", "Discharge Summary"), ("hp_consult", "Consult - History and Phy."),
            ("progress", "SOAP / Chart / Progress Notes")]
COUNTS11 = {"rheumatology": 1, "nephrology": 1, "heme_onc": 1, "office": 2, "discharge": 2,
            "hp_consult": 2, "progress": 1}
STRATA12 = [("allergy_imm", "Allergy / Immunology"), ("dermatology", "Dermatology"),
            ("endocrinology", "Endocrinology"), ("ent", "ENT - Otolaryngology"),
            ("neurology", "Neurology"), ("urology", "Urology"), ("obgyn", "Obstetrics / Gynecology"),
            ("gastroenterology", "Gastroenterology"), ("orthopedic", "Orthopedic"),
            ("office", "Office Notes")]
COUNTS12 = {s: 1 for s, _ in STRATA12}
STRATA13 = [("sleep", "Sleep Medicine"), ("rheumatology", "Rheumatology"),
            ("pain", "Pain Management"), ("endocrinology", "Endocrinology"),
            ("psychiatry", "Psychiatry / Psychology"), ("nephrology", "Nephrology"),
            ("urology", "Urology"), ("obgyn", "Obstetrics / Gynecology"),
            ("heme_onc", "Hematology - Oncology"), ("neurology", "Neurology"),
            ("orthopedic", "Orthopedic")]
COUNTS13 = {s: 1 for s, _ in STRATA13}
STRATA14 = [("hospice", "Hospice - Palliative Care"), ("rehab", "Physical Medicine - Rehab"),
            ("neurosurgery", "Neurosurgery"), ("pain", "Pain Management"),
            ("radiology", "Radiology"), ("operative", "Surgery"),
            ("discharge", "Discharge Summary"), ("ed", "Emergency Room Reports"),
            ("progress", "SOAP / Chart / Progress Notes"), ("pediatrics", "Pediatrics - Neonatal")]
COUNTS14 = {s: 1 for s, _ in STRATA14}
STRATA15 = STRATA4
COUNTS15 = {"discharge": 2, "hp_consult": 1, "ed": 1, "progress": 1, "operative": 1,
            "radiology": 1, "pediatrics": 1}
MAX_CHARS15 = 4000
# Round 16 (medication recall and status): discharge, H&P/consult and progress notes naming
# at least MIN_DRUGS16 distinct drugs of the project's drug lexicon as it stood at
# DRUG_VOCAB_COMMIT (read with `git show`, so that later lexicon rows never change the draw).
STRATA16 = [("discharge", "Discharge Summary"), ("hp_consult", "Consult - History and Phy."),
            ("progress", "SOAP / Chart / Progress Notes")]
COUNTS16 = {"discharge": 4, "hp_consult": 4, "progress": 4}
MIN_DRUGS16 = 3
DRUG_VOCAB_COMMIT = "9445fc6"
# Round 17 (fresh untuned measurement): the encounter-note types least covered (module doc).
SEED17 = "20261205-probe17"
STRATA17 = [("ed", "Emergency Room Reports"), ("pediatrics", "Pediatrics - Neonatal"),
            ("nephrology", "Nephrology"), ("cardiology", "Cardiovascular / Pulmonary"),
            ("hp_consult", "Consult - History and Phy.")]
COUNTS17 = {"ed": 2, "pediatrics": 2, "nephrology": 2, "cardiology": 3, "hp_consult": 3}
# Round 18 (fresh untuned measurement): the types and specialties least covered (module doc).
SEED18 = "20261205-probe18"
STRATA18 = [("psychiatry", "Psychiatry / Psychology"), ("discharge", "Discharge Summary"),
            ("progress", "SOAP / Chart / Progress Notes"), ("obgyn", "Obstetrics / Gynecology"),
            ("urology", "Urology"), ("gastroenterology", "Gastroenterology"),
            ("neurology", "Neurology"), ("orthopedic", "Orthopedic")]
COUNTS18 = {"psychiatry": 1, "discharge": 2, "progress": 2, "obgyn": 1, "urology": 1,
            "gastroenterology": 2, "neurology": 2, "orthopedic": 1}
# Round 19 (problem recall, fresh untuned measurement): history/exam/assessment note types.
SEED19 = "20261205-probe19"
STRATA19 = [("ed", "Emergency Room Reports"), ("progress", "SOAP / Chart / Progress Notes"),
            ("office", "Office Notes"), ("discharge", "Discharge Summary"),
            ("general", "General Medicine"), ("hp_consult", "Consult - History and Phy.")]
COUNTS19 = {"ed": 1, "progress": 2, "office": 2, "discharge": 2, "general": 2, "hp_consult": 3}
# Round 20 (fresh untuned measurement, problems and medications): the encounter-note types
# an independent evaluation spans (module doc).
SEED20 = "20261206-probe20"
STRATA20 = [("ed", "Emergency Room Reports"), ("office", "Office Notes"),
            ("discharge", "Discharge Summary"), ("progress", "SOAP / Chart / Progress Notes"),
            ("hp_consult", "Consult - History and Phy."), ("operative", "Surgery"),
            ("radiology", "Radiology")]
COUNTS20 = {"ed": 2, "office": 2, "discharge": 2, "progress": 2, "hp_consult": 2,
            "operative": 1, "radiology": 1}
# Round 21 (fresh untuned measurement, problems/findings): the note types an independent
# evaluation spans, pediatrics included (module doc).
SEED21 = "20261206-probe21"
STRATA21 = [("ed", "Emergency Room Reports"), ("pediatrics", "Pediatrics - Neonatal"),
            ("office", "Office Notes"), ("discharge", "Discharge Summary"),
            ("progress", "SOAP / Chart / Progress Notes"),
            ("hp_consult", "Consult - History and Phy."), ("operative", "Surgery"),
            ("radiology", "Radiology")]
# The ED pool of 500..MAX_CHARS4 characters is empty after exclude21 (3 ED notes are left, all
# over 3,500 characters): its 2 notes go to office notes and H&P/consults.
COUNTS21 = {"ed": 2, "pediatrics": 1, "office": 2, "discharge": 2, "progress": 2,
            "hp_consult": 3, "operative": 1, "radiology": 1}
# Round 22 (fresh untuned measurement, issue 16): the types and specialties least drawn
# (module doc).
SEED22 = "20261207-probe22"
STRATA22 = [("ed", "Emergency Room Reports"), ("endocrinology", "Endocrinology"),
            ("psychiatry", "Psychiatry / Psychology"), ("discharge", "Discharge Summary"),
            ("nephrology", "Nephrology"), ("heme_onc", "Hematology - Oncology"),
            ("hp_consult", "Consult - History and Phy."),
            ("gastroenterology", "Gastroenterology"),
            ("cardiology", "Cardiovascular / Pulmonary")]
COUNTS22 = {"ed": 2, "endocrinology": 1, "psychiatry": 1, "discharge": 2, "nephrology": 1,
            "heme_onc": 1, "hp_consult": 2, "gastroenterology": 1, "cardiology": 1}
MAX_CHARS22 = 4500
# Round 23 (fresh untuned measurement across note types, issue 16; module doc).
SEED23 = "20261208-probe23"
STRATA23 = [("pediatrics", "Pediatrics - Neonatal"), ("office", "Office Notes"),
            ("progress", "SOAP / Chart / Progress Notes"), ("discharge", "Discharge Summary"),
            ("radiology", "Radiology"), ("hp_consult", "Consult - History and Phy."),
            ("operative", "Surgery")]
COUNTS23 = {"pediatrics": 2, "office": 1, "progress": 2, "discharge": 2, "radiology": 1,
            "hp_consult": 2, "operative": 2}
# Round 24 (fresh untuned measurement, issue 16): round 23's strata and limits, a new seed.
SEED24 = "20261214-probe24"
STRATA24 = STRATA23
COUNTS24 = COUNTS23
# Round 25 (fresh untuned measurement, issue 16): round 24's strata and limits, a new seed.
SEED25 = "20261215-probe25"
STRATA25 = STRATA23
COUNTS25 = COUNTS23
PRESENTATION_HEADER = re.compile(r"\b(?:HISTORY OF (?:THE )?PRESENT ILLNESS|CHIEF COMPLAINT|"
                                 r"SUBJECTIVE|REASON FOR (?:CONSULTATION|REFERRAL|VISIT)|HPI)\b")
ASSESSMENT_HEADER = re.compile(r"\b(?:ASSESSMENT|IMPRESSIONS?|DIAGNOS[EI]S|PLAN)\b[^:\n]{0,30}:")
MED_HEADER = re.compile(r"\b(?:(?:CURRENT|HOME|DISCHARGE|ADMISSION|OUTPATIENT)\s+)?MEDICATIONS?\b"
                        r"[^:\n]{0,30}:")


def _drug_words() -> set[str]:
    """Lower-case generic and brand names of the drug lexicon at DRUG_VOCAB_COMMIT."""
    import subprocess

    words: set[str] = set()
    for name in ("drug_generics.tsv", "drug_brands.tsv"):
        text = subprocess.run(["git", "-C", str(HERE), "show",
                               f"{DRUG_VOCAB_COMMIT}:assistant/clinical/data/{name}"],
                              check=True, capture_output=True, text=True).stdout
        for line in text.splitlines()[4:]:  # 3 comment lines and the column header
            if line.strip() and not line.startswith("#"):
                words |= {w.strip().lower() for w in line.split("\t")[:2] if w.strip()}
    return words


def names_drugs(text: str, words: set[str], n: int = MIN_DRUGS16) -> bool:
    """True when ``text`` names at least ``n`` distinct drugs of ``words`` (whole words; a
    brand and its generic count once each as written)."""
    found = {w for w in re.findall(r"[a-z][a-z0-9-]+", text.lower()) if w in words}
    return len(found) >= n


def draw(data_dir: Path, rounds: int = 25) -> list[dict]:
    """The manifest rows: round 1 (stratum order, then note id), then rounds 2-25 the same way."""
    out: list[dict] = []
    for r in range(1, rounds + 1):
        exclude = {m["source_id"] for m in out}
        split = "probe" if r == 1 else f"probe{r}"
        if r == 25:
            frozen = json.loads((HERE / "exclude25.json").read_text(encoding="utf-8"))
            out += _draw_round(data_dir, SEED25, split, exclude | set(frozen["source_ids"]),
                               STRATA25, counts=COUNTS25, max_chars=MAX_CHARS22,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]))
        elif r == 24:
            frozen = json.loads((HERE / "exclude24.json").read_text(encoding="utf-8"))
            out += _draw_round(data_dir, SEED24, split, exclude | set(frozen["source_ids"]),
                               STRATA24, counts=COUNTS24, max_chars=MAX_CHARS22,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]))
        elif r == 23:
            frozen = json.loads((HERE / "exclude23.json").read_text(encoding="utf-8"))
            out += _draw_round(data_dir, SEED23, split, exclude | set(frozen["source_ids"]),
                               STRATA23, counts=COUNTS23, max_chars=MAX_CHARS22,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]))
        elif r == 22:
            frozen = json.loads((HERE / "exclude22.json").read_text(encoding="utf-8"))
            out += _draw_round(data_dir, SEED22, split, exclude | set(frozen["source_ids"]),
                               STRATA22, counts=COUNTS22, max_chars=MAX_CHARS22,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]))
        elif r == 21:
            frozen = json.loads((HERE / "exclude21.json").read_text(encoding="utf-8"))
            out += _draw_round(data_dir, SEED21, split, exclude | set(frozen["source_ids"]),
                               STRATA21, counts=COUNTS21, max_chars=MAX_CHARS4,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]))
        elif r == 20:
            frozen = json.loads((HERE / "exclude20.json").read_text(encoding="utf-8"))
            out += _draw_round(data_dir, SEED20, split, exclude | set(frozen["source_ids"]),
                               STRATA20, counts=COUNTS20, max_chars=MAX_CHARS4,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]))
        elif r == 19:
            frozen = json.loads((HERE / "exclude19.json").read_text(encoding="utf-8"))
            out += _draw_round(data_dir, SEED19, split, exclude | set(frozen["source_ids"]),
                               STRATA19, counts=COUNTS19, max_chars=MAX_CHARS4,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]))
        elif r == 18:
            frozen = json.loads((HERE / "exclude18.json").read_text(encoding="utf-8"))
            out += _draw_round(data_dir, SEED18, split, exclude | set(frozen["source_ids"]),
                               STRATA18, counts=COUNTS18, max_chars=MAX_CHARS4,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]))
        elif r == 17:
            frozen = json.loads((HERE / "exclude17.json").read_text(encoding="utf-8"))
            out += _draw_round(data_dir, SEED17, split, exclude | set(frozen["source_ids"]),
                               STRATA17, counts=COUNTS17, max_chars=MAX_CHARS4,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]))
        elif r == 16:
            frozen = json.loads((HERE / "exclude16.json").read_text(encoding="utf-8"))
            words = _drug_words()
            out += _draw_round(data_dir, SEED + 15, split, exclude | set(frozen["source_ids"]),
                               STRATA16, counts=COUNTS16, max_chars=MAX_CHARS,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]),
                               text_ok=lambda t, w=words: names_drugs(t, w))
        elif r == 15:
            frozen = json.loads((HERE / "exclude15.json").read_text(encoding="utf-8"))
            out += _draw_round(data_dir, SEED + 14, split, exclude | set(frozen["source_ids"]),
                               STRATA15, counts=COUNTS15, max_chars=MAX_CHARS15,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]))
        elif r == 14:
            frozen = json.loads((HERE / "exclude14.json").read_text(encoding="utf-8"))
            out += _draw_round(data_dir, SEED + 13, split, exclude | set(frozen["source_ids"]),
                               STRATA14, counts=COUNTS14, max_chars=MAX_CHARS,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]))
        elif r == 13:
            frozen = json.loads((HERE / "exclude13.json").read_text(encoding="utf-8"))
            out += _draw_round(data_dir, SEED + 12, split, exclude | set(frozen["source_ids"]),
                               STRATA13, counts=COUNTS13, max_chars=MAX_CHARS,
                               need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out}
                               | set(frozen["sha256_raw"]), need_presentation=True)
        elif r == 12:
            allergy = [json.loads(x) for d in ("allergy", "allergy2", "allergy3", "allergy4",
                                               "allergy5", "allergy6")
                       for x in (HERE.parent / d / "manifest.jsonl")
                       .read_text(encoding="utf-8").splitlines() if x.strip()]
            out += _draw_round(data_dir, SEED + 11, split,
                               exclude | {a["source_id"] for a in allergy}, STRATA12,
                               counts=COUNTS12, max_chars=MAX_CHARS4, need_med_header=True,
                               exclude_sha={m["sha256_raw"] for m in out + allergy})
        elif r == 11:
            allergy = [json.loads(x) for d in ("allergy", "allergy2", "allergy3", "allergy4",
                                               "allergy5")
                       for x in (HERE.parent / d / "manifest.jsonl")
                       .read_text(encoding="utf-8").splitlines() if x.strip()]
            out += _draw_round(data_dir, SEED + 10, split,
                               exclude | {a["source_id"] for a in allergy}, STRATA11,
                               counts=COUNTS11, max_chars=MAX_CHARS4, need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out + allergy})
        elif r == 10:
            allergy = [json.loads(x) for d in ("allergy", "allergy2", "allergy3", "allergy4",
                                               "allergy5")
                       for x in (HERE.parent / d / "manifest.jsonl")
                       .read_text(encoding="utf-8").splitlines() if x.strip()]
            out += _draw_round(data_dir, SEED + 9, split,
                               exclude | {a["source_id"] for a in allergy}, STRATA10,
                               counts=COUNTS10, max_chars=MAX_CHARS4, need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out + allergy})
        elif r == 9:
            allergy = [json.loads(x) for d in ("allergy", "allergy2", "allergy3", "allergy4")
                       for x in (HERE.parent / d / "manifest.jsonl")
                       .read_text(encoding="utf-8").splitlines() if x.strip()]
            out += _draw_round(data_dir, SEED + 8, split,
                               exclude | {a["source_id"] for a in allergy}, STRATA9,
                               counts=COUNTS9, max_chars=MAX_CHARS4, need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out + allergy})
        elif r == 8:
            allergy = [json.loads(x) for d in ("allergy", "allergy2", "allergy3")
                       for x in (HERE.parent / d / "manifest.jsonl")
                       .read_text(encoding="utf-8").splitlines() if x.strip()]
            out += _draw_round(data_dir, SEED + 7, split,
                               exclude | {a["source_id"] for a in allergy}, STRATA8,
                               counts=COUNTS8, max_chars=MAX_CHARS4, need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out + allergy})
        elif r == 7:
            allergy = [json.loads(x) for d in ("allergy", "allergy2")
                       for x in (HERE.parent / d / "manifest.jsonl")
                       .read_text(encoding="utf-8").splitlines() if x.strip()]
            out += _draw_round(data_dir, SEED + 6, split,
                               exclude | {a["source_id"] for a in allergy}, STRATA7,
                               counts=COUNTS7, max_chars=MAX_CHARS4, need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out + allergy})
        elif r >= 5:
            allergy = [json.loads(x) for x in (HERE.parent / "allergy" / "manifest.jsonl")
                       .read_text(encoding="utf-8").splitlines() if x.strip()]
            out += _draw_round(data_dir, SEED + r - 1, split,
                               exclude | {a["source_id"] for a in allergy},
                               STRATA4 if r == 5 else STRATA6,
                               counts=COUNTS5 if r == 5 else COUNTS6, max_chars=MAX_CHARS4, need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out + allergy})
        elif r == 4:
            out += _draw_round(data_dir, SEED + 3, split, exclude, STRATA4, counts=COUNTS4,
                               max_chars=MAX_CHARS4, need_med_header=False,
                               exclude_sha={m["sha256_raw"] for m in out})
        else:
            out += _draw_round(data_dir, SEED + r - 1, split, exclude,
                               STRATA3 if r == 3 else STRATA)
    return out


def _draw_round(data_dir: Path, seed: int | str, split: str, exclude: set[str],
                strata: list[tuple[str, str]], counts: dict[str, int] | None = None,
                max_chars: int = MAX_CHARS, need_med_header: bool = True,
                exclude_sha: set[str] | None = None,
                need_presentation: bool = False,
                text_ok: Callable[[str], bool] | None = None) -> list[dict]:
    used = [json.loads(x) for x in (HERE.parent / "real" / "manifest.jsonl").read_text(
        encoding="utf-8").splitlines() if x.strip()]
    used_ids = {u["source_id"] for u in used if u["source"] == "mtsamples"} | exclude
    used_sha = {u["sha256_raw"] for u in used} | (exclude_sha or set())
    by_text: dict[str, list[dict[str, str]]] = {}
    for row in _read_csv(data_dir / MTS_CSV):
        text = row["transcription"] or ""
        if MIN_CHARS <= len(text) <= max_chars and (MED_HEADER.search(text)
                                                     or not need_med_header) and (
                not need_presentation or (PRESENTATION_HEADER.search(text)
                                          and ASSESSMENT_HEADER.search(text))) and (
                text_ok is None or text_ok(text)):
            by_text.setdefault(text, []).append(row)
    pools: dict[str, list[tuple[int, str, dict[str, str]]]] = {s: [] for s, _ in strata}
    for text, rows in by_text.items():
        if sha256(text) in used_sha or any(r["note_id"] in used_ids for r in rows):
            continue
        specs = {(r["medical_specialty"] or "").strip() for r in rows}
        for stratum, spec in strata:
            if spec in specs:
                first = min(rows, key=lambda r: int(r["note_id"]))
                pools[stratum].append((int(first["note_id"]), text, first))
                break
    rng = random.Random(seed)
    out = []
    for stratum, _ in strata:
        pool = sorted(pools[stratum], key=lambda c: c[0])
        k = min((counts or {}).get(stratum, PER_STRATUM), len(pool))
        for note_id, text, row in sorted(rng.sample(pool, k), key=lambda c: c[0]):
            out.append({"id": f"mts-{note_id}", "source": "mtsamples", "source_id": str(note_id),
                        "type": stratum, "specialty": (row["medical_specialty"] or "").strip(),
                        "sample_name": row["sample_name"].strip(), "chars": len(text),
                        "sha256": sha256(restore_breaks(text)), "sha256_raw": sha256(text),
                        "split": split})
    return out


def main() -> int:
    """Write manifest.jsonl (refuses to change an existing one unless --force)."""
    return manifest_main(draw, HERE / "manifest.jsonl", __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
