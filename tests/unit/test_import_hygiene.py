"""The headless layers never import Textual, and `recommend` stays off heavy modules."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.subprocess

HEADLESS = [
    "framework_advisor",
    "framework_advisor.domain.knowledge",
    "framework_advisor.kb.load",
    "framework_advisor.kb.build",
    "framework_advisor.engine.recommend",
    "framework_advisor.engine.whatif",
    "framework_advisor.engine.answers",
    "framework_advisor.render.formats",
    "framework_advisor.exports",
    "framework_advisor.problems",
    "framework_advisor.paths",
    "framework_advisor.render.text",
    "framework_advisor.render.markdown",
    "framework_advisor.render.jsonout",
    "framework_advisor.storage",
    "framework_advisor.cli",
    "framework_advisor.cli_browse",
    "framework_advisor.cli_documents",
    "framework_advisor.cli_app",
    "framework_advisor.engine.group_agenda",
    "framework_advisor.engine.group_answers",
    "framework_advisor.engine.group_statistics",
    "framework_advisor.engine.group_summary",
    "framework_advisor.render.workshop",
    "framework_advisor.workshops",
    "framework_advisor.cli_workshop",
    "framework_advisor.cli_check",
    "framework_advisor.engine.goals.check",
    "framework_advisor.kb.checks",
    "framework_advisor.render.findings",
]
HEAVY = ("textual", "jinja2", "pydantic", "openpyxl", "docx", "weasyprint", "typst", "rich")


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_imports_nothing_heavy(module: str) -> None:
    loaded = _modules_after(f"import {module}")
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY)
    assert heavy == [], f"{module} pulls in {heavy}"


def test_recommend_json_path_stays_light(tmp_path) -> None:
    code = (
        "import os, sys\n"
        f"os.environ['FRAMEWORK_ADVISOR_CACHE_DIR'] = {str(tmp_path)!r}\n"
        "from framework_advisor.cli import cli\n"
        "try:\n"
        "    cli.main(['recommend', '-a', 'samples/startup.yaml', '-f', 'json'],"
        " standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    loaded = _modules_after(code)
    heavy = sorted(m for m in loaded if m.split(".")[0] in (*HEAVY, "platformdirs"))
    assert heavy == []
    assert "framework_advisor.kb.build" in loaded  # first run: the cache is built from YAML
    again = _modules_after(code)
    assert "framework_advisor.kb.build" not in again  # second run: straight from the cache
    assert "yaml" not in again  # the answers file is plain YAML: read without PyYAML


def test_check_imports_neither_textual_nor_openpyxl(tmp_path) -> None:
    goals = tmp_path / "goals.md"
    goals.write_text("## Objective: Delight customers\n- Raise NPS from 30 to 45 by 30 September\n")
    code = (
        "from framework_advisor.cli import cli\n"
        "try:\n"
        f"    cli.main(['check', {str(goals)!r}, '-f', 'json'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    loaded = _modules_after(code)
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY)
    assert heavy == []
    assert "framework_advisor.engine.goals.check" in loaded  # the command did run
    assert "markdown_it" in loaded


def _check_modules(*args: str) -> set[str]:
    code = (
        "from framework_advisor.cli import cli\n"
        "try:\n"
        f"    cli.main(['check', *{list(args)!r}], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    return _modules_after(code)


def test_check_in_code_review_formats_and_on_a_csv_imports_no_textual_nor_openpyxl(
    tmp_path,
) -> None:
    goals = tmp_path / "goals.yaml"
    goals.write_text("key_result: Raise NPS from 30 to 45 by 30 September\n", encoding="utf-8")
    for fmt in ("sarif", "codequality"):
        loaded = _check_modules(str(goals), "-f", fmt)
        assert sorted(m for m in loaded if m.split(".")[0] in HEAVY) == []
        assert f"framework_advisor.render.code_review.{fmt}" in loaded  # the writer did run
    sheet = tmp_path / "kpis.csv"
    sheet.write_text(
        "KPI,Framework Advisor template: kpi-dashboard v1\nBounce rate\n", encoding="utf-8"
    )
    loaded = _check_modules(str(sheet), "-f", "json")
    assert sorted(m for m in loaded if m.split(".")[0] in HEAVY) == []
    assert "framework_advisor.engine.goals.sheets" in loaded


def test_check_imports_openpyxl_for_a_workbook_and_still_not_textual(tmp_path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "book.xlsx"
    Workbook().save(path)
    loaded = _check_modules(str(path))
    assert "openpyxl" in loaded
    assert not any(m.split(".")[0] == "textual" for m in loaded)


def test_the_console_script_runs_recommend_without_click(tmp_path) -> None:
    code = (
        "import os, sys\n"
        f"os.environ['FRAMEWORK_ADVISOR_CACHE_DIR'] = {str(tmp_path)!r}\n"
        "sys.argv = ['framework-advisor', 'recommend', '-a', 'samples/startup.yaml', '-f', 'json']\n"
        "from framework_advisor._entry import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
    )
    loaded = _modules_after(code)
    assert "click" not in loaded
    assert "framework_advisor.cli" not in loaded
    assert "click" in _modules_after(code.replace("'-f', 'json'", "'--format', 'JSON'"))
