"""Issue 19, "Text is only text", through the real commands: whatever a client, a participant
or a pack types reaches a Markdown file as text (never a remote image), and a Word or Excel file
as text (what XML cannot hold is a space; a document property is cut at its limit, with an
ellipsis, and nowhere else)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import ROOT
from .hostile import VALID, docx_text, markdown_hazards, run, xlsx_text

KNOWLEDGE = ROOT / "knowledge"


# Markdown never fetches a remote image -------------------------------------------------
PIXEL = "![p](https://evil.example/pixel.png)"


def image_pack(tmp_path: Path) -> Path:
    """A pack whose OKR is named and summarised with a remote image in it."""
    pack = tmp_path / "image-pack"
    (pack / "frameworks").mkdir(parents=True)
    (pack / "pack.yaml").write_text(
        "name: img\nversion: '1'\nschema_version: 2\n", encoding="utf-8"
    )
    okr = (KNOWLEDGE / "frameworks" / "okr.yaml").read_text(encoding="utf-8")
    okr = okr.replace("name: Objectives and Key Results (OKR)", f"name: 'OKR {PIXEL}'").replace(
        "summary: A few ambitious objectives", f"summary: '{PIXEL}' # A few"
    )
    (pack / "frameworks" / "okr.yaml").write_text(okr, encoding="utf-8")
    return pack


IMAGE_ANSWERS = f"organisation: '{PIXEL} Acme'\nfunction: company\nneeds: [alignment, goal_clarity]\nheadcount: 30\n"


@pytest.mark.parametrize(
    "command",
    [
        ("recommend", "-f", "md"),
        ("whatif", "-f", "md", "--set", "headcount=3000"),
        ("show", "okr", "-f", "md"),
        ("compare", "okr", "kpi", "-f", "md"),
        ("report", "-f", "md"),
    ],
    ids=lambda c: c[0],
)
def test_markdown_never_keeps_a_remote_image(tmp_path: Path, command: tuple[str, ...]) -> None:
    """`recommend`, `whatif`, `show` and `compare` kept `![p](https://...)` from the client or
    the pack as a live image (a tracking pixel), while `report` escaped it."""
    answers = tmp_path / "image.yaml"
    answers.write_text(IMAGE_ANSWERS, encoding="utf-8")
    needs_answers = command[0] in ("recommend", "whatif", "report")
    args = [*command, *(("-a", answers) if needs_answers else ())]
    result, _ = run("--kb", image_pack(tmp_path), *args)
    assert result.exit_code == 0, result.stderr
    assert "evil.example/pixel.png" in result.stdout
    assert markdown_hazards(result.stdout) == []


def test_templates_markdown_never_keeps_a_remote_image(tmp_path: Path) -> None:
    answers = tmp_path / "image.yaml"
    answers.write_text(IMAGE_ANSWERS, encoding="utf-8")
    out = tmp_path / "o"
    result, _ = run("templates", "okr", "raci", "hoshin_kanri", "mckinsey_7s", "fast", "-f", "md",
                    "--answers", answers, "--out", out)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "evil.example/pixel.png" in text
        assert markdown_hazards(text) == [], path.name


# Word and Excel hold what XML cannot, and document properties keep their limits -------
CONTROL_ORGANISATION = 'organisation: "Acme\\vLtd\\f\\e[31m\\x01"\n' + VALID


@pytest.mark.parametrize(
    ("command", "read"),
    [
        (("report", "-f", "docx", "-o", "{out}/r.docx"), "docx"),
        (("report", "-f", "docx", "--brand", "Brand\vCo\x1b", "-o", "{out}/r.docx"), "docx"),
        (("templates", "okr", "-f", "docx", "--out", "{out}"), "docx"),
        (("templates", "okr", "-f", "xlsx", "--out", "{out}"), "xlsx"),
        (("templates", "raci", "hoshin_kanri", "-f", "docx", "--out", "{out}"), "docx"),
        (("templates", "mckinsey_7s", "fast", "-f", "xlsx", "--out", "{out}"), "xlsx"),
    ],
    ids=[
        "report-docx",
        "report-docx-brand",
        "templates-docx",
        "templates-xlsx",
        "raci-hoshin-docx",
        "7s-fast-xlsx",
    ],
)
def test_office_files_turn_control_characters_into_spaces(
    tmp_path: Path, command: tuple[str, ...], read: str
) -> None:
    """An organisation "Acme\\vLtd" (Word's Shift+Enter in pasted text; also \\f, ESC) made
    these fail with a traceback."""
    answers = tmp_path / "control.yaml"
    answers.write_text(CONTROL_ORGANISATION, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    args = [arg.replace("{out}", str(out)) for arg in command]
    result, _ = run(*args, "--answers", answers)
    assert result.exit_code == 0, result.stderr
    files = list(out.iterdir())
    assert files
    for path in files:
        text = docx_text(path) if read == "docx" else xlsx_text(path)
        assert "Acme Ltd" in text, text[:300]
        assert not any(ch in text for ch in "\v\f\x1b\x01")
        if "--brand" in command:
            assert "Brand Co" in text


def control_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "control-pack"
    (pack / "frameworks").mkdir(parents=True)
    (pack / "pack.yaml").write_text(
        "name: ctl\nversion: '1'\nschema_version: 2\n", encoding="utf-8"
    )
    okr = (KNOWLEDGE / "frameworks" / "okr.yaml").read_text(encoding="utf-8")
    okr = okr.replace(
        "name: Objectives and Key Results (OKR)", 'name: "Objectives\\vand Key Results\\e"'
    ).replace("summary: A few ambitious objectives", 'summary: "Pack\\ftext" # A few')
    (pack / "frameworks" / "okr.yaml").write_text(okr, encoding="utf-8")
    return pack


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "md"])
def test_pack_text_with_control_characters_reaches_every_report(tmp_path: Path, fmt: str) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "organisation: Acme\n" + VALID.replace("alignment", "alignment, goal_clarity"),
        encoding="utf-8",
    )
    target = tmp_path / f"r.{fmt}"
    result, _ = run(
        "--kb", control_pack(tmp_path), "report", "-a", answers, "-f", fmt, "-o", target
    )
    assert result.exit_code == 0, result.stderr
    if fmt == "docx":
        assert "Objectives and Key Results" in docx_text(target)


def test_a_long_organisation_name_is_cut_only_in_the_document_properties(tmp_path: Path) -> None:
    """Over about 225 characters the Word report failed: its title is a document property,
    which holds 255 characters. The body keeps the whole name."""
    import docx
    import openpyxl

    name = "Acme " + "Holdings " * 40 + "Ltd"
    answers = tmp_path / "long.yaml"
    answers.write_text(f"organisation: '{name}'\n" + VALID, encoding="utf-8")
    report = tmp_path / "r.docx"
    result, _ = run("report", "-a", answers, "-f", "docx", "-o", report)
    assert result.exit_code == 0, result.stderr
    title = docx.Document(str(report)).core_properties.title
    assert len(title) == 255 and title.endswith("…")
    assert name in docx_text(report)
    for fmt in ("docx", "xlsx"):
        out = tmp_path / fmt
        result, _ = run("templates", "okr", "-f", fmt, "--answers", answers, "--out", out)
        assert result.exit_code == 0, result.stderr
        (path,) = out.iterdir()
        if fmt == "docx":
            title = docx.Document(str(path)).core_properties.title
            assert name in docx_text(path)
        else:
            book = openpyxl.load_workbook(path)
            title = book.properties.title
            assert name in xlsx_text(path)
            footer = book.worksheets[0].oddFooter.left.text
            assert len(footer) <= 200 and footer.endswith("…")
        assert len(title) <= 255 and title.endswith("…")


def _workshop(tmp_path: Path, title: str, names: list[str]) -> Path:
    import yaml

    folder = tmp_path / "w"
    result, _ = run("workshop", "new", folder, "--title", title, "--set", "function=company")
    assert result.exit_code == 0, result.stderr
    for number, name in enumerate(names):
        answers = {"headcount": 40 + number, "needs": ["alignment"], "_meta": {"participant": name}}
        path = folder / "participants" / f"p{number}.yaml"
        path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    return folder


WORKSHOP_NAMES = ["Sam\vLee\x1b]0;pwned\x07", "[@click=app.quit]Ana[/]", "Bo\f\x1b[2J"]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "md", "json", "text"])
def test_the_workshop_summary_holds_control_characters(tmp_path: Path, fmt: str) -> None:
    """`workshop summary --format docx` failed with a traceback on a title "Acme\\vLtd"; no
    format passes ESC or BEL on to a terminal."""
    folder = _workshop(tmp_path, "Acme\vLtd\x1b[31m", WORKSHOP_NAMES)
    target = tmp_path / f"summary.{fmt}"
    result, _ = run("workshop", "summary", folder, "-f", fmt, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    if fmt == "docx":
        text = docx_text(target)
        assert "Acme Ltd" in text and "Sam Lee" in text
        assert not any(ch in text for ch in "\v\f\x1b\x07")
    if fmt == "md":
        assert markdown_hazards(target.read_text(encoding="utf-8")) == []
    shown, _ = run("workshop", "summary", folder)  # on the terminal
    assert shown.exit_code == 0, shown.stderr
    assert not any(ch in shown.stdout for ch in "\x1b\x07\v\f"), shown.stdout
