"""What a key does, in the catalogue's words (knowledge/text/en.yaml, ``key.<binding id>`` and
``key.<binding id>.tip``): the footer and the help say a key's words from here, so rewording a
key is one change in one YAML file. A binding whose id the catalogue does not give keeps the
words written on it."""

from __future__ import annotations

from textual.binding import Binding

from framework_advisor.domain.messages import KEY_TIPS, KEYS
from framework_advisor.domain.text import message

_KEYS = frozenset(KEYS)
_TIPS = frozenset(KEY_TIPS)


def key_words(app: object, binding: Binding) -> tuple[str, str]:
    """The binding's description and its tooltip ("" when it has none), in the words of the
    knowledge base ``app`` holds (``app.kb``; without one, the binding's own)."""
    kb = getattr(app, "kb", None)
    if kb is None or binding.id not in _KEYS:
        return binding.description, binding.tooltip
    say = kb.text.say
    description = say(message(f"key.{binding.id}"))
    tip = say(message(f"key.{binding.id}.tip")) if binding.id in _TIPS else ""
    return description, tip
