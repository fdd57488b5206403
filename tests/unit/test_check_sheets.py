"""`check` reads the tool's own spreadsheets back, through the real command group: each
template written by `templates` (filled in from the example library) reads back with no error,
as xlsx and as csv; a sheet is recognised by its stamp, then its header row, never by its file
name; the CSV formula guard is removed; findings are at `Sheet!A12`, and in SARIF and Code
Quality at the file with the cell named."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SAMPLES = Path("samples")
GOAL_TEMPLATES = (
    "okr-planning-sheet",
    "kpi-dashboard",
    "mbo-tracker",
    "4dx-tracker",
    "balanced-scorecard",
    "eos-vto",
    "fast-goals",
    "hoshin-kanri-x-matrix",
)
"""The templates whose sheets hold goals the checker reads (issue 33)."""


def _templates(run_cli, folder: Path, fmt: str, answers: str | None = "startup") -> list[Path]:
    args = ["templates", *GOAL_TEMPLATES, "-f", fmt, "--out", folder]
    if answers:
        args += ["-a", SAMPLES / f"{answers}.yaml"]
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    return sorted(folder.iterdir())


def _check_json(run_cli, *paths: Path | str) -> list[dict]:
    result = run_cli("check", *paths, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.output)
    return data.get("files", [data])


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("answers", ["startup", "sales-led", "manufacturer"])
def test_every_goal_template_filled_from_the_examples_reads_back_with_no_error(
    run_cli, tmp_path: Path, fmt: str, answers: str
) -> None:
    files = _templates(run_cli, tmp_path, fmt, answers)
    reports = _check_json(run_cli, *files)
    assert len(reports) == len(GOAL_TEMPLATES)  # one report a template, CSV files grouped
    for report in reports:
        assert report["summary"]["errors"] == 0, report
        assert report["items"], f"{report['file']}: no goals read"
        for item in report["items"]:
            sheet, _, cell = item["where"].rpartition("!")
            assert sheet and cell.startswith("A") and int(cell[1:]) >= 2
            assert item["line"] is None


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_templates_own_worked_examples_draw_no_error_or_warning(
    run_cli, tmp_path: Path, fmt: str
) -> None:
    """Unfilled, each template holds worked examples: a template the checker faults teaches the
    fault (the FAST sheet's first example had a measure with no number to reach)."""
    reports = _check_json(run_cli, *_templates(run_cli, tmp_path, fmt, None))
    assert len(reports) == len(GOAL_TEMPLATES)
    for report in reports:
        assert report["items"], f"{report['file']}: no worked example read"
        loud = [f for f in report["findings"] if f["severity"] != "info"]
        assert not loud, (report["file"], loud)


def _write_okr_workbook(run_cli, tmp_path: Path, name: str) -> Path:
    """An empty OKR planning sheet filled in with openpyxl as a person would."""
    from openpyxl import load_workbook

    (path,) = [p for p in _templates(run_cli, tmp_path / "t", "xlsx", None) if "okr" in p.name]
    workbook = load_workbook(path)
    objectives, results = workbook["Objectives"], workbook["Key results"]
    objectives["A4"], objectives["B4"], objectives["C4"] = (
        "O1",
        "Delight our customers",
        "Committed",
    )
    results["A4"], results["C4"] = "O1", "Increase NPS from 55 to 70 by 30 September"
    results["A5"], results["C5"] = "O1", "Call 100 customers"
    results["A6"], results["C6"] = "O1", "Cut first-response time from 9 to 2 hours by 30 September"
    target = tmp_path / name
    workbook.save(target)
    return target


def test_a_filled_in_workbook_has_findings_at_its_cells(run_cli, tmp_path: Path) -> None:
    path = _write_okr_workbook(run_cli, tmp_path, "anything.xlsx")
    (report,) = _check_json(run_cli, path)
    activity = [f for f in report["findings"] if f["rule"] == "key-result-activity"]
    assert [f["where"] for f in activity] == ["Key results!A5"]
    assert activity[0]["line"] is None
    text = run_cli("check", path).output
    assert f"{path}:Key results!A5: warning key-result-activity" in text
    kinds = {i["where"]: i["kind"] for i in report["items"]}
    assert kinds["Objectives!A4"] == "objective" and kinds["Key results!A4"] == "key_result"


def test_a_workbook_finding_in_sarif_and_codequality_is_file_level_naming_the_cell(
    run_cli, tmp_path: Path
) -> None:
    path = _write_okr_workbook(run_cli, tmp_path, "goals.xlsx")
    from tests.unit.test_check_code_review import _sarif_problems

    sarif = json.loads(run_cli("check", path, "-f", "sarif").output)
    assert _sarif_problems(sarif) == []
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "key-result-activity"]
    physical = result["locations"][0]["physicalLocation"]
    assert "region" not in physical and physical["artifactLocation"]["uri"].endswith("goals.xlsx")
    assert result["message"]["text"].startswith("Key results!A5: ")
    quality = json.loads(run_cli("check", path, "-f", "codequality").output)
    (issue,) = [i for i in quality if i["check_name"] == "key-result-activity"]
    assert issue["description"].startswith("Key results!A5: ")
    assert issue["location"]["lines"]["begin"] == 1


def test_a_csv_is_recognised_by_its_header_row_without_the_stamp_and_unguarded(
    run_cli, tmp_path: Path
) -> None:
    """Marker cell deleted, file renamed: the header row still says which template; a guarded
    cell (`'+25% revenue`) reads as the text typed."""
    files = _templates(run_cli, tmp_path / "k", "csv", None)
    (dashboard,) = [p for p in files if p.name == "kpi-dashboard.csv"]
    header = dashboard.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    stamp = header.pop()
    assert stamp.startswith("Framework Advisor template")
    kpi_column = [h.lower() for h in header].index("kpi")
    row = [""] * len(header)
    row[kpi_column] = "'+25% revenue"
    renamed = tmp_path / "q3.csv"
    renamed.write_text(",".join(header) + "\r\n" + ",".join(row) + "\r\n", encoding="utf-8")
    (report,) = _check_json(run_cli, renamed)
    assert [i["where"] for i in report["items"]] == ["KPIs!A2"]
    messages = " ".join(f["message"] for f in report["findings"])
    assert "+25% revenue" in messages and "'+25%" not in messages


def test_a_spreadsheet_that_is_not_ours_and_a_word_template_are_refused(
    run_cli, tmp_path: Path
) -> None:
    other = tmp_path / "okr-planning-sheet--objectives.csv"  # our name, not our sheet
    other.write_text("Name,Age\nAda,36\n", encoding="utf-8")
    result = run_cli("check", other)
    assert result.exit_code == 2
    assert f"{other}: not one of this tool's spreadsheet templates" in result.stderr
    word = tmp_path / "okr-planning-sheet.docx"
    word.write_bytes(b"PK")
    result = run_cli("check", word)
    assert result.exit_code == 2 and "Word templates are not read back" in result.stderr
    assert "Traceback" not in result.stderr


LIBREOFFICE_TARGETS = {
    "xlsx": ("xlsx", "xlsx", None),
    "csv": ("csv", "csv:Text - txt - csv (StarCalc):44,34,76", "CSV:44,34,76"),  # UTF-8 in, out
    # Each workbook's every tab as a CSV file of its own, cells as shown (Google Sheets' and
    # LibreOffice's "as shown": 57%, not 0.57), renamed as Google Sheets names a tab's download.
    "tabs": (
        "xlsx",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        None,
    ),
}


@pytest.mark.slow
@pytest.mark.subprocess
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("saved", ["xlsx", "csv", "tabs"])
def test_the_templates_read_back_after_a_libreoffice_round_trip(
    run_cli, tmp_path: Path, saved: str
) -> None:
    """Re-saved by LibreOffice in one run for all the templates (xlsx to xlsx, each CSV to
    CSV, each workbook's tabs to CSV files named "Title - Tab.csv", How to use included): the
    same goals at the same cells, no error."""
    fmt, target, infilter = LIBREOFFICE_TARGETS[saved]
    files = _templates(run_cli, tmp_path / "in", fmt)
    before = {Path(r["file"]).name: r for r in _check_json(run_cli, *files)}
    out = tmp_path / "out"
    command = ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target, "--outdir", str(out), *map(str, files)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    if saved == "tabs":
        for path in out.iterdir():
            title = next(f.stem for f in files if path.name.startswith(f"{f.stem}-"))
            path.rename(out / f"{title} - {path.stem.removeprefix(title + '-')}.csv")
        saved_files = sorted(out.iterdir())
        assert any(p.name == "okr-planning-sheet - How to use.csv" for p in saved_files)
        reports = _check_json(run_cli, *saved_files)
        after = {_template_of(r): r for r in reports}
        before = {_template_of(r): r for r in before.values()}
    else:
        after = {Path(r["file"]).name: r for r in _check_json(run_cli, *sorted(out.iterdir()))}
    assert after.keys() == before.keys()
    for name, report in before.items():
        assert after[name]["summary"]["errors"] == 0
        assert [(i["where"], i["kind"]) for i in after[name]["items"]] == [
            (i["where"], i["kind"]) for i in report["items"]
        ], name


def _template_of(report: dict) -> str:
    """The template a report's file was written from (a workbook, or a tab saved as CSV)."""
    return Path(report["file"]).stem.split(" - ")[0]


def test_a_google_sheets_download_of_every_tab_reads_back_how_to_use_and_all(
    run_cli, tmp_path: Path
) -> None:
    """The OKR workbook opened in Google Sheets and each tab downloaded ("okr-planning-sheet -
    Key results.csv": no byte-order mark, CRLF, the title rows above the header): the goals at
    the workbook's cells; the How to use tab is known by its stamp, a stranger's tab refused."""
    import csv

    from openpyxl import load_workbook

    workbook_path = _write_okr_workbook(run_cli, tmp_path, "okr-planning-sheet.xlsx")
    (in_workbook,) = _check_json(run_cli, workbook_path)
    tabs = tmp_path / "download"
    tabs.mkdir()
    for sheet in load_workbook(workbook_path).worksheets:
        with open(tabs / f"Team goals - {sheet.title}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            for row in sheet.iter_rows(values_only=True):
                writer.writerow(["" if v is None or str(v).startswith("=") else v for v in row])
    names = sorted(tabs.iterdir())
    assert [p.name for p in names] == [
        "Team goals - How to use.csv",
        "Team goals - Key results.csv",
        "Team goals - Objectives.csv",
    ]
    (report,) = _check_json(run_cli, *names)
    assert [(i["where"], i["kind"]) for i in report["items"]] == [
        (i["where"], i["kind"]) for i in in_workbook["items"]
    ]
    assert [(f["rule"], f["where"]) for f in report["findings"]] == [
        (f["rule"], f["where"]) for f in in_workbook["findings"]
    ]
    stranger = tabs / "Team goals - Budget.csv"
    stranger.write_text("Budget,Amount\r\nTravel,100\r\n", encoding="utf-8")
    result = run_cli("check", *names, stranger)
    assert result.exit_code == 2 and f"{stranger}: not one of this tool's" in result.stderr
    alone = run_cli("check", tabs / "Team goals - How to use.csv")
    assert alone.exit_code == 2, "a How to use tab alone holds no goals to check"


def test_the_csv_files_imported_into_google_sheets_and_downloaded_read_back(
    run_cli, tmp_path: Path
) -> None:
    """Each CSV file imported into Google Sheets and downloaded again: "Title - Tab.csv", no
    byte-order mark, CRLF, each formula's computed value in place of its text."""
    import csv
    import io

    files = _templates(run_cli, tmp_path / "ours", "csv")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    for path in files:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        computed = [["Missing 1 of 5" if c.startswith("=") else c for c in row] for row in rows]
        target = downloads / f"{path.stem} - {path.stem}.csv"
        with open(target, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\r\n").writerows(computed)
    assert not any(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in downloads.iterdir())
    before = _check_json(run_cli, *files)
    after = _check_json(run_cli, *sorted(downloads.iterdir()))
    assert len(after) == len(before) == len(GOAL_TEMPLATES)
    for old, new in zip(before, after, strict=True):
        assert new["summary"]["errors"] == 0, new["file"]
        assert [(i["where"], i["kind"]) for i in new["items"]] == [
            (i["where"], i["kind"]) for i in old["items"]
        ]


def test_a_csv_misread_by_its_character_set_and_saved_again_is_still_recognised(
    run_cli, tmp_path: Path
) -> None:
    """Opened as Windows-1252 and saved as UTF-8, the byte-order mark becomes three letters
    before the first header: they are not part of the header."""
    files = _templates(run_cli, tmp_path / "t", "csv")
    (kpis,) = [p for p in files if p.name == "kpi-dashboard.csv"]
    text = kpis.read_bytes().decode("utf-8")  # the mark kept as a character
    misread = tmp_path / "misread.csv"
    misread.write_text(text.encode("utf-8").decode("cp1252", errors="replace"), encoding="utf-8")
    (report,) = _check_json(run_cli, misread)
    assert report["items"] and report["summary"]["errors"] == 0


@pytest.mark.parametrize(
    "content",
    [b"hello", b"PK\x03\x04broken", None],
    ids=["text", "broken-zip", "zip-without-workbook"],
)
def test_a_damaged_workbook_is_exit_2_with_its_name(
    run_cli, tmp_path: Path, content: bytes | None
) -> None:
    import zipfile

    path = tmp_path / "goals.xlsx"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/workbook.xml", "<bad")
    else:
        path.write_bytes(content)
    result = run_cli("check", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: ")
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "template_id", ["okr-planning-sheet", "fast-goals", "hoshin-kanri-x-matrix", "eos-vto"]
)
def test_any_rows_under_a_templates_header_never_crash_and_every_where_is_a_cell(
    kb, tmp_path: Path, template_id: str
) -> None:
    """Whatever is typed into the rows of a template's tabs (the OKR planning sheet's two, the
    FAST goals, the Hoshin Kanri matrix's, the EOS V/TO's with its Scorecard), the checker
    ends with a report (or a goal file error), and every `where` names a row that holds
    text."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from framework_advisor.engine.goals.check import REASON_IDS, GoalFileError, check_goals
    from framework_advisor.engine.goals.rules import rule_ids
    from framework_advisor.engine.goals.sheets import at_cells, goals_from_sheets
    from framework_advisor.kb.checks import load_checks
    from framework_advisor.sources.sheet_file import SheetData

    book = load_checks(known_rules=rule_ids(), known_reasons=REASON_IDS)
    template = kb.templates[template_id]
    marker = template.stamp().marker()
    words = st.sampled_from(
        ["O1", "O2", "Increase NPS from 55 to 70 by Q3", "Call 100 prospects", "Committed",
         "=SUM(A1)", "'=1+1", "", "70%", "Revenue +25%", "Maintain uptime above 99.9%", "At least", "At most", "2026-09-30"]
    )  # fmt: skip
    cell = st.one_of(words, st.text(max_size=30))

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.lists(cell, max_size=8), max_size=12), st.booleans())
    def run(rows: list[list[str]], objectives_first: bool) -> None:
        sheets = [
            SheetData(
                file=f"{sheet.id}.csv",
                title=sheet.id,
                rows=[[c.header for c in sheet.columns] + [marker], *rows],
                tab=False,
            )
            for sheet in template.sheets
        ]
        if not objectives_first:
            sheets.reverse()
        found, _ = goals_from_sheets(kb, sheets)
        for goals in found:
            try:
                report = at_cells(check_goals(goals.document.data, goals.document, book), goals)
            except GoalFileError:
                continue
            titles = {s.title for s in template.sheets}
            for where in [f.where for f in report.findings if f.diagnostic.location.sheet] + [
                i.where for i in report.items
            ]:
                sheet, _, ref = where.rpartition("!")
                assert sheet in titles and ref.startswith("A")
                number = int(ref[1:])
                assert 2 <= number <= len(rows) + 1
                assert any(str(c).strip() for c in rows[number - 2])

    run()


def _sheet_csv(run_cli, folder: Path, template: str, sheet: str, rows: list[dict]) -> Path:
    """The empty template's CSV of ``sheet`` (stamp kept), its rows replaced by ``rows``
    (column header -> text), as a person fills it in."""
    import csv
    import io

    files = run_cli("templates", template, "-f", "csv", "--out", folder)
    assert files.exit_code == 0, files.stderr
    path = folder / f"{template}--{sheet}.csv"
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[row.get(name, "") for name in header] for row in rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _at(report: dict, rule: str) -> list[str]:
    return [f["where"] for f in report["findings"] if f["rule"] == rule]


def test_an_eos_scorecards_measurables_are_read_as_weekly_kpis(run_cli, tmp_path: Path) -> None:
    """A measurable is a weekly number with an owner and a goal (Wickman, Traction): read as a
    KPI reviewed weekly, its direction from "Goal is" or its goal's words; the KPI checks that
    apply (a target, a direction, an indicator rather than a project) find what is missing."""
    path = _sheet_csv(
        run_cli,
        tmp_path,
        "eos-vto",
        "scorecard",
        [
            {"Measurable": "Qualified leads", "Owner": "Ana", "Weekly goal": "12", "Goal is": "At least"},
            {"Measurable": "Support tickets open over five days", "Owner": "Bo", "Weekly goal": "No more than 3"},
            {"Measurable": "Demos held", "Owner": "Cy"},
            {"Measurable": "Launch the new website", "Owner": "Di", "Weekly goal": "Done"},
        ],
    )  # fmt: skip
    (report,) = _check_json(run_cli, path)
    kinds = {i["where"]: i["kind"] for i in report["items"]}
    assert kinds == {
        "Scorecard!A2": "kpi",
        "Scorecard!A3": "kpi",
        "Scorecard!A4": "kpi",
        "Scorecard!A5": "milestone",
    }
    assert _at(report, "kpi-no-frequency") == []  # weekly, by what a scorecard is
    assert _at(report, "kpi-no-target") == ["Scorecard!A4"]
    assert _at(report, "kpi-no-direction") == ["Scorecard!A4"]
    assert _at(report, "kpi-is-project") == ["Scorecard!A5"]


def test_fast_goals_and_hoshin_objectives_are_read_with_their_milestones_and_targets(
    run_cli, tmp_path: Path
) -> None:
    """A FAST goal with its Specific part (the next milestone and its measure, and its date)
    and a Hoshin Kanri objective with its measure and target are each read as one goal, whose
    specific, measurable and time-bound parts are judged."""
    fast = _sheet_csv(
        run_cli,
        tmp_path / "fast",
        "fast-goals",
        "goals",
        [
            {"Goal": "Open our first market abroad", "Specific: next milestone and measure": "First ten paying customers in Spain", "Milestone date": "2026-09-30", "Owner": "CEO"},
            {"Goal": "Be better at customers", "Owner": "COO"},
        ],
    )  # fmt: skip
    (report,) = _check_json(run_cli, fast)
    assert [i["where"] for i in report["items"]] == ["Goals!A2", "Goals!A3"]
    flagged = {f["where"] for f in report["findings"] if f["severity"] != "info"}
    assert flagged == {"Goals!A3"}
    assert "smart-measurable" in [f["rule"] for f in report["findings"]]
    assert not {"smart-owner", "smart-relevant"} & {f["rule"] for f in report["findings"]}
    annual = _sheet_csv(
        run_cli,
        tmp_path / "hoshin",
        "hoshin-kanri-x-matrix",
        "annual",
        [
            {"Annual objective (this year)": "Raise on-time, in-full delivery", "Serves (breakthrough objective)": "Be the most reliable supplier", "Metric": "Orders delivered complete and on time", "Target": "From 88% to 92%", "Owner": "Operations"},
            {"Annual objective (this year)": "Improve quality", "Owner": "Quality"},
        ],
    )  # fmt: skip
    (report,) = _check_json(run_cli, annual)
    assert [i["kind"] for i in report["items"]] == ["smart", "smart"]
    assert {f["where"] for f in report["findings"]} == {"Annual!A3"}  # this year: time-bound


def test_the_7s_diagnostic_and_the_raci_matrix_hold_no_goals_to_check(
    run_cli, tmp_path: Path
) -> None:
    """Read as theirs (no refusal), with nothing to check: the README says why."""
    result = run_cli("templates", "7s", "raci", "--out", tmp_path, "-a", SAMPLES / "startup.yaml")
    assert result.exit_code == 0, result.stderr
    for report in _check_json(run_cli, *sorted(tmp_path.glob("*.xlsx"))):
        assert report["items"] == []
        assert [f["rule"] for f in report["findings"]] == ["no-goals"]
    readme = Path("README.md").read_text(encoding="utf-8")
    assert "nothing for the checker to read" in readme
