"""`framework-advisor workshop ...` through the real click group."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from framework_advisor import __version__

from .hostile import ERROR_LINE

PEOPLE = {
    "Xanthe Quillon": {"headcount": 30, "needs": ["strategic_change", "alignment"],
                  "compensation_linked": True, "industry": "saas", "maturity": "none"},
    "Borvik Ostrand": {"headcount": 40, "needs": ["strategic_change"], "compensation_linked": True,
                  "industry": "saas", "maturity": "some_okrs"},
    "Cyrilla Vantwerp": {"headcount": 120, "needs": ["strategic_change", "alignment"],
                  "compensation_linked": False, "industry": "saas", "maturity": "none"},
    "Dagny Zelinski": {"headcount": 45, "needs": ["alignment", "execution_discipline"],
                "compensation_linked": True, "industry": "software", "maturity": "some_okrs"},
}  # fmt: skip


def _write(folder: Path, name: str, answers: dict, suffix: str = ".yaml") -> Path:
    path = folder / "participants" / f"{name.split()[0].lower()}{suffix}"
    data = {**answers, "_meta": {"participant": name}}
    text = json.dumps(data) if suffix == ".json" else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def _workshop(run_cli, tmp_path: Path, people: dict = PEOPLE) -> Path:
    folder = tmp_path / "acme"
    result = run_cli("workshop", "new", folder, "--title", "Acme", "--set", "function=company")
    assert result.exit_code == 0, result.stderr
    for i, (name, answers) in enumerate(people.items()):
        _write(folder, name, answers, ".json" if i == 1 else ".yaml")
    return folder


def _summary(run_cli, folder: Path, *args: str) -> dict:
    result = run_cli("workshop", "summary", folder, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_new_writes_the_workshop_file_and_the_participants_folder(run_cli, kb, tmp_path) -> None:
    folder = tmp_path / "w"
    result = run_cli(
        "workshop", "new", folder, "--title", "Acme leadership", "--organisation", "Acme",
        "--set", "function=sales", "--set", "headcount=300",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"framework-advisor workshop summary {folder}" in result.stderr  # the next step
    config = yaml.safe_load((folder / "workshop.yaml").read_text())
    assert config["title"] == "Acme leadership"
    assert config["tool_version"] == __version__
    assert config["kb_version"] == kb.version
    assert config["packs"] == []
    assert config["created"].endswith("Z")
    assert config["fixed"] == {
        "organisation": "Acme",
        "headcount": 300,
        "function": "sales",
    }
    assert config["threshold"] == 0.75
    assert (folder / "participants").is_dir()


def test_new_refuses_a_bad_setting_and_an_existing_folder(run_cli, tmp_path) -> None:
    result = run_cli("workshop", "new", tmp_path / "a", "--set", "function=salez")
    assert result.exit_code == 2
    assert "salez" in result.stderr and "Did you mean 'sales'" in result.stderr
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text("x")
    result = run_cli("workshop", "new", tmp_path / "b")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_summary_json_has_the_keys_the_issue_names(run_cli, tmp_path) -> None:
    data = _summary(run_cli, _workshop(run_cli, tmp_path))
    assert data["participants"] == 4
    assert data["round"] == 1
    assert {g["id"] for g in data["group_ranking"]} >= {"okr", "kpi"}
    assert set(data["group_ranking"][0]) == {"id", "fit", "spread"}
    assert data["mix"] and {"layer", "framework"} <= set(data["mix"][0])
    assert 0 <= data["kendall_w"] <= 1
    by_q = {d["question"]: d for d in data["disagreements"]}
    assert by_q["compensation_linked"]["answers"] == {"true": 3, "false": 1}
    assert by_q["headcount"]["answers"] == {"startup": 3, "scaleup": 1}
    assert by_q["maturity"]["consensus"] == 0.5
    assert all(isinstance(v, str) for d in data["disagreements"] for v in d["answers"])
    assert all(isinstance(s, list) for s in (d["swing"] for d in data["disagreements"]))
    assert [d["consensus"] for d in data["disagreements"]] == sorted(
        d["consensus"] for d in data["disagreements"]
    )
    kinds = [a["kind"] for a in data["agenda"]]
    assert kinds[0] == "opening" and kinds[-1] == "closing" and set(kinds[1:-1]) <= {"topic"}
    topics = {a["question"] for a in data["agenda"] if a["kind"] == "topic"}
    assert "compensation_linked" in topics  # a decision: 3 of 4 agree, one differs
    assert topics.isdisjoint(data["also_differs"])
    assert sum(a["minutes"] for a in data["agenda"]) == 60
    assert all(a["minutes"] >= 5 for a in data["agenda"])
    assert all(a["ask"] and a["options"] for a in data["agenda"] if a["kind"] == "topic")
    assert all(a["why"] for a in data["agenda"])  # the row's title in words
    assert by_q["maturity"]["agreement"] == "split" and by_q["needs"]["agreement"] == "most"
    pay = {p["answer"]: p for p in by_q["compensation_linked"]["positions"]}
    assert pay["false"]["holders"] == ["P2"] and not pay["false"]["group"]  # Cyrilla
    # ids follow the file names: borvik.json, cyrilla.yaml, dagny.yaml, xanthe.yaml
    assert [t["name"] for t in data["participants_top"].values()] == sorted(PEOPLE)
    assert data["participants_top"]["P1"]["name"] == "Borvik Ostrand"
    assert len(data["participants_top"]["P1"]["top"]) == 3
    assert data["skipped"] == []
    assert data["group_answers"]["compensation_linked"] == "true"
    assert data["group_answers"]["needs"] == ["strategic_change", "alignment"]


def test_minutes_are_shared_out_of_the_given_total(run_cli, tmp_path) -> None:
    data = _summary(run_cli, _workshop(run_cli, tmp_path), "--minutes", "90")
    assert sum(a["minutes"] for a in data["agenda"]) == 90


def test_corrupt_partial_and_other_scope_files_are_skipped_with_reasons(run_cli, tmp_path) -> None:
    folder = _workshop(run_cli, tmp_path)
    participants = folder / "participants"
    (participants / "broken.yaml").write_text("needs: [\n")
    (participants / "partial.yml").write_text("headcount: 12\n")  # no needs
    (participants / "sales.yaml").write_text(
        yaml.safe_dump({**PEOPLE["Xanthe Quillon"], "function": "sales"})
    )
    (participants / "notes.txt").write_text("not an answers file")
    result = run_cli("workshop", "summary", folder, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["participants"] == 4
    skipped = {s["file"]: s["error"] for s in data["skipped"]}
    assert set(skipped) == {"broken.yaml", "partial.yml", "sales.yaml"}
    assert "not valid YAML" in skipped["broken.yaml"]
    assert "'needs' is required" in skipped["partial.yml"]
    assert "fixed answer" in skipped["sales.yaml"]
    assert "skipped broken.yaml" in result.stderr
    # ids follow the files' positions (notes.txt is not an answers file): skipped ones leave gaps
    assert set(data["participants_top"]) == {"P1", "P3", "P4", "P7"}


def test_an_empty_workshop_says_so_and_exits_2(run_cli, tmp_path) -> None:
    folder = tmp_path / "empty"
    run_cli("workshop", "new", folder)
    result = run_cli("workshop", "summary", folder)
    assert result.exit_code == 2
    assert "no participant answers yet" in result.stderr
    assert result.stdout == ""


def test_an_empty_workshop_counts_its_skipped_files_in_words(run_cli, tmp_path) -> None:
    folder = tmp_path / "empty"
    run_cli("workshop", "new", folder)
    (folder / "participants" / "broken.yaml").write_text("a: [\n", encoding="utf-8")
    result = run_cli("workshop", "summary", folder)
    assert result.exit_code == 2
    assert "(1 file skipped)" in result.stderr
    (folder / "participants" / "torn.yaml").write_text("b: [\n", encoding="utf-8")
    assert "(2 files skipped)" in run_cli("workshop", "summary", folder).stderr


def test_a_missing_folder_or_a_bad_workshop_file_is_one_line_and_exit_2(run_cli, tmp_path) -> None:
    result = run_cli("workshop", "summary", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    folder = _workshop(run_cli, tmp_path)
    for text in ("title: [\n", "title: x\nsurprise: 1\n", "- a list\n", "title: x\nthreshold: 7\n"):
        (folder / "workshop.yaml").write_text(text)
        result = run_cli("workshop", "summary", folder)
        assert result.exit_code == 2, text
        assert ERROR_LINE.match(result.stderr) and len(result.stderr.strip().splitlines()) == 1


def test_the_threshold_is_configurable_in_the_workshop_file(run_cli, tmp_path) -> None:
    folder = _workshop(run_cli, tmp_path)
    config = yaml.safe_load((folder / "workshop.yaml").read_text())
    industry = next(d for d in _summary(run_cli, folder)["disagreements"]
                    if d["question"] == "industry")  # fmt: skip
    assert industry["agreement"] == "most" and industry["reached"]  # 3 of 4 at 75%
    config["threshold"] = 1.0
    (folder / "workshop.yaml").write_text(yaml.safe_dump(config))
    data = _summary(run_cli, folder)
    assert data["threshold"] == 1.0
    industry = next(d for d in data["disagreements"] if d["question"] == "industry")
    assert industry["agreement"] == "split" and industry["reached"] is False  # all, or split


def test_anonymous_output_holds_no_name_in_any_format(run_cli, tmp_path) -> None:
    folder = _workshop(run_cli, tmp_path)
    (folder / "participants" / "Zebulon Brokk.yaml").write_text("needs: [\n")
    names = ["Xanthe", "Quillon", "Borvik", "Ostrand", "Cyrilla", "Vantwerp", "Dagny", "Zelinski"]
    names += ["Zebulon", "Brokk", "xanthe", "borvik", "zebulon"]
    for fmt in ("json", "html", "md", "text"):
        result = run_cli("workshop", "summary", folder, "--format", fmt, "--anonymous")
        assert result.exit_code == 0, result.stderr
        for name in names:
            assert name not in result.stdout, (fmt, name)
            assert name not in result.stderr, (fmt, name)
    data = _summary(run_cli, folder, "--anonymous")
    assert data["participants_top"]["P2"]["name"] == "P2"
    assert data["skipped"][0]["file"] == "file 1"


def test_html_is_self_contained_with_charts_that_have_text_alternatives(run_cli, tmp_path) -> None:
    folder = _workshop(run_cli, tmp_path, {**PEOPLE, "<i>Eve": PEOPLE["Dagny Zelinski"]})
    result = run_cli("workshop", "summary", folder, "--format", "html")
    page = result.stdout
    assert page.count("<svg") == 3
    assert page.count("<title id=") == 3 and page.count("<desc id=") == 3
    assert "<script" not in page and "<link" not in page and "src=" not in page
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<i>Eve" not in page and "&lt;i&gt;Eve" in page


def test_merge_joins_two_files_of_one_person_the_later_answer_winning(run_cli, tmp_path) -> None:
    folder = _workshop(run_cli, tmp_path)
    participants = folder / "participants"
    early = {
        **PEOPLE["Xanthe Quillon"],
        "_meta": {"participant": "Ann", "updated": "2026-01-01T00:00:00Z"},
    }
    late = {"needs": ["goal_clarity"], "headcount": 35,
            "_meta": {"participant": "Ann", "updated": "2026-02-01T00:00:00Z"}}  # fmt: skip
    (participants / "ann.yaml").write_text(yaml.safe_dump(early))
    (participants / "ann-2.yaml").write_text(yaml.safe_dump(late))
    result = run_cli("workshop", "merge", folder, "ann", "ann-2")
    assert result.exit_code == 0, result.stderr
    assert "Needs: " in result.stderr and "the later" in result.stderr
    merged = yaml.safe_load((participants / "ann.yaml").read_text())
    assert merged["needs"] == ["goal_clarity"]
    assert merged["headcount"] == 35
    assert merged["maturity"] == "none"  # only the earlier file answered it
    assert not (participants / "ann-2.yaml").exists()
    assert (folder / "merged" / "ann-2.yaml").exists()
    assert _summary(run_cli, folder)["participants"] == 5  # the four, and Ann once
    result = run_cli("workshop", "merge", folder, "P1", "nobody")
    assert result.exit_code == 2


def test_a_reveal_then_a_changed_answer_starts_round_two(run_cli, tmp_path) -> None:
    folder = _workshop(run_cli, tmp_path)
    assert run_cli("workshop", "reveal", folder).exit_code == 0
    data = _summary(run_cli, folder)
    assert data["round"] == 1 and data["rounds"] == []
    _write(folder, "Borvik Ostrand", {**PEOPLE["Borvik Ostrand"], "maturity": "none"}, ".json")
    data = _summary(run_cli, folder)
    assert data["round"] == 2
    maturity = next(r for r in data["rounds"] if r["question"] == "maturity")
    assert maturity == {"question": "maturity", "before": 0.5, "after": 0.75, "moved": 1,
                        "agreement_before": "split", "agreement_after": "most"}  # fmt: skip


def test_a_closed_workshop_refuses_a_reveal(run_cli, tmp_path) -> None:
    folder = _workshop(run_cli, tmp_path)
    assert run_cli("workshop", "close", folder).exit_code == 0
    assert yaml.safe_load((folder / "workshop.yaml").read_text())["closed"]
    result = run_cli("workshop", "reveal", folder)
    assert result.exit_code == 2 and "closed" in result.stderr


WRITER = """
import sys
from pathlib import Path
from framework_advisor.kb.load import load
from framework_advisor.sessions import dump_session
from framework_advisor.sources.atomic import atomic_write
kb = load([], use_cache=False)
folder, name = Path(sys.argv[1]), sys.argv[2]
for headcount in range(20, 60):
    answers = {"organisation": "Acme", "function": "company", "headcount": headcount,
               "needs": ["alignment"]}
    atomic_write(folder / f"{name}.yaml", dump_session(kb, answers, None, name), force=True)
"""


@pytest.mark.subprocess
def test_several_processes_saving_at_once_lose_nothing(run_cli, tmp_path) -> None:
    folder = tmp_path / "busy"
    run_cli("workshop", "new", folder, "--title", "Acme", "--set", "function=company")
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(folder / "participants"), f"p{i}"])
        for i in range(6)
    ]
    seen_skipped = []
    while any(w.poll() is None for w in writers):
        result = run_cli("workshop", "summary", folder, "--format", "json")
        if result.exit_code == 0:
            seen_skipped += json.loads(result.stdout)["skipped"]
    assert all(w.returncode == 0 for w in writers)
    data = _summary(run_cli, folder)
    assert data["participants"] == 6
    assert seen_skipped == []  # no reader ever saw a half-written file
    headcount = next(d for d in data["disagreements"] if d["question"] == "headcount")
    assert headcount["answered"] == 6


@pytest.mark.slow
def test_pdf_and_word_summaries_read_back(run_cli, tmp_path) -> None:
    import docx
    import pypdf

    folder = _workshop(run_cli, tmp_path)
    result = run_cli("workshop", "summary", folder, "-f", "pdf", "-o", tmp_path / "s.pdf",
                     "--anonymous")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "s.pdf").pages)
    assert "Agenda" in text and "What to settle" in text and "Kendall" in text
    # plain words first, the statistics last
    assert text.index("agree on") < text.index("How agreement is measured") < text.index("Kendall")
    assert "Xanthe" not in text and "Borvik" not in text
    result = run_cli("workshop", "summary", folder, "-f", "docx", "-o", tmp_path / "s.docx")
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(tmp_path / "s.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "How agreement is measured" in headings
    assert headings.index("What to settle") < headings.index("How agreement is measured")
    lines = [p.text for p in document.paragraphs]
    assert any(line.startswith("Group ranking") for line in lines)
    assert any("Xanthe Quillon" in line for line in lines)
    assert len(document.inline_shapes) == 3  # the charts the PDF has, as pictures
    result = run_cli("workshop", "summary", folder, "-f", "pdf")
    assert result.exit_code == 2 and "-o FILE" in result.stderr


def test_a_fixed_headcount_overrides_a_participants_stage(run_cli, tmp_path) -> None:
    folder = tmp_path / "sized"
    run_cli("workshop", "new", folder, "--set", "function=company", "--set", "headcount=2000")
    answers = {"needs": ["alignment"], "stage": "startup"}
    (folder / "participants" / "a.yaml").write_text(yaml.safe_dump(answers))
    data = _summary(run_cli, folder)
    assert data["group_answers"]["headcount"] == "2000"
    assert "stage" not in data["group_answers"]
    assert "stage" not in {d["question"] for d in data["disagreements"]}


def test_text_and_markdown_summaries_read_as_labels_not_ids(run_cli, kb, tmp_path) -> None:
    folder = _workshop(run_cli, tmp_path)
    for fmt in ("text", "md"):
        result = run_cli("workshop", "summary", folder, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        out = result.stdout
        assert "Goals feed pay (Yes: 3 of 4)" in out and "true" not in out
        needs = {o.value: o.label for o in kb.question_map["needs"].options}
        assert needs["alignment"] in out and "execution_discipline" not in out


@pytest.mark.slow
def test_the_pdf_summary_prints_a_hostile_title_literally_on_a4(run_cli, tmp_path) -> None:
    import pypdf

    title = "Acme #set page(width: 1cm) $x$ <b>"
    folder = tmp_path / "ws"
    result = run_cli("workshop", "new", folder, "--title", title, "--set", "function=company")
    assert result.exit_code == 0, result.stderr
    for name, answers in list(PEOPLE.items())[:2]:
        _write(folder, name, answers, ".yaml")
    result = run_cli("workshop", "summary", folder, "-f", "pdf", "-o", tmp_path / "s.pdf")
    assert result.exit_code == 0, result.stderr
    reader = pypdf.PdfReader(tmp_path / "s.pdf")
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in reader.pages} == {(595, 842)}  # fmt: skip
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert f"Workshop: {title}" in text and "Group ranking" in text
    assert f"Page 1 of {len(reader.pages)}" in text
