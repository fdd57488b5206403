"""JSON documents. The recommendation JSON is an API: keys may be added, never renamed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from framework_advisor._version import __version__
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation

if TYPE_CHECKING:
    from framework_advisor.domain.recommendation import WhatIf


def dumps(value: Any) -> str:
    return msgspec.json.format(msgspec.json.encode(value), indent=2).decode() + "\n"


def recommendation_dict(rec: Recommendation) -> dict[str, Any]:
    data = msgspec.to_builtins(rec)
    data["tool_version"] = __version__
    return data


def recommendation(rec: Recommendation, **_: Any) -> str:
    return dumps(recommendation_dict(rec))


def whatif(result: WhatIf, **_: Any) -> str:
    return dumps(
        {
            "before": recommendation_dict(result.before),
            "after": recommendation_dict(result.after),
            "changes": result.changes,
            "moved": msgspec.to_builtins(result.moved),
        }
    )


def framework(kb: KnowledgeBase, framework_id: str, **_: Any) -> str:
    return dumps(msgspec.to_builtins(kb.frameworks[framework_id]))


def comparison(kb: KnowledgeBase, ids: list[str], **_: Any) -> str:
    return dumps([msgspec.to_builtins(kb.frameworks[fid]) for fid in ids])


def framework_table(kb: KnowledgeBase, **_: Any) -> str:
    return dumps(
        [
            {
                "id": f.id,
                "name": f.name,
                "summary": f.summary,
                "layers": f.layers,
                "timeframe": f.timeframe,
            }
            for f in kb.frameworks.values()
        ]
    )


def examples(selection: Any, framework: str | None = None, **_: Any) -> str:
    data = msgspec.to_builtins(selection)
    if framework is not None:
        data.pop("roles", None)  # the templates' role examples: neither OKRs nor KPIs
    if framework == "okr":
        data.pop("kpis")
    elif framework == "kpi":
        data.pop("okrs")
    return dumps(data)
