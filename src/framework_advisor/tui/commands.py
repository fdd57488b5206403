"""Command palette entries: jump to a question, results, review, compare, export, theme. A
question's prompt comes from the knowledge pack: every entry is literal text, never markup."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from framework_advisor.safe_text import as_text, cut, markup_escape, terminal_text
from framework_advisor.tui.words import say

if TYPE_CHECKING:
    from framework_advisor.tui.app import AdvisorApp


class AdvisorCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: AdvisorApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, str, Callable[[], object]]] = []

        def command(
            name: str, action: Callable[[], object]
        ) -> tuple[str, str, Callable[[], object]]:
            """A palette entry: its name and what it does (``app.palette.<name>`` and
            ``app.palette.<name>_help``)."""
            key = f"app.palette.{name}"
            return say(app.kb, key), say(app.kb, f"{key}_help"), action

        if app.has_assessment():  # only what works: these need answers to work on
            commands += [
                command("results", app.action_results),
                command("review", app.action_review),
            ]
        commands += [
            command("compare", app.action_compare),
            command("browse", app.action_frameworks),
            command("goals", app.action_goals),
        ]
        if app.has_assessment():
            commands.append(command("export", app.action_export))
        commands.append(command("help", app.action_help))
        commands.append(command("theme", app.action_toggle_theme))
        if app.served is None:  # a served participant has one session: no way to others
            commands.insert(1 if app.has_assessment() else 0, command("welcome", app.action_home))
        if app.assessment.name is not None:
            for number, question in enumerate(app.assessment.visible(), start=1):
                commands.append(
                    (
                        cut(
                            say(
                                app.kb,
                                "app.palette.question",
                                number=number,
                                prompt=terminal_text(question.prompt),
                            ),
                            LONGEST,
                        ),
                        question.id,
                        partial(app.open_questionnaire, question.id),
                    )
                )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands()[:6]:
            yield DiscoveryHit(
                as_text(name),
                callback,
                text=name,
                help=markup_escape(help_text),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    highlight(matcher, name),
                    callback,
                    text=name,
                    help=markup_escape(help_text),
                )


LONGEST = 100
"""Characters of a palette entry (one line; the fuzzy search grows with the length)."""


def highlight(matcher: Matcher, candidate: str) -> Content:
    """``candidate`` as literal content, the letters matched highlighted (Textual's own
    `Matcher.highlight` reads the candidate as markup)."""
    content = Content(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
