"""A commented blank answers file, and a JSON Schema of the answers file."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question


def _comment(text: str) -> list[str]:
    return textwrap.wrap(_one_line(text), 96, initial_indent="# ", subsequent_indent="# ")


def _one_line(text: object) -> str:
    """Pack text on one comment line: a line break in a label (YAML also breaks at U+0085,
    U+2028 and U+2029) would end the comment and write an answer nobody chose."""
    return " ".join(str(text).split())


def _kind(question: Question) -> str:
    need = (
        "required"
        if question.required
        else f"required unless {question.required_unless} is given"
        if question.required_unless
        else "optional"
    )
    kind = {
        "single": "one of the options below",
        "multiple": "a list of one or more options below, e.g. [a, b]",
        "number": "a whole number" if question.integer else "a number",
        "yes_no": "true or false",
        "text": "text",
    }[question.type]
    bounds = ""
    if question.type == "number" and question.min is not None:
        bounds = f" from {question.min}" + (
            f" to {question.max}" if question.max is not None else ""
        )
    return f"{kind}{bounds}; {need}"


def blank_answers_file(kb: KnowledgeBase, **_: Any) -> str:
    from framework_advisor.domain.wording import describe

    out = [
        f"# Framework Advisor answers file ({_one_line(kb.name)}, version {_one_line(kb.version)})",
        "# Fill in the answers, leave a question blank if you do not know, then run:",
        "#   framework-advisor recommend --answers THIS_FILE",
        "",
    ]
    for question in kb.questions:
        out += _comment(question.prompt)
        out += _comment(f"Why we ask: {question.help}")
        out.append(f"# Answer: {_kind(question)}.")
        if question.when is not None:
            out.append(f"# Asked only when {_one_line(describe(kb, question.when))}.")
        if question.drawn_from is not None:
            out.append(
                f"# Asked only when '{question.drawn_from}' has an answer; choose only among "
                "the values given there."
            )
        for option in question.options:
            out.append(f"#   {option.value:<26} {_one_line(option.label)}")
        out.append(f"{question.id}:")
        out.append("")
    return "\n".join(out)


def json_schema(kb: KnowledgeBase, **_: Any) -> str:
    properties: dict[str, Any] = {}
    required: list[str] = []
    any_of: list[dict[str, Any]] = []
    for q in kb.questions:
        schema: dict[str, Any] = {"title": q.prompt, "description": q.help}
        values = [o.value for o in q.options]
        if q.type == "single":
            schema["enum"] = [*values, None]
        elif q.type == "multiple":
            schema.update(type=["array", "null"], items={"enum": values}, uniqueItems=True)
            if q.required:
                schema["minItems"] = 1
        elif q.type == "number":
            schema["type"] = ["integer", "null"] if q.integer else ["number", "null"]
            if q.min is not None:
                schema["minimum"] = q.min
            if q.max is not None:
                schema["maximum"] = q.max
        elif q.type == "yes_no":
            schema["type"] = ["boolean", "null"]
        else:
            schema["type"] = ["string", "null"]
        properties[q.id] = schema
        if q.required:
            required.append(q.id)
        elif q.required_unless:
            any_of.append({"anyOf": [{"required": [q.id]}, {"required": [q.required_unless]}]})
    properties["_meta"] = {
        "type": "object",
        "description": "Ignored by the engine: session cursor, timestamps, versions and packs.",
        "additionalProperties": False,
        "properties": {
            "cursor": {"type": ["string", "null"]},
            "updated": {"type": ["string", "null"], "format": "date-time"},
            "participant": {"type": ["string", "null"]},
            "tool_version": {"type": ["string", "null"]},
            "kb_version": {"type": ["string", "null"]},
            "packs": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "version"],
                    "properties": {
                        "name": {"type": "string"},
                        "version": {"type": "string"},
                        "hash": {"type": "string"},
                    },
                    "additionalProperties": False,
                },
            },
        },
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Framework Advisor answers file",
        "description": f"Answers for {kb.name} {kb.version}.",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if any_of:
        schema["allOf"] = any_of
    return json.dumps(schema, indent=2) + "\n"
