"""Index build/search configuration: the ``index`` section of the one settings tree.

The models live in ``assistant.config_sections`` (re-exported by ``assistant.config``); this
module keeps ``from index.config import IndexConfig`` working. Set them like any setting:
an ``index:`` section in ``--config FILE``, ``--set index.hnsw.m=48``,
``CLINASSIST_INDEX__CHUNK_SIZE=800``, or ``python -m index.build``'s own flags
(``--index-config FILE`` holds the section alone, ``--index-set hnsw.m=48``, ``--chunk-size``).
See every field with ``python -m assistant.config show index``.
"""

from __future__ import annotations

from assistant.config import HNSWConfig, IndexConfig, IVFPQConfig, SearchConfig

__all__ = ["HNSWConfig", "IVFPQConfig", "IndexConfig", "SearchConfig"]
