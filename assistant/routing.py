"""Request routing by rules over text features: extraction, triage, literature or general.

Safety (``refused``) is decided before this, by ``assistant.safety``. Order of the checks:
a pasted note (long text with note structure) -> extraction; a patient presentation or
symptoms (age/sex, first-person symptoms, urgency words) -> triage; chat about the assistant
itself (greetings, thanks, "what can you do", "how do I use this") -> general; every other
question -> literature. Every clinical question, open or yes/no, is answered from retrieved
sources (or abstains), never by the model alone (issue 23): the general route only explains
the assistant. Measured on eval/data/routing_prompts.jsonl by ``eval.routing``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.evidence import is_yes_no_question

_I = re.IGNORECASE
_NOTE_HEADER = re.compile(
    r"(?:^|\n)\s*(?:CHIEF COMPLAINT|HPI|HISTORY(?: OF PRESENT ILLNESS)?|PMH|PAST MEDICAL HISTORY|"
    r"MEDICATIONS?(?: ON ADMISSION)?|MEDS|ALLERGIES|VITALS?|ASSESSMENT(?: AND PLAN)?|PLAN|A/P|"
    r"PHYSICAL EXAM(?:INATION)?|EXAM|LABS?|SOCIAL HISTORY|FAMILY HISTORY|REVIEW OF SYSTEMS|ROS|"
    r"IMPRESSION|DIAGNOS[IE]S|PROCEDURE|HOSPITAL COURSE|DISCHARGE (?:MEDICATIONS|DIAGNOSIS)|"
    r"OPERATIVE REPORT|PREOPERATIVE DIAGNOSIS|POSTOPERATIVE DIAGNOSIS|ANESTHESIA|FINDINGS|"
    r"S|O|A|P|SUBJECTIVE|OBJECTIVE|ED NOTE|PROGRESS NOTE|DISCHARGE SUMMARY|HISTORY)\s*[:\-]", _I)
_NOTE_TOKENS = re.compile(
    r"\b(?:\d+(?:\.\d+)?\s*(?:mg|mcg|g|units|ml|mL|kg|cm|lbs?)\b|PO|IV|BID|TID|QID|PRN|q\d+h|daily|nightly|"
    r"BP\s*\d+/\d+|HR\s*\d+|RR\s*\d+|SpO2|T\s*\d+(?:\.\d)?|temp\s*\d|NKDA|WBC|Hgb|INR|"
    r"creatinine|Cr\s*\d|s/p|status post|denies|yo\b|y/o|pt\b|hx|dx|rx|admitted|discharged?|"
    r"follow-?up|immuni[sz]ations?|(?:visit|clinic|progress|ED|triage) note)\b")
_EXTRACT_VERB = re.compile(
    r"\b(?:extract|pull (?:out )?|structure|convert|parse|code|list the (?:diagnoses|problems|"
    r"medications|meds|vitals|labs|allergies)|summari[sz]e (?:this|the following)|"
    r"from (?:this|the following) (?:note|report|summary)|in this note|this (?:clinic |progress "
    r"|discharge )?note|FHIR|ICD-?10 codes?)\b", _I)

# A presentation cue, not an age/sex reader (that is triage.parse.parse_age/parse_sex): any
# number with an age or duration unit ("3 days" counts), person nouns, "presents with".
_AGE_SEX = re.compile(
    r"\b\d{1,3}\s*(?:-|\s)?(?:years?|yrs?|yo|y/o|y\.o\.|months?|weeks?|days?)(?:[\s-]old)?\b|"
    r"\b\d{1,3}\s?(?:M|F)\b|\b(?:M|F)\s?\d{1,3}\b|\b(?:elderly|teenager|toddler|infant|newborn|"
    r"baby|child|kid|boy|girl|man|woman|husband|wife|mother|father|son|daughter|grandmother|"
    r"grandfather|pregnant)\b|\b(?:patient|pt)\s+(?:presents|presenting|with|complains)\b|"
    r"\bpresents? with\b|\bcomplains? of\b|\bc/o\b", _I)
_FIRST_PERSON = re.compile(
    r"\b(?:i(?:'ve| have| am|'m)? (?:had|have|got|been|feel|feeling|noticed|having)|i have|"
    r"my (?:\d+[\s-](?:year|yr|month)[\s-]old|son|daughter|child|baby|kid|husband|wife|"
    r"partner|mother|mom|father|dad|grandmother|grandfather)|i am \d+ weeks pregnant|"
    r"i(?:'m| am) pregnant)\b", _I)
_SYMPTOM = re.compile(
    r"\b(?:pain|ache|aching|fever|febrile|vomit\w*|nausea|bleed\w*|short(?:ness)? of breath|"
    r"breathless|dyspn\w*|wheez\w*|headache|rash|hives|swell\w*|swollen|cough\w*|dizz\w*|"
    r"faint\w*|confus\w*|drowsy|unresponsive|seizure|fell|fall|fallen|hit (?:his|her|my) head|"
    r"stung|bitten|swallowed|ingest\w*|cut|burn\w*|numb\w*|weak\w*|droop|slurred|palpitations|"
    r"sore throat|runny nose|burning|diarrh\w*|blurry|vision|throat feels tight|lips look blue|"
    r"sweating|diaphore\w*|injur\w*|sprain\w*|twist\w*|limp)\b", _I)
_URGENCY = re.compile(
    r"\b(?:how urgent|urgency|triage|emergency|er\b|a&e|ed\b|ambulance|911|should i (?:go|see|"
    r"call|be worried)|do i need to (?:see|go)|what should i do|how worried|is this serious|"
    r"is this an emergency|urgent care)\b", _I)
_LIT_WORDS = re.compile(
    r"\b(?:evidence|studies|study|trials?|randomi[sz]ed|literature|research|published|"
    r"meta-analys\w*|systematic review|cite|citations?|pmid|cohort|according to)\b", _I)
_LIT_CLAIM = re.compile(
    r"\b(?:associated with|risk factor|predict\w*|prognostic|efficac\w*|effective|safer|safe|"
    r"reduce\w*|improve\w*|increase\w*|prevent\w*|shorten\w*|promote\w*|outcomes?|mortality|"
    r"compared|versus|vs\.?|better than|superior|benefit\w*|marker)\b", _I)
# Chat about the assistant itself: the whole prompt (after any greeting or thanks) must be one
# of these, so "Hi, what is the apixaban dose?" still goes to literature.
_GREETING = re.compile(
    r"^\s*(?:(?:hello|hi|hey|hiya|good (?:morning|afternoon|evening)|thanks|thank you"
    r"(?: (?:very|so) much)?|many thanks|cheers|ok(?:ay)?|great|perfect|bye|goodbye)"
    r"(?: there)?[\s!.,:;-]*)+", _I)
_ABOUT_ASSISTANT = re.compile(
    r"(?:(?:can|could) you help(?: me)?|help(?: me)?|help please|"
    r"what (?:can|could|do|else can) you (?:do|help (?:me )?with)(?: for me)?|"
    r"(?:who|what) are you|who (?:made|built|wrote) you|what is this(?: assistant| tool| app)?|"
    r"how (?:do|can|should) i use (?:this|the|you)(?: assistant| tool| app| chat)?(?: to .*)?|"
    r"how (?:does|do) (?:this|the|you)(?: assistant| tool| app| chat)? work|"
    r"what (?:are|is) your (?:capabilities|features|limitations|limits|sources|index)|"
    r"what sources do you (?:use|search|have)|"
    r"(?:that|this|it) (?:was|is) (?:very |really )?(?:helpful|useful|great|good))"
    r"[\s?!.]*", _I)
_GENERAL = re.compile(
    r"^\s*(?:what (?:is|are|does) (?:the )?(?:mechanism|normal|usual|definition|meaning|"
    r"difference|common side|side effects|stages|components|dose)|explain|define|describe|"
    r"list|how do (?:i|you) (?:use|calculate)|hello|hi\b|thanks|thank you|help\b)", _I)


# Thresholds of route_prompt. All were set by hand while reading the labelled prompts in
# eval/data/routing_prompts.jsonl (measured by ``eval.routing``): tuned on that set, not
# validated on held-out prompts. A pasted note is one of:
NOTE_MIN_HEADERS = 3           # ...this many section headers ("HPI:", "PMH:", "Meds:")
NOTE_MIN_HEADERS_CHARS = 60    # ...in at least this many characters; or, at LONG_PASTE_CHARS:
LONG_PASTE_CHARS = 150
LONG_PASTE_HEADERS = 2         # ...two headers, or one header and
LONG_PASTE_HEADER_TOKENS = 3   # ...this many note tokens ("mg", "BID", "BP 120/80")
EXTRACT_VERB_TOKENS = 2        # ...an extraction verb with this many note tokens (or a header)
LONG_PASTE_TOKENS = 6          # ...this many note tokens on their own
VERY_LONG_PASTE_CHARS = 200    # ...or, this long, VERY_LONG_PASTE_TOKENS tokens, not a question
VERY_LONG_PASTE_TOKENS = 3
EXTRACT_REQUEST_CHARS = 120    # an extraction verb with a multi-line paste this long


@dataclass(frozen=True)
class RouteFeatures:
    """The features the rules use (exposed for tests and error analysis)."""

    length: int
    note_headers: int
    note_tokens: int
    extract_verb: bool
    age_sex: bool
    first_person: bool
    symptoms: int
    urgency: bool
    yes_no: bool
    lit_words: bool
    lit_claim: bool
    general_form: bool
    assistant_chat: bool
    """Greetings, thanks, or a question about the assistant itself (the general route)."""


def is_assistant_chat(prompt: str) -> bool:
    """Whether the prompt is only chat about the assistant (greeting, thanks, help, "what can
    you do", "how do I use this"): any other content makes it a question for the sources."""
    rest = _GREETING.sub("", prompt, count=1).strip()
    return not rest or bool(_ABOUT_ASSISTANT.fullmatch(rest))


def features(prompt: str) -> RouteFeatures:
    """Compute routing features of a prompt."""
    return RouteFeatures(
        length=len(prompt), note_headers=len(_NOTE_HEADER.findall(prompt)),
        note_tokens=len(_NOTE_TOKENS.findall(prompt)), extract_verb=bool(_EXTRACT_VERB.search(
            prompt)), age_sex=bool(_AGE_SEX.search(prompt)),
        first_person=bool(_FIRST_PERSON.search(prompt)), symptoms=len(_SYMPTOM.findall(prompt)),
        urgency=bool(_URGENCY.search(prompt)), yes_no=is_yes_no_question(prompt),
        lit_words=bool(_LIT_WORDS.search(prompt)), lit_claim=bool(_LIT_CLAIM.search(prompt)),
        general_form=bool(_GENERAL.search(prompt)), assistant_chat=is_assistant_chat(prompt))


def route_prompt(prompt: str) -> tuple[str, str]:
    """(route, reason) among extraction, triage, literature, general."""
    f = features(prompt)
    if (f.note_headers >= NOTE_MIN_HEADERS and f.length >= NOTE_MIN_HEADERS_CHARS) or (
            f.length >= LONG_PASTE_CHARS and (
                f.note_headers >= LONG_PASTE_HEADERS
                or (f.note_headers >= 1 and f.note_tokens >= LONG_PASTE_HEADER_TOKENS)
                or (f.extract_verb and (f.note_tokens >= EXTRACT_VERB_TOKENS
                                        or f.note_headers >= 1))
                or f.note_tokens >= LONG_PASTE_TOKENS
                or (f.length >= VERY_LONG_PASTE_CHARS and f.note_tokens >= VERY_LONG_PASTE_TOKENS
                    and not f.urgency and not prompt.rstrip().endswith("?")))):
        return "extraction", (f"pasted note ({f.note_headers} section headers, "
                              f"{f.note_tokens} note tokens)")
    if f.extract_verb and f.length >= EXTRACT_REQUEST_CHARS and "\n" in prompt:
        return "extraction", "extraction request with pasted text"
    if f.symptoms and (f.urgency or f.first_person or (f.age_sex and not f.lit_words
                                                       and not f.general_form)):
        return "triage", (f"patient presentation ({f.symptoms} symptom terms"
                          + (", urgency question" if f.urgency else "") + ")")
    if f.assistant_chat:
        return "general", "chat about the assistant"
    if f.lit_words and not f.general_form:
        return "literature", "asks for evidence or studies"
    if f.yes_no:
        return "literature", "yes/no question"
    return "literature", "open question: answered from the sources or not at all"
