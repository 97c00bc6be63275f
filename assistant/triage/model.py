"""The learned acuity estimate: features of a `Presentation` -> class probabilities -> acuity.

Model: multinomial logistic regression over standardised triage-time features (age, sex,
arrival, injury, AVPU, pain score by body region, vitals, NEWS2/qSOFA/shock index, KTAS
first-order modifier bands, chief-complaint categories from ``complaints``) plus the
all-MiniLM-L6-v2 embedding of the complaint text. The artefact is plain JSON (weights,
scaler, feature list, decision rule, data checksum), so loading it executes nothing; its
sha256 is checked against the model card before use.

Decision: cost-sensitive. Instead of the most probable class, predict the acuity with the
least expected cost under a cost matrix that charges under-triage ``w_under`` per level
(over-triage 1 per level) plus ``w_high`` for calling a gold 1-2 case 3-5, and a case with
P(acuity 1-2) >= ``t_high`` is called at least 2. The weights and ``t_high`` are chosen by
nested cross-validation to keep under-triage <= 0.05 and sensitivity for gold 1-2 >= 0.97. Floors from red flags and scores
are applied afterwards by the Triager and can only make the result more urgent.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.errors import ModelNotFoundError
from assistant.triage.complaints import CATEGORY_NAMES, complaint_categories
from assistant.triage.parse import ARRIVALS, Presentation
from assistant.triage.scores import compute_scores

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"
MODEL_NAME = "ktas-v1"
WEIGHTS_FILE = ARTIFACT_DIR / f"{MODEL_NAME}.weights.json"
CARD_FILE = ARTIFACT_DIR / f"{MODEL_NAME}.card.json"

# Where pain is: KTAS grades severe *central* pain (chest, abdomen, head) more urgently than
# peripheral pain of the same score.
_CENTRAL = re.compile(r"chest|abd|epigastr|head|\bha\b|flank|back|stomach|belly|abdomen|"
                      r"rlq|llq|ruq|luq|pelvi|periumb|throat|testic|scrot", re.I)
_PERIPHERAL = re.compile(r"arm|leg|foot|feet|hand|finger|toe|knee|ankle|wrist|shoulder|hip|"
                         r"elbow|neck|jaw|chin|dental|tooth|teeth|eye|ear|skin|forearm|thigh|"
                         r"calf|heel|thumb", re.I)
UNSCORED_PAIN = 4
# Standardised features are clipped here at prediction time: a value far outside the training
# range (free text is not KTAS) must not swing the linear model arbitrarily.
Z_CLIP = 5.0
_PAIN_WORD = re.compile(r"pain|ache|sore|hurt|discomfort|tender", re.I)

# Imputation for unmeasured vitals: normal adult values (the KTAS data rarely misses any;
# free text often does). Only SpO2 is often missing in KTAS too, so only it has a flag.
NORMAL = {"systolic_bp": 130.0, "diastolic_bp": 80.0, "heart_rate": 80.0,
          "respiratory_rate": 18.0, "temperature": 36.6, "spo2": 97.0}

FEATURES: tuple[str, ...] = (
    "age", "age_lt_2", "age_ge_65", "male", "injury",
    *(f"arrival_{a.replace(' ', '_').replace('-', '_')}" for a in ARRIVALS),
    "avpu_level", "avpu_not_alert",
    "pain_any", "pain_score",
    *(f"{region}_{band}" for region in ("central", "peripheral", "other")
      for band in ("severe", "moderate", "mild")),
    "systolic_bp", "diastolic_bp", "heart_rate", "respiratory_rate", "temperature", "spo2",
    "spo2_missing",
    "fever", "hypotension", "tachycardia", "hypoxia", "tachypnoea",
    "news2", "qsofa", "shock_index",
    # KTAS first-order modifier bands (see scores.ktas_modifier_floors)
    "sirs_count", "fever_sirs3", "fever_sirs2", "fever_hr_ge100", "sbp_lt90", "sbp_le100",
    "sbp_ge200", "hr_lt50", "hr_ge110", "spo2_lt90", "spo2_lt92", "spo2_lt95", "rr_ge22",
    "rr_ge24",
    # complaint categories (complaints.CATEGORIES)
    *(f"cc_{name}" for name in CATEGORY_NAMES),
)
_AVPU_LEVEL = {"A": 0.0, "C": 1.0, "V": 1.0, "P": 2.0, "U": 3.0}


def numeric_features(p: Presentation) -> dict[str, float]:
    """The hand-built features of one presentation, by name (see FEATURES)."""
    v = p.vitals
    f: dict[str, float] = dict.fromkeys(FEATURES, 0.0)
    age = p.age if p.age is not None else 45.0
    f["age"] = age
    f["age_lt_2"] = float(age < 2)
    f["age_ge_65"] = float(age >= 65)
    f["male"] = float(p.sex == "M")
    f["injury"] = float(bool(p.injury))
    # Unknown arrival: the commonest self-presentation in the training data.
    arrival = p.arrival or "private vehicle"
    f[f"arrival_{arrival.replace(' ', '_').replace('-', '_')}"] = 1.0
    avpu = (v.avpu or "A").upper()
    f["avpu_level"] = _AVPU_LEVEL.get(avpu, 0.0)
    f["avpu_not_alert"] = float(avpu != "A")
    has_pain_word = bool(_PAIN_WORD.search(p.complaint))
    # KTAS always records a pain score; free text often gives none. A pain word without a
    # score is read as moderate pain (4/10, the commonest score among the KTAS pain cases).
    pain = p.pain if p.pain is not None else (UNSCORED_PAIN if has_pain_word else 0)
    f["pain_any"] = float(pain > 0)
    f["pain_score"] = float(pain)
    if pain:
        region = ("central" if _CENTRAL.search(p.complaint) else
                  "peripheral" if _PERIPHERAL.search(p.complaint) else "other")
        band = "severe" if pain >= 8 else "moderate" if pain >= 4 else "mild"
        f[f"{region}_{band}"] = 1.0
    for name, normal in NORMAL.items():
        value = getattr(v, name)
        f[name] = float(value) if value is not None else normal
    f["spo2_missing"] = float(v.spo2 is None)
    f["fever"] = float(f["temperature"] >= 38.0)
    f["hypotension"] = float(f["systolic_bp"] <= 90)
    f["tachycardia"] = float(f["heart_rate"] >= 120)
    f["hypoxia"] = float(f["spo2"] < 92)
    f["tachypnoea"] = float(f["respiratory_rate"] >= 24)
    s = compute_scores(v)
    f["news2"] = float(s.news2 or 0)
    f["qsofa"] = float(s.qsofa or 0)
    f["shock_index"] = float(s.shock_index) if s.shock_index is not None else 80.0 / 130.0
    sbp, hr, rr, t = f["systolic_bp"], f["heart_rate"], f["respiratory_rate"], f["temperature"]
    f["sirs_count"] = float((hr > 90) + (rr > 20) + (t >= 38 or t < 36))
    f["fever_sirs3"] = float(t >= 38 and hr > 90 and rr > 20)
    f["fever_sirs2"] = float(t >= 38 and (hr > 90 or rr > 20))
    f["fever_hr_ge100"] = float(t >= 38 and hr >= 100)
    f["sbp_lt90"] = float(sbp < 90)
    f["sbp_le100"] = float(sbp <= 100)
    f["sbp_ge200"] = float(sbp >= 200)
    f["hr_lt50"] = float(hr < 50)
    f["hr_ge110"] = float(hr >= 110)
    f["spo2_lt90"] = float(f["spo2"] < 90)
    f["spo2_lt92"] = float(f["spo2"] < 92)
    f["spo2_lt95"] = float(f["spo2"] < 95)
    f["rr_ge22"] = float(rr >= 22)
    f["rr_ge24"] = float(rr >= 24)
    for name, value in complaint_categories(p.complaint).items():
        f[f"cc_{name}"] = value
    return f


def feature_vector(p: Presentation) -> np.ndarray:
    f = numeric_features(p)
    return np.array([f[name] for name in FEATURES], dtype=np.float64)


# ---- complaint embedding (all-MiniLM-L6-v2, loaded once per process) ----


def get_embedder(settings: Settings) -> Any:
    """The sentence-transformers model the acuity model was trained with (the embedded
    default, whatever model the index uses): the process-wide one, shared with the safety
    screen and, with default settings, retrieval (one copy in memory, one load)."""
    from index.embed import classifier_embedder

    return classifier_embedder(settings).model


def embed_complaints(settings: Settings, complaints: list[str]) -> np.ndarray:
    """Unit-normalised embeddings of the complaint texts."""
    model = get_embedder(settings)
    return np.asarray(model.encode(complaints, normalize_embeddings=True, batch_size=64,
                                   show_progress_bar=False), dtype=np.float64)


# ---- the fitted model ----
@dataclass(frozen=True)
class Estimate:
    acuity: int
    probs: tuple[float, ...]  # P(acuity = 1..5)


def cost_matrix(w_under: float, w_high: float) -> np.ndarray:
    """C[pred-1, gold-1]: over-triage 1 per level, under-triage ``w_under`` per level, plus
    ``w_high`` when a gold 1-2 case is predicted 3-5."""
    c = np.zeros((5, 5))
    for pred in range(1, 6):
        for gold in range(1, 6):
            c[pred - 1, gold - 1] = (pred - gold) * w_under if pred > gold else gold - pred
            if gold <= 2 and pred >= 3:
                c[pred - 1, gold - 1] += w_high
    return c


def decide(probs: np.ndarray, costs: np.ndarray, t_high: float | None = None) -> np.ndarray:
    """Acuity (1-5) with the least expected cost, for each row of ``probs`` (n x 5).

    With ``t_high``, a row whose P(acuity 1 or 2) is at least ``t_high`` is called at least
    2 (emergency) whatever the expected cost says: the rule that keeps sensitivity for
    gold 1-2 high, since a missed emergency costs far more than an over-triaged case.
    """
    p = np.atleast_2d(np.asarray(probs, dtype=np.float64))
    pred = (p @ costs.T).argmin(axis=1) + 1
    if t_high is not None:
        pred = np.where((p[:, 0] + p[:, 1] >= t_high) & (pred > 2), 2, pred)
    return pred


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class AcuityModel:
    """Logistic regression over [standardised features, complaint embedding]."""

    def __init__(self, weights: dict[str, Any]) -> None:
        if tuple(weights["features"]) != FEATURES:
            raise ModelNotFoundError(
                "triage model artefact was trained on different features than this code "
                "uses; rebuild it with `python -m finetune.classifiers.triage`")
        self.weights = weights
        self.mean = np.asarray(weights["scaler_mean"], dtype=np.float64)
        self.scale = np.asarray(weights["scaler_scale"], dtype=np.float64)
        self.coef = np.asarray(weights["coef"], dtype=np.float64)
        self.intercept = np.asarray(weights["intercept"], dtype=np.float64)
        self.classes = [int(c) for c in weights["classes"]]
        d = weights["decision"]
        self.costs = cost_matrix(float(d["w_under"]), float(d["w_high"]))
        self.t_high = None if d.get("t_high") is None else float(d["t_high"])
        self.embedding_dim = int(weights["embedding_dim"])
        self.embedding_scale = float(weights.get("embedding_scale", 1.0))

    @classmethod
    def load(cls, weights_path: Path = WEIGHTS_FILE, card_path: Path = CARD_FILE) -> AcuityModel:
        """Load the JSON artefact after checking its sha256 against the model card."""
        if not weights_path.is_file() or not card_path.is_file():
            raise ModelNotFoundError(
                f"triage model artefact {weights_path} (or its card) is missing; rebuild it "
                "with `python -m finetune.classifiers.triage`")
        card = json.loads(card_path.read_text(encoding="utf-8"))
        digest = sha256_file(weights_path)
        if digest != card.get("weights_sha256"):
            raise ModelNotFoundError(
                f"triage model weights {weights_path} do not match the sha256 in "
                f"{card_path.name}; rebuild with `python -m finetune.classifiers.triage`")
        return cls(json.loads(weights_path.read_text(encoding="utf-8")))

    def design(self, feats: np.ndarray, emb: np.ndarray) -> np.ndarray:
        if emb.shape[1] != self.embedding_dim:
            raise ModelNotFoundError(
                f"embedding dimension {emb.shape[1]} != {self.embedding_dim} the triage model "
                "was trained with; use the same embedding model or retrain")
        z = np.clip((feats - self.mean) / self.scale, -Z_CLIP, Z_CLIP)
        return np.hstack([z, emb * self.embedding_scale])

    def predict_proba(self, feats: np.ndarray, emb: np.ndarray) -> np.ndarray:
        z = self.design(feats, emb) @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def probs5(self, feats: np.ndarray, emb: np.ndarray) -> np.ndarray:
        """P(acuity = 1..5) for each row (columns in acuity order)."""
        p = self.predict_proba(feats, emb)
        out = np.zeros((p.shape[0], 5))
        for j, c in enumerate(self.classes):
            out[:, c - 1] = p[:, j]
        return out

    def estimate(self, feats: np.ndarray, emb: np.ndarray) -> list[Estimate]:
        """Cost-sensitive acuity for each row."""
        probs = self.probs5(feats, emb)
        return [Estimate(int(a), tuple(round(float(x), 4) for x in row))
                for a, row in zip(decide(probs, self.costs, self.t_high), probs, strict=True)]


def to_json_weights(coef: np.ndarray, intercept: np.ndarray, classes: list[int],
                    mean: np.ndarray, scale: np.ndarray, w_under: float, w_high: float,
                    embedding_dim: int, embedding_scale: float,
                    t_high: float | None = None) -> dict[str, Any]:
    """The artefact's JSON body (floats rounded to 7 significant digits)."""
    def r(a: np.ndarray) -> Any:
        return np.vectorize(lambda x: float(f"{x:.7g}"))(a).tolist() if a.size else a.tolist()

    assert all(math.isfinite(x) for x in coef.ravel())
    return {"format": "clinassist-triage-logreg/1", "features": list(FEATURES),
            "classes": classes, "scaler_mean": r(mean), "scaler_scale": r(scale),
            "coef": r(coef), "intercept": r(intercept), "embedding_dim": embedding_dim,
            "embedding_scale": embedding_scale,
            "decision": {"rule": "argmin expected cost (model.cost_matrix); at least 2 when "
                                 "P(1-2) >= t_high (model.decide)",
                         "w_under": w_under, "w_high": w_high, "t_high": t_high}}
