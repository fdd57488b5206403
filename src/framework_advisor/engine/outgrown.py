"""Frameworks an organisation has outgrown: beyond the headcount their sources write them for
(a framework's ``size_range``), such as EOS, written for about 10-250 people."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from framework_advisor.domain.contract import STAGE_BANDS
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import Message, message


def smallest_headcount(view: Mapping[str, Any]) -> int | None:
    """The organisation's headcount, or the least its stage allows when only the stage is
    given (an enterprise has at least 1,000 people); None when neither is answered."""
    headcount = view.get("headcount")
    if isinstance(headcount, int):
        return headcount
    floors = dict(STAGE_BANDS)
    stage = view.get("stage")
    return floors.get(stage) if isinstance(stage, str) else None


def has_outgrown(kb: KnowledgeBase, fid: str, view: Mapping[str, Any]) -> bool:
    """True when the organisation is larger than the framework's sources write it for."""
    framework = kb.frameworks.get(fid)
    size = framework.size_range if framework else None
    least = smallest_headcount(view)
    return size is not None and least is not None and least > size.max_headcount


def outgrown_why(kb: KnowledgeBase, fid: str) -> Message:
    """The retirement's sentence (``in_use.outgrown``) with the framework's own reason and
    source (its ``size_range``)."""
    size = kb.frameworks[fid].size_range
    why, source = (" ".join(size.outgrown.split()), size.source) if size else ("", "")
    return message("in_use.outgrown", why=why, source=source)
