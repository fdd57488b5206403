"""`framework-advisor report`: every format through the CLI, read back the way a reader would."""

from __future__ import annotations

import builtins
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.errors import ExitCode
from tests.conftest import FIXED_DAY, SAMPLES
from tests.golden_files import assert_matches_golden

TODAY = FIXED_DAY
SECTION_TITLES = [
    "Summary",
    "Recommended mix",
    "Top picks compared",
    "Pitfalls to avoid",
    "Rollout plan",
    "Examples to start from",
    "What could change this advice",
    "Appendix A: Full ranking",
    "Appendix B: Glossary",
    "Appendix C: Your answers",
]
GOLDEN_ANSWERS = {
    "organisation": "Brightloop & Co",
    "headcount": 120,
    "function": "product",
    "industry": "saas",
    "needs": ["product_focus", "alignment"],
    "compensation_linked": False,
    "current_frameworks": ["kpi"],
}
HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_BRAND = '"><img src=x onerror=alert(2)> | Evil & Co'


pytestmark = pytest.mark.usefixtures("fixed_date")


@pytest.fixture
def golden_answers(write_answers) -> Path:
    return write_answers(GOLDEN_ANSWERS)


def _report(run_cli, answers: Path, fmt: str, *extra: str):
    result = run_cli("report", "--answers", answers, "--format", fmt, *extra)
    assert result.exit_code == 0, result.stderr
    return result


# Markdown and HTML: pinned by golden files ------------------------------------------------------


def test_markdown_report_matches_golden(run_cli, golden_answers: Path) -> None:
    result = _report(run_cli, golden_answers, "md", "--brand", "Northbeam Advisory")
    assert_matches_golden("report-brightloop.md", result.stdout)


def test_html_report_matches_golden(run_cli, golden_answers: Path) -> None:
    result = _report(run_cli, golden_answers, "html", "--brand", "Northbeam Advisory")
    assert_matches_golden("report-brightloop.html", result.stdout)


NOTE = "Dear *Northwind* team, <b>read</b> [this](http://example.com) first.\n\n# Not a heading: $x$ | `y` & z"
"""A covering note full of markup: every writer shows it as text."""


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_second_report_with_a_noted_and_branded_cover_matches_golden(
    run_cli, tmp_path: Path, fmt: str
) -> None:
    """Pinned from the Jinja templates before the report became blocks: the writers draw the
    sales-led sample (cadence, sensitivity, role examples) and a covering note byte for byte."""
    note = tmp_path / "note.md"
    note.write_text(NOTE, encoding="utf-8")
    answers = SAMPLES / "sales-led.yaml"
    result = _report(run_cli, answers, fmt, "--brand", "Ada & <Partners> #1", "--note", note)
    assert_matches_golden(f"report-northwind-noted.{fmt}", result.stdout)


def test_sections_come_in_the_issue_order(run_cli, golden_answers: Path) -> None:
    markdown = _report(run_cli, golden_answers, "md").stdout
    lines = markdown.splitlines()
    assert lines[0] == "# Framework recommendation for Brightloop & Co"
    assert [line[3:] for line in lines if line.startswith("## ")] == SECTION_TITLES
    html = _report(run_cli, golden_answers, "html").stdout
    assert re.findall(r"<h2>(.*?)</h2>", html) == SECTION_TITLES
    assert "<h1>Framework recommendation for Brightloop &amp; Co</h1>" in html


def test_markdown_shows_fit_bars_provenance_and_unanswered_questions(
    run_cli, golden_answers: Path
) -> None:
    from framework_advisor import __version__

    markdown = _report(run_cli, golden_answers, "md", "--brand", "Northbeam Advisory").stdout
    assert re.search(r"\| `█+[▏▎▍▌▋▊▉]? *` \d+ \|", markdown)  # a block-character bar, then the fit
    assert "15 January 2026" in markdown.split("## Summary")[0]
    [line] = [ln for ln in markdown.splitlines() if "with Framework Advisor" in ln]
    assert "Prepared by Northbeam Advisory" in line
    assert f"Framework Advisor {__version__}" in line and "core knowledge base 20" in line
    # an unanswered question that matters, listed with its prompt
    assert "- How far ahead does your strategy look?\n" in markdown  # its prompt, not its id
    assert "planning_horizon" not in markdown
    # the answers file is the consultant's, never the client's: not in the report
    assert "```yaml" not in markdown and "headcount: 120" not in markdown


def test_with_answers_writes_the_answers_file_beside_the_report(
    run_cli, golden_answers: Path, tmp_path: Path
) -> None:
    import yaml

    out, beside = tmp_path / "report.md", tmp_path / "report-answers.yaml"
    result = run_cli(
        "report", "-a", golden_answers, "-f", "md", "-o", out, "--with-answers", beside
    )
    assert result.exit_code == 0, result.stderr
    assert "headcount:" not in out.read_text(encoding="utf-8")
    saved = yaml.safe_load(beside.read_text(encoding="utf-8"))
    given = yaml.safe_load(golden_answers.read_text(encoding="utf-8"))
    assert {k: v for k, v in saved.items() if k != "_meta"}.keys() == given.keys()
    assert saved["organisation"] == given["organisation"]
    again = tmp_path / "again.md"
    assert run_cli("report", "-a", beside, "-f", "md", "-o", again).exit_code == 0
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    refused = run_cli("report", "-a", golden_answers, "-f", "md", "--with-answers", beside)
    assert refused.exit_code == 2 and "already exist" in refused.stderr


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_covering_note_opens_page_one_as_text(
    run_cli, golden_answers: Path, tmp_path: Path, fmt: str
) -> None:
    note = tmp_path / "note.md"
    note.write_text("Dear Board,\n\nOur *advice* <script>x</script>\nfollows.\n", encoding="utf-8")
    text = _report(run_cli, golden_answers, fmt, "--note", note).stdout
    first = text.split("Summary")[0]
    assert "Dear Board," in first
    assert "<em>advice</em>" not in text
    assert "<script>" not in text.replace("\\<script>", "")  # escaped in Markdown
    if fmt == "md":
        assert "Our \\*advice\\* \\<script>x\\</script> follows." in first


def test_an_unreadable_note_is_one_line_and_exit_2(run_cli, golden_answers: Path, tmp_path: Path):
    bad = tmp_path / "note.md"
    bad.write_bytes(b"\xff\xfe\x00bad")
    result = run_cli("report", "-a", golden_answers, "-f", "md", "--note", bad)
    assert (
        result.exit_code == 2 and "not UTF-8" in result.stderr and "Traceback" not in result.stderr
    )
    missing = run_cli("report", "-a", golden_answers, "-f", "md", "--note", tmp_path / "none.md")
    assert missing.exit_code == 2 and "none.md" in missing.stderr


def test_markdown_tables_survive_pipes_and_markup_in_answers(run_cli, write_answers) -> None:
    answers = write_answers({**GOLDEN_ANSWERS, "organisation": "A | B <i>corp</i>"})
    markdown = _report(run_cli, answers, "md").stdout
    assert "| Organisation | A \\| B \\<i>corp\\</i> |" in markdown
    body = markdown.replace("<br>", "")  # <br>: line breaks in table cells
    assert not re.search(r"(?<!\\)<", body)  # no raw HTML


# HTML: escaping and self-containment ------------------------------------------------------------


def test_html_escapes_a_hostile_organisation_and_brand(run_cli, write_answers) -> None:
    answers = write_answers({**GOLDEN_ANSWERS, "organisation": HOSTILE_NAME})
    html = _report(run_cli, answers, "html", "--brand", HOSTILE_BRAND).stdout
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        "<title>Framework recommendation for &lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    )
    assert (
        '<p class="brand">&#34;&gt;&lt;img src=x onerror=alert(2)&gt; | Evil &amp; Co</p>' in html
    )


def test_html_is_self_contained(run_cli, golden_answers: Path) -> None:
    html = _report(run_cli, golden_answers, "html", "--brand", "Northbeam Advisory").stdout
    assert not re.search(r"https?://", html)
    for external in ("<link", "<script", "<img", "<iframe", "src=", "href=", "url(", "@import"):
        assert external not in html
    assert "<style>" in html and "@page" in html and "size: A4" in html
    assert 'style="width: ' in html  # fit bars are CSS


# PDF and Word: opened with the libraries that read them ------------------------------------------


@pytest.mark.slow
def test_pdf_report_has_the_title_mix_and_ranking(run_cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    target = tmp_path / "northwind.pdf"
    result = _report(
        run_cli, SAMPLES / "sales-led.yaml", "pdf", "-o", target, "--brand", "Acme Consulting"
    )
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert len(reader.pages) > 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Framework recommendation for Northwind Software" in text
    assert "Acme Consulting" in text
    for title in SECTION_TITLES:
        assert title in text
    for name in ("Management by", "Key Performance", "Disciplines of", "McKinsey 7S"):
        assert name in text
    assert "Page 1 of" in text


def test_docx_report_has_headings_a_ranking_table_and_lists(
    run_cli, kb: KnowledgeBase, tmp_path: Path
) -> None:
    import docx

    target = tmp_path / "northwind.docx"
    _report(run_cli, SAMPLES / "sales-led.yaml", "docx", "-o", target, "--brand", "Acme")
    document = docx.Document(str(target))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == ("Title", "Framework recommendation for Northwind Software")
    assert [text for style, text in headings if style == "Heading 1"] == SECTION_TITLES
    assert ("Heading 2", "Cautions") in headings
    assert all(
        p.paragraph_format.keep_with_next
        for p in document.paragraphs
        if p.style.name == "Heading 1"
    )
    assert sum(p.style.name == "List Bullet" for p in document.paragraphs) >= 5

    ranking = next(t for t in document.tables if t.rows[0].cells[0].text == "#")
    assert [c.text for c in ranking.rows[0].cells] == [
        "#", "Framework", "Fit", "Main reasons (points, because you said)",
    ]  # fmt: skip
    assert len(ranking.rows) == 1 + len(kb.frameworks)
    first = ranking.rows[1].cells
    assert first[0].text == "1" and first[1].text == "Management by Objectives (MBO)"
    assert re.fullmatch(r"█{10} \d+", first[2].text)  # the fit as a bar, then the number
    header_xml = ranking.rows[0]._tr.xml
    assert "w:tblHeader" in header_xml  # repeats on every page
    assert 'w:fill="eef2f8"' in header_xml  # the PDF's header row
    tinted = ['w:fill="f2f6fd"' in row._tr.xml for row in ranking.rows[1:]]
    assert (
        tinted[0]
        and tinted.count(True)
        == sum(  # the mix's rows, as in the PDF
            cell.paragraphs[0].runs[0].bold is True for cell in ranking.columns[1].cells[1:]
        )
    )


# JSON ------------------------------------------------------------------------------------------


def test_json_report_is_the_recommend_json_plus_the_report_sections(run_cli) -> None:
    answers = SAMPLES / "sales-led.yaml"
    plain = json.loads(run_cli("recommend", "--answers", answers, "--format", "json").stdout)
    report = json.loads(_report(run_cli, answers, "json", "--brand", "Acme").stdout)
    for key, value in plain.items():
        assert report[key] == value, key
    extra = set(report) - set(plain)
    assert extra == {
        "title", "overview", "provenance", "profile_rows", "fits_explained", "comparison", "pitfalls",
        "rollout", "examples", "changes", "glossary", "answers",
    }  # fmt: skip
    assert report["provenance"]["brand"] == "Acme"
    assert report["provenance"]["date"] == TODAY
    assert report["answers"]["organisation"] == "Northwind Software"
    assert [step["week"] for phase in report["rollout"]["phases"] for step in phase["steps"]] == (
        sorted(step["week"] for phase in report["rollout"]["phases"] for step in phase["steps"])
    )
    mix = [m["framework"] for m in plain["mix"]]
    assert [row["framework"] for row in report["comparison"]][: len(mix)] == mix
    assert report["overview"]["summary"] == plain["summary"]


# Output rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_binary_formats_need_an_output_file(run_cli, fmt: str) -> None:
    result = run_cli("report", "--answers", SAMPLES / "startup.yaml", "--format", fmt)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stdout == ""
    assert f"--format {fmt}" in result.stderr and "-o/--output" in result.stderr


def test_an_existing_file_is_kept_without_force(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("keep me", encoding="utf-8")
    args = ("report", "--answers", SAMPLES / "startup.yaml", "--format", "md", "-o", target)
    refused = run_cli(*args)
    assert refused.exit_code == ExitCode.BAD_INPUT
    assert "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = run_cli(*args, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("# Framework recommendation for")


def test_a_bad_date_override_is_a_usage_error(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRAMEWORK_ADVISOR_TODAY", "15/01/2026")
    result = run_cli("report", "--answers", SAMPLES / "startup.yaml", "--format", "md")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "FRAMEWORK_ADVISOR_TODAY" in result.stderr


@pytest.mark.slow
def test_pdf_needs_no_system_library_nor_weasyprint(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    target = tmp_path / "r.pdf"
    result = run_cli(
        "report", "--answers", SAMPLES / "startup.yaml", "--format", "pdf", "-o", target
    )
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF-")


# The TUI's export list and the registry -----------------------------------------------------------


def test_the_export_list_offers_the_report_and_keeps_the_first_three(kb) -> None:
    from framework_advisor.engine.answers import validate_answers
    from framework_advisor.exports import EXPORTS, export_files
    from framework_advisor.render.formats import FORMATS

    assert [(e.document, e.format) for e in EXPORTS[:3]] == [
        ("answers", "yaml"), ("recommendation", "md"), ("recommendation", "json"),
    ]  # fmt: skip
    reports = {e.format: e for e in EXPORTS if e.document == "report"}
    assert {"md", "html", "pdf", "docx"} <= set(reports)
    assert FORMATS["pdf"].binary and FORMATS["pdf"].needs_file
    assert FORMATS["docx"].binary and FORMATS["docx"].needs_file
    answers = validate_answers(kb, GOLDEN_ANSWERS)
    [(_, text), (_, document)] = export_files([reports["md"], reports["docx"]], kb, "b", answers)
    assert isinstance(text, str) and text.startswith("# Framework recommendation for Brightloop")
    assert isinstance(document, bytes) and document[:2] == b"PK"


@pytest.mark.subprocess
def test_markdown_report_never_loads_pdf_or_word_libraries(tmp_path: Path) -> None:
    code = (
        "import os, sys, json\n"
        f"os.environ['FRAMEWORK_ADVISOR_CACHE_DIR'] = {str(tmp_path)!r}\n"
        "from framework_advisor.cli import cli\n"
        "try:\n"
        f"    cli.main(['report', '-a', {str(SAMPLES / 'startup.yaml')!r}, '-f', 'md'],"
        " standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = {m.split(".")[0] for m in json.loads(out.splitlines()[-1])}
    assert "framework_advisor" in loaded
    assert not loaded & {"jinja2", "typst", "weasyprint", "docx", "openpyxl", "textual"}


# The sandbox for knowledge-pack templates ----------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ data.__class__.__init__.__globals__ }}",
        "{{ data._private }}",
        "{{ cycler.__init__.__globals__.os }}",
    ],
)
def test_the_pack_sandbox_blocks_private_attributes(source: str) -> None:
    from jinja2.exceptions import SecurityError, UndefinedError

    from framework_advisor.render.report.environment import sandboxed_environment

    class Data:
        _private = "secret"
        title = "ok"

    template = sandboxed_environment().from_string(source)
    with pytest.raises((SecurityError, UndefinedError)):
        template.render(data=Data())


def test_the_pack_sandbox_still_renders_plain_fields_escaped() -> None:
    from jinja2.exceptions import SecurityError

    from framework_advisor.render.report.environment import sandboxed_environment

    environment = sandboxed_environment()
    assert environment.from_string("<b>{{ name }}</b>").render(name=HOSTILE_NAME) == (
        "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>"
    )
    with pytest.raises(SecurityError):  # immutable: a pack cannot change the data it is given
        environment.from_string("{{ items.append(1) }}").render(items=[])


# The report's data, built without any format ---------------------------------------------------


def test_provenance_names_the_packs_used(run_cli, tmp_path: Path) -> None:
    from tests.conftest import build_tree

    pack = build_tree(
        tmp_path / "pack",
        {"pack.yaml": 'name: acme-consulting\nversion: "1.0"\nschema_version: 2\n'},
    )
    result = run_cli(
        "report", "--kb", pack, "--answers", SAMPLES / "startup.yaml", "--format", "md"
    )
    assert result.exit_code == 0, result.stderr
    assert "with the packs acme-consulting 1.0" in result.stdout


def kb_short(kb, fid: str) -> str:  # type: ignore[no-untyped-def]
    from framework_advisor.domain.framework import short_name

    return short_name(kb.frameworks[fid])


def _data(kb, answers: dict, **changes):  # type: ignore[no-untyped-def]
    from datetime import date

    import msgspec

    from framework_advisor.engine.answers import validate_answers
    from framework_advisor.engine.examples import select_examples
    from framework_advisor.engine.recommend import recommend
    from framework_advisor.engine.rollout import report_facts
    from framework_advisor.render.report.data import build_report

    valid = validate_answers(kb, answers)
    rec = msgspec.structs.replace(recommend(kb, valid), **changes)
    return rec, build_report(
        kb, valid, rec, report_facts(kb, rec), select_examples(kb, valid), "", date(2026, 1, 15)
    )


def test_rollout_runs_phase_one_week_by_week_with_each_step_labelled(kb) -> None:
    rec, data = _data(kb, {**GOLDEN_ANSWERS, "organisation": "  "})
    assert data.title == "Framework recommendation for your organisation"
    mix = [layer.framework for layer in rec.mix]
    months = [p for p in data.rollout.phases if p.title.startswith("Month")]
    steps = [step for phase in months for step in phase.steps]
    running = set(GOLDEN_ANSWERS.get("current_frameworks", []))
    expected = sorted(
        (s.week, mix.index(fid), s.step)
        for fid in mix
        if fid not in running
        for s in kb.frameworks[fid].rollout
        if s.applies(rec.profile)  # a step for another pay answer is not this plan's
    )
    new = [(s.week, mix.index(s.framework), s.step) for s in steps if s.framework not in running]
    assert new == expected
    kept = [s for s in steps if s.framework in running]  # already running: kept, not restarted
    assert [(s.week, s.framework) for s in kept] == [(1, fid) for fid in mix if fid in running]
    assert all(s.step.startswith("Keep ") for s in kept)
    assert {s.label for s in steps} == {kb_short(kb, fid) for fid in mix}
    assert months[0].title == "Month 1: weeks 1-4"
    assert all(p.first_week <= s.week <= p.last_week for p in data.rollout.phases for s in p.steps)
    terms = {t.term for t in data.glossary}
    assert "Catchball" not in terms  # Hoshin Kanri's term: not in this report
    assert "Key result" in terms


def test_without_a_mix_the_top_of_the_ranking_is_compared(kb) -> None:
    from framework_advisor.engine.picks import TOP_PICKS

    rec, data = _data(kb, GOLDEN_ANSWERS, mix=[])
    top = [item.id for item in rec.ranking]
    assert [row.framework for row in data.comparison] == top[:TOP_PICKS]
    assert [group.framework for group in data.pitfalls] == top[:1]


@pytest.mark.parametrize(
    ("framework_id", "short"),
    [("okr", "OKR"), ("hoshin_kanri", "Hoshin Kanri"), ("v2mom", "V2MOM"), ("raci", "RACI Matrix")],
)
def test_short_names_label_rollout_steps(kb, framework_id: str, short: str) -> None:
    from framework_advisor.render.report.data import short_name

    assert short_name(kb.frameworks[framework_id]) == short


LINE_STARTS = ["# a heading?", "> a quote?", "- a list?", "1. a numbered list?", "+ more?", "---"]


def test_a_covering_note_is_text_line_by_line_in_markdown_and_html(run_cli, tmp_path: Path) -> None:
    """Each paragraph of the note starting as Markdown syntax would (a heading, a quote, a list, a
    rule) stays a paragraph of text: nothing the consultant typed becomes structure."""
    from markdown_it import MarkdownIt

    note = tmp_path / "note.md"
    note.write_text("\n\n".join(LINE_STARTS), encoding="utf-8")
    answers = SAMPLES / "sales-led.yaml"
    markdown = _report(run_cli, answers, "md", "--note", note).stdout
    cover = markdown.split("## Summary")[0]
    tokens = MarkdownIt("commonmark").parse(cover)
    kinds = [t.type for t in tokens if t.nesting == 1]
    assert kinds == ["heading_open"] + ["paragraph_open"] * (1 + len(LINE_STARTS))
    shown = [t.content for t in tokens if t.type == "inline"][2:]
    rendered = [MarkdownIt("commonmark").renderInline(line) for line in shown]
    assert rendered == [line.replace(">", "&gt;") for line in LINE_STARTS]
    html = _report(run_cli, answers, "html", "--note", note).stdout
    for line in LINE_STARTS:
        assert f"<p>{line.replace('>', '&gt;')}</p>" in html
    import docx

    target = tmp_path / "noted.docx"
    _report(run_cli, answers, "docx", "--note", note, "-o", target)
    shown = {p.text: p.style.name for p in docx.Document(str(target)).paragraphs}
    assert all(shown.get(line) == "Normal" for line in LINE_STARTS), shown


def test_a_later_phase_row_on_page_one_says_the_job_and_the_rollout_says_why_it_waits(
    run_cli, kb: KnowledgeBase
) -> None:
    """The startup sample's phase two waits for meeting time: page one's row says what its
    frameworks will do (the stated need each serves), the rollout plan says why they wait."""
    import yaml

    from framework_advisor.domain.wording import need_labels
    from framework_advisor.exports import Documents

    answers = yaml.safe_load((SAMPLES / "startup.yaml").read_text(encoding="utf-8"))
    rec = Documents(kb, answers).recommendation
    [later] = rec.phases[1:]
    waits = later.why.split(":")[0]
    markdown = _report(run_cli, SAMPLES / "startup.yaml", "md").stdout
    page_one, rollout = markdown.split("## Recommended mix")
    rows = [line for line in page_one.splitlines() if line.startswith("| **Phase 2**")]
    assert len(rows) == len(later.frameworks) >= 1
    labels = need_labels(kb)
    for row, fid in zip(rows, later.frameworks, strict=True):
        job = row.split(" | ")[2].lower()
        served = {n.need for n in kb.needs if fid in {f.framework for f in n.frameworks}}
        assert any(labels[n].lower() in job for n in served & set(answers["needs"])), row
        assert waits not in row
    assert waits in rollout
