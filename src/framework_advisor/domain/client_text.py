"""What a reader must never meet in text written for them: internal ids (questions, options,
frameworks, rituals), source-keeping notes ("the stage guide", "judgement from the chart"),
scores in prose ("fit 64, #5") and answers in lower case ("Goals feed pay: yes").

One scanner for the knowledge base's own client text (checked at load) and for everything the
renderers and the app show (checked by tests). Pure: text in, leaks out."""

import re
from collections.abc import Iterable, Iterator
from functools import cached_property

import msgspec
from msgspec import Struct

from framework_advisor.domain.knowledge import KnowledgeBase

SNAKE_CASE = re.compile(r"(?<![\w./@#-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-]|\.\w)")
"""Any snake_case token: no word a reader writes looks like this (file names and links aside)."""
SCORE_IN_PROSE = re.compile(
    r"\bfit \d+\s*,\s*#\d+|\(#\d+\s*->\s*#\d+\)|\((?:[^()]*:\s*)?fit \d+\)|\bis low \(\d+\)"
)
LOWER_ANSWER = re.compile(r"(?:^|[:|])[ \t]*(yes|no)[ \t]*(?=$|[|;,.)])", re.MULTILINE)
"""A yes/no answer printed as a value, in lower case: "Goals feed pay: yes", "| no |"."""
WORKING_NOTE = re.compile(r">=|<=|\b(?:capped|floored) at\b")
"""A consultant's working notes in a client's text: raw operators (write ≥ and ≤) and the
engine's arithmetic ("Fit is capped at 100")."""
WORD = re.compile(r"[a-z0-9]+")


class Leak(Struct, frozen=True):
    kind: str
    """``id``, ``phrase``, ``score``, ``answer`` or ``note`` (a working note)."""
    found: str
    context: str

    def __str__(self) -> str:
        return f"{self.kind} {self.found!r} in …{self.context}…"


def _context(text: str, start: int, end: int, room: int = 40) -> str:
    return " ".join(text[max(0, start - room) : end + room].split())


def read_fields(kb: KnowledgeBase) -> Iterator[str]:
    """What readers see of every list of knowledge whose model names it (`READ`: the
    glossary's terms and definitions, the pairings' whys, the app's help ...): a new kind of
    knowledge is walked without an edit here."""
    for field in msgspec.structs.fields(kb):
        held = getattr(kb, field.name)
        for entry in held if isinstance(held, list) else ():
            yield from (str(getattr(entry, name)) for name in getattr(entry, "READ", ()))


def client_texts(kb: KnowledgeBase) -> Iterator[str]:
    """The knowledge base's own text that readers see: questions, frameworks, reasons,
    cautions, needs, pairings and the glossary (never ids, sources or notes)."""
    for question in kb.questions:
        yield from (question.label, question.prompt, question.help)
        for option in question.options:
            yield from (option.label, option.help)
    for f in kb.frameworks.values():
        yield from (f.name, *f.aliases, f.summary, f.purpose, f.best_for, f.timeframe)
        yield from (f.ownership, f.mindset, f.measurability, f.use_case, f.structure.summary)
        yield from (text for part in f.structure.parts for text in (part.name, part.description))
        yield from (text for ritual in f.rituals for text in (ritual.name, ritual.purpose))
        yield from (variant.name for ritual in f.rituals for variant in ritual.lighter)
        yield from (*f.pros, *f.cons, *(step.step for step in f.rollout), f.origin.story)
        yield from (text for pitfall in f.pitfalls for text in (pitfall.pitfall, pitfall.avoid))
    for rule in kb.rules:
        for effect in rule.effects:
            yield getattr(effect, "reason", "") or getattr(effect, "text", "")
    for need in kb.needs:
        yield from (entry.why for entry in need.frameworks)
    yield from read_fields(kb)
    yield from kb.settings.ritual_names.values()
    for example in kb.examples.values():  # the examples' words ("every high performer")
        yield from (okr.objective for okr in example.okrs)
        yield from (kr for okr in example.okrs for kr in okr.key_results)
        yield from (kpi.name for kpi in example.kpis)
        yield from (
            value
            for entry in example.roles
            for value in msgspec.structs.asdict(entry).values()
            if isinstance(value, str) and " " in value  # prose, never an id or a letter
        )


class Vocabulary:
    """The ids of one knowledge base, split by how they can be told from words, and its
    forbidden phrases (``wording.yaml``, extended by packs)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    @cached_property
    def ids(self) -> dict[str, str]:
        """Every id a reader could meet -> what it is ("question", "framework", ...)."""
        ids: dict[str, str] = {}
        for f in self.kb.frameworks.values():
            ids[f.id] = "framework id"
            ids.update({ritual.id: "ritual id" for ritual in f.rituals})
        for question in self.kb.questions:
            ids.setdefault(question.id, "question id")
            for option in question.options:
                ids.setdefault(option.value, f"option id of {question.id}")
        return ids

    @cached_property
    def words(self) -> frozenset[str]:
        """Lower-case words of the knowledge base's own client text: an id that is one of
        them, or of a question's label ("sales", "stable", "industry"), is a word too, and counts only where it stands as
        an id ("industry: saas", "change_pace=fast")."""
        labels = " ".join(question.label for question in self.kb.questions).lower()
        texts = [*client_texts(self.kb), labels]
        return frozenset(word for text in texts for word in WORD.findall(text))

    @cached_property
    def never_words(self) -> frozenset[str]:
        """Ids no reader's word could be ("okr", "kpi", "4dx", "saas"): a leak wherever they
        stand, in lower case, as a token of their own."""
        return frozenset(token for token in self.ids if token not in self.words)

    @cached_property
    def _never_words(self) -> re.Pattern[str] | None:
        tokens = sorted(self.never_words, key=len, reverse=True)
        if not tokens:
            return None
        alternatives = "|".join(re.escape(token) for token in tokens)
        return re.compile(rf"(?<![\w./@#-])(?:{alternatives})(?![\w/-]|\.\w)")

    @cached_property
    def _as_ids(self) -> re.Pattern[str]:
        """A question id used as one: "industry=saas", "industry: saas", "If industry were",
        or heading a list that ends its line ("Still needed: function, needs")."""
        parts = []
        for question in self.kb.questions:
            qid = re.escape(question.id)
            parts.append(rf"\b{qid}\s*=")
            parts.append(rf"\b(?:[Ii]f|[Ww]hen|[Uu]nless)\s+{qid}\s+(?:were|was|is|also|no)\b")
            parts.append(rf"(?:^|:)[ \t]*{qid}(?:,[ \t]*\w+)*[ \t]*\.?$")
            values = [re.escape(o.value) for o in question.options]
            if values:
                parts.append(rf"\b{qid}:\s*(?:{'|'.join(values)})\b")
        return re.compile("|".join(parts), re.MULTILINE)

    @cached_property
    def phrases(self) -> list[tuple[str, re.Pattern[str]]]:
        return [
            (entry.phrase, re.compile(rf"(?<!\w){_spaced(entry.phrase)}(?!\w)", re.IGNORECASE))
            for entry in self.kb.forbidden_phrases
        ]

    def leaks(self, text: str) -> list[Leak]:
        """Every leak in ``text``, prose only (the caller leaves out code and data)."""
        found: list[Leak] = []
        spans: set[tuple[int, int]] = set()

        def add(kind: str, match: re.Match[str], source: str = text) -> None:
            if (match.start(), match.end()) in spans and source is text:
                return
            spans.add((match.start(), match.end()))
            token = match.group(match.lastindex or 0)
            found.append(Leak(kind, token, _context(source, match.start(), match.end())))

        for match in SNAKE_CASE.finditer(text):
            add("id", match)
        if self._never_words is not None:
            for match in self._never_words.finditer(text):
                add("id", match)
        for match in self._as_ids.finditer(text):
            add("id", match)
        for match in SCORE_IN_PROSE.finditer(text):
            add("score", match)
        for match in LOWER_ANSWER.finditer(text):
            add("answer", match)
        for match in WORKING_NOTE.finditer(text):
            add("note", match)
        flat = " ".join(text.split())
        for _phrase, pattern in self.phrases:
            for match in pattern.finditer(flat):
                add("phrase", match, flat)
        return found

    def leaks_in(self, texts: Iterable[str]) -> list[Leak]:
        return [leak for text in texts for leak in self.leaks(text)]


def _spaced(phrase: str) -> str:
    """A phrase as a pattern whose spaces match any run of white space (a wrapped line)."""
    return r"\s+".join(re.escape(word) for word in phrase.split())
