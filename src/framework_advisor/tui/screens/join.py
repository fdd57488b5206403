"""Served to a browser: the join code the consultant announced, then the person's name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Static

from framework_advisor.tui.widgets.footer import KeyBar

if TYPE_CHECKING:
    from framework_advisor.tui.app import AdvisorApp


class JoinScreen(Screen[None]):
    app: AdvisorApp

    def __init__(self, join_code: str) -> None:
        super().__init__()
        self.join_code = join_code

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="dialog", id="join"):
            yield Label("Join the workshop", classes="dialog-title")
            yield Static("Type the join code your facilitator gave you, then your name.")
            yield Input(placeholder="join code", id="code")
            yield Input(placeholder="your name", id="name")
            yield Static("", classes="error", id="error")
            yield Button("Join", id="join-button", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    @on(Input.Submitted, "#code")
    def _code_entered(self) -> None:
        if self._check_code():
            self.query_one("#error", Static).update("Code accepted: now type your name.")
            self.query_one("#name", Input).focus()

    def _check_code(self) -> bool:
        if self.query_one("#code", Input).value.strip() == self.join_code:
            return True
        self.query_one("#error", Static).update(
            "That join code is not right: check it with your facilitator."
        )
        code = self.query_one("#code", Input)
        code.focus()
        code.select_all()  # typing the right code replaces the wrong one
        return False

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#join-button")
    def _join(self) -> None:
        if not self._check_code():
            return
        name = " ".join(self.query_one("#name", Input).value.split())
        if not name:
            self.query_one("#error", Static).update(
                "Please type your name: it keeps your answers apart from others'."
            )
            self.query_one("#name", Input).focus()
            return
        store = self.app.store
        self.app.assessment.participant = name
        self.app.pop_screen()
        if store is not None and store.exists(name):
            self.app.continue_session(store.load(name, self.app.kb))
        else:
            self.app.start_assessment(name, participant=name)
