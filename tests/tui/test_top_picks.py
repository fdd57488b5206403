"""Issue 12: the compare screen and the report pick the same top picks (one engine rule)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import yaml
from textual.widgets import SelectionList

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.exports import Documents
from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.compare import CompareScreen
from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
from tests.conftest import SAMPLES

from .conftest import wait_for_screen


@pytest.mark.parametrize("sample", ["startup", "sales-led", "manufacturer"])
async def test_compare_preselects_the_reports_top_picks(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase, sample: str
) -> None:
    answers = yaml.safe_load((SAMPLES / f"{sample}.yaml").read_text(encoding="utf-8"))
    report = json.loads(Documents(kb, answers).render("report", "json"))
    in_report = [row["framework"] for row in report["comparison"]]
    app = make_app(new_answers=(sample, answers))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.action_compare()
        screen = await wait_for_screen(pilot, CompareScreen)
        await pilot.pause()
        selected = screen.query_one(SelectionList).selected
    assert len(in_report) >= 2
    assert set(selected) == set(in_report)
