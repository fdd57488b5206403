"""The glossary: only the terms the rest of the report uses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from framework_advisor.domain.knowledge import GlossaryEntry, KnowledgeBase
from framework_advisor.render.report.data.model import GlossaryTerm


def glossary(
    kb: KnowledgeBase, texts: Iterable[str], short: dict[str, str], frameworks: set[str]
) -> list[GlossaryTerm]:
    """The entries whose term (or its abbreviation, or a plural) occurs in ``texts``; a term
    qualified by its framework ("Scorecard (EOS)") only when that framework is in ``frameworks``."""
    body = " ".join(" ".join(str(t).split()) for t in texts)
    lower = body.lower()
    return sorted(
        (
            GlossaryTerm(
                term=entry.term,
                definition=" ".join(entry.definition.split()),
                frameworks=[short.get(f, f) for f in entry.frameworks],
            )
            for entry in kb.glossary
            if any(form.lower() in lower and _pattern(form).search(body) for form in _forms(entry))
            and (not _qualified(entry) or frameworks.intersection(entry.frameworks))
        ),
        key=lambda t: t.term.lower(),
    )


def _qualified(entry: GlossaryEntry) -> bool:
    return entry.term.rstrip(")").rpartition(" (")[2] in short_forms_of_frameworks()


def _forms(entry: GlossaryEntry) -> list[str]:
    """How a term appears in running text: "Wildly Important Goal (WIG)" as itself and as
    "WIG"; "Lead and lag measures (4DX)" as "lead measures" and "lag measures"."""
    term = entry.term
    main, _, rest = term.partition(" (")
    forms = [main]
    inside = rest.rstrip(")")
    if inside and inside.isupper() and inside not in short_forms_of_frameworks():
        forms.append(inside)
    words = main.split()
    if len(words) >= 4 and words[1] == "and":
        tail = " ".join(words[3:])
        forms += [f"{words[0]} {tail}", f"{words[2]} {tail}"]
    return forms


def short_forms_of_frameworks() -> frozenset[str]:
    # A parenthesis naming a framework says whose term it is, not how the term is written.
    return frozenset({"4DX", "BSC", "EOS", "OKR", "KPI", "MBO", "NSM"})


@cache
def _pattern(form: str) -> re.Pattern[str]:
    words = form.split()
    stem = r"\s+".join(re.escape(w) for w in words)
    flags = 0 if form.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){stem}(?:s|es)?(?![\w-])", flags)
