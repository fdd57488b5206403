"""Small helpers that turn labels into sentences, shared by the report's parts."""

from __future__ import annotations


def label_list(labels: list[str]) -> str:
    """Need labels as one clause: "Drive strategic change; make goals clear"."""
    if not labels:
        return ""
    return "; ".join([labels[0], *(w[:1].lower() + w[1:] for w in labels[1:])])


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:].rstrip(".") + "." if text else ""


def first_sentence(text: str) -> str:
    first = text.split(". ")[0].strip()
    return sentence(first) if first else ""
