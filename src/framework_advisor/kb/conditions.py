"""Parse the YAML shorthand of ``when:`` conditions into condition nodes, checked against the
questionnaire: unknown questions and options are load errors, with 'did you mean'."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.condition import AllOf, AnyOf, Condition, Leaf, Not
from framework_advisor.domain.question import Question
from framework_advisor.domain.text import Message, message
from framework_advisor.problems import ProblemCollector, did_you_mean, one_of
from framework_advisor.sources.limits import MAX_CONDITION_NUMBER
from framework_advisor.sources.yaml_lines import KeyPath, YamlDocument

COMBINATORS = ("all_of", "any_of", "not")
OPERATORS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "single": ("in", "not_in", "eq", "ne"),
    "text": ("in", "not_in", "eq", "ne"),
    "multiple": ("has_any", "has_all", "has_none"),
    "number": ("lt", "lte", "gt", "gte", "between", "eq", "ne", "in", "not_in"),
    "yes_no": ("eq", "ne"),
}
ANY_TYPE = ("unanswered",)
"""Operators every question takes: whether it is answered at all."""
LIST_OPERATORS = ("in", "not_in", "has_any", "has_all", "has_none")


class ConditionParser:
    def __init__(
        self, questions: dict[str, Question], problems: ProblemCollector, doc: YamlDocument
    ) -> None:
        self.questions = questions
        self.problems = problems
        self.doc = doc
        self.ok = True

    def fail(self, path: KeyPath, said: Message) -> None:
        self.ok = False
        self.problems.add(self.doc, path, said, rule="kb-condition")

    def parse(self, raw: Any, path: KeyPath) -> Condition | None:
        """A condition node, or None after recording problems."""
        self.ok = True
        node = self._mapping(raw, path)
        return node if self.ok else None

    def _mapping(self, raw: Any, path: KeyPath) -> Condition:
        if not isinstance(raw, dict):
            self.fail(path, message("kb.condition.mapping"))
            return AllOf(parts=[])
        parts: list[Condition] = []
        for key, value in raw.items():
            key_path = (*path, key)
            if key in ("all_of", "any_of"):
                if not isinstance(value, list) or not value:
                    self.fail(key_path, message("kb.condition.list", key=key))
                    continue
                inner = [self._mapping(item, (*key_path, i)) for i, item in enumerate(value)]
                parts.append(AllOf(parts=inner) if key == "all_of" else AnyOf(parts=inner))
            elif key == "not":
                parts.append(Not(part=self._mapping(value, key_path)))
            else:
                parts.extend(self._question(str(key), value, key_path))
        return parts[0] if len(parts) == 1 else AllOf(parts=parts)

    def _question(self, qid: str, value: Any, path: KeyPath) -> list[Condition]:
        question = self.questions.get(qid)
        if question is None:
            names = [*self.questions, *COMBINATORS]
            said = message("kb.condition.no_question", question=qid)
            self.fail(path, did_you_mean(said, qid, names))
            return []
        if isinstance(value, dict):
            if not value:
                self.fail(path, message("kb.condition.empty"))
            return [self._leaf(question, op, operand, (*path, op)) for op, operand in value.items()]
        shorthand = {
            "single": "in" if isinstance(value, list) else "eq",
            "text": "in" if isinstance(value, list) else "eq",
            "multiple": "has_any",
            "number": "in" if isinstance(value, list) else "eq",
            "yes_no": "eq",
        }[question.type]
        if question.type == "multiple" and not isinstance(value, list):
            value = [value]
        return [self._leaf(question, shorthand, value, path)]

    def _leaf(self, question: Question, op: Any, operand: Any, path: KeyPath) -> Condition:
        allowed = OPERATORS_BY_TYPE[question.type] + ANY_TYPE
        if op not in allowed:
            self.fail(
                path,
                did_you_mean(
                    message(
                        "kb.condition.operator",
                        op=str(op),
                        type=question.type,
                        question=question.id,
                        operators=one_of(allowed),
                    ),
                    op,
                    allowed,
                ),
            )
            return AllOf(parts=[])
        if op in LIST_OPERATORS:
            if not isinstance(operand, list) or not operand:
                self.fail(path, message("kb.condition.operand_list", op=op))
                return AllOf(parts=[])
            for index, item in enumerate(operand):
                self._value(question, item, (*path, index))
            return Leaf(question=question.id, op=op, value=list(operand))
        if op == "unanswered":
            if not isinstance(operand, bool):
                self.fail(path, message("kb.condition.unanswered", got=repr(operand)))
                return AllOf(parts=[])
            return Leaf(question=question.id, op=op, value=operand)
        if op == "between":
            if (
                not isinstance(operand, list)
                or len(operand) != 2
                or not all(_is_number(v) for v in operand)
                or operand[0] > operand[1]
            ):
                self.fail(path, message("kb.condition.between"))
                return AllOf(parts=[])
            return Leaf(question=question.id, op=op, value=list(operand))
        self._value(question, operand, path)
        return Leaf(question=question.id, op=op, value=operand)

    def _value(self, question: Question, value: Any, path: KeyPath) -> None:
        if question.type in ("single", "multiple"):
            values = [o.value for o in question.options]
            if value not in values:
                self.fail(
                    path,
                    did_you_mean(
                        message(
                            "kb.condition.not_an_option", value=repr(value), question=question.id
                        ),
                        value,
                        values,
                    ),
                )
        elif question.type == "number" and not _is_number(value):
            self.fail(
                path,
                message("kb.condition.number", question=question.id, got=repr(value)),
            )
        elif question.type == "yes_no" and not isinstance(value, bool):
            self.fail(path, message("kb.condition.yes_no", question=question.id, got=repr(value)))
        elif question.type == "text" and not isinstance(value, str):
            self.fail(path, message("kb.condition.text", question=question.id, got=repr(value)))


def _is_number(value: Any) -> bool:
    """A finite number of a size a count can have: NaN, infinities and huge integers would
    pass `validate` and then break every recommendation."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    return -MAX_CONDITION_NUMBER <= value <= MAX_CONDITION_NUMBER  # False for NaN
