"""Check an answers mapping against the questionnaire: every problem at once, with 'did you mean'."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from framework_advisor.domain.answers import META_KEY, Answers, AnswersMeta
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question
from framework_advisor.domain.text import Message, message
from framework_advisor.errors import AnswersError, Diagnostic
from framework_advisor.problems import (
    KeyPath,
    LineSource,
    ProblemCollector,
    did_you_mean,
    format_path,
    one_of,
)

UNKNOWN_QUESTION = "answers-unknown-question"
WRONG_TYPE = "answers-type"
OUT_OF_RANGE = "answers-range"
NOT_AN_OPTION = "answers-option"
REQUIRED = "answers-required"
INCONSISTENT = "answers-consistency"
META = "answers-meta"
RULES = (UNKNOWN_QUESTION, WRONG_TYPE, OUT_OF_RANGE, NOT_AN_OPTION, REQUIRED, INCONSISTENT, META)
"""The rule ids of answers that do not fit the questionnaire, as `FILE:LINE: error RULE: ...`
prints them (the README lists them beside the knowledge base's)."""
"""The rule of an answer that does not fit the questionnaire."""

YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


class _Checker:
    def __init__(self, kb: KnowledgeBase, source: LineSource | None, file: str) -> None:
        self.kb = kb
        self.source = source
        self.file = source.file if source else file
        self.problems: list[Diagnostic] = []
        self.given: set[str] = set()

    def fail(
        self, path: KeyPath, said: Message, rule: str, near: tuple[object, Iterable[str]] = ("", ())
    ) -> None:
        """A problem with the answer at ``path``, said in the catalogue's words; ``near``: a word
        and the choices it may have meant (the catalogue's "Did you mean ...")."""
        line = self.source.line_of(path) if self.source else None
        text = self.kb.text.say(did_you_mean(said, *near))
        self.problems.append(
            Diagnostic.at(self.file, format_path(path), text, line, rule=rule, said=said)
        )

    def check(self, raw: Any, *, required: bool = True) -> Answers:
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            self.fail((), message("answers.not_a_mapping"), WRONG_TYPE)
            return {}
        questions = self.kb.question_map
        answers: Answers = {}
        # Questions answered with a value that failed its check: reported once, not as missing.
        self.given = {k for k, v in raw.items() if isinstance(k, str) and v is not None}
        for key, value in raw.items():
            if key == META_KEY:
                self._meta(value)
                continue
            question = questions.get(key) if isinstance(key, str) else None
            if question is None:
                near = (key, [*questions, META_KEY]) if len(self.problems) < 50 else ("", [])
                self.fail((str(key),), message("answers.unknown_question"), UNKNOWN_QUESTION, near)
                continue
            if value is None:
                continue  # left blank: unanswered
            checked = self.value(question, value, (key,))
            if checked is not None:
                answers[key] = checked
        if required:
            self._required(answers)
        self._consistency(answers)
        return answers

    def _meta(self, value: Any) -> None:
        if isinstance(value, dict) and isinstance(value.get("updated"), date):
            value = {**value, "updated": value["updated"].isoformat()}  # YAML read a timestamp
        collector = ProblemCollector(rule=META, field_rule=META, words=self.kb.text)
        collector.convert(self.source or self.file, (META_KEY,), value, AnswersMeta)
        self.problems.extend(collector.problems)

    def value(self, question: Question, value: Any, path: KeyPath) -> Any:
        """The value converted to its canonical type, or None after recording a problem."""
        kind = question.type
        if kind == "yes_no":
            if isinstance(value, bool):
                return value
            self.fail(path, message("answers.expected_yes_no", got=repr(value)), WRONG_TYPE)
        elif kind == "number":
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or (question.integer and not float(value).is_integer())
            ):
                self.fail(path, message("answers.expected_number", got=repr(value)), WRONG_TYPE)
            elif question.min is not None and value < question.min:
                self.fail(
                    path,
                    message("answers.below_minimum", value=value, min=question.min),
                    OUT_OF_RANGE,
                )
            elif question.max is not None and value > question.max:
                self.fail(
                    path,
                    message("answers.above_maximum", value=value, max=question.max),
                    OUT_OF_RANGE,
                )
            else:
                return int(value) if question.integer else value
        elif kind == "text":
            if isinstance(value, str | int | float | date) and not isinstance(value, bool):
                text = str(value).strip()
                return text or None
            if isinstance(value, bool):
                self.fail(path, message("answers.text_read_as_yes_no"), WRONG_TYPE)
            else:
                self.fail(path, message("answers.expected_text", got=repr(value)), WRONG_TYPE)
        elif kind == "single":
            if self._option(question, value, path):
                return value
        elif kind == "multiple":
            items = value if isinstance(value, list) else None
            if items is None:
                self.fail(
                    path,
                    message("answers.expected_list", options=self._options(question)),
                    WRONG_TYPE,
                )
                return None
            ok = all(self._option(question, item, (*path, i)) for i, item in enumerate(items))
            if ok and question.required and not items:
                self.fail(path, message("answers.choose_one"), REQUIRED)
                return None
            if ok:
                order = [o.value for o in question.options]
                return sorted(set(items), key=order.index)
        return None

    def _options(self, question: Question) -> Message:
        return one_of(o.value for o in question.options)

    def _option(self, question: Question, value: Any, path: KeyPath) -> bool:
        values = [o.value for o in question.options]
        if value in values and isinstance(value, str):
            return True
        said = message(
            "answers.not_an_option",
            got=repr(value),
            question=question.id,
            options=self._options(question),
        )
        self.fail(path, said, NOT_AN_OPTION, (value, values))
        return False

    def _required(self, answers: Answers) -> None:
        # A missing answer has no line of its own: report the file only.
        for question in missing_required(self.kb.questions, answers, given=self.given):
            said = (
                message("answers.required", question=question.id, prompt=question.prompt)
                if question.required
                else message(
                    "answers.required_unless",
                    question=question.id,
                    other=question.required_unless,
                    prompt=question.prompt,
                )
            )
            text = self.kb.text.say(said)
            self.problems.append(Diagnostic.at(self.file, "", text, rule=REQUIRED, said=said))

    def _consistency(self, answers: Answers) -> None:
        problem = inconsistency(answers)
        if problem is not None:
            self.fail(*problem, INCONSISTENT)
        for path, said in outside_drawn_options(self.kb, answers):
            self.fail(path, said, INCONSISTENT)


def missing_required(
    questions: Iterable[Question], answers: Answers, *, given: Iterable[str] = ()
) -> list[Question]:
    """The questions that must be answered and are not: each ``required`` one, and each
    ``required_unless`` one whose alternative is unanswered too. In: the questions to consider
    (all, or the visible ones), the answers, and ids ``given`` with a value that failed its check
    (they count as answered, so that they are reported once); out: those questions, in order."""
    present = {*answers, *given}
    return [
        q
        for q in questions
        if q.id not in present
        and (q.required or (q.required_unless and q.required_unless not in present))
    ]


def required_now(question: Question, visible: Sequence[Question], answers: Answers) -> bool:
    """Whether ``question`` must be answered before moving on from it, among the ``visible``
    questions in order: a ``required`` one always; a ``required_unless`` one (headcount, unless
    stage) while its alternative is unanswered, except that it may be skipped while the
    alternative is still ahead; and the alternative itself once the question it stands in for
    was skipped. The same rule as `missing_required`, asked one question at a time."""
    if question.required:
        return True
    ids = [q.id for q in visible]
    other = question.required_unless
    if other:
        if other in answers:
            return False
        later = other in ids and question.id in ids
        return not (later and ids.index(other) > ids.index(question.id))
    return any(q.required_unless == question.id and q.id not in answers for q in visible)


def inconsistency(answers: Answers) -> tuple[KeyPath, Message] | None:
    """The one rule across questions: a team is no larger than its organisation."""
    team, headcount = answers.get("team_size"), answers.get("headcount")
    if isinstance(team, int) and isinstance(headcount, int) and team > headcount:
        return ("team_size",), message("answers.team_too_large", team=team, headcount=headcount)
    return None


def outside_drawn_options(kb: KnowledgeBase, answers: Answers) -> list[tuple[KeyPath, Message]]:
    """Each value of a question whose options are drawn from another answer
    (``frameworks_not_working`` from ``current_frameworks``) that the other answer lacks."""
    found: list[tuple[KeyPath, Message]] = []
    for question in kb.questions:
        source = question.drawn_from
        value = answers.get(question.id)
        if source is None or not isinstance(value, list):
            continue
        chosen = answers.get(source) or []
        for index, item in enumerate(value):
            if item not in chosen:
                said = (
                    message(
                        "answers.not_drawn",
                        got=repr(item),
                        source=source,
                        chosen=list(chosen),
                        question=question.id,
                    )
                    if chosen
                    else message(
                        "answers.not_drawn_unanswered",
                        got=repr(item),
                        source=source,
                        question=question.id,
                    )
                )
                found.append(((question.id, index), said))
    return found


def parse_answer(
    kb: KnowledgeBase, question_id: str, text: str, answers: Answers, file: str = "answer"
) -> Any:
    """One typed answer checked as an answers file checks it: ``parse_value``, then the rules
    across questions (``inconsistency``) against the other ``answers``. In: the question id, the
    text typed and the answers so far; out: the value, or AnswersError naming the problem."""
    value = parse_value(kb, question_id, text, file)
    if value is not None:
        merged = {**answers, question_id: value}
        problem = inconsistency(merged)
        problems = [problem] if problem is not None else []
        problems += [p for p in outside_drawn_options(kb, merged) if p[0][0] == question_id]
        if problems:
            raise AnswersError(
                [
                    Diagnostic.at(
                        file, format_path(path), kb.text.say(said), rule=INCONSISTENT, said=said
                    )
                    for path, said in problems
                ],
                kb.text,
            )
    return value


def validate_answers(
    kb: KnowledgeBase,
    raw: Any,
    source: LineSource | None = None,
    file: str = "answers",
    *,
    required: bool = True,
) -> Answers:
    """Validated answers, or AnswersError listing every problem. ``required=False`` checks a
    partial set (a workshop's fixed answers): values and their consistency, not completeness."""
    checker = _Checker(kb, source, file)
    answers = checker.check(raw, required=required)
    if checker.problems:
        raise AnswersError(checker.problems, kb.text)
    return answers


def parse_value(kb: KnowledgeBase, question_id: str, text: str, file: str = "--set") -> Any:
    """A command-line string (``whatif --set q=v``) as the answer type of its question.

    Lists are comma-separated; an empty value means unanswered (None)."""
    question = kb.question(question_id)
    checker = _Checker(kb, None, file)
    if question is None:
        checker.fail(
            (question_id,),
            message("answers.unknown_question"),
            UNKNOWN_QUESTION,
            (question_id, kb.question_map),
        )
        raise AnswersError(checker.problems, kb.text)
    text = text.strip()
    if not text:
        return None
    value: Any = _option_value(question, text) if question.type == "single" else text
    if question.type == "multiple":
        value = [_option_value(question, part.strip()) for part in text.split(",") if part.strip()]
    elif question.type == "yes_no":
        lowered = text.lower()
        value = True if lowered in YES else False if lowered in NO else text
    elif question.type == "number":
        try:
            value = int(text) if question.integer else float(text)
        except ValueError:
            value = text
    checked = checker.value(question, value, (question_id,))
    if checker.problems:
        raise AnswersError(checker.problems, kb.text)
    return checked


def _option_value(question: Question, typed: str) -> str:
    """The option a command-line value names, in any case, by its value or its label
    (``Sales``, ``customer-success``, ``Customer success``) when exactly one matches; else the
    value as typed, for the checker to refuse with its suggestions."""
    if not question.options or any(o.value == typed for o in question.options):
        return typed

    def folded(text: str) -> str:
        return " ".join(text.replace("_", " ").replace("-", " ").lower().split())

    wanted = folded(typed)
    found = {o.value for o in question.options if wanted in (folded(o.value), folded(o.label))}
    return found.pop() if len(found) == 1 else typed


def salvage_answers(kb: KnowledgeBase, raw: dict[str, Any]) -> tuple[Answers, list[str]]:
    """Every answer that still fits the questionnaire, and a notice for each that does not.

    For saved sessions and files opened in the app: a knowledge-base upgrade that removed an
    option makes that answer unanswered, never a crash. Required questions may be missing."""
    questions = kb.question_map
    say = kb.text.say
    answers: Answers = {}
    notices: list[str] = []
    for key, value in raw.items():
        if key == META_KEY or value is None:
            continue
        question = questions.get(key) if isinstance(key, str) else None
        if question is None:
            notices.append(say(message("answers.dropped", question=str(key))))
            continue
        checker = _Checker(kb, None, "session")
        checked = checker.value(question, value, (key,))
        if checker.problems:
            problem = checker.problems[0].message
            notices.append(say(message("answers.no_longer_fits", question=key, problem=problem)))
        elif checked is not None:
            answers[key] = checked
    for (drawn, _), said in outside_drawn_options(kb, answers):
        if drawn in answers:
            problem = say(said)
            notices.append(say(message("answers.no_longer_fits", question=drawn, problem=problem)))
            del answers[drawn]
    return answers, notices
