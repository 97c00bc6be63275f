"""Write the gold labels (gold/<note_id>.json) from the compact tables below.

Hand-labelled by the extraction engineer before the rules were tuned on these notes.
Conventions (see README.md): problems are diagnoses, symptoms and named findings stated about
the patient (negated ones with status "absent", relatives' conditions "family", past resolved
events "historical", hedged ones "possible"); one entry per concept. Medications: one entry per
drug; attributes as written (canonical route/frequency spelling); status is the most recent
explicit action in the note (new/discontinued/held/given), else "active".
Run: python eval/data/extraction/make_gold.py
"""

from __future__ import annotations

import json
from pathlib import Path

P, A, POS, H, F = "present", "absent", "possible", "historical", "family"


def probs(*rows):
    return [{"text": t, "status": s} for t, s in rows]


def meds(*rows):
    return [{"name": n, "dose": d, "route": r, "frequency": f, "status": s}
            for n, d, r, f, s in rows]


def alls(*rows):
    return [{"substance": s, "reaction": r} for s, r in rows]


def vit(**kw):
    return [{"name": k, "value": v} for k, v in kw.items()]


def labs(*rows):
    return [{"name": n, "value": v, "unit": u, "flag": f} for n, v, u, f in rows]


GOLD = {
    "ed_chest_pain": dict(
        problems=probs(("hypertension", P), ("type 2 diabetes mellitus", P), ("hyperlipidemia", P),
                       ("chest pain", P), ("diaphoresis", P), ("nausea", P), ("vomiting", A),
                       ("syncope", A), ("palpitations", A), ("fever", A),
                       ("myocardial infarction", F), ("nstemi", P)),
        medications=meds(("aspirin", "325 mg", "PO", None, "given"),
                         ("metformin", "1000 mg", "PO", "BID", "held"),
                         ("lisinopril", "20 mg", "PO", "daily", "active"),
                         ("atorvastatin", "40 mg", "PO", "qHS", "active"),
                         ("nitroglycerin", "0.4 mg", "SL", "once", "given"),
                         ("heparin", "4000 units", "IV", None, "given"),
                         ("insulin", None, None, None, "new")),
        allergies=alls(("penicillin", "hives")),
        vitals=vit(systolic_bp=162, diastolic_bp=94, heart_rate=104, respiratory_rate=20,
                   temperature=36.9, spo2=97),
        labs=labs(("troponin I", 0.45, "ng/mL", "high"), ("potassium", 4.1, None, None),
                  ("creatinine", 1.1, None, None), ("glucose", 212, None, "high"))),
    "discharge_chf": dict(
        problems=probs(("heart failure", P), ("ischemic cardiomyopathy", P),
                       ("atrial fibrillation", P), ("chronic kidney disease", P),
                       ("dyspnea", P), ("orthopnea", P), ("edema", P), ("chest pain", A),
                       ("pneumonia", A)),
        medications=meds(("furosemide", "40 mg", "PO", "daily", "new"),
                         ("metoprolol succinate", "50 mg", "PO", "daily", "active"),
                         ("apixaban", "5 mg", "PO", "BID", "active"),
                         ("spironolactone", "25 mg", "PO", "daily", "new"),
                         ("potassium chloride", "20 mEq", "PO", "daily", "active"),
                         ("ibuprofen", None, None, None, "discontinued")),
        allergies=alls(("sulfa drugs", "rash")),
        vitals=vit(systolic_bp=118, diastolic_bp=70, heart_rate=78, respiratory_rate=16,
                   spo2=95, weight=68.2),
        labs=labs(("creatinine", 1.9, None, None), ("BNP", 1840, "pg/mL", "high"),
                  ("potassium", 3.3, None, "low"))),
    "clinic_diabetes": dict(
        problems=probs(("type 2 diabetes mellitus", P), ("hypertension", P), ("polyuria", A),
                       ("polydipsia", A), ("numbness", A), ("tingling", A), ("chest pain", A),
                       ("shortness of breath", A), ("heartburn", P),
                       ("type 2 diabetes mellitus", F), ("colon cancer", F),
                       ("hyperlipidemia", P), ("gerd", P), ("obesity", P),
                       ("microalbuminuria", P), ("ulcer", A)),
        medications=meds(("metformin", "1000 mg", None, "BID", "active"),
                         ("glipizide", "5 mg", None, "daily", "active"),
                         ("amlodipine", "10 mg", None, "daily", "active"),
                         ("omeprazole", "20 mg", None, "daily PRN", "active"),
                         ("empagliflozin", "10 mg", None, "daily", "new"),
                         ("lisinopril", "10 mg", None, "daily", "new"),
                         ("atorvastatin", "40 mg", None, "qHS", "new")),
        allergies=[],
        vitals=vit(systolic_bp=142, diastolic_bp=88, heart_rate=76, weight=96.2, bmi=31.2),
        labs=labs(("hemoglobin A1c", 8.4, "%", "high"), ("LDL", 131, "mg/dL", "high"),
                  ("creatinine", 0.9, "mg/dL", None),
                  ("urine albumin/creatinine ratio", 45, "mg/g", "high"))),
    "terse_triage": dict(
        problems=probs(("shortness of breath", P), ("wheezing", P), ("asthma", P),
                       ("fever", A), ("chest pain", A)),
        medications=meds(("albuterol", "90 mcg/actuation", "inhaled", "q4h PRN", "active"),
                         ("fluticasone", "110 mcg", "inhaled", "BID", "active"),
                         ("albuterol/ipratropium", None, "inhaled", None, "given"),
                         ("methylprednisolone", "125 mg", "IV", None, "given")),
        allergies=[],
        vitals=vit(systolic_bp=128, diastolic_bp=82, heart_rate=118, respiratory_rate=28,
                   spo2=91, temperature=37.2),
        labs=[]),
    "peds_otitis": dict(
        problems=probs(("ear pain", P), ("fever", P), ("decreased appetite", P),
                       ("rhinorrhea", P), ("vomiting", A), ("diarrhea", A), ("rash", A),
                       ("otitis media", P), ("meningismus", A)),
        medications=meds(("ibuprofen", "10 mg/kg", "PO", "q6h PRN", "new"),
                         ("cefdinir", "14 mg/kg/day", "PO", "BID", "new"),
                         ("acetaminophen", "15 mg/kg", "PO", "q4-6h PRN", "new")),
        allergies=alls(("amoxicillin", "rash")),
        vitals=vit(temperature=38.9, heart_rate=132, respiratory_rate=26, spo2=99,
                   weight=15.4),
        labs=[]),
    "ob_prenatal": dict(
        problems=probs(("contractions", A), ("vaginal bleeding", A), ("headache", A),
                       ("visual changes", A), ("right upper quadrant pain", A),
                       ("gestational diabetes", H), ("hypothyroidism", P),
                       ("anemia", P), ("abnormal glucose", P)),
        medications=meds(("prenatal vitamin", "1 tab", "PO", "daily", "active"),
                         ("levothyroxine", "75 mcg", "PO", "daily", "active"),
                         ("ferrous sulfate", "325 mg", "PO", "daily", "new")),
        allergies=[],
        vitals=vit(systolic_bp=134, diastolic_bp=86, weight=81),
        labs=labs(("glucose challenge", 152, "mg/dL", "high"), ("hemoglobin", 10.4, "g/dL", "low"),
                  ("TSH", 2.1, None, None))),
    "consult_nephrology": dict(
        problems=probs(("acute kidney injury", P), ("cellulitis", P),
                       ("benign prostatic hyperplasia", P), ("gout", P),
                       ("kidney disease", A), ("dysuria", A), ("hematuria", A),
                       ("flank pain", A), ("hyperkalemia", P), ("acute tubular necrosis", POS),
                       ("hydronephrosis", A)),
        medications=meds(("vancomycin", "1250 mg", "IV", "q12h", "discontinued"),
                         ("piperacillin-tazobactam", "4.5 g", "IV", "q8h", "active"),
                         ("tamsulosin", "0.4 mg", "PO", "daily", "active"),
                         ("allopurinol", "300 mg", "PO", "daily", "held"),
                         ("enoxaparin", "40 mg", "subcut", "daily", "active"),
                         ("linezolid", "600 mg", "PO", "BID", "new")),
        allergies=[],
        vitals=vit(systolic_bp=146, diastolic_bp=82, heart_rate=88, temperature=37.4,
                   respiratory_rate=18, spo2=96),
        labs=labs(("sodium", 136, None, None), ("potassium", 5.6, None, "high"),
                  ("bicarbonate", 19, None, "low"), ("BUN", 48, None, "high"),
                  ("creatinine", 2.8, "mg/dL", "high"),
                  ("vancomycin trough", 28.4, "mcg/mL", "high"))),
    "discharge_pneumonia": dict(
        problems=probs(("pneumonia", P), ("copd", P), ("tobacco use disorder", P),
                       ("cough", P), ("fever", P), ("chest pain", P), ("hypoxia", P),
                       ("influenza", A), ("covid-19", A), ("empyema", A)),
        medications=meds(("ceftriaxone", "1 g", "IV", "daily", "discontinued"),
                         ("azithromycin", "250 mg", "PO", "daily", "active"),
                         ("amoxicillin-clavulanate", "875-125 mg", "PO", "BID", "new"),
                         ("tiotropium", "18 mcg", "inhaled", "daily", "active"),
                         ("albuterol", "2 puffs", "inhaled", "q4-6h PRN", "active"),
                         ("nicotine patch", "21 mg/24 hr", "transdermal", "daily", "new")),
        allergies=alls(("codeine", "nausea and vomiting")),
        vitals=vit(temperature=36.8, heart_rate=84, systolic_bp=126, diastolic_bp=74,
                   respiratory_rate=18, spo2=94),
        labs=labs(("WBC", 16.2, None, "high"), ("procalcitonin", 1.8, "ng/mL", "high"))),
    "ed_stroke": dict(
        problems=probs(("atrial fibrillation", P), ("gastrointestinal hemorrhage", H),
                       ("hypertension", P), ("transient ischemic attack", H),
                       ("weakness", P), ("slurred speech", P), ("headache", A),
                       ("seizure", A), ("facial droop", P), ("dysarthria", P),
                       ("intracranial hemorrhage", A), ("stroke", P), ("trauma", A)),
        medications=meds(("diltiazem", "180 mg", "PO", "daily", "active"),
                         ("hydrochlorothiazide", "25 mg", None, "daily", "active"),
                         ("labetalol", "10 mg", "IV", None, "given"),
                         ("alteplase", "0.9 mg/kg", "IV", None, "given")),
        allergies=[],
        vitals=vit(systolic_bp=188, diastolic_bp=102, heart_rate=112, respiratory_rate=18,
                   temperature=36.6, spo2=96),
        labs=labs(("glucose", 134, None, "high"), ("INR", 1.0, None, None),
                  ("platelets", 214, None, None), ("creatinine", 0.8, None, None))),
    "icu_sepsis": dict(
        problems=probs(("septic shock", P), ("pyelonephritis", P), ("acute kidney injury", P),
                       ("thrombocytopenia", P), ("bleeding", A), ("type 2 diabetes mellitus", P),
                       ("cerebrovascular accident", H)),
        medications=meds(("norepinephrine", "6 mcg/min", None, None, "active"),
                         ("cefepime", "2 g", "IV", "q12h", "discontinued"),
                         ("ceftriaxone", "2 g", "IV", "daily", "new"),
                         ("enoxaparin", None, None, None, "held"),
                         ("insulin glargine", "10 units", "subcut", "qHS", "active"),
                         ("metformin", None, None, None, "held"),
                         ("pantoprazole", "40 mg", "IV", "daily", "active")),
        allergies=[],
        vitals=vit(temperature=38.3, heart_rate=106, systolic_bp=98, diastolic_bp=58,
                   respiratory_rate=22, spo2=95),
        labs=labs(("WBC", 21.4, None, "high"), ("hemoglobin", 9.2, None, "low"),
                  ("platelets", 98, None, "low"), ("lactate", 2.9, "mmol/L", "high"),
                  ("creatinine", 1.6, None, "high"), ("procalcitonin", 12.3, None, "high"))),
    "peds_well_child": dict(
        problems=probs(("fever", A), ("otitis media", A), ("eczema", P), ("asthma", F),
                       ("breast cancer", F), ("sudden cardiac death", A)),
        medications=meds(("hydrocortisone", "1%", "topical", "BID PRN", "active"),
                         ("vitamin D", "400 IU", "PO", "daily", "discontinued")),
        allergies=[],
        vitals=vit(weight=9.6, temperature=36.7, heart_rate=120),
        labs=labs(("hemoglobin", 11.8, "g/dL", None), ("lead", 2, "mcg/dL", None))),
    "ed_ankle": dict(
        problems=probs(("ankle pain", P), ("numbness", A), ("head injury", A),
                       ("loss of consciousness", A), ("swelling", P), ("ecchymosis", P),
                       ("fibula fracture", P), ("dislocation", A)),
        medications=meds(("ketorolac", "15 mg", "IV", "once", "given"),
                         ("ondansetron", "4 mg", "ODT", "once", "given"),
                         ("ibuprofen", "600 mg", "PO", "q6h PRN", "new"),
                         ("acetaminophen", "1000 mg", "PO", "q8h PRN", "new")),
        allergies=[],
        vitals=vit(systolic_bp=132, diastolic_bp=78, heart_rate=92, respiratory_rate=16,
                   temperature=36.9, spo2=100),
        labs=[]),
    "psych_consult": dict(
        problems=probs(("depression", P), ("suicidal ideation", P),
                       ("major depressive disorder", P), ("generalized anxiety disorder", P),
                       ("alcohol use disorder", P), ("fall", P), ("anhedonia", P),
                       ("homicidal ideation", A), ("hallucinations", A), ("mania", A),
                       ("tremor", P), ("suicide attempt", H), ("bipolar disorder", F),
                       ("alcohol use disorder", F), ("alcohol withdrawal", P),
                       ("insomnia", P)),
        medications=meds(("sertraline", "50 mg", "PO", "daily", "new"),
                         ("thiamine", "100 mg", "PO", "daily", "active"),
                         ("folic acid", "1 mg", "PO", "daily", "active"),
                         ("lorazepam", "1 mg", "PO", "q4h PRN", "active")),
        allergies=alls(("haloperidol", "dystonic reaction")),
        vitals=vit(systolic_bp=148, diastolic_bp=92, heart_rate=102, temperature=37.0,
                   respiratory_rate=18),
        labs=labs(("ethanol", 0.21, None, "high"))),
    "gi_consult": dict(
        problems=probs(("melena", P), ("cirrhosis", P), ("hepatitis c", H),
                       ("esophageal varices", P), ("lightheadedness", P), ("hematemesis", A),
                       ("back pain", P), ("abdominal pain", A), ("confusion", A),
                       ("scleral icterus", P), ("ascites", P), ("gastrointestinal hemorrhage", P),
                       ("peptic ulcer disease", POS), ("anemia", P),
                       ("spontaneous bacterial peritonitis", A)),
        medications=meds(("propranolol", "20 mg", "PO", "BID", "held"),
                         ("spironolactone", "100 mg", None, "daily", "active"),
                         ("furosemide", "40 mg", None, "daily", "active"),
                         ("naproxen", "500 mg", None, "BID", "discontinued"),
                         ("pantoprazole", "80 mg", "IV", None, "new"),
                         ("octreotide", "50 mcg", "IV", None, "new"),
                         ("ceftriaxone", "1 g", "IV", "daily", "new")),
        allergies=[],
        vitals=vit(heart_rate=98, systolic_bp=104, diastolic_bp=62),
        labs=labs(("hemoglobin", 7.1, None, "low"), ("platelets", 88, None, "low"),
                  ("INR", 1.6, None, "high"), ("total bilirubin", 2.4, None, "high"),
                  ("albumin", 2.9, None, "low"), ("BUN", 42, None, "high"),
                  ("creatinine", 1.0, None, None))),
    "derm_clinic": dict(
        problems=probs(("rash", P), ("psoriasis", P), ("pruritus", P), ("joint pain", A),
                       ("morning stiffness", A), ("fever", A), ("skin cancer", A),
                       ("psoriasis", F), ("seborrheic dermatitis", POS)),
        medications=meds(("clobetasol", "0.05%", "topical", "BID", "new"),
                         ("cetirizine", "10 mg", "PO", "qHS", "active"),
                         ("hydrocortisone", None, None, None, "discontinued"),
                         ("calcipotriene", "0.005%", "topical", "daily", "new"),
                         ("ketoconazole", "2%", None, "twice weekly", "new")),
        allergies=alls(("latex", "contact dermatitis")),
        vitals=[],
        labs=[]),
    "oncology_followup": dict(
        problems=probs(("breast cancer", P), ("hot flashes", P), ("arthralgia", P),
                       ("bone pain", A), ("breast lump", A), ("headache", A), ("cough", A),
                       ("peripheral neuropathy", P), ("ovarian cancer", F), ("osteopenia", P),
                       ("vitamin d deficiency", P), ("fatigue", A)),
        medications=meds(("anastrozole", "1 mg", "PO", "daily", "active"),
                         ("calcium carbonate", "600 mg", "PO", "BID", "active"),
                         ("venlafaxine", "37.5 mg", "PO", "daily", "discontinued"),
                         ("gabapentin", "300 mg", "PO", "qHS", "active"),
                         ("duloxetine", "30 mg", "PO", "daily", "new"),
                         ("zoledronic acid", "4 mg", "IV", "every 6 months", "new"),
                         ("paclitaxel", None, None, None, "discontinued")),
        allergies=alls(("morphine", "itching")),
        vitals=vit(systolic_bp=124, diastolic_bp=76, heart_rate=70, temperature=36.7,
                   weight=64.5),
        labs=labs(("WBC", 5.2, None, None), ("hemoglobin", 12.9, None, None),
                  ("platelets", 232, None, None), ("ALT", 22, None, None),
                  ("AST", 25, None, None), ("alkaline phosphatase", 88, None, None),
                  ("vitamin D", 24, "ng/mL", "low"))),
    "geriatric_falls": dict(
        problems=probs(("fall", P), ("dizziness", P), ("loss of consciousness", A),
                       ("chest pain", A), ("palpitations", A), ("memory problems", P),
                       ("hypertension", P), ("parkinson disease", P),
                       ("benign prostatic hyperplasia", P), ("osteoarthritis", P),
                       ("prostate cancer", H), ("orthostatic hypotension", P), ("nocturia", P),
                       ("mild cognitive impairment", P), ("hyponatremia", P)),
        medications=meds(("carbidopa-levodopa", "25-100 mg", "PO", "TID", "active"),
                         ("doxazosin", "4 mg", "PO", "qHS", "discontinued"),
                         ("amlodipine", "2.5 mg", None, "daily", "active"),
                         ("diphenhydramine", "25 mg", "PO", "qHS PRN", "discontinued"),
                         ("acetaminophen", "650 mg", "PO", "q6h PRN", "active"),
                         ("tamsulosin", "0.4 mg", "PO", "daily", "new")),
        allergies=alls(("aspirin", "GI upset")),
        vitals=vit(systolic_bp=146, diastolic_bp=80, heart_rate=68, weight=70.3, height=172),
        labs=labs(("sodium", 133, None, "low"), ("vitamin B12", 310, None, None),
                  ("TSH", 1.8, None, None))),
    "ob_triage": dict(
        problems=probs(("headache", P), ("blurred vision", P), ("right upper quadrant pain", A),
                       ("vaginal bleeding", A), ("contractions", P), ("hypertension", A),
                       ("preeclampsia", P), ("hellp syndrome", POS)),
        medications=meds(("prenatal vitamin", None, None, None, "active"),
                         ("magnesium sulfate", "4 g", "IV", None, "new"),
                         ("labetalol", "20 mg", "IV", "once", "given"),
                         ("penicillin G", None, None, None, "new")),
        allergies=[],
        vitals=vit(systolic_bp=168, diastolic_bp=108, heart_rate=90, temperature=37.0,
                   respiratory_rate=18, spo2=99),
        labs=labs(("platelets", 96, "K", "low"), ("AST", 88, None, "high"),
                  ("ALT", 102, None, "high"), ("creatinine", 0.9, None, None),
                  ("urine protein/creatinine ratio", 1.2, None, "high"),
                  ("uric acid", 7.1, None, None))),
    "telephone_note": dict(
        problems=probs(("cough", P), ("fever", A), ("shortness of breath", A)),
        medications=meds(("dextromethorphan", None, None, None, "active"),
                         ("lisinopril", "40 mg", None, "daily", "discontinued"),
                         ("hydrochlorothiazide", "12.5 mg", None, "daily", "active"),
                         ("losartan", "50 mg", "PO", "daily", "new")),
        allergies=[],
        vitals=[],
        labs=[]),
    "verbose_hp": dict(
        problems=probs(("type 1 diabetes mellitus", P), ("hypothyroidism", P),
                       ("abdominal pain", P), ("nausea", P), ("vomiting", P), ("polyuria", P),
                       ("polydipsia", P), ("fever", A), ("chills", A), ("diarrhea", A),
                       ("hematochezia", A), ("dysuria", A), ("chest pain", A),
                       ("diabetic ketoacidosis", P), ("diabetic retinopathy", P),
                       ("migraine", P), ("hypothyroidism", F), ("type 1 diabetes mellitus", F),
                       ("pancreatitis", A), ("gastroenteritis", POS), ("pregnancy", A)),
        medications=meds(("insulin glargine", "22 units", "subcut", "qHS", "held"),
                         ("insulin lispro", "4 to 8 units", "subcut", None, "active"),
                         ("levothyroxine", "100 mcg", "PO", "daily", "active"),
                         ("sumatriptan", "50 mg", "PO", "once PRN", "active"),
                         ("insulin", "0.1 units/kg/h", "IV", None, "new"),
                         ("normal saline", "1 L", "IV", None, "given"),
                         ("potassium chloride", "20 mEq", "IV", None, "new")),
        allergies=alls(("contrast dye", "anaphylaxis")),
        vitals=vit(temperature=37.3, heart_rate=122, systolic_bp=104, diastolic_bp=66,
                   respiratory_rate=28, spo2=99),
        labs=labs(("glucose", 486, "mg/dL", "high"), ("sodium", 131, None, "low"),
                  ("potassium", 5.4, None, "high"), ("chloride", 96, None, None),
                  ("bicarbonate", 9, None, "low"), ("anion gap", 26, None, "high"),
                  ("BUN", 28, None, "high"), ("creatinine", 1.3, None, "high"),
                  ("beta-hydroxybutyrate", 6.8, "mmol/L", "high"), ("pH", 7.12, None, "low"),
                  ("lipase", 45, None, None))),
    "copd_clinic_terse": dict(
        problems=probs(("copd", P), ("cough", P), ("hemoptysis", A), ("weight loss", A),
                       ("edema", A), ("obstructive sleep apnea", P), ("eosinophilia", P)),
        medications=meds(("tiotropium", "2.5 mcg", "inhaled", "daily", "active"),
                         ("budesonide-formoterol", "160-4.5 mcg", "inhaled", "BID", "active"),
                         ("albuterol", "2.5 mg", "inhaled", "q6h PRN", "active"),
                         ("prednisone", None, None, None, "discontinued"),
                         ("roflumilast", "250 mcg", "PO", "daily", "new")),
        allergies=[],
        vitals=vit(systolic_bp=138, diastolic_bp=80, heart_rate=84, respiratory_rate=20,
                   spo2=90, weight=88),
        labs=labs(("eosinophils", 310, "cells/uL", "high"))),
    "cardiology_consult_afib": dict(
        problems=probs(("atrial fibrillation", P), ("palpitations", P), ("chest pain", A),
                       ("dyspnea", A), ("lightheadedness", A), ("hypertension", P),
                       ("obstructive sleep apnea", P), ("arrhythmia", A), ("stroke", A),
                       ("bleeding", A), ("atrial fibrillation", F), ("hypomagnesemia", P),
                       ("left atrial enlargement", P)),
        medications=meds(("losartan", "100 mg", "PO", "daily", "active"),
                         ("oxycodone", "5 mg", "PO", "q4h PRN", "active"),
                         ("enoxaparin", "40 mg", "subcut", "daily", "discontinued"),
                         ("docusate", "100 mg", "PO", "BID", "active"),
                         ("metoprolol tartrate", "25 mg", "PO", "q6h", "new"),
                         ("magnesium sulfate", "2 g", "IV", "once", "new"),
                         ("apixaban", "5 mg", "PO", "BID", "new")),
        allergies=[],
        vitals=vit(heart_rate=138, systolic_bp=132, diastolic_bp=84, respiratory_rate=18,
                   spo2=97, temperature=37.6),
        labs=labs(("TSH", 0.9, None, None), ("magnesium", 1.6, None, "low"),
                  ("potassium", 3.6, None, None), ("hemoglobin", 10.8, None, "low"),
                  ("troponin T", 0.01, None, None))),
}


def main() -> None:
    out = Path(__file__).parent / "gold"
    out.mkdir(exist_ok=True)
    notes = Path(__file__).parent / "notes"
    for note_id, gold in GOLD.items():
        assert (notes / f"{note_id}.txt").is_file(), note_id
        (out / f"{note_id}.json").write_text(json.dumps(gold, indent=1) + "\n")
    print(f"wrote {len(GOLD)} gold files to {out}")


if __name__ == "__main__":
    main()
