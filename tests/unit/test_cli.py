"""The command line's happy paths, through the real click group (output and exit codes are an API)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from framework_advisor import __version__
from framework_advisor.domain.contract import FIXED_QUESTIONS, FRAMEWORK_IDS
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.kb.load import load

from ..conftest import ROOT, SAMPLES, build_tree

Run = Callable[..., Result]
STARTUP = SAMPLES / "startup.yaml"
SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))
OKR = (ROOT / "knowledge" / "frameworks" / "okr.yaml").read_text(encoding="utf-8")
OKR_NAME = "name: Objectives and Key Results (OKR)\n"


def ok(result: Result) -> Result:
    output = result.stdout + result.stderr
    assert result.exit_code == 0, output
    assert "Traceback" not in output
    return result


def fails(result: Result, *facts: str) -> Result:
    output = result.stdout + result.stderr
    assert result.exit_code == 2, output
    assert "Traceback" not in output
    for fact in facts:
        assert fact in result.stderr, result.stderr
    return result


def as_json(result: Result) -> Any:
    return json.loads(ok(result).stdout)


def renamed_okr_pack(root: Path, name: str, label: str) -> Path:
    """A pack that renames OKR: which pack won shows in `show okr`."""
    assert OKR_NAME in OKR
    return build_tree(
        root,
        {
            "pack.yaml": f"name: {name}\nversion: '1.0'\nschema_version: 2\n",
            "frameworks/okr.yaml": OKR.replace(OKR_NAME, f"name: {label}\n", 1),
        },
    )


def okr_name(run_cli: Run, *args: str | Path) -> str:
    return as_json(run_cli(*args, "show", "okr", "-f", "json"))["name"]


# --- recommend -----------------------------------------------------------------------------


def test_recommend_text(run_cli: Run) -> None:
    result = ok(run_cli("recommend", "--answers", STARTUP))
    out = result.stdout
    assert out.startswith("Framework Advisor: recommendation for Brightloop")
    for heading in ("In short", "Run now (phase 1)", "Ranking (fit 0-100)", "Why the top three"):
        assert heading in out
    ranking = out[out.index("Ranking") :]
    for framework in ("Objectives and Key Results (OKR)", "Hoshin Kanri (Policy Deployment)"):
        assert framework in ranking
    assert "\x1b[" not in out  # not a terminal: no colour codes
    assert result.stderr == ""


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["text", "json", "md"])
def test_recommend_every_sample_in_every_format(run_cli: Run, sample: Path, fmt: str) -> None:
    result = ok(run_cli("recommend", "--answers", sample, "--format", fmt))
    assert result.stdout.strip()


def test_recommend_json_contract(run_cli: Run, kb: KnowledgeBase) -> None:
    data = as_json(run_cli("recommend", "--answers", STARTUP, "-f", "json"))
    contract = {
        "profile",
        "ranking",
        "mix",
        "retire",
        "cautions",
        "cadence",
        "meeting_minutes_per_month",
        "unanswered",
        "sensitivity",
        "needs",
        "phases",
        "summary",
        "mix_choice",
    }
    assert contract <= set(data)

    answers = yaml.safe_load(STARTUP.read_text(encoding="utf-8"))
    profile = data["profile"]
    for key, value in answers.items():
        expected = sorted(value) if isinstance(value, list) else value
        assert (sorted(profile[key]) if isinstance(value, list) else profile[key]) == expected
    assert profile["stage"] == "startup"  # derived from headcount 12

    ranking = data["ranking"]
    assert len(ranking) == len(kb.frameworks)
    assert sorted(item["id"] for item in ranking) == sorted(FRAMEWORK_IDS)
    assert all(item["name"] == kb.frameworks[item["id"]].name for item in ranking)
    fits = [item["fit"] for item in ranking]
    assert all(type(fit) is int and 0 <= fit <= 100 for fit in fits)
    assert fits == sorted(fits, reverse=True)
    for item in ranking:
        assert item["reasons"], item["id"]
        for reason in item["reasons"]:
            assert {"rule", "text", "effect"} <= set(reason)
            assert isinstance(reason["rule"], str) and reason["text"]
            assert type(reason["effect"]) is int

    layers = {"direction", "focus", "health", "individual", "execution", "structure"}
    assert data["mix"]
    for layer in data["mix"]:
        assert set(layer) >= {"layer", "framework", "why", "needs"}
        assert layer["layer"] in layers and layer["framework"] in FRAMEWORK_IDS and layer["why"]
        assert set(layer["needs"]) <= set(answers["needs"])
    # phases: phase 1 repeats the mix, with the mix's calendar and minutes
    first = data["phases"][0]
    assert first["phase"] == 1
    assert first["frameworks"] == [layer["framework"] for layer in data["mix"]]
    assert first["meeting_minutes_per_month"] == data["meeting_minutes_per_month"]
    assert first["cadence"] == data["cadence"]
    for phase in data["phases"]:
        assert set(phase) >= {"phase", "frameworks", "why", "signal", "cadence"}
    assert [n["need"] for n in data["needs"]] == profile["needs"]
    for need in data["needs"]:
        assert set(need) >= {"need", "frameworks", "covered", "why"} and need["why"]
    assert 3 <= data["summary"].count(". ") + 1 <= 6
    assert " over " in data["mix_choice"] or " rather than " in data["mix_choice"]

    assert data["retire"] == []  # the startup uses no framework yet
    for caution in data["cautions"]:
        assert set(caution) >= {"id", "text"} and caution["text"]

    assert data["cadence"]
    for ritual in data["cadence"]:
        assert set(ritual) >= {
            "ritual",
            "frameworks",
            "frequency",
            "minutes_per_meeting",
            "minutes_per_month",
        }
        assert set(ritual["frameworks"]) <= {layer["framework"] for layer in data["mix"]}
        assert type(ritual["minutes_per_meeting"]) is int
        assert type(ritual["minutes_per_month"]) is int
    total = sum(ritual["minutes_per_month"] for ritual in data["cadence"])
    assert data["meeting_minutes_per_month"] == total

    question_ids = {q.id for q in kb.questions}
    assert set(data["unanswered"]) <= question_ids - set(answers)

    assert data["sensitivity"]
    ranks = {item["id"]: position + 1 for position, item in enumerate(ranking)}
    for entry in data["sensitivity"]:
        assert set(entry) >= {"question", "value", "moves"}
        assert entry["question"] in question_ids
        assert entry["moves"]
        for move in entry["moves"]:
            assert set(move) >= {"id", "from_rank", "to_rank"}
            assert ranks[move["id"]] == move["from_rank"] != move["to_rank"]


def test_recommend_json_lists_frameworks_to_retire(run_cli: Run) -> None:
    sample = SAMPLES / "manufacturer.yaml"
    current = yaml.safe_load(sample.read_text(encoding="utf-8"))["current_frameworks"]
    data = as_json(run_cli("recommend", "--answers", sample, "-f", "json"))
    assert data["retire"]
    mix = {layer["framework"] for layer in data["mix"]}
    for item in data["retire"]:
        assert set(item) >= {"id", "why"} and item["why"]
        assert item["id"] in current and item["id"] not in mix


def test_recommend_markdown(run_cli: Run) -> None:
    out = ok(run_cli("recommend", "--answers", STARTUP, "--format", "md")).stdout
    lines = out.splitlines()
    assert lines[0] == "# Framework recommendation for Brightloop"
    assert "## In short" in lines and "## Run now (phase 1)" in lines and "## Ranking" in lines
    assert "| Layer | Framework | For | Why |" in lines
    mix_at = lines.index("| Layer | Framework | For | Why |")
    assert lines[mix_at + 1].startswith("| ---")
    assert lines[mix_at + 2].startswith("| Direction | Objectives and Key Results (OKR) |")


def test_recommend_reads_json_answers(run_cli: Run, write_answers: Callable[..., Path]) -> None:
    answers = yaml.safe_load(STARTUP.read_text(encoding="utf-8"))
    path = write_answers(json.dumps(answers, indent=2), "answers.json")
    from_json = as_json(run_cli("recommend", "--answers", path, "-f", "json"))
    from_yaml = as_json(run_cli("recommend", "--answers", STARTUP, "-f", "json"))
    assert from_json["ranking"] == from_yaml["ranking"]


def test_recommend_notes_an_answer_its_question_hides(
    run_cli: Run, write_answers: Callable[..., Path]
) -> None:
    path = write_answers(
        {"function": "company", "needs": ["alignment"], "headcount": 40, "team_size": 5}
    )
    result = ok(run_cli("recommend", "--answers", path, "-f", "json"))
    assert "note: 'team_size' is ignored" in result.stderr
    json.loads(result.stdout)


# --- output files --------------------------------------------------------------------------


def test_written_files_get_the_usual_permissions(run_cli: Run, tmp_path: Path) -> None:
    """A new file as the umask allows (a report is to be shared), not private as a temporary
    file is; an overwritten file keeps the permissions it had."""
    mask = os.umask(0o022)
    os.umask(mask)
    target = tmp_path / "report.md"
    ok(run_cli("recommend", "--answers", STARTUP, "-f", "md", "-o", target))
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask != 0o600
    target.chmod(0o640)
    ok(run_cli("recommend", "--answers", STARTUP, "-f", "md", "-o", target, "--force"))
    assert target.stat().st_mode & 0o777 == 0o640


def test_output_file_refused_without_force_then_overwritten_with_force(
    run_cli: Run, tmp_path: Path
) -> None:
    target = tmp_path / "report.json"
    first = ok(run_cli("recommend", "--answers", STARTUP, "-f", "json", "-o", target))
    assert first.stdout == ""
    assert f"wrote {target}" in first.stderr
    written = target.read_text(encoding="utf-8")
    assert json.loads(written)["ranking"]
    assert written == ok(run_cli("recommend", "--answers", STARTUP, "-f", "json")).stdout

    refused = fails(run_cli("recommend", "--answers", STARTUP, "-o", target), "--force")
    assert str(target) in refused.stderr and "already exists" in refused.stderr
    assert target.read_text(encoding="utf-8") == written

    ok(run_cli("recommend", "--answers", STARTUP, "-o", target, "--force"))
    overwritten = target.read_text(encoding="utf-8")
    assert overwritten.startswith("Framework Advisor: recommendation for Brightloop")
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_output_into_a_missing_folder(run_cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.md"
    fails(
        run_cli("recommend", "--answers", STARTUP, "-f", "md", "-o", target),
        str(target),
        "does not exist",
    )
    assert not target.parent.exists()


def test_output_onto_a_folder(run_cli: Run, tmp_path: Path) -> None:
    fails(run_cli("recommend", "--answers", STARTUP, "-o", tmp_path), "is a folder")


@pytest.mark.parametrize(
    "args",
    [
        ("show", "okr", "-f", "md"),
        ("compare", "okr", "kpi", "-f", "md"),
        ("questions", "-f", "yaml"),
        ("whatif", "--answers", STARTUP, "--set", "headcount=400", "-f", "md"),
    ],
    ids=["show", "compare", "questions", "whatif"],
)
def test_other_commands_write_files_too(run_cli: Run, tmp_path: Path, args: tuple) -> None:
    target = tmp_path / "out.txt"
    expected = ok(run_cli(*args)).stdout
    ok(run_cli(*args, "-o", target))
    assert target.read_text(encoding="utf-8") == expected
    fails(run_cli(*args, "-o", target), "--force")


# --- whatif --------------------------------------------------------------------------------


def whatif_json(run_cli: Run, *args: str | Path) -> dict[str, Any]:
    return as_json(run_cli("whatif", "--answers", STARTUP, *args, "-f", "json"))


def check_moves(data: dict[str, Any]) -> None:
    assert set(data) >= {"before", "after", "moved"}
    before = {item["id"]: (item["rank"], item["fit"]) for item in data["before"]["ranking"]}
    after = {item["id"]: (item["rank"], item["fit"]) for item in data["after"]["ranking"]}
    assert len(before) == len(after) == len(load([]).frameworks)
    changed = {fid for fid in before if before[fid] != after[fid]}
    assert {move["id"] for move in data["moved"]} == changed
    for move in data["moved"]:
        assert set(move) >= {"id", "from_rank", "to_rank", "fit_delta"}
        assert move["from_rank"] == before[move["id"]][0]
        assert move["to_rank"] == after[move["id"]][0]
        assert move["fit_delta"] == after[move["id"]][1] - before[move["id"]][1]


def test_whatif_set_a_single_value(run_cli: Run) -> None:
    data = whatif_json(run_cli, "--set", "headcount=400")
    check_moves(data)
    assert data["before"]["profile"]["stage"] == "startup"
    assert data["after"]["profile"]["headcount"] == 400
    assert data["after"]["profile"]["stage"] == "growth"
    assert data["moved"]
    before = as_json(run_cli("recommend", "--answers", STARTUP, "-f", "json"))
    assert data["before"]["ranking"] == before["ranking"]


def test_whatif_set_a_list_and_several_values(run_cli: Run) -> None:
    data = whatif_json(
        run_cli,
        "--set",
        "needs=alignment, operational_health",
        "--set",
        "maturity=mature",
    )
    check_moves(data)
    profile = data["after"]["profile"]
    assert profile["needs"] == ["operational_health", "alignment"]  # questionnaire order
    assert profile["maturity"] == "mature"


@pytest.mark.parametrize(
    ("text", "value"), [("yes", True), ("Y", True), ("true", True), ("no", False), ("0", False)]
)
def test_whatif_set_yes_no(run_cli: Run, text: str, value: bool) -> None:
    data = whatif_json(run_cli, "--set", f"compensation_linked={text}")
    check_moves(data)
    assert data["after"]["profile"]["compensation_linked"] is value
    assert data["before"]["profile"]["compensation_linked"] is False


def test_whatif_set_empty_means_unanswered(run_cli: Run) -> None:
    data = whatif_json(run_cli, "--set", "industry=")
    check_moves(data)
    assert data["before"]["profile"]["industry"] == "saas"
    assert "industry" not in data["after"]["profile"]


@pytest.mark.parametrize(
    ("setting", "facts"),
    [
        (
            "headcount=abc",
            ("--set: error answers-type: headcount: expected a whole number, got 'abc'",),
        ),
        ("headcount=0", ("headcount: 0 is below the minimum of 1",)),
        ("compensation_linked=maybe", ("expected true or false (yes/no), got 'maybe'",)),
        ("function=compny", ("'compny' is not an option", "Did you mean 'company'?")),
        ("needs=alignment,focus", ("needs[1]: 'focus' is not an option",)),
        ("headcont=40", ("headcont: not a question", "Did you mean 'headcount'?")),
        ("function=", ("'function' is required",)),
        ("headcount", ("expected QUESTION=VALUE",)),
    ],
)
def test_whatif_set_bad_value(run_cli: Run, setting: str, facts: tuple[str, ...]) -> None:
    result = fails(run_cli("whatif", "--answers", STARTUP, "--set", setting), *facts)
    assert result.stdout == ""


def test_whatif_vs_another_file(run_cli: Run) -> None:
    other = SAMPLES / "sales-led.yaml"
    data = whatif_json(run_cli, "--vs", other)
    check_moves(data)
    assert data["after"]["profile"]["organisation"] == "Northwind Software"
    assert data["after"]["profile"]["stage"] == "growth"
    recommended = as_json(run_cli("recommend", "--answers", other, "-f", "json"))
    assert data["after"]["ranking"] == recommended["ranking"]


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_whatif_text_and_markdown(run_cli: Run, fmt: str) -> None:
    out = ok(run_cli("whatif", "--answers", STARTUP, "--set", "headcount=400", "-f", fmt)).stdout
    assert "What if" in out and "Headcount: 400" in out and "Plan" in out


@pytest.mark.parametrize(
    "extra", [(), ("--set", "headcount=400", "--vs", SAMPLES / "sales-led.yaml")]
)
def test_whatif_needs_exactly_one_of_set_and_vs(run_cli: Run, extra: tuple) -> None:
    fails(run_cli("whatif", "--answers", STARTUP, *extra), "--set", "--vs")


# --- frameworks, show, compare -------------------------------------------------------------


def test_frameworks_lists_the_fourteen(run_cli: Run) -> None:
    out = ok(run_cli("frameworks")).stdout
    listed = [line.split()[0] for line in out.splitlines()[1:] if line.strip()]
    assert [fid for fid in listed if fid in FRAMEWORK_IDS] == list(FRAMEWORK_IDS)
    data = as_json(run_cli("frameworks", "--format", "json"))
    assert [item["id"] for item in data] == list(FRAMEWORK_IDS)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("okr", "okr"),
        ("hoshin_kanri", "hoshin_kanri"),
        ("OKRs", "okr"),
        ("okrs", "okr"),
        ("KPI", "kpi"),
        ("balanced scorecard (bsc)", "bsc"),
        ("Hoshin-Kanri", "hoshin_kanri"),
    ],
)
def test_show_by_id_or_alias(run_cli: Run, kb: KnowledgeBase, given: str, expected: str) -> None:
    out = ok(run_cli("show", given)).stdout
    assert out.splitlines()[0] == kb.frameworks[expected].name
    assert as_json(run_cli("show", given, "-f", "json"))["id"] == expected


def test_show_markdown(run_cli: Run, kb: KnowledgeBase) -> None:
    out = ok(run_cli("show", "4dx", "-f", "md")).stdout
    assert out.startswith(f"# {kb.frameworks['4dx'].name}")


@pytest.mark.parametrize(
    ("given", "facts"),
    [
        ("okx", ("no framework 'okx'", "Did you mean 'okr'?")),
        ("hoshin_kanr", ("Did you mean 'hoshin_kanri'?",)),
        ("zzzzzz", ("no framework 'zzzzzz'", "framework-advisor frameworks")),
    ],
)
def test_show_unknown(run_cli: Run, given: str, facts: tuple[str, ...]) -> None:
    result = fails(run_cli("show", given), *facts)
    assert result.stdout == ""


@pytest.mark.parametrize("ids", [("okr", "kpi"), ("okr", "kpi", "mbo", "bsc")])
def test_compare_two_to_four(run_cli: Run, kb: KnowledgeBase, ids: tuple[str, ...]) -> None:
    out = ok(run_cli("compare", *ids, "-f", "md")).stdout
    lines = out.splitlines()
    assert all(line.startswith("|") and line.endswith("|") for line in lines if line)
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == ["", *(kb.frameworks[fid].name for fid in ids)]
    assert set(lines[1].replace("|", "").split()) == {"---"}
    assert lines[1].count("|") == len(ids) + 2
    assert all(line.count("|") - line.count("\\|") == len(ids) + 2 for line in lines if line)
    text = ok(run_cli("compare", *ids)).stdout
    assert text.strip()
    data = as_json(run_cli("compare", *ids, "-f", "json"))
    assert [item["id"] for item in data] == list(ids)


def test_compare_accepts_aliases(run_cli: Run) -> None:
    data = as_json(run_cli("compare", "OKRs", "Hoshin-Kanri", "-f", "json"))
    assert [item["id"] for item in data] == ["okr", "hoshin_kanri"]


@pytest.mark.parametrize(
    "ids",
    [("okr",), ("okr", "kpi", "mbo", "bsc", "eos"), ("okr", "OKR")],
    ids=["one", "five", "same-twice"],
)
def test_compare_needs_two_to_four_frameworks(run_cli: Run, ids: tuple[str, ...]) -> None:
    result = fails(run_cli("compare", *ids), "two to four")
    assert result.stdout == ""


def test_compare_unknown_id(run_cli: Run) -> None:
    fails(run_cli("compare", "okr", "kpj"), "no framework 'kpj'", "Did you mean 'kpi'?")


# --- questions -----------------------------------------------------------------------------


def test_questions_text_lists_every_question(run_cli: Run, kb: KnowledgeBase) -> None:
    out = ok(run_cli("questions")).stdout
    for question in kb.questions:
        assert question.id in out and question.prompt in out


def test_questions_yaml_is_a_blank_answers_file_that_runs(
    run_cli: Run, kb: KnowledgeBase, tmp_path: Path
) -> None:
    out = ok(run_cli("questions", "--format", "yaml")).stdout
    blank = yaml.safe_load(out)
    assert list(blank) == [q.id for q in kb.questions]
    assert all(value is None for value in blank.values())
    assert out.lstrip().startswith("#")

    # Blank as written, it names what is missing.
    path = tmp_path / "answers.yaml"
    path.write_text(out, encoding="utf-8")
    fails(run_cli("recommend", "--answers", path), "'function' is required", "'needs' is required")

    # Fill in the three it needs, in place, keeping every comment.
    filled = (
        out.replace("\nfunction:\n", "\nfunction: product\n")
        .replace("\nneeds:\n", "\nneeds: [product_focus, goal_clarity]\n")
        .replace("\nheadcount:\n", "\nheadcount: 30\n")
    )
    assert filled.count("\n#") == out.count("\n#")
    path.write_text(filled, encoding="utf-8")
    data = as_json(run_cli("recommend", "--answers", path, "-f", "json"))
    assert data["profile"]["function"] == "product"
    assert data["profile"]["stage"] == "startup"


def schema_problems(schema: dict[str, Any], answers: dict[str, Any]) -> list[str]:
    """The handful of JSON Schema keywords the answers schema uses, checked by hand."""
    problems = [f"missing {key}" for key in schema["required"] if key not in answers]
    for group in schema.get("allOf", []):
        if not any(all(k in answers for k in alt["required"]) for alt in group["anyOf"]):
            problems.append(f"none of {group['anyOf']}")
    kinds = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "array": list}
    for key, value in answers.items():
        spec = schema["properties"].get(key)
        if spec is None:
            problems.append(f"unexpected {key}")
            continue
        if "enum" in spec and value not in spec["enum"]:
            problems.append(f"{key}: {value!r} not in enum")
        types = spec.get("type", [])
        types = [types] if isinstance(types, str) else types
        if types and value is not None:
            allowed = [kinds[t] for t in types if t in kinds]
            if not isinstance(value, tuple(allowed)) or (
                isinstance(value, bool) and "boolean" not in types
            ):
                problems.append(f"{key}: {value!r} is not {types}")
        if isinstance(value, list):
            problems += [
                f"{key}: {item!r} not in items enum"
                for item in value
                if item not in spec["items"]["enum"]
            ]
            if len(value) < spec.get("minItems", 0):
                problems.append(f"{key}: too few items")
        number = isinstance(value, int) and not isinstance(value, bool)
        if number and not spec.get("minimum", value) <= value <= spec.get("maximum", value):
            problems.append(f"{key}: {value} out of range")
    return problems


def test_questions_json_is_a_json_schema_of_the_answers_file(
    run_cli: Run, kb: KnowledgeBase
) -> None:
    schema = as_json(run_cli("questions", "--format", "json"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {q.id for q in kb.questions} | {"_meta"}
    assert schema["required"] == [q.id for q in kb.questions if q.required]
    assert {"anyOf": [{"required": ["headcount"]}, {"required": ["stage"]}]} in schema["allOf"]
    for question in kb.questions:
        spec = schema["properties"][question.id]
        values = [o.value for o in question.options]
        if question.type == "single":
            assert spec["enum"] == [*values, None]
        elif question.type == "multiple":
            assert spec["items"]["enum"] == values
        elif question.type == "number":
            assert (spec["minimum"], spec["maximum"]) == (question.min, question.max)
    assert schema["properties"]["current_frameworks"]["items"]["enum"] == list(FRAMEWORK_IDS)

    for sample in SAMPLE_FILES:
        answers = yaml.safe_load(sample.read_text(encoding="utf-8"))
        assert schema_problems(schema, answers) == [], sample.name
    bad = {"function": "compny", "headcount": 0, "needs": [], "extra": 1}
    assert len(schema_problems(schema, bad)) == 4

    try:
        import jsonschema
    except ImportError:
        return
    for sample in SAMPLE_FILES:  # pragma: no cover - only where jsonschema is installed
        jsonschema.validate(yaml.safe_load(sample.read_text(encoding="utf-8")), schema)


# --- knowledge packs -----------------------------------------------------------------------


def test_kb_before_or_after_the_command(run_cli: Run, tmp_path: Path) -> None:
    pack = renamed_okr_pack(tmp_path / "pack", "renamer", "OKR from the pack")
    assert okr_name(run_cli) == "Objectives and Key Results (OKR)"
    assert okr_name(run_cli, "--kb", pack) == "OKR from the pack"
    after = as_json(run_cli("show", "okr", "-f", "json", "--kb", pack))
    assert after["name"] == "OKR from the pack"


def test_kb_from_the_environment(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = renamed_okr_pack(tmp_path / "pack", "renamer", "OKR from the environment")
    monkeypatch.setenv("FRAMEWORK_ADVISOR_KB", str(pack))
    assert okr_name(run_cli) == "OKR from the environment"


def test_kb_order_environment_first_then_command_line_later_wins(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packs = {
        label: renamed_okr_pack(tmp_path / label, label, f"OKR from {label}")
        for label in ("env1", "env2", "cli1", "cli2")
    }
    monkeypatch.setenv("FRAMEWORK_ADVISOR_KB", os.pathsep.join([str(packs["env1"]), ""]))
    assert okr_name(run_cli) == "OKR from env1"
    monkeypatch.setenv(
        "FRAMEWORK_ADVISOR_KB", os.pathsep.join(map(str, [packs["env1"], packs["env2"]]))
    )
    assert okr_name(run_cli) == "OKR from env2"
    assert okr_name(run_cli, "--kb", packs["cli1"]) == "OKR from cli1"
    assert okr_name(run_cli, "--kb", packs["cli1"], "--kb", packs["cli2"]) == "OKR from cli2"
    # --kb before the command comes before --kb after it
    after = as_json(
        run_cli("--kb", packs["cli2"], "show", "okr", "-f", "json", "--kb", packs["cli1"])
    )
    assert after["name"] == "OKR from cli1"
    out = ok(run_cli("--kb", packs["cli1"], "validate", "--kb", packs["cli2"])).stdout
    assert "packs: env1 1.0, env2 1.0, cli1 1.0, cli2 1.0" in out


REMOTE_PACK = {
    "pack.yaml": "name: remote work\nversion: '2.1'\nschema_version: 2\n",
    "questions.yaml": (
        "questions:\n"
        "  - id: remote\n"
        "    label: Remote team\n"
        "    prompt: Does the team work mostly remotely?\n"
        "    help: Remote teams need written roles and goals.\n"
        "    type: yes_no\n"
    ),
    "rules.yaml": (
        "rules:\n"
        "  - id: remote_needs_roles\n"
        "    when: {remote: true}\n"
        "    effects: [{framework: raci, weight: 60, reason: Remote teams need written roles.}]\n"
    ),
}


def test_a_pack_adding_a_question_and_a_rule_changes_the_recommendation(
    run_cli: Run, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    pack = build_tree(tmp_path / "pack", REMOTE_PACK)
    base = {"function": "company", "needs": ["alignment"], "headcount": 12}
    plain = write_answers(base, "plain.yaml")
    remote = write_answers({**base, "remote": True}, "remote.yaml")

    fails(run_cli("recommend", "--answers", remote), "remote: not a question")
    without = as_json(run_cli("recommend", "--answers", plain, "-f", "json"))
    with_pack = as_json(run_cli("--kb", pack, "recommend", "--answers", remote, "-f", "json"))

    fits_before = {item["id"]: item["fit"] for item in without["ranking"]}
    assert with_pack["ranking"][0]["id"] == "raci"
    assert with_pack["ranking"][0]["fit"] == min(100, fits_before["raci"] + 60)
    reasons = {r["rule"]: r for r in with_pack["ranking"][0]["reasons"]}
    assert reasons["remote_needs_roles"]["effect"] == 60
    assert reasons["remote_needs_roles"]["text"] == "Remote teams need written roles."
    assert with_pack["profile"]["remote"] is True
    assert "remote" in ok(run_cli("questions", "--kb", pack)).stdout
    unanswered = as_json(run_cli("recommend", "--kb", pack, "--answers", plain, "-f", "json"))
    assert "remote" in unanswered["unanswered"]


def test_validate_prints_ok_and_counts(run_cli: Run, kb: KnowledgeBase, tmp_path: Path) -> None:
    result = ok(run_cli("validate"))
    assert result.stdout == (
        f"ok: {kb.name} {kb.version}: {len(kb.frameworks)} frameworks, {len(kb.questions)} "
        f"questions, {len(kb.needs)} needs, {len(kb.rules)} rules, {len(kb.pairings)} "
        f"pairings, {len(kb.glossary)} glossary terms; packs: none\n"
    )
    assert list(kb.frameworks) == list(FRAMEWORK_IDS)
    assert set(FIXED_QUESTIONS) <= {question.id for question in kb.questions}
    pack = build_tree(tmp_path / "pack", REMOTE_PACK)
    out = ok(run_cli("validate", "--kb", pack)).stdout
    assert (
        f"{len(kb.questions) + 1} questions, {len(kb.needs)} needs, {len(kb.rules) + 1} rules"
        in out
    )
    assert out.rstrip().endswith("packs: remote work 2.1")


# --- the group -----------------------------------------------------------------------------


def test_no_command_opens_the_app(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain `framework-advisor` opens the TUI: only the wiring is tested here."""
    import framework_advisor.tui.launch as launch

    calls: list[tuple[KnowledgeBase, dict[str, Any]]] = []
    monkeypatch.setattr(launch, "run_app", lambda kb, **kwargs: calls.append((kb, kwargs)))
    pack = build_tree(tmp_path / "pack", REMOTE_PACK)
    assert ok(run_cli("--kb", pack)).stdout == ""
    [(kb, kwargs)] = calls
    assert [p.name for p in kb.packs] == ["remote work"]
    assert kwargs == {"resume": False, "session_name": None, "answers_path": None}


def test_help_without_a_command(run_cli: Run) -> None:
    result = ok(run_cli("--help"))
    assert result.stdout.startswith("Usage: ")
    for command in ("recommend", "whatif", "frameworks", "show", "compare", "questions"):
        assert command in result.stdout
    assert "--kb DIR" in result.stdout


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help(run_cli: Run, flag: str) -> None:
    assert "--answers" in ok(run_cli("recommend", flag)).stdout


def test_version(run_cli: Run) -> None:
    assert ok(run_cli("--version")).stdout == f"framework-advisor, version {__version__}\n"


def test_unknown_command_is_a_usage_error(run_cli: Run) -> None:
    fails(run_cli("recomend"), "No such command 'recomend'")
