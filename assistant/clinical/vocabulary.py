"""Problem vocabulary: a curated clinical list (abbreviations, symptoms, common diagnoses) plus
short ICD-10-CM descriptions from ``simple-icd-10-cm``, matched by longest n-gram lookup.

``ProblemVocabulary.find(text)`` returns candidate mentions with canonical names and ICD-10-CM
codes; assertion status is decided later (``context.py``). The ICD-derived lexicon ships as
``data/icd10cm_short.json`` (ICD-10-CM is public domain), so a run does not pay the ~7 s of
importing simple-icd-10-cm; rebuild it with ``python -m assistant.clinical.vocabulary``.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

LEXICON_VERSION = 2

# canonical name | ICD-10-CM code | synonyms (";"-separated; "=" prefix: match case exactly).
_CURATED = """
hypertension|I10|htn;=HTN;high blood pressure;essential hypertension;elevated blood pressure
type 2 diabetes mellitus|E11.9|=DM2;=DM 2;=T2DM;=DMII;=DM II;=NIDDM;type 2 diabetes;type ii diabetes;diabetes mellitus type 2;diabetes type 2;type 2 dm;type 2 diabetes mellitus;adult onset diabetes;non-insulin dependent diabetes
type 1 diabetes mellitus|E10.9|=DM1;=T1DM;=IDDM;type 1 diabetes;type i diabetes;diabetes mellitus type 1;diabetes type 1;type 1 dm;juvenile diabetes
diabetes mellitus|E11.9|diabetes;=DM;diabetes mellitus
hyperlipidemia|E78.5|=HLD;hyperlipidemia;dyslipidemia;high cholesterol;hypercholesterolemia
chronic kidney disease|N18.9|=CKD;chronic kidney disease;chronic renal insufficiency;chronic renal failure;ckd stage 3;chronic kidney disease stage 3
end stage renal disease|N18.6|=ESRD;end stage renal disease;end-stage renal disease
acute kidney injury|N17.9|=AKI;acute kidney injury;acute renal failure;=ARF
kidney disease|N28.9|kidney disease;renal disease
atrial fibrillation|I48.91|=AF;=AFib;=A-fib;=Afib;=A fib;afib;a-fib;atrial fibrillation;=AFIB
atrial flutter|I48.92|atrial flutter;=AFL
heart failure|I50.9|=CHF;=HF;=HFrEF;=HFpEF;congestive heart failure;heart failure;systolic heart failure;diastolic heart failure;chronic systolic heart failure;acute on chronic systolic heart failure;cardiac failure
chronic obstructive pulmonary disease|J44.9|=COPD;copd;chronic obstructive pulmonary disease;emphysema;chronic bronchitis
asthma|J45.909|asthma;reactive airway disease;=RAD
myocardial infarction|I21.9|=MI;=AMI;myocardial infarction;heart attack;=STEMI;st elevation myocardial infarction
nstemi|I21.4|=NSTEMI;nstemi;non-st elevation myocardial infarction;non st elevation myocardial infarction
coronary artery disease|I25.10|=CAD;coronary artery disease;coronary disease;ischemic heart disease
ischemic cardiomyopathy|I25.5|ischemic cardiomyopathy
cardiomyopathy|I42.9|cardiomyopathy
stroke|I63.9|stroke;=CVA;cerebrovascular accident;acute ischemic stroke;ischemic stroke;cerebral infarction
cerebrovascular accident|I63.9|
transient ischemic attack|G45.9|=TIA;transient ischemic attack;=TIAs
deep vein thrombosis|I82.409|=DVT;deep vein thrombosis;deep venous thrombosis
pulmonary embolism|I26.99|=PE;pulmonary embolism;pulmonary embolus
gastroesophageal reflux disease|K21.9|=GERD;gerd;gastroesophageal reflux;gastroesophageal reflux disease;acid reflux;reflux
obstructive sleep apnea|G47.33|=OSA;obstructive sleep apnea;sleep apnea
chest pain|R07.9|=CP;chest pain;chest pressure;chest tightness;substernal chest pain;substernal chest pressure;pleuritic chest pain
shortness of breath|R06.02|=SOB;shortness of breath;short of breath;breathlessness
dyspnea|R06.00|dyspnea;=DOE;dyspnea on exertion;dyspneic;difficulty breathing;trouble breathing;labored breathing
orthopnea|R06.01|orthopnea
wheezing|R06.2|wheezing;wheeze;wheezes
cough|R05.9|cough;coughing;productive cough;nonproductive cough
fever|R50.9|fever;fevers;febrile;pyrexia;fever to
chills|R68.83|chills;rigors
nausea|R11.0|nausea;nauseated;nauseous
vomiting|R11.10|vomiting;emesis;throwing up;nonbloody emesis
nausea and vomiting|R11.2|=N/V;n/v;nausea and vomiting;nausea/vomiting
diarrhea|R19.7|diarrhea
constipation|K59.00|constipation
abdominal pain|R10.9|abdominal pain;belly pain;stomach pain;epigastric pain;diffuse abdominal pain
right upper quadrant pain|R10.11|=RUQ pain;right upper quadrant pain;ruq pain
headache|R51.9|headache;headaches;=HA
migraine|G43.909|migraine;migraines;migraine headaches;migraine headache
syncope|R55|syncope;fainting;passed out
dizziness|R42|dizziness;dizzy;vertigo
lightheadedness|R42|lightheadedness;lightheaded;light-headed
palpitations|R00.2|palpitations
diaphoresis|R61|diaphoresis;diaphoretic;sweating
fatigue|R53.83|fatigue;tiredness;malaise
weakness|R53.1|weakness;left-sided weakness;right-sided weakness;generalized weakness
numbness|R20.0|numbness
tingling|R20.2|tingling;paresthesias;paresthesia
edema|R60.9|edema;lower extremity edema;bilateral lower extremity edema;leg swelling;=LE edema;peripheral edema
swelling|R60.0|swelling
rash|R21|rash;rashes
pruritus|L29.9|pruritus;itching;itchy;pruritic
polyuria|R35.8|polyuria
polydipsia|R63.1|polydipsia
dysuria|R30.0|dysuria
hematuria|R31.9|hematuria;gross hematuria
flank pain|R10.9|flank pain
back pain|M54.9|back pain;low back pain;=LBP
joint pain|M25.50|joint pain
arthralgia|M25.50|arthralgia;arthralgias
ankle pain|M25.579|ankle pain;lateral ankle pain
ear pain|H92.09|ear pain;otalgia
hemoptysis|R04.2|hemoptysis
hematemesis|K92.0|hematemesis
melena|K92.1|melena;black tarry stools;tarry stools
hematochezia|K92.1|hematochezia;bright red blood per rectum;=BRBPR
gastrointestinal hemorrhage|K92.2|=GI bleed;=GIB;gi bleed;gastrointestinal bleed;gastrointestinal hemorrhage;gastrointestinal bleeding;upper gi bleed;upper gastrointestinal bleed;lower gi bleed
bleeding|R58|bleeding;active bleeding;hemorrhage
vaginal bleeding|N93.9|vaginal bleeding
intracranial hemorrhage|I62.9|intracranial hemorrhage;=ICH;intracerebral hemorrhage
weight loss|R63.4|weight loss;wt loss
decreased appetite|R63.0|decreased appetite;poor appetite;anorexia
insomnia|G47.00|insomnia;poor sleep
tremor|R25.1|tremor;tremors
seizure|R56.9|seizure;seizures;seizure activity
confusion|R41.0|confusion;confused;altered mental status;=AMS
loss of consciousness|R40.20|=LOC;loss of consciousness
head injury|S09.90XA|head injury;head trauma;head strike
trauma|T14.90XA|trauma
fall|W19.XXXA|fall;falls;mechanical fall;recurrent falls
memory problems|R41.3|memory problems;memory loss;forgetfulness
mild cognitive impairment|G31.84|mild cognitive impairment;=MCI
dementia|F03.90|dementia
slurred speech|R47.81|slurred speech
dysarthria|R47.1|dysarthria
facial droop|R29.810|facial droop;left facial droop;right facial droop
hypoxia|R09.02|hypoxia;hypoxic;hypoxemia
pneumonia|J18.9|pneumonia;=PNA;=CAP;community-acquired pneumonia;community acquired pneumonia
influenza|J11.1|influenza;flu
covid-19|U07.1|covid-19;covid;=COVID;sars-cov-2
empyema|J86.9|empyema
septic shock|R65.21|septic shock
urinary tract infection|N39.0|=UTI;urinary tract infection
pyelonephritis|N12|pyelonephritis;e. coli pyelonephritis
cellulitis|L03.90|cellulitis
thrombocytopenia|D69.6|thrombocytopenia
anemia|D64.9|anemia;anaemia;acute blood loss anemia;anemia of pregnancy
hyperkalemia|E87.5|hyperkalemia
hypokalemia|E87.6|hypokalemia
hyponatremia|E87.1|hyponatremia
hypomagnesemia|E83.42|hypomagnesemia
hypothyroidism|E03.9|hypothyroidism;hypothyroid
hyperthyroidism|E05.90|hyperthyroidism
obesity|E66.9|obesity;obese
tobacco use disorder|F17.200|tobacco use disorder;tobacco use;smoker;nicotine dependence
alcohol use disorder|F10.20|alcohol use disorder;alcoholism;alcohol abuse;alcohol dependence
alcohol withdrawal|F10.239|alcohol withdrawal
major depressive disorder|F33.1|major depressive disorder;=MDD
depression|F32.A|depression;depressed mood;low mood
generalized anxiety disorder|F41.1|generalized anxiety disorder;=GAD
anxiety|F41.9|anxiety
bipolar disorder|F31.9|bipolar disorder
suicidal ideation|R45.851|suicidal ideation;=SI;passive suicidal ideation;passive death wishes;active suicidal ideation
homicidal ideation|R45.850|homicidal ideation;=HI
suicide attempt|T14.91XA|suicide attempt
hallucinations|R44.3|hallucinations;auditory or visual hallucinations;auditory hallucinations;visual hallucinations
mania|F30.9|mania
anhedonia|R45.84|anhedonia
cirrhosis|K74.60|cirrhosis;liver cirrhosis
hepatitis c|B18.2|hepatitis c;=HCV;hep c
esophageal varices|I85.00|esophageal varices;varices
ascites|R18.8|ascites
scleral icterus|R17|scleral icterus;jaundice;icterus
peptic ulcer disease|K27.9|peptic ulcer disease;=PUD;peptic ulcer
spontaneous bacterial peritonitis|K65.2|spontaneous bacterial peritonitis;=SBP
pancreatitis|K85.90|pancreatitis
benign prostatic hyperplasia|N40.0|=BPH;benign prostatic hyperplasia
gout|M10.9|gout
hydronephrosis|N13.30|hydronephrosis
acute tubular necrosis|N17.0|acute tubular necrosis;=ATN;acute tubular injury
otitis media|H66.90|otitis media;acute otitis media;=AOM;recurrent otitis media;ear infection;ear infections
rhinorrhea|J34.89|rhinorrhea;runny nose
meningismus|R29.1|meningismus
eczema|L30.9|eczema;atopic dermatitis
psoriasis|L40.9|psoriasis;plaque psoriasis
seborrheic dermatitis|L21.9|seborrheic dermatitis
skin cancer|C44.90|skin cancer
contact dermatitis|L25.9|contact dermatitis
breast cancer|C50.919|breast cancer;adenocarcinoma of the left breast;adenocarcinoma of the right breast;breast carcinoma
ovarian cancer|C56.9|ovarian cancer
colon cancer|C18.9|colon cancer;colorectal cancer
prostate cancer|C61|prostate cancer
lung cancer|C34.90|lung cancer
cancer|C80.1|cancer;malignancy
peripheral neuropathy|G62.9|peripheral neuropathy;neuropathy
osteopenia|M85.80|osteopenia
osteoporosis|M81.0|osteoporosis
osteoarthritis|M19.90|osteoarthritis;=OA;degenerative joint disease
vitamin d deficiency|E55.9|vitamin d deficiency
hot flashes|R23.2|hot flashes;hot flushes
bone pain|M89.8X9|bone pain
breast lump|N63.0|breast lump;breast lumps;breast mass
parkinson disease|G20.A1|parkinson disease;parkinson's disease;parkinsons disease
orthostatic hypotension|I95.1|orthostatic hypotension
hypotension|I95.9|hypotension;hypotensive
nocturia|R35.1|nocturia
gestational diabetes|O24.419|gestational diabetes;=GDM
preeclampsia|O14.90|preeclampsia;pre-eclampsia;preeclampsia with severe features
hellp syndrome|O14.20|=HELLP;hellp syndrome
contractions|O47.9|contractions
blurred vision|H53.8|blurred vision;blurry vision
visual changes|H53.9|visual changes;vision changes
pregnancy|Z33.1|pregnant;pregnancy
otitis externa|H60.90|otitis externa
fibula fracture|S82.409A|fibula fracture;distal fibula fracture;fracture of right lateral malleolus;lateral malleolus fracture;nondisplaced distal fibula fracture
fracture|T14.8XXA|fracture
dislocation|T14.8XXA|dislocation
ecchymosis|R58|ecchymosis;bruising
diabetic ketoacidosis|E10.10|=DKA;diabetic ketoacidosis
diabetic retinopathy|E11.319|diabetic retinopathy
gastroenteritis|K52.9|gastroenteritis;viral gastroenteritis
eosinophilia|D72.10|eosinophilia
microalbuminuria|R80.9|microalbuminuria
arrhythmia|I49.9|arrhythmia;arrhythmias
left atrial enlargement|I51.7|left atrial enlargement
sudden cardiac death|I46.9|sudden cardiac death
ulcer|L98.499|ulcer;ulcers
morning stiffness|M25.60|morning stiffness
heartburn|R12|heartburn
abnormal glucose|R73.09|abnormal glucose;abnormal glucose challenge;elevated glucose
graves disease|E05.00|graves disease;graves' disease;grave's disease
heat intolerance|R68.89|heat intolerance
cold intolerance|R68.89|cold intolerance
diplopia|H53.2|diplopia;double vision
proptosis|H05.20|proptosis;exophthalmos
goiter|E04.9|goiter;goitre
thyroid nodule|E04.1|thyroid nodule
murmur|R01.1|murmur;heart murmur;cardiac murmur;systolic murmur
endocarditis|I38|endocarditis;infective endocarditis;bacterial endocarditis
septic arthritis|M00.9|septic arthritis
osteomyelitis|M86.9|osteomyelitis
bacteremia|R78.81|bacteremia;=MRSA bacteremia;mrsa bacteremia;staph bacteremia
hepatitis b|B18.1|hepatitis b;=HBV;hep b
hiv|B20|=HIV;hiv infection;human immunodeficiency virus
hypertriglyceridemia|E78.1|hypertriglyceridemia;high triglycerides
vitamin b12 deficiency|E53.8|vitamin b12 deficiency;b12 deficiency
iron deficiency anemia|D50.9|iron deficiency anemia
upper respiratory infection|J06.9|upper respiratory infection;=URI;viral uri;common cold
sore throat|J02.9|sore throat;pharyngitis
sinusitis|J32.9|sinusitis
bronchitis|J40|bronchitis
drug use|F19.10|drug use;iv drug use;intravenous drug use;=IVDU;=IVDA;injection drug use
opioid use disorder|F11.20|opioid use disorder;opioid dependence
substance use disorder|F19.20|substance use disorder
alcohol use|Z72.89|alcohol use;alcohol intake
appendicitis|K35.80|appendicitis;acute appendicitis
cholecystitis|K81.9|cholecystitis
cholelithiasis|K80.20|cholelithiasis;gallstones
diverticulitis|K57.92|diverticulitis
abscess|L02.91|abscess
vaginal discharge|N89.8|vaginal discharge
pelvic pain|R10.2|pelvic pain
perineal pain|R10.2|perineal pain;perineal soreness
neck pain|M54.2|neck pain
shoulder pain|M25.519|shoulder pain;right shoulder pain;left shoulder pain
knee pain|M25.569|knee pain
hip pain|M25.559|hip pain
calf pain|M79.669|calf pain
abdominal tenderness|R10.819|abdominal tenderness;rlq tenderness;ruq tenderness;llq tenderness;luq tenderness;epigastric tenderness
tachycardia|R00.0|tachycardia
bradycardia|R00.1|bradycardia
delirium|R41.0|delirium
dysphagia|R13.10|dysphagia;difficulty swallowing
epistaxis|R04.0|epistaxis;nosebleed
lymphadenopathy|R59.9|lymphadenopathy
hyperglycemia|R73.9|hyperglycemia;steroid-induced hyperglycemia
hypoglycemia|E16.2|hypoglycemia
dehydration|E86.0|dehydration
leukocytosis|D72.829|leukocytosis
neutropenia|D70.9|neutropenia
coagulopathy|D68.9|coagulopathy
nephrolithiasis|N20.0|nephrolithiasis;kidney stone;kidney stones;renal colic
polyneuropathy|G62.9|polyneuropathy;sensory polyneuropathy;diabetic neuropathy
radiculopathy|M54.10|radiculopathy;sciatica
rheumatoid arthritis|M06.9|rheumatoid arthritis
lupus|M32.9|lupus;systemic lupus erythematosus;=SLE
multiple sclerosis|G35|multiple sclerosis
gestational hypertension|O13.9|gestational hypertension;pregnancy-induced hypertension
postpartum depression|F53.0|postpartum depression
posttraumatic stress disorder|F43.10|=PTSD;posttraumatic stress disorder;post-traumatic stress disorder
attention deficit hyperactivity disorder|F90.9|=ADHD;attention deficit hyperactivity disorder
stridor|R06.1|stridor
retractions|R06.89|retractions;subcostal retractions;intercostal retractions
sepsis|A41.9|sepsis;urosepsis
"""

#: ICD descriptions that are ordinary words in notes, never a problem on their own.
_ICD_STOP = {"diabetic", "symptoms", "pain", "delivery", "contact", "examination", "observation", "counseling", "fall",
             "underdosing", "poisoning", "supervision", "pregnancy", "transplant", "screening",
             "infestation", "procedure", "sleep", "crying", "shock", "dependence"}


@dataclass(frozen=True)
class Concept:
    name: str
    icd10: str | None


@dataclass(frozen=True)
class Mention:
    """A vocabulary hit: canonical concept and the ``[start, end)`` span of the words."""

    concept: Concept
    start: int
    end: int


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


def _curated() -> tuple[dict[str, Concept], dict[str, Concept]]:
    """(case-insensitive terms, exact-case abbreviations) -> concept."""
    lower: dict[str, Concept] = {}
    exact: dict[str, Concept] = {}
    for line in _CURATED.strip().splitlines():
        name, code, syns = line.split("|")
        concept = Concept(name, code or None)
        lower.setdefault(_norm(name), concept)
        for syn in filter(None, syns.split(";")):
            if syn.startswith("="):
                exact[" ".join(_tokens_text(syn[1:]))] = concept
            else:
                lower[" ".join(t.lower() for t in _tokens_text(syn))] = concept
    return lower, exact


_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['/][A-Za-z0-9]+)*|-")


def _tokens_text(s: str) -> list[str]:
    return [m.group(0) for m in _TOKEN.finditer(s)]


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
        if "," in desc or "(" in desc or len(desc.split()) > 4 or len(desc) < 4:
            continue
        if re.match(r"(other|encounter|personal history|family history|unspecified|"
                    r"abnormal|history)\b", desc, re.IGNORECASE):
            continue
        key = " ".join(t.lower() for t in _tokens_text(desc))
        if key in _ICD_STOP:
            continue
        lex.setdefault(key, code)
    return lex


def icd_lexicon(cache_dir: Path | None = None) -> dict[str, str]:
    """The ICD-derived lexicon, from the JSON cache when present (else built and cached)."""
    return _icd_lexicon_cached(str(cache_dir) if cache_dir else "")


SHIPPED_LEXICON = Path(__file__).resolve().parent / "data" / "icd10cm_short.json"


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


class ProblemVocabulary:
    """Longest-match lookup of problem terms over a note's word tokens."""

    MAX_WORDS = 8

    def __init__(self, cache_dir: Path | None = None, use_icd: bool = True) -> None:
        self.lower, self.exact = _curated()
        self.icd: dict[str, str] = icd_lexicon(cache_dir) if use_icd else {}
        self._heads: set[str] | None = None

    def lookup(self, phrase: str) -> Concept | None:
        """Concept for a whole phrase (canonicalises names; used by scoring and the LLM merge)."""
        toks = _tokens_text(phrase)
        key_exact = " ".join(toks)
        key = key_exact.lower()
        if key_exact in self.exact:
            return self.exact[key_exact]
        if key in self.lower:
            return self.lower[key]
        if key in self.icd:
            words = key.split()
            if len(words) > 1 and words[0] in _QUALIFIERS and " ".join(words[1:]) in self.lower:
                return self.lower[" ".join(words[1:])]
            return Concept(key, self.icd[key])
        return None

    def looks_clinical(self, phrase: str) -> bool:
        """A phrase of 1-5 words with a word that heads clinical terms ("rash", "colitis").

        Used to vet language-model proposals the vocabulary does not know.
        """
        words = [w.lower() for w in _tokens_text(phrase) if w != "-"]
        if not 1 <= len(words) <= 5:
            return False
        if self._heads is None:
            heads: set[str] = set()
            for term in [*self.lower, *self.icd]:
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

    def find(self, text: str) -> list[Mention]:
        """All non-overlapping problem mentions in ``text``, longest match first, text order."""
        toks = list(_TOKEN.finditer(text))
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            hit: tuple[int, Concept] | None = None
            for n in range(min(self.MAX_WORDS, len(toks) - i), 0, -1):
                words = [m.group(0) for m in toks[i:i + n]]
                if words[0] == "-" or words[-1] == "-":
                    continue
                # one n-gram must not run across a line break or sentence end
                chunk = text[toks[i].start():toks[i + n - 1].end()]
                if "\n" in chunk or ". " in chunk or ";" in chunk or ":" in chunk:
                    continue
                exact = " ".join(words)
                key = exact.lower()
                concept = self.exact.get(exact) or self.lower.get(key)
                if concept is None and key in self.icd:
                    concept = Concept(key, self.icd[key])
                if concept is not None:
                    hit = (n, concept)
                    break
            if hit is not None and hit[1].icd10 and self._icd_only(hit[1]):
                hit = self._prefer_curated(toks, text, i, hit)
            if hit is None:
                i += 1
                continue
            n, concept = hit
            out.append(Mention(concept, toks[i].start(), toks[i + n - 1].end()))
            i += n
        return out


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
    for line in _CURATED.strip().splitlines():
        name, code, _ = line.split("|")
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
