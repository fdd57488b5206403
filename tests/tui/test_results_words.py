"""The app's words come from the catalogue (issue 28), plurals right: one required question
missing is named as "a required question", several as "the required questions"; one file, or
files, already exist."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.results import ResultsScreen

from .conftest import SALES_LED, wait_for_screen


@pytest.mark.parametrize("left_out", [("needs",), ("needs", "function")])
async def test_the_provisional_banner_names_one_or_several_required_questions(
    make_app: Callable[..., AdvisorApp], left_out: tuple[str, ...]
) -> None:
    answers = {k: v for k, v in SALES_LED.items() if k not in left_out}
    app = make_app(new_answers=("northwind", answers))
    async with app.run_test(size=(100, 30)) as pilot:
        missing = app.assessment.missing_required()
        assert {q.id for q in missing} == set(left_out)
        await pilot.press("ctrl+o")
        results = await wait_for_screen(pilot, ResultsScreen)
        banner = " ".join(str(results.query_one("#results-banner", Static).render()).split())
        quoted = ", ".join(f"“{q.label}”" for q in missing)
        if len(missing) == 1:
            assert banner.startswith(f"Provisional: {quoted}, a required question, is not")
            assert banner.endswith("Press A to answer it.")
        else:
            assert banner.startswith(f"Provisional: the required questions {quoted} are not")
            assert banner.endswith("Press A to answer the first.")


def test_the_export_dialog_counts_files_and_questions_in_words(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    from framework_advisor.tui.screens.export import SHOWN_NAMES, _already_there, _missing_text

    say = kb.text.say
    assert _already_there(say, ["a.md"], tmp_path) == f"1 file already exists in {tmp_path}:\na.md"
    names = [f"{n}.md" for n in range(SHOWN_NAMES + 2)]
    lines = _already_there(say, names, tmp_path).splitlines()
    assert lines[0] == f"{len(names)} files already exist in {tmp_path} ({SHOWN_NAMES} shown):"
    assert lines[1:-1] == names[:SHOWN_NAMES] and lines[-1] == "and 2 more"
    needs, function = kb.question("needs"), kb.question("function")
    assert needs is not None and function is not None
    one = _missing_text(say, [needs])
    assert one.startswith(f"“{needs.label}” is a required question not answered yet")
    two = _missing_text(say, [needs, function])
    assert two.startswith(f"“{needs.label}”, “{function.label}” are required questions not")
