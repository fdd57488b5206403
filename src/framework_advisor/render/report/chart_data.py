"""What the report's charts draw, as data (a part of ReportData): the ranking's bars and phase
one's meetings. ``charts`` turns it into SVG; the tables beside the charts hold the same facts."""

from __future__ import annotations

from msgspec import Struct

from framework_advisor.domain.framework import short_name
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation


class ChartBar(Struct, frozen=True):
    label: str
    """The framework's short name (OKR, Hoshin Kanri, ...)."""
    name: str
    fit: int
    phase: int
    """1: in the mix (phase one); 2 or more: added in that later phase; 0: not advised."""


class ChartMeeting(Struct, frozen=True):
    ritual: str
    frequency: str
    """daily, weekly, biweekly, monthly, quarterly or annual."""
    minutes: int
    """Of one meeting."""
    serves: list[str]
    """Short names of the frameworks it serves."""


class ChartData(Struct, frozen=True):
    bars: list[ChartBar] = []
    """Every framework, in ranking order."""
    meetings: list[ChartMeeting] = []
    """Phase one's merged calendar."""
    minutes_per_month: int = 0


def chart_data(kb: KnowledgeBase, rec: Recommendation) -> ChartData:
    def label(fid: str) -> str:
        framework = kb.frameworks.get(fid)
        return short_name(framework) if framework else fid

    phase_of: dict[str, int] = {}
    for phase in rec.phases or ():
        for fid in phase.frameworks:
            phase_of.setdefault(fid, phase.phase)
    for layer in rec.mix:
        phase_of.setdefault(layer.framework, 1)
    cadence = rec.cadence  # phase one's calendar
    return ChartData(
        bars=[
            ChartBar(label(item.id), item.name, item.fit, phase_of.get(item.id, 0))
            for item in rec.ranking
        ],
        meetings=[
            ChartMeeting(
                item.ritual,
                item.frequency,
                item.minutes_per_meeting,
                [label(f) for f in item.frameworks],
            )
            for item in cadence
        ],
        minutes_per_month=rec.meeting_minutes_per_month,
    )
