"""Small modal dialogs: ask for a name or a path, confirm an action. Titles, prompts and messages
are shown as written (they may hold a session's name or a path): never markup."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from framework_advisor.safe_text import as_text
from framework_advisor.tui.words import say

if TYPE_CHECKING:
    from framework_advisor.tui.app import AdvisorApp


def _say(screen: ModalScreen[Any], message_id: str) -> str:
    """A word of the catalogue's, from the app's knowledge base."""
    return say(cast("AdvisorApp", screen.app).kb, message_id)


class AskText(ModalScreen[str | None]):
    """Ask for one line of text; dismissed with it, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(
        self,
        title: str,
        prompt: str,
        value: str = "",
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.prompt = prompt
        self.value = value
        self.placeholder = placeholder
        self.check = check
        """What is wrong with a text typed (the dialog stays open, the text kept), or None."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(as_text(self.title_text), classes="dialog-title")
            yield Static(as_text(self.prompt), classes="dialog-prompt")
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Static("", classes="error", id="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_say(self, "app.dialog.cancel"), id="cancel")
                yield Button(_say(self, "app.dialog.ok"), id="ok", variant="primary")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one("#answer", Input).value.strip()
        if not text:
            self.query_one("#error", Static).update(_say(self, "app.dialog.type_something"))
            return
        problem = self.check(text) if self.check is not None else None
        if problem:
            self.show_error(problem)
            return
        self.dismiss(text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(as_text(message))


class Confirm(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "no", "Cancel", id="confirm.cancel")]

    def __init__(self, title: str, message: str, yes: str = "", no: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes, self.no = yes, no
        """The buttons' words ("": the catalogue's Yes and Cancel)."""

    def compose(self) -> ComposeResult:
        self.yes = self.yes or _say(self, "app.dialog.yes")
        self.no = self.no or _say(self, "app.dialog.cancel")
        with Vertical(classes="dialog"):
            yield Label(as_text(self.title_text), classes="dialog-title")
            yield Static(as_text(self.message), classes="dialog-prompt")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)
