"""Messages that more than one screen listens to."""

from __future__ import annotations

from textual.message import Message


class AnswersChanged(Message):
    """An answer changed: results, review and progress refresh."""

    def __init__(self, question_id: str) -> None:
        self.question_id = question_id
        super().__init__()
