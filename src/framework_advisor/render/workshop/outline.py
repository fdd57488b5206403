"""The workshop summary in plain words, as an outline of sections: what the team agrees on and
must settle first, the agenda, who holds which view, and the statistics last ("How agreement is
measured"). The text and Markdown writers draw the same outline, so they say the same thing.
Every sentence comes from the catalogue's workshop words (`workshop.*` in
`knowledge/text/en.yaml`); a person's text is
substituted as text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import Struct

from framework_advisor.domain.framework import layer_label
from framework_advisor.domain.text import Catalogue, message
from framework_advisor.domain.wording import and_list
from framework_advisor.domain.workshop import (
    Difference,
    Position,
    QuestionConsensus,
    WorkshopSummary,
)


class Item(Struct, frozen=True):
    text: str
    details: list[str] = []


class Section(Struct, frozen=True):
    heading: str
    """"" for the opening lines, which have no heading."""
    paragraphs: list[str] = []
    items: list[Item] = []


class Prepared(Struct, frozen=True):
    """Who prepared a workshop document and when, and the brand's colours: the report's house
    style (`--brand`, the knowledge base's or a pack's brand, today's date)."""

    brand: str = ""
    date_text: str = ""
    """The date as people write it: 15 January 2026 ("": no date line)."""
    date: str = ""
    """The same date, ISO (JSON)."""
    primary: str = "#1f3f78"
    accent: str = "#2f5fb3"
    tint: str = "#f2f6fd"
    words: dict[str, str] = {}
    """The writers' own few words, as the report's (``contents``, ``page_of``)."""


def workshop_say(text: Catalogue, word: str, **params: Any) -> str:
    """The workshop's word ``word`` (message ``workshop.<word>``) in the catalogue's words, its
    parameters given as text, as a person wrote them."""
    return text.say(
        message(f"workshop.{word}", **{key: str(value) for key, value in params.items()})
    )


class Words:
    """The workshop's words, said by the catalogue (``workshop.<id>`` in knowledge/text/en.yaml;
    a person's text given to them stays text); framework names by id; who prepared the
    document and when."""

    def __init__(
        self,
        text: Catalogue,
        names: Mapping[str, str],
        prepared: Prepared | None = None,
    ) -> None:
        self.text, self.names = text, names
        self.prepared = prepared or Prepared()

    def __call__(self, word: str, **params: Any) -> str:
        return workshop_say(self.text, word, **params)

    def counted(self, word: str, count: int) -> str:
        """A count with its noun in the right number, from the word's plural forms
        (``workshop.<word>``, ``one`` and ``other``): "1 participant"."""
        return self.text.say(message(f"workshop.{word}", count=count))

    def frameworks(self, ids: list[str]) -> str:
        return and_list([self.names.get(fid, fid) for fid in ids])

    def level(self, item: QuestionConsensus) -> str:
        return self(f"level.{item.agreement}")


def holder_names(summary: WorkshopSummary, pids: list[str]) -> list[str]:
    """Who holds a view: their names, or P1, P2, ... in an anonymous summary."""
    tops = summary.participants_top
    return [
        pid if summary.anonymous or pid not in tops or not tops[pid].name else tops[pid].name
        for pid in pids
    ]


def _answer(item: QuestionConsensus) -> str:
    return item.answer_labels.get(item.group_answer, item.group_answer)


def _agreed(item: QuestionConsensus, words: Words) -> str:
    """A topic most agree on: its answer, with how many give it (a list's options are counted
    in what to settle, one by one)."""
    if item.statistic == "jaccard":
        return words("head.topic", label=item.label, answer=_answer(item))
    return words(
        "head.topic_most",
        label=item.label,
        answer=_answer(item),
        count=item.holders,
        people=item.answered,
    )


def _split(item: QuestionConsensus, words: Words) -> str:
    """A topic people are split on, with how many hold each answer: "Goals feed pay (2 of 4
    Yes, 2 of 4 No)"."""
    held = [
        words("head.held", count=len(p.holders), people=item.answered, answer=p.label)
        for p in item.positions
    ]
    return words("head.differ_topic", label=item.label, positions=", ".join(held))


def opening(summary: WorkshopSummary, words: Words) -> Section:
    """The lines a leadership team reads aloud."""
    title = words("head.title", title=summary.title) if summary.title else words("head.untitled")
    lines = []
    prepared = words.prepared
    if prepared.date_text:
        lines.append(
            words("head.prepared", brand=prepared.brand, date=prepared.date_text)
            if prepared.brand
            else words("head.dated", date=prepared.date_text)
        )
    lines.append(
        words(
            "head.people",
            people=words.counted("count.participants", summary.participants),
            round=summary.round,
        )
    )
    every = [d for d in summary.disagreements if d.agreement == "all"]
    most = [d for d in summary.disagreements if d.agreement == "most"]
    split = [d for d in summary.disagreements if d.agreement == "split"]
    if every:
        lines.append(
            words(
                "head.agree_all",
                topics=and_list(
                    [words("head.topic", label=d.label, answer=_answer(d)) for d in every]
                ),
            )
        )
    if most:
        topics = [_agreed(d, words) for d in most]
        lines.append(words("head.agree_most", topics=and_list(topics)))
    lines.append(
        words("head.differ", topics=and_list([_split(d, words) for d in split]))
        if split
        else words("head.differ_none")
    )
    mix = summary.recommendation.mix
    lines.append(
        words("head.plan", plan=_plan_in_words(summary, words)) if mix else words("head.plan_none")
    )
    lines.append(words("head.top", frameworks=words.frameworks(summary.top)))
    lines += decided_and_open(summary, words)
    return Section(title, lines)


def plan(summary: WorkshopSummary, words: Words) -> Section:
    """The group's proposed plan framework by framework, each with why it is there, then the
    later phases with when each starts."""
    rec = summary.recommendation
    items = [
        Item(
            words(
                "plan.row" if m.why else "head.plan_item",
                framework=words.names.get(m.framework, m.framework),
                layer=layer_label(m.layer),
                why=m.why,
            )
        )
        for m in rec.mix
    ]
    items += [
        Item(
            words(
                "plan.phase",
                phase=p.phase,
                frameworks=words.frameworks(p.frameworks),
                why=p.why,
                signal=p.signal,
            )
        )
        for p in rec.phases[1:]
    ]
    if not items:
        return Section(words("plan.heading"), [words("head.plan_none")])
    return Section(words("plan.heading"), [], items)


def decided_and_open(summary: WorkshopSummary, words: Words) -> list[str]:
    """What the room decided and what is still open (the agenda's topics), once anything is
    decided."""
    if not summary.decided:
        return []
    lines = [
        words(
            "head.decided",
            topics=and_list(
                [
                    words("head.decided_topic", label=d.label, answer=d.answer)
                    for d in summary.decided
                ]
            ),
        )
    ]
    still = [row.label for row in summary.agenda if row.kind == "topic"]
    lines.append(words("head.open", topics=and_list(still)) if still else words("head.open_none"))
    return lines


class AgendaRow(Struct, frozen=True):
    minutes: int
    title: str
    details: list[str]


def agenda_rows(summary: WorkshopSummary, words: Words) -> list[AgendaRow]:
    """Each agenda row in words: its minutes, its title, what to ask and the options."""
    by_question = {d.question: d for d in summary.disagreements}
    rows = []
    for row in summary.agenda:
        if row.kind in ("opening", "closing"):
            title = words(f"agenda.{row.kind}")
            details = [words("agenda.ask", ask=words(f"agenda.{row.kind}_ask"))]
        else:
            title = agenda_why(
                row.label, by_question[row.question], row.decision, row.changes_plan, words
            )
            details = [
                words("agenda.ask", ask=row.ask),
                words("agenda.options", options="; ".join(row.options)),
            ]
        rows.append(AgendaRow(row.minutes, title, details))
    return rows


def also_differs(summary: WorkshopSummary, words: Words) -> str:
    labels = {d.question: d.label for d in summary.disagreements}
    also = [labels[q] for q in summary.also_differs if q in labels]
    return words("agenda.also", topics=and_list(also)) if also else words("agenda.also_none")


def agenda(summary: WorkshopSummary, words: Words) -> Section:
    items = [
        Item(f"{words('agenda.minutes', minutes=row.minutes)}  {row.title}", row.details)
        for row in agenda_rows(summary, words)
    ]
    return Section(
        words("agenda.heading", minutes=summary.minutes),
        [],
        [*items, Item(also_differs(summary, words))],
    )


def agenda_why(
    label: str, item: QuestionConsensus, decision: bool, changes_plan: bool, words: Words
) -> str:
    """An agenda row's title: the topic, how far people agree, and why it gets time."""
    reasons = [words("agenda.changes_plan")] if changes_plan else []
    if decision:
        reasons.append(words("agenda.decision"))
    return words("agenda.why", label=label, level=words.level(item), reasons=and_list(reasons))


def _change(position: Position, words: Words) -> str:
    parts = []
    if position.enters:
        parts.append(words("settle.brings", frameworks=words.frameworks(position.enters)))
    if position.leaves:
        parts.append(words("settle.takes", frameworks=words.frameworks(position.leaves)))
    return and_list(parts)


def position_line(
    summary: WorkshopSummary,
    item: QuestionConsensus,
    position: Position,
    words: Words,
    list_answer: bool,
) -> str:
    holders = holder_names(summary, position.holders)
    line = words(
        "settle.position",
        answer=position.label,
        holders=", ".join(holders),
        count=len(holders),
        people=item.answered,
    )
    change = _change(position, words)
    if list_answer:
        where = words("settle.in_list") if position.is_group else ""
        if change:
            effect = words("settle.without" if position.is_group else "settle.with", changes=change)
        elif len(position.holders) < item.answered:
            effect = words("settle.no_change")
        else:
            effect = ""
        said = [part for part in (where, effect) if part]
    elif position.is_group:
        said = [words("settle.group")]
    else:
        said = [words("settle.would", changes=change) if change else words("settle.no_change")]
    return f"{line}: {'; '.join(said)}" if said else line


def to_settle(summary: WorkshopSummary, words: Words) -> Section:
    """Each topic people differ on: the positions, who holds them, what each would change."""
    items = []
    decided = {d.question: d for d in summary.decided}
    for item in summary.disagreements:
        if item.agreement == "all":
            continue
        head = "settle.topic_decision" if item.decision else "settle.topic"
        title = words(head, label=item.label, level=words.level(item))
        if item.question in decided:
            title = words("settle.decided", topic=title, answer=decided[item.question].answer)
        list_answer = item.statistic == "jaccard"
        items.append(
            Item(
                title,
                [position_line(summary, item, p, words, list_answer) for p in item.positions],
            )
        )
    if not items:
        return Section(words("settle.heading"), [words("settle.none")])
    return Section(words("settle.heading"), [], items)


def rounds(summary: WorkshopSummary, words: Words) -> Section | None:
    if not summary.rounds:
        return None
    labels = {d.question: d.label for d in summary.disagreements}
    return Section(
        words("rounds.heading"),
        [],
        [
            Item(
                words(
                    "rounds.row",
                    label=r.label or labels.get(r.question, r.question),
                    before=words(f"level.{r.agreement_before}")
                    if r.agreement_before
                    else f"{r.before:.0%}",
                    now=words(f"level.{r.agreement_after}")
                    if r.agreement_after
                    else f"{r.after:.0%}",
                    moved=r.moved,
                )
            )
            for r in summary.rounds
        ],
    )


def participants(summary: WorkshopSummary, words: Words) -> Section:
    from framework_advisor.render.workshop import participant_label

    return Section(
        words("people.heading"),
        [],
        [
            Item(f"{participant_label(summary, pid)}: {words.frameworks(top.top)}")
            for pid, top in summary.participants_top.items()
        ],
    )


def measured(summary: WorkshopSummary, words: Words) -> Section:
    """The statistics, their sources and thresholds: the facilitator's footnote."""
    threshold = f"{summary.threshold:.0%}"
    people = summary.participants
    in_group = (
        words("measured.needed", needed=summary.most_needed, people=people)
        if summary.most_needed
        else words("measured.needed_none", people=people)
    )
    paragraphs = [
        words("measured.levels", threshold=threshold, in_group=in_group),
        words("measured.lists"),
        words("measured.threshold", threshold=threshold),
        words("measured.statistics"),
    ]
    rows = [
        Item(
            words(
                "measured.row",
                label=d.label,
                value=f"{d.consensus:.0%}",
                statistic=words(f"measured.{d.statistic}"),
                level=words.level(d),
            )
        )
        for d in summary.disagreements
    ]
    rows.append(Item(kendall_line(summary, words)))
    rows.append(
        Item(
            words("measured.ranking"),
            [
                words(
                    "measured.ranking_row",
                    name=words.names.get(g.id, g.name),
                    fit=f"{g.fit:.1f}",
                    spread=f"{g.spread:.1f}",
                )
                for g in summary.group_ranking
            ],
        )
    )
    return Section(words("measured.heading"), paragraphs, rows)


def kendall_line(summary: WorkshopSummary, words: Words) -> str:
    """Agreement on the whole ranking (Kendall's W), for the statistics at the end."""
    w = summary.kendall_w
    return words("measured.w", w=f"{w:.2f}") if w is not None else words("measured.w_none")


def outline(summary: WorkshopSummary, words: Words) -> list[Section]:
    sections = [
        opening(summary, words),
        plan(summary, words),
        agenda(summary, words),
        to_settle(summary, words),
    ]
    found = rounds(summary, words)
    if found is not None:
        sections.append(found)
    sections.append(participants(summary, words))
    if summary.skipped:
        sections.append(
            Section(
                words("skipped.heading"),
                [],
                [Item(f"{s.file}: {s.error}") for s in summary.skipped],
            )
        )
    sections.append(measured(summary, words))
    return sections


def _plan_in_words(summary: WorkshopSummary, words: Words) -> str:
    """The group's proposed plan in one line: each member with the layer it fills."""
    return and_list(
        [
            words(
                "head.plan_item",
                framework=words.names.get(m.framework, m.framework),
                layer=layer_label(m.layer),
            )
            for m in summary.recommendation.mix
        ]
    )


def participant_view(
    summary: WorkshopSummary, words: Words, own_top: list[str], differ: list[Difference]
) -> list[Section]:
    """A participant's view after the reveal: the group's plan beside their own top three,
    where they differ from the group, and what will be discussed. It names nobody: no
    positions, no holders, no one else's top three."""
    mix = summary.recommendation.mix
    plan = _plan_in_words(summary, words)
    head = [
        words("group.plan", plan=plan) if mix else words("head.plan_none"),
        words("group.yours", frameworks=words.frameworks(own_top)),
        *decided_and_open(summary, words),
    ]
    differs = [
        Item(words("group.differ_row", label=d.label, yours=d.yours, group=d.group)) for d in differ
    ]
    by_question = {d.question: d for d in summary.disagreements}
    discussed = [
        Item(
            words(
                "group.discuss_row", label=row.label, level=words.level(by_question[row.question])
            )
        )
        for row in summary.agenda
        if row.kind == "topic"
    ]
    return [
        Section(words("group.heading"), head),
        Section(
            words("group.differ_heading"), [] if differs else [words("group.differ_none")], differs
        ),
        Section(
            words("group.discuss_heading"),
            [] if discussed else [words("group.discuss_none")],
            discussed,
        ),
    ]
