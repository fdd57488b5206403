"""Saved sessions, one per client or team: open, rename, delete."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import RowDoesNotExist

from framework_advisor.errors import AdvisorError
from framework_advisor.safe_text import as_text
from framework_advisor.tui.screens.dialogs import AskText, Confirm
from framework_advisor.tui.state import Assessment
from framework_advisor.tui.widgets.footer import KeyBar
from framework_advisor.tui.words import say

if TYPE_CHECKING:
    from framework_advisor.tui.app import AdvisorApp


class SessionsScreen(Screen[None]):
    HELP_ID = "sessions"
    """Its part of the help (knowledge/help.yaml)."""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="sessions.back"),
        Binding("enter", "open", "Open", id="sessions.open", tooltip="Continue this session"),
        Binding("r", "rename", "Rename", id="sessions.rename"),
        Binding("d", "delete", "Delete", id="sessions.delete"),
    ]

    app: AdvisorApp

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="sessions"):
            yield Static(
                as_text(say(self.app.kb, "app.sessions.title"), "bold"), classes="screen-title"
            )
            yield DataTable(id="sessions-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="sessions-where", classes="dim")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        columns = ("session", "organisation", "answered", "saved")
        table.add_columns(*(say(self.app.kb, f"app.sessions.col.{c}") for c in columns))
        self.reload()

    def reload(self) -> None:
        store = self.app.store
        table = self.query_one(DataTable)
        table.clear()
        assert store is not None
        for name in store.names():
            session = store.load(name, self.app.kb)
            saved = datetime.fromtimestamp(session.path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            organisation = session.answers.get("organisation", "")
            cells = (session.display_name, organisation, len(session.answers), saved)
            table.add_row(*(as_text(cell) for cell in cells), key=name)
        folder = str(store.folder)
        self.query_one("#sessions-where", Static).update(
            as_text(
                say(self.app.kb, "app.sessions.where", count=table.row_count, folder=folder)
                if table.row_count
                else say(self.app.kb, "app.sessions.none", folder=folder)
            )
        )
        table.focus()

    def _selected(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        name = self._selected()
        store = self.app.store
        if name is None or store is None:
            return
        session = store.load(name, self.app.kb)
        self.app.pop_screen()
        self.app.continue_session(session)

    @work
    async def action_rename(self) -> None:
        name = self._selected()
        store = self.app.store
        if name is None or store is None:
            return
        shown = store.display_name(name)
        new = await self.app.push_screen_wait(
            AskText(
                say(self.app.kb, "app.sessions.rename"),
                say(self.app.kb, "app.sessions.new_name", name=shown),
                shown,
            )
        )
        if new is None or new == shown:
            return
        assessment = self.app.assessment
        open_here = assessment.name == name
        lock = None if open_here else store.lock(name)
        if not open_here and lock is None:
            self.app.notify(
                say(self.app.kb, "app.sessions.open_elsewhere", name=shown),
                severity="error",
                markup=False,
            )
            return
        if open_here:
            Assessment.flush()  # no autosave lands under the old name after the move
        try:
            renamed = store.rename(name, new, self.app.kb.text)
        except (AdvisorError, OSError) as exc:
            self.app.notify(str(exc), severity="error", markup=False)
            return
        finally:
            if lock is not None:
                lock.release()
        if open_here:
            assessment.name, assessment.title = renamed, new
            assessment.revision = store.load(renamed, self.app.kb).revision
            self.app.hold_again()
            self.app.show_session_name()
        self.reload()
        self._select(renamed)
        if renamed != new:
            self.app.notify(
                say(self.app.kb, "app.sessions.renamed", name=new, stem=renamed),
                timeout=10,
                markup=False,
            )

    def _select(self, name: str) -> None:
        table = self.query_one(DataTable)
        with contextlib.suppress(RowDoesNotExist):
            table.move_cursor(row=table.get_row_index(name))

    @work
    async def action_delete(self) -> None:
        name = self._selected()
        store = self.app.store
        if name is None or store is None:
            return
        shown = store.display_name(name)
        sure = await self.app.push_screen_wait(
            Confirm(
                say(self.app.kb, "app.sessions.delete"),
                say(self.app.kb, "app.sessions.delete_sure", name=shown),
                yes=say(self.app.kb, "app.sessions.delete_yes"),
            )
        )
        if sure:
            store.delete(name)
            if self.app.assessment.name == name:
                self.app.assessment.name = None
                self.app.show_session_name()
            self.reload()
