"""`workshop watch DIR`: the facilitator's live view at 80x24. Who has joined and how far each
is, consensus so far per question, the group's top three; keys to reveal (which also starts
the next round once answers change), to close and to export the summary and the handout (the
CLI's `workshop summary`, through ``exports``). It refreshes when files change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Static

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.tui.words import say

NAME_WIDTH = 14
QUESTION_WIDTH = 20
LEVEL_WIDTH = 10
"""Column widths that fit two tables side by side at 80 columns."""
KEY_GAP = "   "
"""The gap between the key's two halves, what agreed means and what split means (layout, not
words: the catalogue reads a run of spaces as one)."""


def export_folder(directory: Path) -> Path:
    """Where the live view's export key writes: a folder named after the workshop's in the
    user's documents folder, never inside DIR (a participant who withdraws leaves nothing of
    theirs in DIR)."""
    from framework_advisor.paths import documents_dir
    from framework_advisor.render.starter.safety import safe_file_name

    return documents_dir() / safe_file_name(f"{directory.resolve().name}-workshop")


ORDER = {"split": 0, "most": 1, "all": 2}
"""Questions to settle first."""


class Seen(Struct):
    """What the view shows, computed off the UI thread."""

    status: str
    people: list[tuple[str, str, str]]
    consensus: list[tuple[str, str, str]]
    top: str
    key: str = ""


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def look(kb: KnowledgeBase, directory: Path) -> Seen:
    """Every participant file as it is now, partial answers included (read leniently, as the
    app reads a session), and the group's state so far, in the workshop's words."""
    from framework_advisor.engine.agreement import most_needed
    from framework_advisor.engine.group_answers import group_answers
    from framework_advisor.engine.group_statistics import consensus
    from framework_advisor.engine.index import index_for
    from framework_advisor.engine.progress import progress
    from framework_advisor.engine.recommend import rank
    from framework_advisor.errors import AdvisorError
    from framework_advisor.render.workshop.outline import workshop_say
    from framework_advisor.sessions import read_session
    from framework_advisor.workshops import (
        current_round,
        load_config,
        participant_files,
        read_participants,
    )

    def say(word: str, **params: object) -> str:
        return workshop_say(kb.text, word, **params)

    config = load_config(directory, kb)
    fixed = config.fixed
    people: list[tuple[str, str, str]] = []
    answers_list: list[dict[str, Any]] = []
    for number, path in enumerate(participant_files(directory, kb.text), start=1):
        name = path.stem
        try:
            session = read_session(path, kb)
        except AdvisorError:
            people.append((f"P{number}", _cut(name, NAME_WIDTH), say("watch.unreadable")))
            continue
        far = progress(kb, session.answers, fixed)  # as the app counts them
        name = session.participant or name
        people.append((f"P{number}", _cut(name, NAME_WIDTH), f"{far.settled}/{far.asked}"))
        answers_list.append({**session.answers, **fixed})
    complete, _ = read_participants(kb, directory, config)  # as the summary counts rounds
    round_number, _ = current_round(kb, directory, config, complete)
    scored = consensus(kb, answers_list, config.threshold, fixed) if answers_list else []
    order = index_for(kb).question_order
    scored.sort(key=lambda c: (ORDER[c.agreement], order[c.question]))
    rows = [
        (
            say("mark.agreed") if c.reached else say("mark.split"),
            _cut(c.label, QUESTION_WIDTH),
            say(f"level.{c.agreement}"),
        )
        for c in scored
    ]
    top = say("watch.top_none")
    if answers_list:
        group = group_answers(kb, answers_list, fixed)
        short = index_for(kb).short_names
        top = say("watch.top", frameworks=", ".join(short[i.id] for i in rank(kb, group)[:3]))
    state = say(
        "watch.closed" if config.closed else "watch.revealed" if config.reveals else "watch.private"
    )
    status = say(
        "watch.status", title=config.title, round=round_number, state=state, people=len(people)
    )
    count = len(answers_list)
    needed = most_needed(count, config.threshold)
    agreed = (
        say("watch.key", needed=needed, people=count)
        if needed
        else say("watch.key_small", people=count)
    )
    key = agreed + KEY_GAP + say("watch.key_split")
    return Seen(status, people, rows, top, key)


class WatchApp(App[None]):
    TITLE = "Workshop"
    CSS = """
    #status { height: 1; padding: 0 1; }
    #tables { height: 1fr; }
    #people { width: 34; }
    #consensus { width: 1fr; }
    #key { height: 1; padding: 0 1; color: $text-muted; }
    #top { height: 1; padding: 0 1; }
    #error { height: auto; padding: 0 1; color: $text-error; display: none; }
    #error.shown { display: block; }
    """
    BINDINGS = [
        Binding("r", "reveal", "Reveal", id="watch.reveal",
                tooltip="Show everyone the group result; changes after it start a new round"),
        Binding("c", "close", "Close", id="watch.close", tooltip="End the workshop: no more joins or edits"),
        Binding("e", "export", "Export", id="watch.export",
                tooltip="Write the summary (Markdown, HTML, PDF, Word) and the handout (PDF) to your documents folder"),
        Binding("q", "quit", "Quit", id="watch.quit", tooltip="Leave the view (the workshop goes on)"),
    ]  # fmt: skip

    def __init__(self, kb: KnowledgeBase, directory: Path) -> None:
        super().__init__()
        self.kb = kb
        self.directory = directory
        self.watcher: Any = None
        self.refreshes = 0
        self.error_source = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="status", markup=False)
        with Horizontal(id="tables"):
            yield DataTable(id="people", cursor_type="row", zebra_stripes=True)
            yield DataTable(id="consensus", cursor_type="row", zebra_stripes=True)
        yield Static("", id="key", markup=False)
        yield Static("", id="top", markup=False)
        yield Static("", id="error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        from framework_advisor.render.workshop.outline import workshop_say
        from framework_advisor.tui.folder_watch import FolderWatcher
        from framework_advisor.workshops import participants_dir

        text = self.kb.text
        people = self.query_one("#people", DataTable)
        people.add_column(workshop_say(text, "watch.col_id"), width=3)
        people.add_column(workshop_say(text, "watch.col_name"), width=NAME_WIDTH)
        people.add_column(workshop_say(text, "watch.col_answered"), width=5)
        consensus = self.query_one("#consensus", DataTable)
        consensus.add_column("", width=1)
        consensus.add_column(workshop_say(text, "watch.col_question"), width=QUESTION_WIDTH)
        consensus.add_column(workshop_say(text, "watch.col_agreement"), width=LEVEL_WIDTH)
        self.watcher = FolderWatcher(
            [self.directory, participants_dir(self.directory)],
            lambda: self.call_from_thread(self.reload),
        )
        self.watcher.start()
        self.reload()

    def on_unmount(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()

    @work(thread=True, exclusive=True)
    def reload(self) -> None:
        from framework_advisor.errors import AdvisorError

        try:
            seen = look(self.kb, self.directory)
        except (AdvisorError, OSError) as exc:
            self.call_from_thread(self.show_error, _one_line(exc), "reload")
            return
        self.call_from_thread(self._show, seen)

    def _show(self, seen: Seen) -> None:
        from framework_advisor.safe_text import as_text

        self.query_one("#status", Static).update(as_text(seen.status))
        self.query_one("#top", Static).update(as_text(seen.top))
        self.query_one("#key", Static).update(as_text(seen.key))
        for table_id, rows in (("#people", seen.people), ("#consensus", seen.consensus)):
            table = self.query_one(table_id, DataTable)
            table.clear()
            table.add_rows([tuple(as_text(cell) for cell in row) for row in rows])
        if self.error_source == "reload":
            self.show_error("")
        self.refreshes += 1

    def show_error(self, message: str, source: str = "key") -> None:
        """One line under the tables saying what went wrong ("" clears it); the view goes on.
        A refresh that works clears only what a refresh showed."""
        from framework_advisor.safe_text import as_text

        self.error_source = source
        line = self.query_one("#error", Static)
        line.update(as_text(message))
        line.set_class(bool(message), "shown")

    def action_reveal(self) -> None:
        self._act("reveal")

    def action_close(self) -> None:
        self._act("close")

    def action_export(self) -> None:
        self.show_error("")
        self.notify(say(self.kb, "workshop.watch.exporting"), markup=False)
        self._export()

    @work(thread=True, exclusive=True, group="workshop-export")
    def _export(self) -> None:
        """The summary and the handout, built once through ``exports`` (the CLI's path), written
        off the UI thread to ``export_folder``; earlier exports there are replaced."""
        from framework_advisor.errors import AdvisorError
        from framework_advisor.exports import WORKSHOP_EXPORTS, WorkshopDocuments, write_files
        from framework_advisor.render.starter.fill import OutputFile

        folder = export_folder(self.directory)
        try:
            made = WorkshopDocuments(self.kb, self.directory).files(WORKSHOP_EXPORTS)
            files = [
                OutputFile(name, data.encode() if isinstance(data, str) else data)
                for name, data in made
            ]
            write_files(folder, files, force=True)
        except (AdvisorError, OSError) as exc:
            said = say(self.kb, "workshop.watch.export_failed", reason=_one_line(exc))
            self.call_from_thread(self.show_error, said)
            return
        names = ", ".join(name for name, _ in made)
        said = say(self.kb, "workshop.watch.exported", folder=str(folder), files=names)
        self.call_from_thread(self.notify, said, markup=False, timeout=10)

    @work(thread=True, group="workshop-write")
    def _act(self, action: str) -> None:
        """Reveal or close off the UI thread (it may wait for another command's lock), so `q`
        keeps working; a failure is the error line, never a crash."""
        from framework_advisor.errors import AdvisorError
        from framework_advisor.workshops import close, reveal

        try:
            if action == "reveal":
                config, count = reveal(self.kb, self.directory)
                done = say(self.kb, "app.watch.revealed", count=count, reveal=len(config.reveals))
            else:
                close(self.directory, self.kb.text)
                done = say(self.kb, "app.watch.closed")
        except (AdvisorError, OSError) as exc:
            failed = (
                "app.watch.could_not_reveal" if action == "reveal" else "app.watch.could_not_close"
            )
            self.call_from_thread(self.show_error, say(self.kb, failed, error=_one_line(exc)))
            return
        self.call_from_thread(self.show_error, "")
        self.call_from_thread(self.notify, done)


def _one_line(exc: BaseException) -> str:
    from framework_advisor.errors import AdvisorError
    from framework_advisor.safe_text import one_line

    if isinstance(exc, AdvisorError):
        return one_line(exc.messages()[0])
    if isinstance(exc, OSError):
        from framework_advisor.errors import os_error_text

        return one_line(os_error_text(exc))
    return one_line(str(exc))
