"""Readable terminal text. The caller passes the width to wrap to and whether to colour (a
terminal): nothing here reads the terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from framework_advisor.domain.contract import stage_is_derived
from framework_advisor.domain.examples import ExampleSelection
from framework_advisor.domain.framework import Framework, layer_label, short_name
from framework_advisor.domain.framework_sections import framework_sections
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.wording import need_labels
from framework_advisor.render.ansi import style as ansi_style
from framework_advisor.render.areas import area_labels
from framework_advisor.render.bars import fit_bar, shorten
from framework_advisor.render.plan import phase_pairs, rank_change
from framework_advisor.safe_text import own_colour, terminal_text

if TYPE_CHECKING:
    from framework_advisor.domain.recommendation import WhatIf

Style = Callable[..., str]
TOP_REASONS = 3


def _plain(text: str, **_: Any) -> str:
    return text


def _styler(color: bool) -> Style:
    """ANSI styling, its text stripped of control characters and its codes marked as ours:
    printing keeps our colours and drops any escape code that came with the text."""
    if not color:
        return _plain

    def style(text: str, **kwargs: Any) -> str:
        return own_colour(ansi_style(terminal_text(text), **kwargs))

    return style


WIDTH = 100
"""The width text is wrapped to when the caller names none (the CLI passes the terminal's)."""


class _Lines:
    """Wrapping at one width, the caller's."""

    def __init__(self, width: int | None) -> None:
        self.width = width or WIDTH

    def wrap(self, text: str, indent: str, width: int | None = None) -> str:
        return textwrap.fill(
            " ".join(text.split()),
            width=width or self.width,
            initial_indent=indent,
            subsequent_indent=indent,
        )

    def hanging(self, prefix: str, text: str) -> str:
        """Wrap text after a prefix, continuation lines aligned under the text."""
        return textwrap.fill(
            " ".join(text.split()),
            width=self.width,
            initial_indent=prefix,
            subsequent_indent=" " * len(prefix),
        )


def _heading(style: Style, text: str) -> str:
    return style(text, bold=True, fg="cyan")


def _fit_color(fit: int) -> str:
    return "green" if fit >= 70 else "yellow" if fit >= 50 else "bright_black"


def _profile_line(kb: KnowledgeBase, rec: Recommendation, answers: dict[str, Any] | None) -> str:
    profile = rec.profile
    parts = []
    stage = profile.get("stage")
    derived = stage_is_derived(answers if answers is not None else profile)
    if stage:
        label = question.label_of(stage) if (question := kb.question("stage")) else stage
        source = f", from a headcount of {profile['headcount']:,}" if derived else ""
        parts.append(f"Stage: {label}{source}")
    if "headcount" in profile and not derived:
        parts.append(f"Headcount: {profile['headcount']:,}")
    for qid in ("function", "industry", "maturity"):
        question = kb.question(qid)
        if qid in profile and question:
            parts.append(f"{question.label}: {question.label_of(profile[qid])}")
    return " · ".join(parts)


def recommendation(
    rec: Recommendation,
    kb: KnowledgeBase,
    color: bool = False,
    answers: dict[str, Any] | None = None,
    width: int | None = None,
    **_: Any,
) -> str:
    style = _styler(color)
    lay = _Lines(width)
    names = {item.id: item.name for item in rec.ranking}
    title = rec.profile.get("organisation") or "your organisation"
    out = [
        style(f"Framework Advisor: recommendation for {title}", bold=True),
        _profile_line(kb, rec, answers),
    ]
    if rec.summary:
        out += ["", _heading(style, "In short"), lay.wrap(rec.summary, "  ")]
    out += ["", _heading(style, "Run now (phase 1)")]
    if rec.mix_choice:
        out.append(lay.wrap(rec.mix_choice, "  "))
    labels = need_labels(kb)
    titles = [layer_label(layer.layer) for layer in rec.mix]
    column = max((len(title) for title in [*titles, "Retire"]), default=6) + 1
    indent = " " * (column + 3)
    for layer, title in zip(rec.mix, titles, strict=True):
        out.append(f"  {style(title.ljust(column), bold=True)} {names[layer.framework]}")
        if layer.chosen_for:
            served = "; ".join(labels.get(n, n) for n in layer.chosen_for)
            out.append(lay.wrap(f"For: {served}.", indent))
        out.append(lay.wrap(layer.why, indent))
    for retired in rec.retire:
        out.append(f"  {style('Retire'.ljust(column), fg='red')} {names[retired.id]}")
        out.append(lay.wrap(retired.why, indent))

    for phase in rec.phases[1:]:
        added = ", ".join(names[f] for f in phase.frameworks)
        out += ["", _heading(style, f"Later (phase {phase.phase}): {added}")]
        out.append(lay.wrap(f"When: {phase.signal}", "  "))
        out.append(lay.wrap(f"Why it waits: {phase.why}", "  "))
        out.append(
            lay.wrap(f"Meetings by then: about {phase.meeting_minutes_per_month} min/month.", "  ")
        )

    out += ["", _heading(style, "Ranking (fit 0-100)")]
    for item in rec.ranking:
        bar = style(fit_bar(item.fit), fg=_fit_color(item.fit))
        out.append(f"  {item.rank:>2}  {bar} {item.fit:>3}  {item.name}")

    out += ["", _heading(style, "Why the top three")]
    for item in rec.ranking[:3]:
        out.append(f"  {style(item.name, bold=True)}: fit {item.fit}")
        reasons = sorted(item.reasons[1:], key=lambda r: (r.rule == "clamp", -abs(r.effect)))
        out.append(f"    {item.reasons[0].effect:>+4}  starting fit")
        for reason in reasons:
            because = f"{reason.text} ({reason.because})" if reason.because else reason.text
            out.append(lay.hanging(f"    {reason.effect:>+4}  ", because))
    if rec.cautions:
        out += ["", _heading(style, "Cautions")]
        for caution in rec.cautions:
            out.append(
                lay.hanging("  ! ", caution.text).replace(
                    "!", style("!", fg="yellow", bold=True), 1
                )
            )
    out += [
        "",
        _heading(
            style, f"Cadence: about {rec.meeting_minutes_per_month} minutes of meetings a month"
        ),
    ]
    for ritual in rec.cadence:
        frameworks = ", ".join(short_name(kb.frameworks[f]) for f in ritual.frameworks)
        out.append(
            f"  {ritual.frequency:<10} {shorten(ritual.ritual, 36):<36} {ritual.minutes_per_meeting:>4} min"
            f"  {ritual.minutes_per_month:>4} min/month  ({frameworks})"
        )
    if rec.unanswered:
        out += ["", _heading(style, "Unanswered questions that could change this")]
        for qid in rec.unanswered:
            question = kb.question(qid)
            label, prompt = (question.label, question.prompt) if question else (qid, "")
            out.append(lay.wrap(f"{label}: {prompt}", "  "))
    if rec.sensitivity:
        out += ["", _heading(style, "What would change the order")]
        for change in rec.sensitivity:
            out.append(lay.hanging("  - ", change.text))
    return "\n".join(out) + "\n"


def whatif(
    result: WhatIf, kb: KnowledgeBase, color: bool = False, width: int | None = None, **_: Any
) -> str:
    style = _styler(color)
    before, after = result.before, result.after
    out = [style("What if", bold=True)]
    for qid, value in result.changes.items():
        question = kb.question(qid)
        label = question.label_of(value) if question and value is not None else "(unanswered)"
        out.append(f"  {question.label if question else qid}: {label}")
    lay = _Lines(width)
    name_width = max(12, min(32, (lay.width - 2 - 3) // 2 - 7))

    def ranked(item: Any) -> str:
        name = item.name
        if len(name) > name_width and item.id in kb.frameworks:
            name = short_name(kb.frameworks[item.id])  # "V2MOM", never "V2MOM (Vision, Val…"
        if len(name) > name_width:  # cut at a word
            name = name[: name_width - 1].rsplit(" ", 1)[0].rstrip(",;:(") + "…"
        return f"{item.rank:>2} {name:<{name_width}} {item.fit:>3}"

    out += ["", _heading(style, f"{'Before':<{name_width + 10}} After")]
    for first, second in zip(before.ranking, after.ranking, strict=True):
        out.append(f"  {ranked(first)}   {ranked(second)}")
    out += ["", _heading(style, "Plan")]
    for number, (a, b) in enumerate(phase_pairs(before, after), start=1):
        title = "phase 1 (now)" if number == 1 else f"phase {number}"
        mark = "" if a == b else "  (changed)"
        line = f"  {title:<14} {a or '-'}  ->  {b or '-'}"
        if len(line + mark) > lay.width:  # before, then after, each wrapped at words
            line = "\n".join(
                textwrap.fill(
                    text,
                    width=lay.width - (len(mark) if text.startswith("->") else 0),
                    initial_indent=indent,
                    subsequent_indent=" " * 20,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
                for text, indent in (
                    (a or "-", f"  {title:<14}    "),
                    (f"-> {b or '-'}", " " * 17),
                )
            )
        out.append(line + (style(mark, fg="yellow") if mark else ""))
    out += ["", _heading(style, "Moved")]
    if not result.moved:
        out.append("  Nothing moved.")
    names = {item.id: item.name for item in after.ranking}
    for move in result.moved:
        change = rank_change(move.from_rank, move.to_rank)
        moved = f"{names[move.id]}: {change}, fit {move.fit_delta:+d}"
        out.append(textwrap.fill(moved, lay.width, initial_indent="  ", subsequent_indent="    "))
    out.append(
        f"\n  Meetings: {before.meeting_minutes_per_month} -> {after.meeting_minutes_per_month} min/month"
    )
    return "\n".join(out) + "\n"


def framework_table(
    kb: KnowledgeBase, color: bool = False, width: int | None = None, **_: Any
) -> str:
    style = _styler(color)
    lay = _Lines(width)
    id_width = max(len(fid) for fid in kb.frameworks) + 2
    name_width = min(40, max(len(f.name) for f in kb.frameworks.values()) + 2)
    summary_width = max(30, lay.width - id_width - name_width)
    out = [style(f"{'id':<{id_width}}{'name':<{name_width}}summary", bold=True)]
    for f in kb.frameworks.values():
        names = textwrap.wrap(f.name, name_width - 2)
        summary = textwrap.wrap(f.summary, summary_width)
        for line in range(max(len(names), len(summary))):
            left = f.id if line == 0 else ""
            name = names[line] if line < len(names) else ""
            text = summary[line] if line < len(summary) else ""
            out.append(f"{left:<{id_width}}{name:<{name_width}}{text}".rstrip())
    out.append("")
    out.append("framework-advisor show ID for details; compare ID ID ... side by side.")
    return "\n".join(out) + "\n"


def framework(
    kb: KnowledgeBase, framework_id: str, color: bool = False, width: int | None = None, **_: Any
) -> str:
    style = _styler(color)
    lay = _Lines(width)
    f: Framework = kb.frameworks[framework_id]
    out = [style(f.name, bold=True), f.summary]
    if f.aliases:
        out.append(f"Also known as: {', '.join(f.aliases)}")
    for section in framework_sections(kb, framework_id):
        out += ["", _heading(style, section.title)]
        mark = _MARKS.get(section.kind)
        for entry in section.entries:
            text = entry.joined()
            out.append(lay.wrap(text, "  ") if mark is None else lay.hanging(mark, text))
    return "\n".join(out) + "\n"


_MARKS = {
    "parts": "  - ",
    "pros": "  + ",
    "cons": "  - ",
    "pitfalls": "  ! ",
    "list": "  - ",
    "steps": "  - ",
    "sources": "  - ",
}
"""The mark before each entry of a list section; prose sections are wrapped paragraphs."""


COMPARE_ROWS: tuple[tuple[str, Callable[[Framework], str | list[str]]], ...] = (
    ("Purpose", lambda f: f.purpose),
    ("Best for", lambda f: f.best_for),
    ("Structure", lambda f: f.structure.summary),
    ("Pros", lambda f: f.pros),
    ("Cons", lambda f: f.cons),
    ("Timeframe", lambda f: f.timeframe),
    ("Mindset", lambda f: f.mindset),
    ("Layers", lambda f: ", ".join(map(layer_label, f.layers))),
)


def _cell_lines(value: str | list[str], width: int) -> list[str]:
    if isinstance(value, str):
        return textwrap.wrap(" ".join(value.split()), width) or [""]
    lines: list[str] = []
    for item in value:
        lines += textwrap.wrap(
            " ".join(item.split()), width, initial_indent="- ", subsequent_indent="  "
        )
    return lines or [""]


def comparison(
    kb: KnowledgeBase, ids: list[str], color: bool = False, width: int | None = None, **_: Any
) -> str:
    style = _styler(color)
    lay = _Lines(width)
    frameworks = [kb.frameworks[fid] for fid in ids]
    label_width = 11
    column = max(12, (lay.width - label_width - 2) // len(frameworks) - 2)
    headers = [textwrap.wrap(f.name, column) for f in frameworks]
    out = []
    for line in range(max(len(h) for h in headers)):
        row = "".join((h[line] if line < len(h) else "").ljust(column + 2) for h in headers)
        out.append(" " * label_width + style(row.rstrip(), bold=True))
    out.append("")
    for label, getter in COMPARE_ROWS:
        cells = [_cell_lines(getter(f), column) for f in frameworks]
        height = max(len(c) for c in cells)
        for line in range(height):
            head = style(label.ljust(label_width), fg="cyan") if line == 0 else " " * label_width
            row = "".join((c[line] if line < len(c) else "").ljust(column + 2) for c in cells)
            out.append((head + row).rstrip())
        out.append("")
    return "\n".join(out)


def questions(kb: KnowledgeBase, color: bool = False, width: int | None = None, **_: Any) -> str:
    style = _styler(color)
    lay = _Lines(width)
    out = []
    for number, q in enumerate(kb.questions, start=1):
        need = (
            "required"
            if q.required
            else f"required unless {q.required_unless}"
            if q.required_unless
            else "optional"
        )
        kind = {
            "single": "one of",
            "multiple": "one or more of",
            "number": "number",
            "yes_no": "yes/no",
            "text": "text",
        }[q.type]
        out.append(f"{number:>2}. {style(q.id, bold=True)} ({kind}, {need})")
        out.append(lay.wrap(q.prompt, "    "))
        out.append(style(lay.wrap(q.help, "    "), fg="bright_black"))
        if q.type == "number":
            bounds = [
                f"min {q.min}" if q.min is not None else "",
                f"max {q.max}" if q.max is not None else "",
            ]
            out.append("    " + ", ".join(b for b in bounds if b))
        for option in q.options:
            out.append(f"      {option.value:<26} {option.label}")
        if q.when is not None:
            from framework_advisor.domain.wording import describe

            out.append(f"    asked only when {describe(kb, q.when)}")
        if q.drawn_from is not None:
            out.append(f"    asked only when {q.drawn_from} has an answer; options from it")
        out.append("")
    return "\n".join(out)


def examples(
    selection: ExampleSelection,
    framework: str | None = None,
    color: bool = False,
    width: int | None = None,
    kb: KnowledgeBase | None = None,
    **_: Any,
) -> str:
    style = _styler(color)
    lay = _Lines(width)
    areas = area_labels(kb, selection.areas)
    out = [style("Examples from: " + ", ".join(areas), bold=True)]
    if selection.missing_industry:
        out.append(
            lay.hanging(
                "",
                f"No examples are written for {selection.missing_industry} yet: these fit "
                "any industry.",
            )
        )
    elif not any(area.startswith("industry:") for area in selection.areas):
        out.append(
            lay.hanging(
                "",
                "Examples written for an industry or a growth model show once you give "
                "--industry and --growth-model.",
            )
        )
    elif selection.waiting and kb is not None:
        labels = [q.label for qid in selection.waiting if (q := kb.question(qid)) is not None]
        out.append(
            lay.hanging(
                "",
                f"Some examples depend on questions not given ({', '.join(labels)}): give "
                "them with --set QUESTION=VALUE.",
            )
        )
    if framework in (None, "okr"):
        out += ["", _heading(style, "Example OKRs")]
        for okr in selection.okrs:
            out.append(lay.hanging("  O  ", f"{okr.objective} ({okr.type})"))
            out += [lay.hanging("     - ", kr) for kr in okr.key_results]
    if framework in (None, "kpi"):
        out += ["", _heading(style, "Example KPIs")]
        for kpi in selection.kpis:
            out.append(
                lay.hanging(
                    "  - ",
                    f"{kpi.name}: target {kpi.target}, {kpi.frequency}; "
                    f"{kpi.indicator}, {kpi.level}. {kpi.definition}",
                )
            )
    return "\n".join(out) + "\n"
