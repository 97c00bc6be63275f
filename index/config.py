"""Index build/search configuration: pydantic, unknown keys rejected, YAML + CLI overrides.

Example YAML (all keys optional)::

    chunk_size: 1000
    chunk_overlap: 150
    batch_size: 64
    index_type: auto        # auto | flat | hnsw | ivfpq
    exact_threshold: 200000 # below this many chunks `auto` uses exact (flat) search
    hnsw: {m: 32, ef_construction: 200, ef_search: 128}
    ivfpq: {nlist: 0, m: 48, nprobe: 32, refine: true}
    search: {rrf_k: 60, bm25_weight: 1.0, dense_weight: 1.0}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.config import _deep_merge, parse_overrides
from assistant.errors import ConfigError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class HNSWConfig(_Strict):
    m: int = Field(32, ge=4, le=256)
    ef_construction: int = Field(200, ge=8)
    ef_search: int = Field(128, ge=8)


class IVFPQConfig(_Strict):
    nlist: int = Field(0, ge=0)
    """Number of inverted lists; 0 picks ~4*sqrt(n)."""
    m: int = Field(48, ge=1)
    """PQ sub-quantizers (must divide the dimension; 48 x 8 bits = 48 bytes per 384-d vector)."""
    nprobe: int = Field(32, ge=1)
    refine: bool = True
    """Re-rank PQ candidates with the exact vectors (costs 4*dim bytes per vector, much better recall)."""
    refine_factor: int = Field(4, ge=1)


class SearchConfig(_Strict):
    """Search-time knobs, stored in the manifest and overridable when opening an index."""

    rrf_k: float = Field(60.0, gt=0)
    """Reciprocal rank fusion constant (Cormack et al. 2009 use 60)."""
    bm25_weight: float = Field(1.0, ge=0)
    dense_weight: float = Field(1.0, ge=0)
    candidates: int = Field(100, ge=10)
    """Documents each retriever contributes to the fusion."""
    bm25_k1: float = Field(1.2, gt=0)
    bm25_b: float = Field(0.75, ge=0, le=1)


class IndexConfig(_Strict):
    """Everything a build can be tuned with."""

    chunk_size: int = Field(1000, ge=100, le=20000)
    """Characters per chunk (MiniLM reads 256 word pieces, roughly 1000 characters)."""
    chunk_overlap: int = Field(150, ge=0)
    batch_size: int = Field(64, ge=1, le=4096)
    index_type: Literal["auto", "flat", "hnsw", "ivfpq"] = "auto"
    exact_threshold: int = Field(200_000, ge=0)
    large_index: Literal["hnsw", "ivfpq"] = "hnsw"
    """What `auto` picks at or above exact_threshold."""
    use_gpu: bool = True
    """Put flat / IVF-PQ FAISS indexes on the GPU when faiss has GPU support and a GPU is seen."""
    hnsw: HNSWConfig = Field(default_factory=HNSWConfig)
    ivfpq: IVFPQConfig = Field(default_factory=IVFPQConfig)
    search: SearchConfig = Field(default_factory=SearchConfig)

    @model_validator(mode="after")
    def _overlap_below_size(self) -> IndexConfig:
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        return self


def load_index_config(path: str | Path | None = None,
                      overrides: list[str] | dict[str, Any] | None = None) -> IndexConfig:
    """Build an IndexConfig from an optional YAML file and ``key=value`` overrides.

    Raises ConfigError naming the offending key on unknown keys or invalid values.
    """
    data: dict[str, Any] = {}
    if path:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"index config file {p} does not exist")
        try:
            loaded = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"index config {p} is not valid YAML: {exc}") from exc
        if not isinstance(loaded, dict):
            raise ConfigError(f"index config {p} must hold a mapping")
        data = loaded
    if overrides:
        over = parse_overrides(overrides) if isinstance(overrides, list) else dict(overrides)
        data = _deep_merge(data, over)
    try:
        return IndexConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}"
                             for e in exc.errors())
        raise ConfigError(f"invalid index config ({problems})") from exc
