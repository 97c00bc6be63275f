"""The sections of the settings tree: ``literature``, ``index``, ``app``, ``train`` and ``triage``.

Only models live here (no loading); ``assistant.config`` assembles them into ``Settings`` and
is the one loader. Every field carries a description (an attribute docstring or
``Field(description=...)``), shown by ``python -m assistant.config show``. Checks between
fields of one section are validators here; checks across sections are on ``Settings``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    """Base of every settings model: unknown keys and invalid assignments are errors;
    attribute docstrings become field descriptions."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True,
                              use_attribute_docstrings=True)


# ------------------------------------------------------------------------------ literature
class LiteratureConfig(_Strict):
    """Knobs of the literature pipeline (``python -m assistant.literature``)."""

    k: int = Field(10, ge=1, le=100)
    """Documents returned per question (at least 10 are always retrieved)."""
    mode: Literal["hybrid", "bm25", "dense"] = "hybrid"
    """Retrieval: BM25 and MiniLM fused (hybrid), or one of them alone."""
    scan_docs: int = Field(5, ge=1, le=20)
    """Top documents whose sentences are scored as evidence."""
    cite_docs: int = Field(3, ge=1, le=10)
    """Most documents cited in one answer (cited documents are among the scanned ones)."""
    sentences: int = Field(3, ge=1, le=10)
    """Evidence sentences quoted in the answer."""
    min_strength: float = Field(0.5, ge=0.0, le=1.0)
    """Abstain when the best sentence's score (0.5 term coverage + 0.5 cosine) is below this
    (unless the retrievers agree, below). Calibrated on PubMedQA dev by asking every question
    twice, with and without its source abstract visible (``eval.pubmedqa``,
    ``abstention_source_removed``): (0.50, 0.40) abstains on 1.0% with the source and 70%
    without it; the earlier single threshold 0.45 gave 1.6% and 66%; a stricter (0.55, 0.45)
    gives 2.8% and 82%."""
    min_strength_agreed: float = Field(0.40, ge=0.0, le=1.0)
    """The threshold when BM25 and dense retrieval both rank the top document first."""
    min_coverage: float = Field(0.45, ge=0.0, le=1.0)
    """Abstain when the top document covers less than this IDF-weighted share of the
    question's terms (the rare, specific terms weigh most): catches a question that shares
    only generic words with the best abstract ("music therapy ... tinnitus in astronauts"
    against a physiotherapy-for-tinnitus paper scores 0.39). With it, PubMedQA dev abstains
    on 2.4% with the source and 86% with the source hidden (without it 1.0% and 70%)."""
    min_sentence: float = Field(0.30, ge=0.0, le=1.0)
    """Supporting sentences must score at least this."""
    use_embeddings: bool = True
    """Score evidence sentences with MiniLM cosine too (False: term coverage only)."""
    embed_sentences: int = Field(12, ge=1, le=200)
    """Sentences (best by term coverage) re-scored with MiniLM cosine."""
    secondary_ratio: float = Field(0.9, ge=0.0, le=1.0)
    """A document other than the best one is cited only when its sentence scores at least
    this fraction of the best sentence's score (fewer, more precise citations)."""
    rephrase: bool = False
    """Let the LLM rewrite the extractive answer (citation-checked). Off: SmolLM2-135M is weak."""
    max_new_tokens: int = Field(160, ge=16, le=2048)
    """Token budget of the LLM rewrite (with ``rephrase``)."""
    synthesis: Literal["auto", "on", "off"] = "auto"
    """A model-written synthesis above the extractive evidence (PaperQA2-style: each scanned
    chunk summarised and scored 0-10 for relevance by the model, the best kept, then an answer
    whose every sentence is citation-checked). ``auto``: on only with a capable model (backend
    openai, or a local ``model_path``), off for the embedded SmolLM2-135M."""
    synthesis_chunks: int = Field(6, ge=1, le=20)
    """Retrieved documents whose best chunk is summarised and scored (one LLM call each)."""
    synthesis_keep: int = Field(3, ge=1, le=10)
    """Best-scored summaries the synthesis is written from."""
    synthesis_min_score: int = Field(5, ge=0, le=10)
    """Summaries scored below this (0-10) are not used."""
    min_strength_open: float = Field(0.55, ge=0.0, le=1.0)
    """Open (not yes/no) questions: abstain below this evidence strength. Stricter than
    ``min_strength`` because an open answer has no verdict model to check the source against:
    the quoted sentences are the whole answer (issue 23)."""
    min_coverage_open: float = Field(0.65, ge=0.0, le=1.0)
    """Open questions: abstain when the top document covers less than this IDF-weighted share
    of the question's terms (a drug dose question must find that drug and that indication)."""
    model_only_answers: bool = False
    """Where the sources do not cover a question, add the model's own answer, labelled "not
    sourced: unverified model text" and kept apart from the sourced answer. Off by default;
    never used with the embedded SmolLM2-135M model, nor for drug-dosing questions."""

    @model_validator(mode="after")
    def _consistent(self) -> LiteratureConfig:
        if self.cite_docs > self.scan_docs:
            raise ValueError(f"cite_docs ({self.cite_docs}) exceeds scan_docs ({self.scan_docs}):"
                             " only scanned documents can be cited; raise scan_docs or lower "
                             "cite_docs")
        if self.min_strength_agreed > self.min_strength:
            raise ValueError(f"min_strength_agreed ({self.min_strength_agreed}) is above "
                             f"min_strength ({self.min_strength}): it is the relaxed threshold "
                             "used when both retrievers agree; lower it or raise min_strength")
        return self


# ----------------------------------------------------------------------------------- index
class HNSWConfig(_Strict):
    """HNSW graph parameters (``index_type: hnsw``)."""

    m: int = Field(32, ge=4, le=256)
    """Neighbours per node (more: better recall, more memory)."""
    ef_construction: int = Field(200, ge=8)
    """Candidate list size while building the graph."""
    ef_search: int = Field(128, ge=8)
    """Candidate list size while searching (more: better recall, slower)."""


class IVFPQConfig(_Strict):
    """IVF-PQ parameters (``index_type: ivfpq``)."""

    nlist: int = Field(0, ge=0)
    """Number of inverted lists; 0 picks ~4*sqrt(n)."""
    m: int = Field(48, ge=1)
    """PQ sub-quantizers (must divide the dimension; 48 x 8 bits = 48 bytes per 384-d vector)."""
    nprobe: int = Field(64, ge=1)
    """Inverted lists visited per query (tuned by ``python -m eval.bench index``: see
    docs/INDEX_SCALE.md; 32 lost recall at 1M-5M vectors)."""
    refine: bool = True
    """Re-rank PQ candidates with the exact vectors (costs 4*dim bytes per vector, much better recall)."""
    refine_factor: int = Field(40, ge=1)
    """Candidates re-ranked exactly per result wanted (with ``refine``, and always in the
    sharded index). At 5M vectors 20 gave recall@10 0.92 and 40 gave 0.96 (4 was far lower):
    PQ's coarse scores push true neighbours down the candidate list."""
    train_size: int = Field(256_000, ge=1000)
    """Most vectors the sharded index trains its quantizers on (a uniform random sample)."""
    min_train: int = Field(10_000, ge=256)
    """Fewest vectors an IVF-PQ index is trained on (fewer: exact search is used)."""


class SearchConfig(_Strict):
    """Search-time knobs, stored in the manifest and overridable when opening an index."""

    rrf_k: float = Field(60.0, gt=0)
    """Reciprocal rank fusion constant (Cormack et al. 2009 use 60)."""
    bm25_weight: float = Field(1.0, ge=0)
    """Weight of the BM25 ranking in the fusion."""
    dense_weight: float = Field(1.0, ge=0)
    """Weight of the dense (MiniLM) ranking in the fusion."""
    candidates: int = Field(100, ge=10)
    """Documents each retriever contributes to the fusion."""
    bm25_k1: float = Field(1.2, gt=0)
    """BM25 term-frequency saturation."""
    bm25_b: float = Field(0.75, ge=0, le=1)
    """BM25 document-length normalisation."""

    @model_validator(mode="after")
    def _some_weight(self) -> SearchConfig:
        if self.bm25_weight == 0 and self.dense_weight == 0:
            raise ValueError("bm25_weight and dense_weight are both 0, so every fused score "
                             "would be 0: give one of them a positive weight (or search with "
                             "mode bm25 / dense)")
        return self


class EmbedEngineConfig(_Strict):
    """Where ``python -m index.build`` embeds the chunks (a run-time choice: not stored in the
    index's manifest config and not inherited by ``--append``)."""

    engine: Literal["local", "ray"] = "local"
    """``local``: this process; ``ray``: Ray Data actors, one model load each, a GPU per actor
    when the cluster has GPUs (needs ``ray[data]``)."""
    address: str | None = None
    """Ray cluster to join (``auto`` on a cluster node, or ``HOST:PORT``); None starts a local Ray."""
    workers: int | None = Field(None, ge=1)
    """Ray embedding actors; None: one per GPU of the cluster, else one per CPU."""


class IndexConfig(_Strict):
    """Everything a literature index build can be tuned with (``python -m index.build``)."""

    chunk_size: int = Field(1000, ge=100, le=20000)
    """Characters per chunk (MiniLM reads 256 word pieces, roughly 1000 characters)."""
    chunk_overlap: int = Field(150, ge=0)
    """Characters shared by consecutive chunks (must be below chunk_size)."""
    batch_size: int = Field(64, ge=1, le=4096)
    """Chunks embedded per batch."""
    index_type: Literal["auto", "flat", "hnsw", "ivfpq", "sharded"] = "auto"
    """FAISS index kind; auto picks flat below exact_threshold chunks, else large_index."""
    exact_threshold: int = Field(200_000, ge=0)
    """Below this many chunks ``auto`` uses exact (flat) search."""
    large_index: Literal["hnsw", "ivfpq"] = "hnsw"
    """What `auto` picks at or above exact_threshold."""
    use_gpu: bool = True
    """Put flat / IVF-PQ FAISS indexes on the GPU when faiss has GPU support and a GPU is seen."""
    sharded_threshold: int = Field(2_000_000, ge=0)
    """At or above this many chunks (``auto``) the index is a sharded IVF-PQ (``index.ivf``):
    bounded build memory, exact re-ranking from float vectors on disk, cheap appends."""
    shard_size: int = Field(1_000_000, ge=1000)
    """Vectors per IVF-PQ shard of the sharded index (one shard is in memory while building)."""
    hnsw: HNSWConfig = Field(default_factory=HNSWConfig)
    """HNSW parameters."""
    ivfpq: IVFPQConfig = Field(default_factory=IVFPQConfig)
    """IVF-PQ parameters."""
    search: SearchConfig = Field(default_factory=SearchConfig)
    """Search-time parameters (python -m index.search applies the ones you set)."""
    embed: EmbedEngineConfig = Field(default_factory=EmbedEngineConfig)
    """Embedding engine of the build (local process or Ray actors)."""
    compact_tombstones: float = Field(0.2, ge=0, le=1)
    """A sharded index whose tombstone rows (revised or deleted MEDLINE records) reach this
    fraction of its vectors is compacted by the build (``--compact`` forces it; 1 never)."""

    @model_validator(mode="after")
    def _overlap_below_size(self) -> IndexConfig:
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        return self


# ------------------------------------------------------------------------------------- app
class AppConfig(_Strict):
    """Server, login, audit and limit settings of ``python -m assistant.app``."""

    host: str = "127.0.0.1"
    """Bind address. Loopback by default; expose it only behind TLS and with auth."""
    port: int = Field(7860, ge=1, le=65535)
    """TCP port of the web UI."""
    auth_file: Path | None = None
    """``user:pbkdf2`` lines (``python -m assistant.ui.auth add USER``); or env CLINASSIST_AUTH."""
    audit_log: Path | None = None
    """Append-only JSONL audit trail; None means ``<cache_dir>/audit/audit.jsonl``."""
    max_request_chars: int = Field(50_000, ge=100)
    """Longest chat message (prompt plus attached note), in characters."""
    max_upload_mb: float = Field(10.0, gt=0)
    """Largest uploaded file, in MB."""
    max_batch_files: int = Field(100, ge=1)
    """Most files in one batch upload."""
    slots: int = Field(1, ge=1, le=256)
    """Requests the model works on at once; the rest wait in a fair queue."""
    per_user: int = Field(1, ge=1, le=64)
    """Requests one user may have running or waiting."""
    max_waiting: int = Field(32, ge=0)
    """Requests that may wait in the queue; more are refused as busy."""
    build_index_on_start: bool = True
    """Build the default literature index in the background when it is missing."""
    title: str = "ClinAssist"
    """Title shown in the page header and the browser tab."""
    private_dir: Path | None = None
    """Private (0700) folder for users' uploads, batch results and private indexes; None
    means ``<cache_dir>/private``. Emptied per session and at shutdown."""


# ----------------------------------------------------------------------------------- train
DEFAULT_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


class LoraConfig(_Strict):
    """peft LoRA hyper-parameters."""

    r: int = Field(8, ge=1, le=1024)
    """LoRA rank."""
    alpha: float = Field(16, gt=0)
    """LoRA scaling (the update is scaled by alpha / r)."""
    dropout: float = Field(0.05, ge=0, lt=1)
    """Dropout on the LoRA input."""
    target_modules: list[str] = Field(default_factory=lambda: list(DEFAULT_TARGETS))
    """Linear layers that get an adapter."""


class DataConfig(_Strict):
    """Where the SFT data comes from (built by finetune.data when missing)."""

    train_file: Path = Path("runs/sft/train.jsonl")
    """SFT training JSONL (written by ``python -m finetune.data build``)."""
    eval_file: Path | None = Path("runs/sft/heldout.jsonl")
    """Held-out SFT JSONL for the eval loss; None: no evaluation."""
    build_if_missing: bool = True
    """Build the SFT files with finetune.data when train_file is missing."""
    data_dir: Path | None = None
    """Source data folder finetune.data builds from; needed only when the SFT files are built
    here (set it with --set train.data.data_dir=DIR)."""
    n_synthetic: int = Field(2000, ge=1)
    """Synthetic extraction notes generated when building."""
    tasks: list[Literal["extraction", "extraction_assist", "triage", "literature"]] = Field(
        default_factory=lambda: ["extraction", "extraction_assist", "triage", "literature"])
    """Tasks trained on (examples of other tasks are skipped)."""
    max_train_examples: int | None = Field(None, ge=1)
    """Cap on training examples; None: all."""
    max_eval_examples: int | None = Field(64, ge=1)
    """Cap on held-out examples per evaluation; None: all."""
    seed: int = 0
    """Seed of the data build and subsampling."""


class TrainConfig(_Strict):
    """Everything a run is configured with; written into every checkpoint as resolved."""

    model_path: Path | None = None
    """A local HF model folder; None means the embedded SmolLM2-135M-Instruct."""
    settings_file: Path | None = None
    """Assistant settings YAML (cache_dir, model_path) used to resolve the default model."""
    output_dir: Path = Path("runs/finetune/default")
    """Run folder: checkpoints, adapter, history, summary."""
    seed: int = 0
    """Seed of initialisation, shuffling and dropout."""
    data: DataConfig = Field(default_factory=DataConfig)
    """Training data."""
    lora: LoraConfig = Field(default_factory=LoraConfig)
    """LoRA hyper-parameters."""
    max_seq_len: int = Field(1024, ge=16)
    """Longer examples are dropped (never truncated)."""
    batch_size: int = Field(4, ge=1, description="per process, per micro-batch")
    grad_accum: int = Field(1, ge=1)
    """Micro-batches per optimizer step."""
    learning_rate: float = Field(2e-4, gt=0)
    """Peak AdamW learning rate."""
    weight_decay: float = Field(0.0, ge=0)
    """AdamW weight decay."""
    warmup_steps: int = Field(10, ge=0)
    """Linear warm-up steps."""
    lr_schedule: Literal["cosine", "constant"] = "cosine"
    """Learning-rate schedule after warm-up."""
    max_steps: int | None = Field(None, ge=1)
    """Optimizer steps; None: run ``epochs`` epochs."""
    epochs: float = Field(1.0, gt=0)
    """Passes over the data when max_steps is None."""
    max_grad_norm: float = Field(1.0, gt=0)
    """Gradient clipping norm."""
    batching: Literal["length_bucketed", "random"] = "length_bucketed"
    """length_bucketed: similar lengths together (little padding); random: plain shuffle."""
    bucket_size: int = Field(64, ge=1, description="batches per sorting window")
    eval_every: int = Field(50, ge=1)
    """Steps between held-out evaluations."""
    save_every: int = Field(100, ge=1)
    """Steps between checkpoints."""
    keep_checkpoints: int = Field(2, ge=1)
    """Most recent checkpoints kept."""
    log_every: int = Field(10, ge=1)
    """Steps between log lines."""
    gradient_checkpointing: bool = False
    """Recompute activations in the backward pass (less memory, slower)."""
    precision: Literal["auto", "fp32", "bf16", "fp16"] = "auto"
    """auto: bf16 on a CUDA GPU that supports it, else fp32."""
    quantization: Literal["auto", "none", "4bit"] = "none"
    """auto: QLoRA (4-bit NF4) when bitsandbytes and a CUDA GPU are present; 4bit: require it."""
    attn_implementation: Literal["sdpa", "eager", "flash_attention_2"] = "sdpa"
    """Attention kernel passed to transformers."""
    max_seconds: float | None = Field(None, gt=0)
    """Stop after this many seconds of training (wall clock from the first step; the step in
    flight finishes, then a checkpoint and the adapter are written as at ``max_steps``; the
    schedule stays the one planned for ``max_steps``/``epochs``). None: no time limit. For
    bounded runs on rented GPUs (``eval.gpu_proof``)."""


# ---------------------------------------------------------------------------------- triage
TriageSetting = Literal["auto", "ed", "urgent_care", "primary_care", "self"]


class TriageConfig(_Strict):
    """Where triage happens and whether the LLM words the narrative (``python -m
    assistant.triage``)."""

    setting: TriageSetting = "auto"
    """Care setting a case is triaged for when the case does not name one. ``ed``: the
    KTAS-trained acuity model plus red flags and vital-sign floors (ED triage); ``urgent_care``,
    ``primary_care``, ``self``: the condition knowledge base plus red flags and floors (a front
    door that may answer self-care). ``auto``: ``ed`` when the case gives structured vitals or an
    arrival mode, else ``primary_care``."""
    narrative: Literal["auto", "on", "off"] = "auto"
    """LLM-worded summary and advice. ``auto``: off for the embedded 135M model (its JSON fails
    validation on most cases and costs seconds per case), on for a configured ``model_path`` or
    an OpenAI-compatible server. Never changes the acuity; ``use_llm: false`` turns it off too."""


# ------------------------------------------------------------------------------------- llm
LLMTaskMode = Literal["auto", "on", "off"]
LLM_TASKS = ("extraction", "triage_narrative", "literature_rephrase", "general")
"""The tasks the LLM policy decides for (``Settings.llm_for``)."""


class LLMConfig(_Strict):
    """The local inference engine and the per-task LLM policy (issue 17).

    Per task, ``auto`` follows the measured gain (``python -m eval.llm_gain``): off for the
    embedded SmolLM2-135M, which adds nothing measurable to any task (README, "Where the
    language model is used"), on for a configured ``model_path`` or an OpenAI-compatible
    server. ``use_llm: false`` turns every task off."""

    engine: Literal["auto", "transformers", "ct2"] = "auto"
    """Engine of the local backend. ``ct2``: CTranslate2 (int8 by default; converted once and
    cached under ``<cache_dir>/models/ct2``; constrained JSON still goes through transformers
    + xgrammar); ``transformers``: PyTorch. ``auto``: ct2 on the CPU for a model without an
    adapter, else transformers."""
    ct2_compute_type: Literal["int8", "int8_float32", "float32"] = "int8"
    """CTranslate2 compute type (int8: weights and matmuls in int8)."""
    ct2_threads: int = Field(0, ge=0, le=256)
    """CTranslate2 threads per generation; 0 = auto (1 for models under 500 MB, whose matmuls
    are too small to share; otherwise the CPUs this process may use)."""
    extraction: LLMTaskMode = "auto"
    """The LLM proposes problems and medications the extraction rules missed (span-grounded)."""
    triage_narrative: LLMTaskMode = "auto"
    """The LLM words the triage summary and advice (never the acuity). ``triage.narrative``,
    when not ``auto``, wins."""
    literature_rephrase: LLMTaskMode = "auto"
    """The LLM rewrites or synthesises the literature answer (citation-checked)."""
    general: LLMTaskMode = "auto"
    """The LLM answers general chat messages (off: the chat shows what it can do instead)."""


def capable_model(settings: Any) -> bool:
    """True when the LLM is one the user configured (a local ``model_path`` or a server),
    False for the embedded SmolLM2-135M, whose measured gain is none."""
    return settings.backend == "openai" or settings.model_path is not None


def llm_policy(settings: Any, task: str) -> bool:
    """Whether ``task`` uses the LLM under ``settings`` (a ``Settings``): ``use_llm: false``
    turns every task off; ``on``/``off`` as set (the older ``triage.narrative: on|off`` and
    ``literature.rephrase: true`` win when set); ``auto`` is ``capable_model``. Lives in the
    core so ``Settings.llm_for`` needs nothing outside it; see ``assistant.llm.policy``."""
    if task not in LLM_TASKS:
        raise ValueError(f"unknown LLM task {task!r}; one of {', '.join(LLM_TASKS)}")
    if not settings.use_llm:
        return False
    mode = getattr(settings.llm, task)
    if task == "triage_narrative" and settings.triage.narrative != "auto":
        mode = settings.triage.narrative
    elif task == "literature_rephrase" and settings.literature.rephrase:
        mode = "on"
    if mode != "auto":
        return mode == "on"
    return capable_model(settings)
