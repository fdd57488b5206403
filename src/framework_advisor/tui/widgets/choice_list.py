"""A list for single, yes/no and multiple choice: one widget, so focus stays put between
choice questions (a focus change restyles and redraws two widgets)."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from framework_advisor.safe_text import widget_text


class _FromChoiceList(Message):
    def __init__(self, choice_list: ChoiceList) -> None:
        self.choice_list = choice_list
        super().__init__()

    @property
    def control(self) -> ChoiceList:
        return self.choice_list


class ChoiceList(OptionList):
    """Single or multiple choice in one list, so moving between choice questions keeps focus.

    Single choice: Enter or a click chooses and moves on; nothing is highlighted until the
    user moves to an option, so Enter alone chooses nothing (it asks to move on). Multiple
    choice: nothing is highlighted on arrival either; Space or a click ticks an option, Enter
    moves on."""

    BINDINGS = [
        Binding("enter", "submit", "Next", id="choice.submit", show=False),
        Binding(
            "space",
            "toggle",
            "Tick",
            id="choice.tick",
            tooltip="Tick or untick the highlighted option",
        ),
    ]

    class Toggled(_FromChoiceList):
        """A multiple-choice option was ticked or unticked."""

    class Submit(_FromChoiceList):
        """The user asked to move on without choosing (multiple choice, or single choice with
        no option highlighted)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.multiple = False
        self.chosen: list[str] = []
        self._labels: dict[str, str] = {}

    def set_choices(
        self, choices: list[tuple[str, str]], chosen: list[str], multiple: bool
    ) -> None:
        """Show ``choices`` (value, label), ``chosen`` marked; keeps the widget and its focus."""
        if multiple != self.multiple:
            self.multiple = multiple
            self.refresh_bindings()  # "Tick" is for multiple choice only
        self._labels = dict(choices)
        self.chosen = [value for value, _ in choices if value in chosen]
        self.clear_options()
        self.add_options([Option(self._prompt(value), id=value) for value, _ in choices])
        marked = [index for index, (value, _) in enumerate(choices) if value in chosen]
        # Single choice: the chosen option, or none, so nothing is recorded that the user did
        # not choose. Multiple choice: none, as in a single choice list, so the first Down
        # highlights option 1 in every list (Down, Down, Space ticks option 2).
        self.highlighted = marked[0] if marked and not multiple else None

    def _prompt(self, value: str) -> Content:
        chosen = value in self.chosen
        if self.multiple:
            mark = Content.styled("[x] ", "bold $success") if chosen else Content("[ ] ")
        else:
            mark = Content("● " if chosen else "  ")
        return mark + Content(widget_text(self._labels[value]))  # literal, never markup

    def action_submit(self) -> None:
        if self.multiple or self.highlighted is None:
            self.post_message(self.Submit(self))
        else:
            self.action_select()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        del parameters
        return self.multiple if action == "toggle" else True

    # Not DOMNode's action_toggle(attribute): the "toggle" binding of a choice list is this one.
    def action_toggle(self) -> None:  # type: ignore[override]
        index = self.highlighted
        if index is None:
            return
        value = self.get_option_at_index(index).id
        assert value is not None
        order = list(self._labels)
        if value in self.chosen:
            self.chosen.remove(value)
        else:
            self.chosen = sorted([*self.chosen, value], key=order.index)
        self.replace_option_prompt_at_index(index, self._prompt(value))
        self.post_message(self.Toggled(self))

    async def _on_click(self, event: events.Click) -> None:
        if not self.multiple:
            return  # OptionList's own handler chooses the option
        event.prevent_default()  # tick it instead
        clicked: int | None = event.style.meta.get("option")
        if clicked is not None:
            self.highlighted = clicked
            self.action_toggle()
