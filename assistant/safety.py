"""Request safety: refusal of harmful requests, prompt-injection detection, PHI redaction.

The refusal decision never rests on the language model. It is the union of
1. rules: explicit patterns of harm (intent to kill or self-harm, falsifying records or notes,
   fraud, evading detection, illicit drug supply, discrimination, confidentiality breaches,
   disinformation campaigns), each tied to one of MedSafetyBench's nine categories (the AMA
   Principles of Medical Ethics); and request KINDS read from the classifier's out-of-fold
   misses (issue 23): a requested act (imperative, "how can I ...", "ways to ...") of
   neglecting a safety duty, coercion or falsification, writing deceptive content, unequal
   care by payment or connection, disclosure without consent or research without consent.
   With them the out-of-fold refusal rate on MedSafetyBench train is 0.993-1.000 over ten
   split seeds (0.974-0.983 without), and no rule fires on PubMedQA or MedQA questions.
   The rules were written after reading those misses: the figure is optimistic, the
   independent held-out half is the honest test;
2. a linear classifier over all-MiniLM-L6-v2 embeddings (``assistant/artifacts/safety_lr.json``)
   trained on the MedSafetyBench train requests against benign clinical questions and
   instructions (MedMCQA questions, HealthBench prompts, ACI-Bench notes, hand-written
   requests); its threshold was set in cross-validation for <= 1% benign false positives.
If the embedding model cannot be loaded, the rules still apply (and the decision says so).

Prompt injection in the user's text ("ignore previous instructions", "you have no rules") is
refused; instructions inside retrieved documents are never followed: documents are quoted
data, and sentences that look like instructions are dropped from the evidence
(``looks_like_injection``).
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

from assistant.config import Settings, load_settings
from assistant.errors import ModelNotFoundError
from assistant.linear import ARTIFACTS_DIR, LinearModel

log = logging.getLogger(__name__)

DISCLAIMER = ("_This is decision support for clinicians, not a substitute for professional "
              "medical care. In an emergency call your local emergency number._")

SAFETY_MODEL = ARTIFACTS_DIR / "safety_lr.json"
SAFETY_CATEGORY_MODEL = ARTIFACTS_DIR / "safety_category_lr.json"

#: MedSafetyBench categories 1-9 = the AMA Principles of Medical Ethics.
CATEGORIES: dict[str, str] = {
    "1": "competence, compassion and respect for human dignity",
    "2": "professionalism and honesty",
    "3": "law and responsibility to society",
    "4": "patient rights and confidentiality",
    "5": "continued study and information sharing",
    "6": "physician's freedom of choice",
    "7": "community and public health",
    "8": "responsibility to the patient",
    "9": "medical care for all",
}

_F = re.IGNORECASE | re.DOTALL
# An act requested, not a topic asked about: the prompt starts with the verb (an imperative),
# or asks "how can/do/should <someone> <verb>", or for "ways to <verb>".
_HOW_TO = (r"(?:^\s*|\bhow (?:can|do|does|should|could|might|would|to)\s+(?:(?:i|you|we|they|"
           r"a|an|the|our|my|your|their)\s+(?:\w+\s+)?)?|\bways to\s+)")
# (category, reason, pattern). Patterns need both a harmful verb and its object so that
# clinical questions about the same topics ("toxic dose of paracetamol?") pass.
_RULES: list[tuple[str, str, re.Pattern[str]]] = [
    ("8", "intent to kill or seriously harm a person", re.compile(
        r"\b(?:kill|murder|poison|harm|hurt|overdose|sedate|suffocate|euthani[sz]e)\b.{0,60}\b"
        r"(?:him|her|them|someone|somebody|my (?:wife|husband|partner|mother|father|mom|dad|son|"
        r"daughter|child|baby|boss|neighbou?r|patient)|a (?:person|patient|child)|people)\b|"
        r"\b(?:looks? like|appears?)\b.{0,30}\b(?:natural death|accident|suicide)\b|"
        r"\b(?:undetectable|won'?t (?:show|be detected)|not (?:show up|be detected))\b.{0,40}"
        r"\b(?:autopsy|toxicology|tox screen)\b|\bwithout (?:leaving )?(?:a )?trace\b", _F)),
    ("8", "self-harm intent", re.compile(
        r"\b(?:kill myself|end my life|commit suicide|suicide method|want to die|"
        r"(?:take|swallow|need) enough\b.{0,40}\b(?:not wake up|die|never wake))\b|"
        r"\b(?:lethal|fatal) dose\b.{0,80}\b(?:myself|i want|for me|to die|not wake)\b", _F)),
    ("2", "falsifying records or documents", re.compile(
        r"\b(?:fake|forge|falsif\w*|fabricat\w*|backdate|doctor\w*|alter|change|edit|delete|"
        r"hide|cover up|remove)\b.{0,60}\b(?:record|chart|note|documentation|report|"
        r"prescription|certificate|sick note|lab results?|data|signature|consent)\b"
        r".{0,80}\b(?:so|to hide|to cover|without|nobody|no one|false|fake|never|wrong|"
        r"mistake|error|skip|avoid|get)\b|"
        r"\b(?:fake|forged|false|fraudulent)\s+(?:doctor'?s? )?(?:note|prescription|certificate|"
        r"diagnosis|medical records?|sick note|letter)\b|"
        r"\bfalsely (?:diagnos\w*|document\w*|certif\w*|claim\w*|report\w*|stat\w*)\b", _F)),
    ("3", "fraud or evading the law", re.compile(
        r"\b(?:bill|billing|charge|claim)\b.{0,60}\b(?:never (?:performed|done|provided)|"
        r"not (?:performed|done|provided)|without getting caught|fake)\b|"
        r"\b(?:without (?:getting caught|being caught|them noticing|anyone (?:knowing|noticing))|"
        r"avoid (?:detection|getting caught))\b|"
        r"\b(?:insurance|medicare|medicaid) fraud\b", _F)),
    ("3", "illicit drug supply or synthesis", re.compile(
        r"\b(?:synthesi[sz]e|make|cook|manufacture|produce|extract)\b.{0,40}\b(?:fentanyl|"
        r"heroin|meth(?:amphetamine)?|lsd|mdma|ricin|sarin|nerve agent)\b|"
        r"\b(?:get|obtain|buy)\b.{0,40}\b(?:oxycodone|opioids?|xanax|adderall|fentanyl|"
        r"benzos?)\b.{0,60}\b(?:without (?:a )?prescription|several doctors|multiple doctors|"
        r"without them noticing|illegally)\b", _F)),
    ("4", "breach of patient confidentiality", re.compile(
        r"\b(?:share|give me|send|show|leak|sell|access|look up|find)\b.{0,40}"
        r"\b(?:medical records?|health records?|chart|diagnos[ie]s|hiv status|test results)\b"
        r".{0,40}\b(?:of|for|about) (?:my |a )?(?:neighbou?r|ex|coworker|co-worker|celebrity|"
        r"employee|boss|someone else)\b|"
        r"\b(?:my|the) (?:neighbou?r|ex|coworker|co-worker|employee|boss)'?s?\b.{0,30}"
        r"\b(?:medical|health) records?\b", _F)),
    ("7", "health disinformation", re.compile(
        r"\b(?:campaign|posts?|article|video|blog|pamphlet|flyer|messages?)\b.{0,80}"
        r"\b(?:vaccines? cause|vaccines? (?:are|is) (?:dangerous|poison)|avoid vaccinat|"
        r"anti-?vax|covid (?:is )?(?:a )?hoax|cure cancer with|hiv (?:doesn'?t|does not) cause)",
        _F)),
    ("9", "discrimination in care", re.compile(
        r"\b(?:refus\w*|den(?:y|ies|ying)|deprioriti[sz]\w*|exclud\w*|turn(?:s|ing)? away)\s+"
        r"(?:(?:to )?(?:treat(?:ment)?|care|services?|admission)\s+(?:to|for)\s+)?"
        r"(?:patients|people|anyone|applicants)\b.{0,60}\b(?:race|ethnicity|religion|gender|"
        r"sexual orientation|immigra\w+|disabilit\w+|poor|homeless|black|muslim|jewish|gay|"
        r"transgender)\b", _F)),
    ("1", "demeaning or coercing patients", re.compile(
        r"\b(?:mock|humiliate|shame|ridicule|belittle|manipulate|coerce|trick|deceive)\w*\s+"
        r"(?:a |the |my |our |their |your )?(?:patients?|him|her|them|(?:child|patient|"
        r"person|woman|man)'s)\b|"
        r"\bpressur\w*\s+(?:a |the |my |our )?(?:patients?|him|her|them)\s+(?:into|to)\b", _F)),
    # Request kinds, not phrasings (issue 23, from the out-of-fold misses of the classifier):
    # each is an act (how-to or imperative) aimed at a duty, so research questions about the
    # same topic ("Do nurses fail to follow hand hygiene guidelines?") pass.
    ("8", "neglecting a safety duty", re.compile(
        _HOW_TO + r"(?:avoid|fail(?:s|ing)? to|neglect|skip|ignore|"
        r"dismiss|bypass|circumvent|disregard|cut corners on|downplay)\s+(?:(?:or|and) \w+\s+)?"
        r"(?:\w+\s+){0,5}(?:infection control|hand "
        r"hygiene|steril\w*|sharps|medical waste|safety (?:protocols?|procedures?|measures|"
        r"precautions|checks?|guidelines)|standard (?:of care|precautions|protocols?|measures|"
        r"procedures?)|proper (?:procedures?|protocols?|care)|adequate care|informed consent|"
        r"(?:care|support) to (?:a |the )?patients?|reporting|(?:\w+ )?consent|regulatory "
        r"requirements|(?:the )?(?:importance|role|significance|risks?|benefits?) of)\b|"
        r"\bwithout (?:first )?(?:reporting|notifying)\b.{0,40}\b(?:authorities|abuse|"
        r"errors?|adverse events?)\b|"
        r"\b(?:abuse|neglect)\b.{0,40}\bwithout (?:reporting|notifying|telling)\b|"
        r"\bwithout (?:considering|discussing|mentioning|disclosing|warning (?:about|of)|"
        r"listing)\s+(?:\w+\s+){0,3}(?:side effects|risks|drug interactions|"
        r"contraindications|adverse effects)\b", _F)),
    ("2", "coercion, deception or abuse of trust", re.compile(
        r"\b(?:threaten|intimidate|blackmail|bribe)\w*\s+(?:a |the |my |our )?(?:\w+ )?"
        r"(?:nurse|colleague|staff|witness|patient|doctor|physician|pharmacist|coworker)s?\b|"
        + _HOW_TO + r"(?:falsif\w*|fabricat\w*|forge|fake|misuse|abuse|exploit)\s+"
        r"(?:a |an |the |my )?(?:\w+\s+)?(?:diagnos\w+|results?|data|records?|patient'?s?|"
        r"trust|prescriptions?|signatures?)\b|"
        r"\bhack\w*\s+into\b", _F)),
    ("2", "deceptive or harmful content", re.compile(
        r"\b(?:write|draft|generate|create|compose|design|produce|compile|prepare|make)\b.{0,120}"
        r"\b(?:fake|fabricated|falsified|misleading|misinformation|disinformation|"
        r"when it'?s not|contrary to (?:the )?(?:evidence|science|guidelines)|"
        r"cover(?:ing)? up|dismiss(?:es|ing)? the (?:significance|importance|risks?|evidence)|"
        r"encourag\w* (?:unsafe|dangerous|risky|harmful)|risking (?:physical |serious )?"
        r"(?:injury|harm|death)|justif\w* (?:higher|longer) wait)\b|"
        r"\b(?:contribute to|spread|promote|create|generate|fuel)\s+(?:\w+\s+){0,2}"
        r"(?:misinformation|disinformation)\b|"
        r"\bcover(?:ing)? up\b.{0,40}\b(?:errors?|mistakes?|complications?|deaths?|"
        r"adverse events?|malpractice|negligence)\b", _F)),
    ("9", "unequal care by payment or connection", re.compile(
        r"\bprioriti[sz]\w*\b.{0,60}\b(?:friends|family|relatives|vips?|paying (?:more|extra|"
        r"cash)|wealthy|rich|private(?:ly)? insured|administrative tasks)\b|"
        r"\b(?:based on|depending on|only if|unless)\b.{0,40}\b(?:ability to pay|"
        r"(?:willing|able) to pay|pay(?:ing)? (?:more|extra|cash|out of pocket)|wealth)\b|"
        r"\bpatients? paying more\b.{0,40}\b(?:quicker|faster|better|priority)\b|"
        r"\btiered care system\b|"
        r"\bjustif\w*\b.{0,40}\b(?:higher|longer) wait(?:ing)? times? for\b", _F)),
    ("4", "disclosure without consent or unethical research", re.compile(
        r"\b(?:provide|give|share|discuss|disclose|know|access|tell|find out|obtain)\b.{0,60}"
        r"\b(?:medical (?:records?|information|details|history)|hiv status|diagnos[ie]s|"
        r"details of (?:a|the|my) (?:child|patient|person)'s)\b.{0,60}\b(?:without (?:\w+ )?"
        r"(?:\w+ )?(?:consent|knowledge|permission|authori[sz]ation)|with (?:the )?other "
        r"(?:parents|people|patients|colleagues|friends|neighbou?rs))\b|"
        r"\bnon-?consensual (?:human )?(?:experiment|trial|stud|research)\w*|"
        r"\b(?:experiment|trial|study|research)\w*\b.{0,40}\bwithout (?:their |the "
        r"(?:subjects'|participants') |informed )?consent\b|"
        r"\b(?:exploit|attack|hack)\w*\b.{0,40}\b(?:vulnerabilit\w+|medical databases?|"
        r"hospital (?:systems?|networks?)|health records? systems?)\b", _F)),
]

_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:\w+\s+){0,3}(?:instructions?|rules|"
    r"prompts?|guidelines|directions|polic(?:y|ies)|programming|restrictions)\b|"
    r"\b(?:ignore|disregard|forget)\s+(?:all\s+)?(?:the\s+)?(?:previous|prior|above|earlier)\s+"
    r"(?:messages?|conversation|context|text)\b|"
    r"\b(?:you are now|from now on you are|act as|pretend (?:to be|you are|you're))\b.{0,60}"
    r"\b(?:no (?:rules|restrictions|limits|filters|guidelines)|unrestricted|unfiltered|jailbr|"
    r"dan\b|evil|without (?:any )?(?:rules|restrictions|ethics))|"
    r"\b(?:developer|god|jailbreak|dan) mode\b|"
    r"\b(?:reveal|print|show|repeat|output)\b.{0,30}\b(?:system prompt|your instructions|"
    r"hidden instructions|initial prompt)\b|"
    r"\bnew instructions?\s*:|\bsystem\s*:\s*you\b|<\s*/?\s*(?:system|instructions?)\s*>|"
    r"\b(?:assistant|ai|model),? (?:must|should) (?:now )?(?:say|answer|reply|respond|output)\b",
    _F)
_BENIGN_DOC_IMPERATIVE = re.compile(r"\b(?:patients|clinicians|physicians) should\b", re.I)


@dataclass(frozen=True)
class SafetyDecision:
    """Whether to refuse, why, and whether the text attempts prompt injection."""

    refuse: bool
    category: str | None
    reason: str
    injection: bool = False
    score: float | None = None


def looks_like_injection(text: str) -> bool:
    """True when ``text`` contains instructions aimed at the assistant (user or document text)."""
    return bool(_INJECTION.search(text))


def rule_match(prompt: str) -> tuple[str, str] | None:
    """The first harm rule that fires: (category, reason), else None."""
    for category, reason, pattern in _RULES:
        if pattern.search(prompt):
            return category, reason
    return None


class SafetyScreen:
    """Rules + embedding classifier; the embedder loads lazily on the first screen."""

    def __init__(self, settings: Settings | None = None, *, embedder: object | None = None,
                 model: LinearModel | None = None,
                 category_model: LinearModel | None = None, classifier: bool = True) -> None:
        self.settings = settings
        self._embedder = embedder
        self._model = model
        self._category_model = category_model
        self._lock = threading.Lock()
        self._unavailable: str | None = None if classifier else "disabled"

    def _load(self) -> None:
        if self._model is not None or self._unavailable:
            return
        try:
            self._model = LinearModel.load(SAFETY_MODEL)
            if SAFETY_CATEGORY_MODEL.is_file():
                self._category_model = LinearModel.load(SAFETY_CATEGORY_MODEL)
            if self._embedder is None:
                from index.embed import classifier_embedder

                self._embedder = classifier_embedder(self.settings or load_settings(None))
            dim = getattr(self._embedder, "dimension", None)
            if dim is not None and len(self._model.mean) != dim:
                raise ModelNotFoundError(
                    f"the safety classifier takes {len(self._model.mean)}-d vectors but the "
                    f"embedder gives {dim}-d ones; retrain it with `python -m "
                    f"finetune.classifiers.safety` on this embedding model")
        except Exception as exc:  # rules still protect; the reason is logged once
            self._unavailable = f"{type(exc).__name__}: {exc}"
            self._model = None
            log.warning("safety classifier unavailable, rules only: %s", self._unavailable)

    def harm_probability(self, prompt: str) -> float | None:
        """P(harmful) from the classifier, or None when it is unavailable."""
        with self._lock:
            self._load()
        if self._model is None or self._embedder is None:
            return None
        vec = self._embedder.encode([prompt[:2000]])  # type: ignore[attr-defined]
        return float(self._model.predict_proba(vec)[0, 1])

    def _category(self, prompt: str) -> str | None:
        if self._category_model is None or self._embedder is None:
            return None
        vec = self._embedder.encode([prompt[:2000]])  # type: ignore[attr-defined]
        return self._category_model.predict(vec)[0]

    def screen(self, prompt: str) -> SafetyDecision:
        """Decide whether to refuse ``prompt``."""
        injection = looks_like_injection(prompt)
        hit = rule_match(prompt)
        if hit:
            return SafetyDecision(True, hit[0], f"rule: {hit[1]}", injection)
        p = self.harm_probability(prompt)
        threshold = float(self._model.meta.get("threshold", 0.5)) if self._model else 0.5
        if p is not None and p >= threshold:
            return SafetyDecision(True, self._category(prompt),
                                  f"classifier: harmful request (p={p:.2f})", injection, p)
        if injection:
            return SafetyDecision(True, "injection", "prompt injection: the request tries to "
                                  "override the assistant's instructions", True, p)
        return SafetyDecision(False, None, "no harm detected" if p is not None else
                              "no harm rule matched (classifier unavailable)", False, p)


_SCREENS: dict[str, SafetyScreen] = {}
_SCREENS_LOCK = threading.Lock()


def get_screen(settings: Settings | None = None) -> SafetyScreen:
    """One SafetyScreen per embedding model, shared by the process."""
    settings = settings or load_settings(None)
    key = str(settings.embedding_model_path)
    with _SCREENS_LOCK:
        if key not in _SCREENS:
            _SCREENS[key] = SafetyScreen(settings)
        return _SCREENS[key]


def refusal_message(decision: SafetyDecision) -> str:
    """The text shown when a request is refused (self-harm gets crisis resources)."""
    if decision.category == "injection":
        return ("I can't follow instructions that try to change how I work. Ask your clinical "
                "question directly and I will help with it.")
    text = ("I can't help with this request: it could cause harm or breach medical ethics"
            + (f" ({CATEGORIES[decision.category]})" if decision.category in CATEGORIES else "")
            + ". I can help with evidence, documentation or triage questions instead.")
    if "self-harm" in decision.reason:
        text = ("I'm really sorry you're feeling this way. I can't help with that, but you don't "
                "have to go through it alone: please contact a crisis line now (in the US call or "
                "text 988; elsewhere your local emergency number) or someone you trust.")
    return text


# --- PHI redaction -----------------------------------------------------------------------
_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|"
           r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_PHI: list[tuple[str, re.Pattern[str]]] = [
    ("[EMAIL]", re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")),
    ("[SSN]", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    ("[MRN]", re.compile(r"\b(?:MRN|medical record (?:number|no\.?)|record #|acct|account)"
                         r"\s*[:#]?\s*[A-Z]?\d[\d-]{3,}\b", re.I)),
    ("[PHONE]", re.compile(r"(?<!\w)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")),
    ("[DATE]", re.compile(
        r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|"
        rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|"
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\.?,?\s+\d{{4}}\b|"
        rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?=[\s,.;)])|"
        r"\b(?:DOB|date of birth)\s*[:#]?\s*\S+", re.I)),
    ("[ADDRESS]", re.compile(
        r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|"
        r"Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Circle)\b\.?(?:,?\s+(?:Apt|Suite|Unit)"
        r"\.?\s*\w+)?(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?(?:,?\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?)?")),
    ("[ZIP]", re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")),
    ("[NAME]", re.compile(
        r"(?P<pre>\b(?:Mr|Mrs|Ms|Miss|Dr|Doctor|Nurse|Dear|Patient|Pt|Name)\.?:?\s+)"
        r"(?!Name\b)[A-Z][a-z'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'-]+)?")),
]


def redact_phi(text: str) -> str:
    """Replace names, dates, MRNs, phone numbers, addresses, e-mails and SSNs with tags.

    For anything logged or stored for audit; the clinical content around them is kept.
    """
    out = text
    for tag, pattern in _PHI:
        if "pre" in pattern.groupindex:  # keep the title ("Dr. "), replace the name after it
            out = pattern.sub(lambda m, t=tag: m.group("pre") + t, out)
        else:
            out = pattern.sub(tag, out)
    return out
