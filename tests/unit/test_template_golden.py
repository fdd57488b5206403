"""Every starter template, in every format, for the worked example and the three samples, is
pinned in tests/golden/templates/ as a canonical dump (tests/template_dump.py): cells, number
formats, formulas, validations, conditional formats, widths; csv and md text; docx paragraphs and
tables. A change to a template's output is a reviewed change to its golden file
(UPDATE_GOLDEN=1 pytest tests/unit/test_template_golden.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.engine.examples import select_examples
from framework_advisor.exports import template_files
from framework_advisor.render.starter.build import FORMATS
from framework_advisor.storage import read_answers

from ..conftest import SAMPLES
from ..golden_files import assert_matches_golden
from ..template_dump import dump

pytestmark = pytest.mark.slow  # every template in every format, for each sample

TODAY = dt.date(2026, 1, 15)
FILLS = ["worked-example", *sorted(p.stem for p in SAMPLES.glob("*.yaml"))]


def template_ids(kb: KnowledgeBase) -> list[str]:
    return list(kb.templates)


def files_for(kb: KnowledgeBase, tid: str, fill: str) -> dict[str, dict[str, bytes]]:
    """The template's files in every format, filled as `templates` fills them."""
    selection, organisation = None, ""
    if fill != "worked-example":
        answers = read_answers(kb, SAMPLES / f"{fill}.yaml").answers
        selection = select_examples(kb, answers)
        organisation = str(answers.get("organisation") or "")
    return {
        fmt: {
            f.name: f.data
            for f in template_files(
                kb, [tid], fmt, selection, organisation=organisation, today=TODAY
            )
        }
        for fmt in FORMATS
    }


def test_no_stale_golden_files(kb: KnowledgeBase) -> None:
    root = Path(__file__).parent.parent / "golden" / "templates"
    assert sorted(p.name for p in root.iterdir()) == sorted(FILLS)
    for fill in FILLS:
        pinned = sorted(p.stem for p in (root / fill).glob("*.json"))
        assert pinned == sorted(template_ids(kb))


@pytest.mark.parametrize("fill", FILLS)
def test_templates_match_their_golden_dump(kb: KnowledgeBase, fill: str) -> None:
    for tid in template_ids(kb):
        assert_matches_golden(f"templates/{fill}/{tid}.json", dump(files_for(kb, tid, fill)))
