"""The explained recommendation: ranking with fit bars, mix, cadence, cautions, and what could
change it. Updates live when an answer changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from framework_advisor.domain.framework import layer_label, short_name
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.text import message
from framework_advisor.domain.wording import need_labels
from framework_advisor.render.bars import fit_bar, shorten
from framework_advisor.safe_text import as_text
from framework_advisor.tui.messages import AnswersChanged
from framework_advisor.tui.widgets.footer import KeyBar
from framework_advisor.tui.widgets.outline import Heading, Item, Line, Outline

if TYPE_CHECKING:
    from framework_advisor.tui.app import AdvisorApp


TABS = ("ranking", "mix", "cadence", "cautions", "changes")
"""The tabs in order; each one's name is the catalogue's ``key.results.tab.<tab>``."""


class ResultsScreen(Screen[None]):
    HELP_ID = "results"
    """Its part of the help (knowledge/help.yaml)."""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="results.back"),
        Binding("ctrl+r", "app.review", "Review", id="results.review", tooltip="Edit answers"),
        Binding("ctrl+e", "app.export", "Export", id="results.export"),
        Binding("ctrl+t", "app.compare", "Compare", id="results.compare"),
        Binding(
            "a",
            "answer_missing",
            "Answer it",
            id="results.answer_missing",
            tooltip="Go to the required question not answered yet",
        ),
        *[
            Binding(str(n), f"tab('{tab}')", tab, id=f"results.tab.{tab}", show=False)
            for n, tab in enumerate(TABS, start=1)
        ],
    ]

    app: AdvisorApp

    def __init__(self) -> None:
        super().__init__()
        self._shown_version = -1

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="results-banner")
        kb = self.app.kb
        title = {
            tab: f"{n} {kb.text.say(message(f'key.results.tab.{tab}'))}"
            for n, tab in enumerate(TABS, start=1)
        }  # "1 Ranking": the key and the tab's name, which the catalogue gives (key.*)
        with TabbedContent(id="results-tabs"):
            with TabPane(title["ranking"], id="tab-ranking"), Vertical():
                yield DataTable(id="ranking", cursor_type="row")
                with VerticalScroll(id="why-scroll"):
                    yield Outline(id="why")
            with TabPane(title["mix"], id="tab-mix"), VerticalScroll():
                yield Outline(id="mix")
            with TabPane(title["cadence"], id="tab-cadence"), Vertical():
                yield Static("", id="cadence-total")
                yield DataTable(id="cadence", cursor_type="row")
            with TabPane(title["cautions"], id="tab-cautions"), VerticalScroll():
                yield Outline(spaced=True, id="cautions")
            with TabPane(title["changes"], id="tab-changes"), VerticalScroll():
                yield Outline(id="changes")
                yield OptionList(id="unanswered")
        yield KeyBar()

    def on_mount(self) -> None:
        ranking = self.query_one("#ranking", DataTable)
        cadence = self.query_one("#cadence", DataTable)
        columns = ("ritual", "how_often", "minutes", "per_month", "serves")
        cadence.add_columns(*(self._say(f"app.cadence.col.{c}") for c in columns))
        self.refresh_results()
        ranking.focus()

    def on_resize(self) -> None:
        self._fill_ranking(self.rec)  # the names and bars take the width there is

    def on_screen_resume(self) -> None:
        self.refresh_results()

    def on_answers_changed(self, _event: AnswersChanged) -> None:
        if self.is_current:
            self.refresh_results()

    def action_tab(self, tab: str) -> None:
        tabs = self.query_one("#results-tabs", TabbedContent)
        self.set_focus(None)  # focus left in the old pane would switch straight back to it
        tabs.active = f"tab-{tab}"
        pane = tabs.get_pane(f"tab-{tab}")
        lists = [w for w in pane.query("DataTable, OptionList") if w.focusable and w.display]
        targets = lists or [w for w in pane.query("*") if w.focusable]
        if targets:
            targets[0].focus()

    def action_answer_missing(self) -> None:
        missing = self.app.assessment.missing_required()
        if missing:
            self.app.open_questionnaire(missing[0].id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        del parameters
        if action == "answer_missing":
            return bool(self.app.assessment.missing_required())
        return True

    def _say(self, message_id: str, **params: Any) -> str:
        """A sentence of the catalogue (knowledge/text/en.yaml, ``app.*``)."""
        return self.app.kb.text.say(message(message_id, **params))

    @property
    def rec(self) -> Recommendation:
        return self.app.assessment.recommendation

    def refresh_results(self) -> None:
        assessment = self.app.assessment
        if assessment.version == self._shown_version:
            return
        self._shown_version = assessment.version
        rec = self.rec
        missing = assessment.missing_required()
        banner = self.query_one("#results-banner", Static)
        banner.display = bool(missing)
        if missing:
            labels = [message("app.quoted", text=q.label) for q in missing]
            banner.update(as_text(self._say("app.results.provisional", questions=labels)))
        self.refresh_bindings()  # "Answer it" while a required question is unanswered
        self._fill_ranking(rec)
        self._fill_mix(rec)
        self._fill_cadence(rec)
        self._fill_cautions(rec)
        self._fill_changes(rec)

    def _fill_ranking(self, rec: Recommendation) -> None:
        table = self.query_one("#ranking", DataTable)
        row = table.cursor_row
        name_width, bar_width = _ranking_widths(table.size.width or self.app.size.width)
        table.clear(columns=True)
        table.add_column("#", width=2)
        table.add_column(self._say("app.results.col.framework"), width=name_width)
        table.add_column(self._say("app.results.col.fit"), width=3)
        table.add_column("", width=bar_width)
        in_mix = {layer.framework for layer in rec.mix}
        for item in rec.ranking:
            mark = "◆ " if item.id in in_mix else "  "
            cells = (
                item.rank,
                mark + shorten(item.name, name_width - 2),
                f"{item.fit:>3}",
                fit_bar(item.fit, bar_width),
            )
            table.add_row(*(as_text(cell) for cell in cells), key=item.id)
        table.move_cursor(row=max(0, min(row, table.row_count - 1)))
        self._show_why(rec.ranking[max(0, min(row, len(rec.ranking) - 1))].id)

    @on(DataTable.RowHighlighted, "#ranking")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._show_why(str(event.row_key.value))

    def _show_why(self, framework_id: str) -> None:
        rec = self.rec
        item = next(i for i in rec.ranking if i.id == framework_id)
        layers = [layer_label(layer.layer) for layer in rec.mix if layer.framework == framework_id]
        say = self._say
        where = say("app.results.in_mix", layers=layers) if layers else ""
        lines: list[Line] = [Heading(say("app.why.heading", name=item.name, fit=item.fit), where)]
        for reason in item.reasons:
            said = (
                say("app.why.reason_because", reason=reason.text, because=reason.because)
                if reason.because
                else reason.text
            )
            if reason.rule == "base":
                said = say("app.why.starting_fit")
            lines.append(Item(f"{reason.effect:+d}", said))
        later = [p.phase for p in rec.phases[1:] if framework_id in p.frameworks]
        if later:
            lines.append(
                Heading(
                    say("app.why.in_plan"), say("app.why.added_in_phase", phase=later[0]), gap=True
                )
            )
        if item.lifts:
            lines.append(Heading(say("app.why.not_higher"), say("app.why.lifts"), gap=True))
            lines += [
                Item(f"{lift.effect:+d}", say("app.why.lift", needs=lift.needs))
                for lift in item.lifts
            ]
        moves = [s for s in rec.sensitivity if any(m.id == framework_id for m in s.moves)]
        if moves:
            lines.append(Heading(say("app.why.changes"), gap=True))
            lines += [Item("•", s.text) for s in moves]
        self.query_one("#why", Outline).show(lines)

    def _fill_mix(self, rec: Recommendation) -> None:
        names = {item.id: item.name for item in rec.ranking}
        labels = need_labels(self.app.kb)
        say = self._say
        lines: list[Line] = []
        if rec.summary:
            lines += [Heading(say("app.mix.in_short")), Item("", rec.summary)]
        lines.append(Heading(say("app.mix.run_now"), gap=bool(rec.summary)))
        if rec.mix_choice:
            lines.append(Item("", rec.mix_choice))
        starts = {s.framework: s for s in rec.phases[0].starts} if rec.phases else {}
        for layer in rec.mix:
            title = layer_label(layer.layer)
            lines.append(Heading(f"{title}:", names[layer.framework], gap=True))
            if layer.chosen_for:  # the need it was chosen for: no two members share one
                served = [labels.get(n, n) for n in layer.chosen_for]
                lines.append(Item("", say("app.mix.for", needs=served)))
            lines.append(Item("", layer.why))
            start = starts.get(layer.framework)
            if start is not None and start.why:
                lines.append(Item("", start.why))
        for phase in rec.phases[1:]:
            added = ", ".join(names[f] for f in phase.frameworks)
            lines += [
                Heading(say("app.mix.later", phase=phase.phase), added, gap=True),
                Item("", say("app.mix.when", signal=phase.signal)),
                Item("", say("app.mix.why_waits", why=phase.why)),
            ]
        if rec.retire:
            lines.append(Heading(say("app.mix.retire"), gap=True))
            lines += [
                Item("", say("app.mix.retired", name=names[item.id], why=item.why))
                for item in rec.retire
            ]
        self.query_one("#mix", Outline).show(lines)

    def _fill_cadence(self, rec: Recommendation) -> None:
        say = self._say
        minutes = rec.meeting_minutes_per_month
        total = Text.assemble(
            as_text(say("app.cadence.minutes", minutes=minutes), "bold"),
            " " + say("app.cadence.hours", hours=minutes / 60),
        )
        if rec.meeting_time is not None:  # the same figure, said once, against the budget
            total = Text.assemble(
                as_text(rec.meeting_time.text, "bold"), " " + say("app.cadence.one_calendar")
            )
        self.query_one("#cadence-total", Static).update(
            total if rec.cadence else as_text(say("app.cadence.none"))
        )
        table = self.query_one("#cadence", DataTable)
        table.clear()
        for ritual in rec.cadence:
            cells = (
                ritual.ritual,
                ritual.frequency,
                ritual.minutes_per_meeting,
                ritual.minutes_per_month,
                ", ".join(short_name(self.app.kb.frameworks[f]) for f in ritual.frameworks),
            )
            table.add_row(*(as_text(cell) for cell in cells))

    def _fill_cautions(self, rec: Recommendation) -> None:
        lines: list[Line] = [Item("!", c.text) for c in rec.cautions]
        self.query_one("#cautions", Outline).show(
            lines or [Heading("", self._say("app.cautions.none"))]
        )

    def _fill_changes(self, rec: Recommendation) -> None:
        say = self._say
        lines: list[Line] = []
        if rec.sensitivity:
            lines.append(Heading(say("app.changes.reorder")))
            lines += [Item("•", s.text) for s in rec.sensitivity]
        if rec.unanswered:
            lines.append(Heading(say("app.changes.unanswered"), say("app.changes.enter"), gap=True))
        self.query_one("#changes", Outline).show(lines or [Heading("", say("app.changes.nothing"))])
        options = self.query_one("#unanswered", OptionList)
        options.clear_options()
        kb = self.app.kb
        for question_id in rec.unanswered:
            question = kb.question(question_id)
            prompt = question.prompt if question else question_id
            options.add_option(Option(as_text(prompt), id=question_id))
        options.display = bool(rec.unanswered)

    @on(OptionList.OptionSelected, "#unanswered")
    def _answer_now(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_questionnaire(event.option.id)


def _ranking_widths(width: int) -> tuple[int, int]:
    """Name and fit-bar widths: what the rank, the fit, the cell padding and the scroll bar
    leave of ``width``: two thirds for the name (enough for the longest), the rest the bar."""
    room = max(40, width - 15)
    name = min(58, room * 2 // 3)
    return name, min(40, room - name)
