"""The app's words: a sentence of the catalogue (knowledge/text/en.yaml, ``app.*``) said in
the knowledge base's words, so that a reworded sentence is one change in one YAML file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from framework_advisor.domain.text import message

if TYPE_CHECKING:
    from framework_advisor.domain.knowledge import KnowledgeBase


def say(kb: KnowledgeBase, message_id: str, **params: Any) -> str:
    """The message ``message_id`` (declared in ``domain/messages.py``) in the catalogue's words."""
    return kb.text.say(message(message_id, **params))
