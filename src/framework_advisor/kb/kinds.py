"""The kinds of knowledge, as one table: where each lives, its model, its id and the names it
holds. The loader reads every listed kind from this table (`build._Builder.add_source`), the
source reader finds their files here (`files.read_source`), the names they hold are checked
by the one unknown-reference check (`references`), a `plain` kind's entries reach the
knowledge base as they are (`CrossChecks.cross_check`) and `validate` counts those it names
(`counted`). A new kind of list file is one row here and the field of the same name on
`KnowledgeBase` that holds its entries, plus its own checks, if any; the no-ids walk reads what
readers see of its entries from its model's `READ` (`domain.client_text`).

The kinds with a folder of their own (frameworks, examples, templates) have readers of their
own in `build`; their folders are listed in `FOLDERS`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from framework_advisor.domain.knowledge import (
    ForbiddenPhrase,
    GlossaryEntry,
    HelpEntry,
)
from framework_advisor.domain.need import Need, Pairing
from framework_advisor.domain.question import Question
from framework_advisor.domain.text import message
from framework_advisor.kb.schema import Located, RawRule
from framework_advisor.problems import ProblemCollector
from framework_advisor.sources.yaml_lines import KeyPath, YamlDocument

Check = Callable[[ProblemCollector, YamlDocument, KeyPath, Any], bool]
"""A kind's own check of one entry: records problems and says whether the entry is kept."""


class Kind(NamedTuple):
    table: str
    """The builder's table and the knowledge base's field (`glossary`)."""
    file: str
    """The file, relative to the knowledge folder (`glossary.yaml`)."""
    key: str
    """The top-level key whose list holds the entries (`glossary:`)."""
    model: type
    """The domain model each entry is converted to, on its own (one run reports every entry)."""
    id_of: Callable[[Any], str]
    """An entry's id: a pack's entry with the same id replaces ours."""
    when: bool = False
    """Entries may carry a `when:` condition, parsed in pass 2 once every question is known."""
    references: tuple[tuple[str, str], ...] = ()
    """(field, what): the field names a `what` (a framework) that must exist."""
    before: Check | None = None
    """Its own check of the raw entry, before conversion."""
    after: Check | None = None
    """Its own check of the converted entry."""
    plain: bool = False
    """Its entries reach the knowledge base as they are, in file order (packs' last), sorted
    by `order` when given; otherwise pass 2 resolves them (questions, rules, needs, pairings)."""
    order: Callable[[Any], Any] | None = None
    counted: str = ""
    """What `validate` calls its entries ("glossary terms"); empty: not counted."""

    def entries(self, table: dict[str, Located]) -> list[Any]:
        """A plain kind's entries as the knowledge base holds them."""
        values = [located.value for located in table.values()]
        return sorted(values, key=self.order) if self.order is not None else values


def _a_mapping(problems: ProblemCollector, doc: YamlDocument, path: KeyPath, raw: Any) -> bool:
    if not isinstance(raw, dict):
        problems.add(doc, path, message("kb.question.not_a_mapping"))
        return False
    return True


def _no_rule_reason(problems: ProblemCollector, doc: YamlDocument, path: KeyPath, raw: Any) -> bool:
    if isinstance(raw, dict) and "reason" in raw:
        problems.add(
            doc,
            (*path, "reason"),
            message("kb.rule.schema_1_reason"),
        )
        return False
    return True


def _two_frameworks(
    problems: ProblemCollector, doc: YamlDocument, path: KeyPath, value: Any
) -> bool:
    if len(value.frameworks) != 2 or len(set(value.frameworks)) != 2:
        problems.add(doc, (*path, "frameworks"), message("kb.pairing.two"))
        return False
    return True


def _some_words(problems: ProblemCollector, doc: YamlDocument, path: KeyPath, value: Any) -> bool:
    if not value.phrase.split():
        problems.add(doc, (*path, "phrase"), message("kb.phrase.words"))
        return False
    return True


KINDS: tuple[Kind, ...] = (
    Kind("questions", "questions.yaml", "questions", Question, lambda q: q.id, when=True,
         before=_a_mapping, counted="questions"),
    Kind("needs", "needs.yaml", "needs", Need, lambda n: n.need, counted="needs"),
    Kind("rules", "rules.yaml", "rules", RawRule, lambda r: r.id, before=_no_rule_reason,
         counted="rules"),
    Kind("pairings", "pairings.yaml", "pairings", Pairing,
         lambda p: "+".join(sorted(p.frameworks)), when=True,
         references=(("frameworks", "framework"),), after=_two_frameworks, counted="pairings"),
    Kind("glossary", "glossary.yaml", "glossary", GlossaryEntry, lambda g: g.term,
         references=(("frameworks", "framework"),), plain=True, order=lambda g: g.term.lower(),
         counted="glossary terms"),
    Kind("forbidden_phrases", "wording.yaml", "forbidden_phrases", ForbiddenPhrase,
         lambda p: " ".join(p.phrase.lower().split()), after=_some_words, plain=True),
    Kind("help", "help.yaml", "help", HelpEntry, lambda h: h.id, plain=True),
)  # fmt: skip

HEADERS = ("kb.yaml", "pack.yaml")
"""The files that say what a folder is (the embedded base, a pack)."""
FOLDERS = (
    "frameworks",
    "templates",
    "examples/functions",
    "examples/industries",
    "examples/roles",
    "text",
)
"""The kinds with one file per entry, read by readers of their own."""
LAYOUT_FILES = ("report.yaml",)
"""Files of one mapping each, read by readers of their own (`report_layout`)."""
RETIRED_FILES = {"workshop.yaml": "kb.retired.workshop"}
"""Files a knowledge folder no longer holds, and the message saying where what they held went:
read only to refuse them, so that a pack's words are never silently dropped."""
TOP_FILES = (*HEADERS, *(kind.file for kind in KINDS), *LAYOUT_FILES, *RETIRED_FILES)
"""Every file at the top of a knowledge folder."""


def named(value: Any, field: str) -> Iterator[tuple[KeyPath, str]]:
    """The names an entry's ``field`` holds (one, or a list), each with its path below the
    entry."""
    held = getattr(value, field)
    if isinstance(held, str):
        yield (field,), held
    else:
        for index, name in enumerate(held):
            yield (field, index), name
