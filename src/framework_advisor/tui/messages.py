"""Messages that more than one screen listens to."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import events
from textual.app import App
from textual.message import Message


class AnswersChanged(Message):
    """An answer changed: results, review and progress refresh."""

    def __init__(self, question_id: str) -> None:
        self.question_id = question_id
        super().__init__()


def replay_keys(app: App[Any], keys: Iterable[events.Key]) -> None:
    """Keys held back, posted again in order as if just typed: the app hands each to whatever
    has the focus now."""
    for key in keys:
        replay = events.Key(key.key, key.character)
        replay.set_sender(app)
        app.post_message(replay)
