"""The blank answers file (`questions --format yaml`) keeps a pack's text inside its comments: a
line break in a label, a name or a prompt never writes an answer nobody chose."""

from __future__ import annotations

import msgspec
import pytest
import yaml

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.render.answers_template import blank_answers_file

BREAKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("brk", BREAKS, ids=[repr(b) for b in BREAKS])
def test_a_line_break_in_pack_text_stays_in_the_comment(kb: KnowledgeBase, brk: str) -> None:
    def hostile(text: str) -> str:
        return f"{text}{brk}injected: true{brk}needs: [alignment]"

    questions = []
    for question in kb.questions:
        options = [msgspec.structs.replace(o, label=hostile(o.label)) for o in question.options]
        questions.append(
            msgspec.structs.replace(
                question, prompt=hostile(question.prompt), help=hostile(question.help),
                options=options,
            )
        )  # fmt: skip
    pack = msgspec.structs.replace(kb, name=hostile(kb.name), questions=questions)
    parsed = yaml.safe_load(blank_answers_file(pack))
    assert "injected" not in parsed
    assert all(value is None for value in parsed.values())  # every answer left blank
    assert list(parsed) == [q.id for q in kb.questions]
