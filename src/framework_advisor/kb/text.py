"""The catalogue of words (knowledge/text/en.yaml): read, checked against the messages the code
says (``domain/messages.py``) and compiled for the cache. A pack's text/en.yaml replaces ours by
id. Every problem carries the file and line: an id the code does not use, a placeholder it does
not supply, a field that is not a plain name (``{x.__class__}``), a plural form missing, and,
once every source is read, an id the code uses that no catalogue gives."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.messages import MESSAGES, declared
from framework_advisor.domain.text import (
    Catalogue,
    Entry,
    Message,
    compile_text,
    fields_of,
    message,
)
from framework_advisor.problems import ProblemCollector, did_you_mean
from framework_advisor.sources.yaml_lines import YamlDocument

RULE = "kb-text"
LANGUAGE = "en"
FILE = f"text/{LANGUAGE}.yaml"
"""The catalogue read: English (another language is a pack's text/<lang>.yaml, not read yet)."""
PLURAL_FORMS = ("one", "other")


class TextBuilder:
    """The catalogue's entries so far, each with where it was written."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.first_doc: YamlDocument | None = None
        self.where: dict[str, tuple[YamlDocument, tuple[str, ...]]] = {}
        """Where each entry was written (the last source that gave it)."""

    def add(self, problems: ProblemCollector, doc: YamlDocument) -> None:
        """Every message of one catalogue file, each checked on its own."""
        if self.first_doc is None:
            self.first_doc = doc
        data = doc.data
        if not isinstance(data, dict) or not isinstance(data.get("messages"), dict):
            problems.add(doc, (), message("kb.text.not_a_mapping"))
            return
        for extra in (k for k in data if k != "messages"):
            problems.add(doc, (extra,), message("kb.text.top_key"))
        for message_id, raw in data["messages"].items():
            entry = _entry(problems, doc, ("messages", message_id), str(message_id), raw)
            if entry is not None:
                self.entries[str(message_id)] = entry  # a pack's replaces ours
                self.where[str(message_id)] = (doc, ("messages", str(message_id)))

    def words(self) -> Catalogue:
        """The entries read so far, however incomplete: the words the loader's problems are
        said in."""
        return Catalogue(LANGUAGE, dict(self.entries))

    def build(self, problems: ProblemCollector) -> Catalogue:
        """The catalogue, once every source is read: each id the code uses must be there."""
        missing = [m for m in MESSAGES if m not in self.entries]
        where = self.first_doc if self.first_doc is not None else FILE
        for message_id in missing:
            problems.add(
                where,
                ("messages",) if self.first_doc is not None else (),
                message("kb.text.missing", id=message_id, given=_given(MESSAGES[message_id])),
            )
        kept = [m for m in MESSAGES if m in self.entries]
        kept += sorted(m for m in self.entries if m not in MESSAGES)  # families, checked by kind
        return Catalogue(LANGUAGE, {m: self.entries[m] for m in kept})

    def family(self, prefix: str) -> list[str]:
        """The ids of ``prefix``'s family the catalogue gives (``pay.home.``)."""
        return [m for m in self.entries if m.startswith(prefix) and m not in MESSAGES]


def _entry(
    problems: ProblemCollector, doc: YamlDocument, path: tuple[str, ...], message_id: str, raw: Any
) -> Entry | None:
    given = declared(message_id)
    if given is None:
        problems.add(
            doc,
            path,
            did_you_mean(message("kb.text.not_used", id=message_id), message_id, MESSAGES),
        )
        return None
    texts: dict[str, Any]
    count: Any
    if isinstance(raw, str):
        texts, count = {"text": raw}, ""
    elif isinstance(raw, dict):
        unknown = [k for k in raw if k not in ("count", *PLURAL_FORMS)]
        for key in unknown:
            problems.add(doc, (*path, key), message("kb.text.plural_field"))
        count = raw.get("count")
        if not isinstance(count, str) or count not in given:
            problems.add(
                doc,
                (*path, "count"),
                message("kb.text.count", given=_given(given)),
            )
            return None
        texts = {form: raw.get(form) for form in PLURAL_FORMS}
        if unknown:
            return None
    else:
        problems.add(doc, path, message("kb.text.entry"))
        return None
    forms: dict[str, list[str]] = {}
    good = True
    for form, text in texts.items():
        where = path if form == "text" else (*path, form)
        if not isinstance(text, str):
            problems.add(doc, where, message("kb.text.text"))
            good = False
            continue
        parts, found = compile_text(" ".join(text.split()))
        for problem in found:
            problems.add(doc, where, problem)
        good = good and not found
        for name in fields_of(parts):
            if name not in given and not found:
                problems.add(
                    doc,
                    where,
                    did_you_mean(
                        message(
                            "kb.text.unknown_placeholder",
                            name=name,
                            id=message_id,
                            given=_given(given),
                        ),
                        name,
                        given,
                    ),
                )
                good = False
        forms[form] = parts
    return Entry(forms, count) if good else None


def _given(given: tuple[str, ...]) -> Message:
    if not given:
        return message("kb.text.given_none")
    return message("kb.text.given", names=[message("kb.text.placeholder", name=n) for n in given])
