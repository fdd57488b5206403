"""The command line as a newcomer finds it (issue 31): the format follows the file name, a
folder or a report given by mistake says so, the answers file as an argument, the workshop's
set-up, and the small frictions of `examples` and `whatif`."""

from __future__ import annotations

import pytest
import yaml
from click.testing import Result

from ..conftest import SAMPLES

STARTUP = SAMPLES / "startup.yaml"
SIGNATURES = {
    "md": b"# ",
    "html": b"<!doctype html",
    "pdf": b"%pdf",
    "docx": b"pk\x03\x04",
    "json": b"{",
}


def refused(result: Result, *facts: str) -> str:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fact in facts:
        assert fact in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("out.md", "md"),
        ("out.markdown", "md"),
        ("out.html", "html"),
        ("out.HTM", "html"),
        ("out.json", "json"),
        ("out.docx", "docx"),
        pytest.param("out.pdf", "pdf", marks=pytest.mark.slow),
    ],
)
def test_the_report_format_follows_the_file_name(run_cli, tmp_path, name, fmt) -> None:
    target = tmp_path / name
    result = run_cli("report", "-a", STARTUP, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes()[:20].lower().lstrip().startswith(SIGNATURES[fmt])


def test_without_o_the_report_is_markdown_on_standard_output(run_cli) -> None:
    result = run_cli("report", "-a", STARTUP)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# ")


def test_a_format_that_disagrees_with_the_file_name_is_one_line_and_writes_nothing(
    run_cli, tmp_path
) -> None:
    target = tmp_path / "x.docx"
    refused(run_cli("report", "-a", STARTUP, "--format", "pdf", "-o", target), "--format pdf")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_file_name_that_names_no_format_asks_for_one(run_cli, tmp_path) -> None:
    refused(run_cli("report", "-a", STARTUP, "-o", tmp_path / "x.rtf"), ".pdf", "--format")
    target = tmp_path / "notes.txt"
    result = run_cli("report", "-a", STARTUP, "--format", "md", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_the_workshop_summary_format_follows_the_file_name(run_cli, tmp_path) -> None:
    folder = tmp_path / "ws"
    assert run_cli("workshop", "new", folder, "--set", "function=company").exit_code == 0
    answers = yaml.safe_load(STARTUP.read_text(encoding="utf-8"))
    answers["function"] = "company"
    (folder / "participants" / "sam.yaml").write_text(yaml.safe_dump(answers), encoding="utf-8")
    target = tmp_path / "summary.json"
    result = run_cli("workshop", "summary", folder, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").lstrip().startswith("{")
    wrong = tmp_path / "summary.html"
    refused(run_cli("workshop", "summary", folder, "-f", "md", "-o", wrong), "--format md")
    assert not wrong.exists()


def test_a_folder_given_as_the_output_says_it_is_a_folder_first(run_cli, tmp_path) -> None:
    folder = tmp_path / "rep"
    folder.mkdir()
    for extra in ((), ("--force",), ("-f", "md")):
        line = refused(run_cli("report", "-a", STARTUP, "-o", folder, *extra), "is a folder")
        assert "already exists" not in line


@pytest.mark.parametrize("kind", ["md", "html", "json"])
def test_a_report_given_as_the_answers_file_is_named_as_a_report(run_cli, tmp_path, kind) -> None:
    report = tmp_path / f"report.{kind}"
    assert run_cli("report", "-a", STARTUP, "-o", report).exit_code == 0
    if kind == "json":  # a JSON report parses: it is refused for what it holds
        result = run_cli("recommend", "--answers", report)
        assert result.exit_code == 2 and "Traceback" not in result.stderr
        return
    refused(run_cli("recommend", "--answers", report), "looks like a report", "not an answers")


def test_a_markdown_report_renamed_to_no_ending_is_still_recognised(run_cli, tmp_path) -> None:
    report = tmp_path / "report.md"
    assert run_cli("report", "-a", STARTUP, "-o", report).exit_code == 0
    bare = tmp_path / "brightloop"
    report.rename(bare)
    refused(run_cli("recommend", bare), "looks like a report")


@pytest.mark.parametrize(
    "command", [("recommend",), ("report",), ("whatif", "--set", "headcount=500")]
)
def test_the_answers_file_may_be_the_argument(run_cli, command) -> None:
    by_argument = run_cli(*command, STARTUP)
    by_option = run_cli(*command, "--answers", STARTUP)
    assert by_argument.exit_code == 0, by_argument.stderr
    assert by_argument.stdout == by_option.stdout


def test_no_answers_file_or_two_different_ones_is_one_line(run_cli, tmp_path) -> None:
    refused(run_cli("recommend"), "--answers")
    other = tmp_path / "other.yaml"
    other.write_text(STARTUP.read_text(encoding="utf-8"), encoding="utf-8")
    refused(run_cli("recommend", STARTUP, "--answers", other), "two answers files")
    assert run_cli("recommend", STARTUP, "--answers", STARTUP).exit_code == 0


def test_templates_keeps_its_positional_ids(run_cli, kb, tmp_path) -> None:
    first = next(iter(kb.templates))
    result = run_cli("templates", first, "-f", "md", "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert any(tmp_path.iterdir())


def test_a_workshop_title_is_not_the_organisation(run_cli, tmp_path) -> None:
    folder = tmp_path / "ws"
    result = run_cli("workshop", "new", folder, "--title", "Cloudlane leadership")
    assert result.exit_code == 0, result.stderr
    config = yaml.safe_load((folder / "workshop.yaml").read_text(encoding="utf-8"))
    assert config["title"] == "Cloudlane leadership"
    assert "organisation" not in config["fixed"]
    assert "workshop summary" in result.stderr and "--participant" in result.stderr


def test_plurals_read_as_english(run_cli, tmp_path) -> None:
    folder = tmp_path / "ws"
    assert run_cli("workshop", "new", folder, "--organisation", "Acme").exit_code == 0
    answers = yaml.safe_load(STARTUP.read_text(encoding="utf-8"))
    answers.pop("organisation", None)
    (folder / "participants" / "sam.yaml").write_text(yaml.safe_dump(answers), encoding="utf-8")
    result = run_cli("workshop", "summary", folder)
    assert result.exit_code == 0, result.stderr
    assert "1 participant," in result.stdout and "(s)" not in result.stdout
    result = run_cli("workshop", "reveal", folder)
    assert result.exit_code == 0, result.stderr
    assert "1 participant " in result.stderr and "(s)" not in result.stderr


def test_examples_name_their_areas_in_words_and_take_any_case(run_cli, kb) -> None:
    function, industry = kb.question("function"), kb.question("industry")
    sales = next(o for o in function.options if o.value == "sales")
    saas = next(o for o in industry.options if o.value == "saas")
    by_id = run_cli("examples", "--function", "sales", "--industry", "saas")
    header = by_id.stdout.splitlines()[0]
    assert f"{function.label}: {sales.label}" in header and "function:" not in header
    for typed in (sales.label.upper(), sales.label.title()):
        result = run_cli("examples", "--function", typed, "--industry", saas.label.upper())
        assert result.exit_code == 0, result.stderr
        assert result.stdout == by_id.stdout
    markdown = run_cli("examples", "--function", "sales", "-f", "md").stdout
    assert f"{function.label}: {sales.label}" in markdown
    shouted = run_cli("examples", "--function", "SALES", "--framework", "OKR", "-f", "MD")
    assert shouted.exit_code == 0, shouted.stderr
    assert shouted.stdout == run_cli("examples", "--function", "sales", "--framework", "okr",
                                     "-f", "md").stdout  # fmt: skip


def test_set_values_take_any_case_when_one_option_matches(run_cli) -> None:
    exact = run_cli("whatif", STARTUP, "--set", "function=sales", "-f", "json")
    loose = run_cli("whatif", STARTUP, "--set", "function=SALES", "-f", "json")
    assert exact.exit_code == 0 and loose.exit_code == 0, loose.stderr
    assert exact.stdout == loose.stdout
    refused(run_cli("whatif", STARTUP, "--set", "function=salez"), "Did you mean 'sales'")


def test_whatif_lines_fit_80_columns_and_names_are_never_cut_mid_word(run_cli, kb) -> None:
    result = run_cli(
        "whatif", STARTUP, "--set", "headcount=500", "--set", "compensation_linked=true",
        env={"COLUMNS": "80"},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
    words = {w for f in kb.frameworks.values() for w in f.name.replace("(", " ").split()}
    for line in lines:
        for token in line.split():
            if token.endswith("…"):
                assert token[:-1].rstrip(",") in words, line


def test_the_served_page_says_continue_after_a_session_ends() -> None:
    from importlib.resources import files

    page = (files("framework_advisor.tui.serve") / "templates" / "app_index.html").read_text(
        encoding="utf-8"
    )
    ended = page[page.index("closed-dialog") :]
    assert ">{{ words.app_continue }}</button>" in ended and "Restart" not in page
    from framework_advisor import load_knowledge_base
    from framework_advisor.domain.text import message

    said = load_knowledge_base().text.say(message("app.room.page.app_continue"))
    assert said == "Continue"  # the catalogue's word the served page shows
