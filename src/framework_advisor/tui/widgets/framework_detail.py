"""A framework's full description as styled text: one Static, fast to switch between."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from framework_advisor.domain.framework import described
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.render.text import fit_levels, layer_names


def framework_markup(kb: KnowledgeBase, framework_id: str) -> str:
    f = kb.frameworks[framework_id]
    names = {fid: other.name for fid, other in kb.frameworks.items()}
    out = [f"[b $accent]{escape(f.name)}[/]", f"[i]{escape(f.summary)}[/i]"]
    if f.aliases:
        out.append(f"[dim]Also known as: {escape(', '.join(f.aliases))}[/dim]")

    def section(title: str, lines: list[str]) -> None:
        out.append("")
        out.append(f"[b]{escape(title)}[/b]")
        out.extend(lines)

    for title, text in described(f):
        section(title, [escape(text)])
    section(
        f"Structure: {f.structure.summary}",
        [f"• [b]{escape(p.name)}[/b]: {escape(p.description)}" for p in f.structure.parts],
    )
    section("Pros", [f"+ {escape(p)}" for p in f.pros])
    section("Cons", [f"- {escape(c)}" for c in f.cons])
    section(
        "Pitfalls and how to avoid them",
        [f"! [b]{escape(p.pitfall)}[/b] {escape(p.avoid)}" for p in f.pitfalls],
    )
    section(
        "Rituals",
        [
            f"• {escape(r.name)}: {r.frequency}, {r.minutes} min. {escape(r.purpose)}"
            for r in f.rituals
        ],
    )
    section("Fit by stage", [escape(fit_levels(kb, "stage", f.fit_by_stage))])
    section("Fit by function", [escape(fit_levels(kb, "function", f.fit_by_function))])
    section("Mix layers", [escape(layer_names(f.layers))])
    section("Works with", [escape(", ".join(names.get(c, c) for c in f.complements) or "-")])
    section("Clashes with", [escape(", ".join(names.get(c, c) for c in f.conflicts) or "-")])
    section("First 90 days", [f"Week {s.week:>2}: {escape(s.step)}" for s in f.rollout])
    section("Origin", [escape(f"{f.origin.who}, {f.origin.when}. {f.origin.story}")])
    section(
        "Sources",
        [
            "• "
            + escape(
                f"{s.author}, {s.title}"
                + (f" ({s.year})" if s.year else "")
                + (f": {s.note}" if s.note else "")
            )
            for s in f.sources
        ],
    )
    return "\n".join(out)


class FrameworkDetail(Static):
    DEFAULT_CSS = "FrameworkDetail { height: auto; padding: 0 1; }"

    def show(self, kb: KnowledgeBase, framework_id: str) -> None:
        self.update(framework_markup(kb, framework_id))
