"""Framework Advisor: choose and start the goal-setting frameworks that fit an organisation.

The public API is deliberately narrow and imports nothing heavy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from framework_advisor._version import __version__

__all__ = ["__version__", "load_knowledge_base", "recommend"]

if TYPE_CHECKING:
    from framework_advisor.domain.knowledge import KnowledgeBase
    from framework_advisor.domain.recommendation import Recommendation


def load_knowledge_base(packs: list[str] | None = None, *, use_cache: bool = True) -> KnowledgeBase:
    """Load the embedded knowledge base, overlaid with the given pack folders, validated."""
    from framework_advisor.kb.load import load

    return load(packs or [], use_cache=use_cache)


def recommend(kb: KnowledgeBase, answers: dict[str, Any]) -> Recommendation:
    """Validate an answers mapping against the knowledge base and recommend frameworks."""
    from framework_advisor.engine.answers import validate_answers
    from framework_advisor.engine.recommend import recommend as _recommend

    return _recommend(kb, validate_answers(kb, answers))
