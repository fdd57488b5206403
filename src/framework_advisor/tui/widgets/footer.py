"""The footer: the screen's key bindings drawn as one line, each key clickable.

Textual's Footer is a container with a widget per key and recomposes whenever the focused
widget changes; moving from one question to the next changes focus, and rebuilding and laying
out those widgets cost more than the question itself. This footer is a single widget that
redraws only when the keys it shows change."""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from framework_advisor.tui.keys import key_words


class ShownKey(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: tuple[ShownKey, ...] = ()
        self.palette: ShownKey | None = None
        self._spans: list[tuple[int, int, ShownKey]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        keys: dict[str, ShownKey] = {}  # one key per action, as Textual's Footer shows them
        palette = None
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            description, tip = key_words(self.app, binding)
            if tooltip and tooltip != binding.tooltip:  # a tooltip given by the node itself
                tip = tooltip
            shown = ShownKey(
                binding.key,
                self.app.get_key_display(binding),
                description,
                enabled,
                tip or description,
            )
            if binding.key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = shown
            elif binding.show:
                keys.setdefault(binding.action, shown)
        if (tuple(keys.values()), palette) != (self.keys, self.palette):
            self.keys, self.palette = tuple(keys.values()), palette
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        width = self.size.width
        palette = self.palette
        palette_label = self._label(palette, key_style, description_style) if palette else None
        room = width - (palette_label.cell_len + 1 if palette_label else 0)
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for key in self.keys:
            label = self._label(key, key_style, description_style)
            if line.cell_len + label.cell_len > room:
                break  # the rest is in the command palette
            if not key.enabled:
                label.stylize(Style(dim=True))
            self._spans.append((line.cell_len, line.cell_len + label.cell_len, key))
            line.append_text(label)
            line.append(" ")
        if palette and palette_label:
            start = width - palette_label.cell_len
            line.append(" " * max(0, start - line.cell_len - 1))
            line.append("▏", Style(dim=True))
            self._spans.append((start, width, palette))
            line.append_text(palette_label)
        return line

    @staticmethod
    def _label(key: ShownKey, key_style: Style, description_style: Style) -> Text:
        return Text.assemble(
            (f" {key.display} ", key_style), (f"{key.description} ", description_style)
        )

    def key_at(self, x: int) -> ShownKey | None:
        for start, end, key in self._spans:
            if start <= x < end:
                return key
        return None

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        self.tooltip = key.tooltip if key is not None else None
