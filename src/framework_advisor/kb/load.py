"""Load the knowledge base: from the cache when every file is unchanged, else from the YAML."""

from __future__ import annotations

from pathlib import Path

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.kb import cache
from framework_advisor.kb.files import read_source
from framework_advisor.kb.locate import embedded_dir


def load(packs: list[str], *, use_cache: bool = True) -> KnowledgeBase:
    """The embedded knowledge base overlaid with ``packs`` in order, validated."""
    sources = [read_source(embedded_dir(), is_pack=False)]
    sources += [read_source(Path(p), is_pack=True) for p in packs]
    key = cache.cache_key(sources)
    if use_cache:
        cached = cache.read_cached(key)
        if cached is not None:
            return cached
    from framework_advisor.kb.build import build  # only on a cache miss: YAML and validation

    kb = build(sources)
    if use_cache:
        cache.write_cached(key, kb)
    return kb
