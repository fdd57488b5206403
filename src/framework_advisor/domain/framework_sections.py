"""A framework described for a reader, section by section: the one list the text, Markdown and
the app's detail view all lay out, so the three can never show different things."""

from collections.abc import Mapping
from typing import Literal

from msgspec import Struct

from framework_advisor.domain.framework import Framework, layer_label
from framework_advisor.domain.knowledge import KnowledgeBase

SectionKind = Literal["prose", "parts", "pros", "cons", "pitfalls", "list", "steps", "sources"]
"""How a section is laid out: ``prose`` is one paragraph; the others are lists whose entries
may lead with a short bold term (a part's name, a pitfall, a week)."""


class Entry(Struct, frozen=True):
    text: str
    lead: str = ""
    """A short term the entry starts with, shown in bold where the format can."""

    @property
    def separator(self) -> str:
        """What goes between the lead and the text: a lead that ends a sentence needs no colon."""
        return " " if self.lead.endswith((".", "!", "?")) else ": "

    def joined(self) -> str:
        return f"{self.lead}{self.separator}{self.text}" if self.lead else self.text


class DescribedSection(Struct, frozen=True):
    title: str
    kind: SectionKind
    entries: list[Entry]


def framework_sections(kb: KnowledgeBase, framework_id: str) -> list[DescribedSection]:
    """Every section of ``framework_id``'s description after its name, summary and aliases, in
    reading order, worded with names and labels (never ids)."""
    f = kb.frameworks[framework_id]
    prose = [
        DescribedSection(title, "prose", [Entry(" ".join(text.split()))])
        for title, text in _one_liners(f)
    ]
    return [
        *prose,
        DescribedSection(
            f"Structure: {f.structure.summary}",
            "parts",
            [Entry(p.description, lead=p.name) for p in f.structure.parts],
        ),
        DescribedSection("Pros", "pros", [Entry(p) for p in f.pros]),
        DescribedSection("Cons", "cons", [Entry(c) for c in f.cons]),
        DescribedSection(
            "Pitfalls and how to avoid them",
            "pitfalls",
            [Entry(f"Avoid it: {p.avoid}", lead=p.pitfall) for p in f.pitfalls],
        ),
        DescribedSection(
            "Rituals",
            "list",
            [Entry(f"{r.frequency}, {r.minutes} min. {r.purpose}", lead=r.name) for r in f.rituals],
        ),
        DescribedSection("Fit by stage", "list", _fits(kb, "stage", f.fit_by_stage)),
        DescribedSection("Fit by function", "list", _fits(kb, "function", f.fit_by_function)),
        DescribedSection("Mix layers", "prose", [Entry(", ".join(map(layer_label, f.layers)))]),
        DescribedSection("Works with", "prose", [Entry(_names(kb, f.complements))]),
        DescribedSection("Clashes with", "prose", [Entry(_names(kb, f.conflicts))]),
        DescribedSection(
            "First 90 days",
            "steps",
            [Entry(" ".join(s.step.split()), lead=f"Week {s.week}") for s in f.rollout],
        ),
        DescribedSection(
            "Origin", "prose", [Entry(f"{f.origin.who}, {f.origin.when}. {f.origin.story}")]
        ),
        DescribedSection(
            "Sources",
            "sources",
            [
                Entry(
                    f"{s.author}, {s.title}"
                    + (f" ({s.year})" if s.year else "")
                    + (f": {s.note}" if s.note else "")
                )
                for s in f.sources
            ],
        ),
    ]


def _one_liners(f: Framework) -> list[tuple[str, str]]:
    return [
        ("Purpose", f.purpose),
        ("Best for", f.best_for),
        ("Timeframe", f.timeframe),
        ("Ownership", f.ownership),
        ("Mindset", f.mindset),
        ("Measurability", f.measurability),
        ("Typical use", f.use_case),
    ]


def _fits(kb: KnowledgeBase, question_id: str, levels: Mapping[str, str]) -> list[Entry]:
    question = kb.question(question_id)
    return [
        Entry(level, lead=question.label_of(value) if question else value)
        for value, level in levels.items()
    ]


def _names(kb: KnowledgeBase, ids: list[str]) -> str:
    names = [kb.frameworks[i].name if i in kb.frameworks else i for i in ids]
    return ", ".join(names) or "None"
