"""Malformed answers files and knowledge packs: exit code 2 and a located message on stderr.

Every case lists each error line it expects, as `error: FILE[:LINE]: [KEY: ]MESSAGE` (an answers
file) or as a diagnostic `FILE[:LINE]: error RULE: [KEY: ]MESSAGE` (a knowledge pack): the file,
the line (None where no line can be known, and then none may be printed), the key path, the
facts the message must state and, where a case names it, the rule. The number of error lines must match too, so a problem is never
reported twice or drowned in follow-on errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result

from ..conftest import ROOT, build_tree
from .hostile import ERROR_LINE

KNOWLEDGE = ROOT / "knowledge"
OKR = (KNOWLEDGE / "frameworks" / "okr.yaml").read_text(encoding="utf-8")
PACK_YAML = "name: broken pack\nversion: '1.0'\nschema_version: 2\n"
VALID = "function: company\nneeds: [alignment]\nheadcount: 12\n"
FOLDER = object()  # the answers "file" is a folder


@dataclass(frozen=True)
class Err:
    """One expected error line."""

    line: int | None
    key: str
    has: tuple[str, ...]
    lacks: tuple[str, ...] = ()
    file: str | None = None
    """Pack cases: the file relative to the pack folder ('' is the folder itself)."""
    rule: str | None = None
    """Pack cases: the diagnostic's rule id, where the case pins it."""


def line_of(text: str, start: str, after: str = "") -> int:
    """The 1-based number of the first line starting with ``start`` (after a line starting with
    ``after``), so that cases built from the real knowledge files do not hard-code lines."""
    lines = text.splitlines()
    begin = next(i for i, line in enumerate(lines) if line.startswith(after)) if after else 0
    return next(i + 1 for i in range(begin, len(lines)) if lines[i].startswith(start))


DIAGNOSTIC = re.compile(r"^\S.*?(:\d+)?: error [a-z0-9-]+: \S")
"""`FILE[:LINE]: error RULE: ...`: a knowledge-base problem as a linter prints it."""


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ERROR_LINE.match(line)]


def check_errors(result: Result, expected: list[Err], file_of: Callable[[Err], str]) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.exit_code == 2, output
    assert result.stdout == ""
    lines = error_lines(result.stderr)
    for err in expected:
        where = file_of(err) + (f":{err.line}" if err.line is not None else "")
        key = f"{err.key}: " if err.key else ""
        prefix = f"error: {where}: {key}"
        diagnostic = re.compile(re.escape(f"{where}: error ") + r"([a-z0-9-]+): " + re.escape(key))
        found = [
            line
            for line in lines
            if (
                (err.rule is None and line.startswith(prefix))
                or (
                    (match := diagnostic.match(line)) is not None
                    and match.group(1) == (err.rule or match.group(1))
                )
            )
            and all(fact in line for fact in err.has)
            and not any(fact in line for fact in err.lacks)
        ]
        assert found, f"no error line {prefix!r} with {err.has} (without {err.lacks}) in:\n{output}"
    assert len(lines) == len(expected), "\n".join(lines)


# --- answers files -------------------------------------------------------------------------

FUNCTION_OPTIONS = "expected one of 'company', 'leadership', 'sales'"
NEEDS_OPTIONS = "'strategic_change', 'operational_health'"
FUNCTION_REQUIRED = Err(
    None, "", ("'function' is required", "Which part of the organisation are the goals for?")
)
NEEDS_REQUIRED = Err(None, "", ("'needs' is required",))
HEADCOUNT_REQUIRED = Err(None, "", ("'headcount' is required unless 'stage' is given",))

ANSWERS_CASES = [
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: [alignment]\nheadcount: 12\nindustri: saas\n",
        [
            Err(
                4,
                "industri",
                ("not a question of the questionnaire", "Did you mean 'industry'?"),
            )
        ],
        id="unknown-question-typo",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: [alignment]\nheadcont: 12\n",
        [
            Err(3, "headcont", ("not a question", "Did you mean 'headcount'?")),
            HEADCOUNT_REQUIRED,
        ],
        id="typo-in-the-only-size-question",
    ),
    pytest.param(
        "answers.yaml",
        "function: xyzzy\nneeds: [alignment]\nheadcount: 12\n",
        [
            Err(
                1,
                "function",
                ("'xyzzy' is not an option of 'function'", FUNCTION_OPTIONS),
                lacks=("Did you mean",),
            )
        ],
        id="bad-option",
    ),
    pytest.param(
        "answers.yaml",
        "function: compny\nneeds: [alignment]\nheadcount: 12\n",
        [Err(1, "function", ("'compny' is not an option", "Did you mean 'company'?"))],
        id="option-typo",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: [alignment, goal_clarity, alignmnt]\nheadcount: 12\n",
        [
            Err(
                2,
                "needs[2]",
                (
                    "'alignmnt' is not an option of 'needs'",
                    NEEDS_OPTIONS,
                    "Did you mean 'alignment'?",
                ),
            )
        ],
        id="option-typo-in-a-list",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: [alignment]\nheadcount: abc\n",
        [Err(3, "headcount", ("expected a whole number, got 'abc'",))],
        id="number-as-text",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: [alignment]\nheadcount: 0\n",
        [Err(3, "headcount", ("0 is below the minimum of 1",))],
        id="zero-headcount",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: [alignment]\nheadcount: 10000001\n",
        [Err(3, "headcount", ("10000001 is above the maximum of 10000000",))],
        id="headcount-above-max",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: [alignment]\nheadcount: 12.5\n",
        [Err(3, "headcount", ("expected a whole number, got 12.5",))],
        id="float-headcount",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: [alignment]\nheadcount: true\n",
        [Err(3, "headcount", ("expected a whole number, got True",))],
        id="boolean-headcount",
    ),
    pytest.param(
        "answers.yaml",
        "# Brightloop\nneeds: [alignment]\nheadcount: 12\n",
        [FUNCTION_REQUIRED],
        id="missing-required-function",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nheadcount: 12\n",
        [NEEDS_REQUIRED],
        id="missing-needs",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: []\nheadcount: 12\n",
        [Err(2, "needs", ("choose at least one option",))],
        id="empty-needs",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: alignment\nheadcount: 12\n",
        [Err(2, "needs", ("expected a list of options", NEEDS_OPTIONS))],
        id="needs-not-a-list",
    ),
    pytest.param(
        "answers.yaml",
        VALID + "compensation_linked: maybe\n",
        [Err(4, "compensation_linked", ("expected true or false (yes/no), got 'maybe'",))],
        id="yes-no-maybe",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: [alignment]\nindustry: saas\n",
        [HEADCOUNT_REQUIRED],
        id="neither-headcount-nor-stage",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: [alignment]\nstage: startp\n",
        [Err(3, "stage", ("'startp' is not an option of 'stage'", "Did you mean 'startup'?"))],
        id="stage-typo-without-headcount",
    ),
    pytest.param(
        "answers.yaml",
        "function: sales\nneeds: [alignment]\nheadcount: 12\nteam_size: 20\n",
        [
            Err(
                4,
                "team_size",
                ("the team (20) is larger than the whole organisation (12)",),
            )
        ],
        id="team-larger-than-headcount",
    ),
    pytest.param(
        "answers.yaml",
        VALID + "_meta:\n  cursor: needs\n  curser: x\n",
        [Err(6, "_meta.curser", ("unknown field", "Did you mean 'cursor'?"))],
        id="meta-unknown-key",
    ),
    pytest.param(
        "answers.yaml",
        VALID + "_meta:\n  packs:\n    - name: acme\n",
        [Err(6, "_meta.packs[0]", ("missing required field 'version'",))],
        id="meta-pack-without-version",
    ),
    pytest.param(
        "answers.yaml",
        VALID + "_meta:\n  packs: acme\n",
        [Err(5, "_meta.packs", ("expected a list",))],
        id="meta-packs-not-a-list",
    ),
    pytest.param(
        "answers.yaml",
        "- function: company\n- needs: [alignment]\n",
        [Err(None, "", ("expected a mapping of question ids to answers",))],
        id="top-level-list",
    ),
    pytest.param(
        "answers.yaml",
        "function: company\nneeds: [alignment\nheadcount: 12\n",
        [Err(3, "", ("not valid YAML",))],
        id="yaml-syntax-error",
    ),
    pytest.param(
        "answers.yaml",
        VALID + "function: sales\n",
        [Err(4, "function", ("duplicate key",))],
        id="duplicate-key",
    ),
    pytest.param(
        "answers.json",
        '{"function": "company",\n "needs": ["alignment"],\n "headcount": 12,,\n}\n',
        [Err(3, "", ("not valid JSON",))],
        id="json-syntax-error",
    ),
    pytest.param(
        "answers.json",
        '{\n  "function": "company",\n  "needs": ["alignment"],\n  "headcount": "abc"\n}\n',
        [Err(4, "headcount", ("expected a whole number, got 'abc'",))],
        id="json-bad-value-located",
    ),
    pytest.param(
        "answers.yaml",
        "function: compny\nneeds: [alignment]\nheadcount: abc\ncompensation_linked: maybe\n",
        [
            Err(1, "function", ("Did you mean 'company'?",)),
            Err(3, "headcount", ("expected a whole number",)),
            Err(4, "compensation_linked", ("expected true or false",)),
        ],
        id="every-problem-at-once",
    ),
    pytest.param(
        "answers.yaml",
        "",
        [HEADCOUNT_REQUIRED, FUNCTION_REQUIRED, NEEDS_REQUIRED],
        id="empty-file",
    ),
    pytest.param("missing.yaml", None, [Err(None, "", ("no such answers file",))], id="missing"),
    pytest.param(
        "answers.yaml",
        FOLDER,
        [Err(None, "", ("is a folder, expected an answers file",))],
        id="folder",
    ),
    pytest.param(
        "answers.yaml",
        b"function: company\nneeds: [alignment]\norganisation: Caf\xe9 Ltd\n",
        [Err(None, "", ("not UTF-8 text",))],
        id="not-utf8",
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), ANSWERS_CASES)
def test_malformed_answers_file(
    run_cli: Callable[..., Result],
    tmp_path: Path,
    name: str,
    content: str | bytes | object | None,
    expected: list[Err],
) -> None:
    path = tmp_path / name
    if content is FOLDER:
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    result = run_cli("recommend", "--answers", path)
    check_errors(result, expected, lambda _err: str(path))


def test_whatif_reports_a_bad_answers_file_like_recommend(
    run_cli: Callable[..., Result], write_answers: Callable[..., Path]
) -> None:
    path = write_answers("function: compny\nneeds: [alignment]\nheadcount: 12\n")
    result = run_cli("whatif", "--answers", path, "--set", "headcount=400")
    check_errors(result, [Err(1, "function", ("Did you mean 'company'?",))], lambda _e: str(path))


def test_whatif_vs_reports_the_other_file(
    run_cli: Callable[..., Result], write_answers: Callable[..., Path]
) -> None:
    good = write_answers(VALID, "good.yaml")
    bad = write_answers(VALID + "maturity: mature\nmaturty: none\n", "bad.yaml")
    result = run_cli("whatif", "--answers", good, "--vs", bad)
    check_errors(result, [Err(5, "maturty", ("Did you mean 'maturity'?",))], lambda _e: str(bad))


# --- knowledge packs -----------------------------------------------------------------------

RULE = "rules:\n  - id: pack_rule\n    when: {when}\n    effects: [{effects}]\n"


def rule(
    when: str = "{stage: startup}", effects: str = "{framework: okr, weight: 5, reason: OKRs.}"
) -> str:
    return RULE.replace("{when}", when).replace("{effects}", effects)


def okr_with(old: str, new: str) -> str:
    assert old in OKR, old
    return OKR.replace(old, new, 1)


def removal(kind: str, entry: str) -> str:
    return PACK_YAML + f"remove:\n  {kind}: [{entry}]\n"


PACK_CASES = [
    pytest.param(
        {"rules.yaml": rule()},
        [
            Err(
                None,
                "",
                ("not a knowledge folder", "needs a pack.yaml (name, version)"),
                file="",
                rule="kb-folder",
            )
        ],
        id="missing-pack-yaml",
    ),
    pytest.param(
        None,
        [Err(None, "", ("no such knowledge folder",), file="", rule="kb-folder")],
        id="missing-pack-folder",
    ),
    pytest.param(
        {"pack.yaml": "name: broken pack\n"},
        [Err(None, "", ("missing required field 'version'",), file="pack.yaml")],
        id="pack-yaml-without-version",
    ),
    pytest.param(
        {"pack.yaml": PACK_YAML + "remov:\n  rules: [stage_startup]\n"},
        [Err(4, "remov", ("unknown field", "Did you mean 'remove'?"), file="pack.yaml")],
        id="pack-yaml-unknown-field",
    ),
    pytest.param(
        {"frameworks/okr.yaml": okr_with("\nsummary:", "\nsummry:")},
        [
            Err(
                line_of(OKR, "summary:"),
                "summry",
                ("unknown field", "Did you mean 'summary'?"),
                file="frameworks/okr.yaml",
            )
        ],
        id="framework-unknown-field",
    ),
    pytest.param(
        {"pack.yaml": removal("frameworks", "okr")},
        [
            Err(
                5,
                "remove.frameworks[0]",
                ("'okr' is a fixed id and cannot be removed",),
                file="pack.yaml",
            )
        ],
        id="remove-fixed-framework",
    ),
    pytest.param(
        {"pack.yaml": removal("frameworks", "okrs")},
        [
            Err(
                5,
                "remove.frameworks[0]",
                ("no framework 'okrs' to remove", "Did you mean 'okr'?"),
                file="pack.yaml",
            )
        ],
        id="remove-unknown-framework",
    ),
    pytest.param(
        {"pack.yaml": removal("questions", "needs")},
        [
            Err(
                5,
                "remove.questions[0]",
                ("'needs' is a fixed id and cannot be removed",),
                file="pack.yaml",
            )
        ],
        id="remove-fixed-question",
    ),
    pytest.param(
        {"pack.yaml": removal("rules", "stage_startp")},
        [
            Err(
                5,
                "remove.rules[0]",
                ("no rule 'stage_startp' to remove", "Did you mean 'stage_startup'?"),
                file="pack.yaml",
            )
        ],
        id="remove-unknown-rule",
    ),
    pytest.param(
        {"rules.yaml": rule(when="{headcont: {lt: 50}}")},
        [
            Err(
                3,
                "rules[0].when.headcont",
                ("no question 'headcont'", "Did you mean 'headcount'?"),
                file="rules.yaml",
            )
        ],
        id="rule-unknown-question",
    ),
    pytest.param(
        {"rules.yaml": rule(when="{stage: scalup}")},
        [
            Err(
                3,
                "rules[0].when.stage",
                ("'scalup' is not an option of question 'stage'", "Did you mean 'scaleup'?"),
                file="rules.yaml",
            )
        ],
        id="rule-unknown-option",
    ),
    pytest.param(
        {"rules.yaml": rule(effects="{framework: okrr, weight: 5, reason: OKRs.}")},
        [
            Err(
                4,
                "rules[0].effects[0].framework",
                ("no framework 'okrr'", "Did you mean 'okr'?"),
                file="rules.yaml",
                rule="kb-unknown-reference",
            )
        ],
        id="rule-unknown-framework",
    ),
    pytest.param(
        {"rules.yaml": rule(effects="{framework: okr, weight: 5, caution: Beware.}")},
        [
            Err(
                4,
                "rules[0].effects[0]",
                ("an effect is exactly one of {framework, weight, reason}, ",),
                file="rules.yaml",
            )
        ],
        id="effect-framework-and-caution",
    ),
    pytest.param(
        {"rules.yaml": rule(effects="{framework: okr, weight: 0, reason: OKRs.}")},
        [
            Err(
                4,
                "rules[0].effects[0].weight",
                ("non-zero whole-number weight from -100 to 100",),
                file="rules.yaml",
            )
        ],
        id="weight-zero",
    ),
    pytest.param(
        {"rules.yaml": rule(effects="{framework: okr, weight: 101, reason: OKRs.}")},
        [
            Err(
                4,
                "rules[0].effects[0].weight",
                ("non-zero whole-number weight from -100 to 100",),
                file="rules.yaml",
            )
        ],
        id="weight-out-of-range",
    ),
    pytest.param(
        {"rules.yaml": rule(when="{headcount: {has_any: [5]}}")},
        [
            Err(
                3,
                "rules[0].when.headcount.has_any",
                (
                    "'has_any' does not apply to number question 'headcount'",
                    "expected one of 'lt', 'lte', 'gt', 'gte', 'between'",
                ),
                file="rules.yaml",
            )
        ],
        id="operator-wrong-for-type",
    ),
    pytest.param(
        {"rules.yaml": rule() + rule().removeprefix("rules:\n")},
        [
            Err(
                5,
                "rules[1]",
                ("'pack_rule' is defined twice in this file",),
                file="rules.yaml",
            )
        ],
        id="rule-defined-twice",
    ),
    pytest.param(
        {"frameworks/okr.yaml": okr_with("id: okr\n", "id: okr2\n")},
        [
            Err(
                1,
                "id",
                ("'okr2' differs from the file name 'okr.yaml'",),
                file="frameworks/okr.yaml",
            )
        ],
        id="framework-id-differs-from-file-name",
    ),
    pytest.param(
        {"frameworks/okr.yaml": okr_with("  startup: strong", "  startp: strong")},
        [
            Err(
                line_of(OKR, "  startup:", after="fit_by_stage:"),
                "fit_by_stage.startp",
                ("'startp' is not an option", "Did you mean 'startup'?"),
                file="frameworks/okr.yaml",
            ),
            Err(
                line_of(OKR, "fit_by_stage:"),
                "fit_by_stage",
                ("missing 'startup'",),
                file="frameworks/okr.yaml",
            ),
        ],
        id="fit-by-stage-unknown-stage",
    ),
    pytest.param(
        {"frameworks/okr.yaml": okr_with("complements:\n  - kpi", "complements:\n  - kpii")},
        [
            Err(
                line_of(OKR, "  - kpi", after="complements:"),
                "complements[0]",
                ("no framework 'kpii'", "Did you mean 'kpi'?"),
                file="frameworks/okr.yaml",
                rule="kb-unknown-reference",
            )
        ],
        id="complements-unknown-framework",
    ),
    pytest.param(
        {"rules.yaml": "rules:\n  - id: pack_rule\n    when: {stage: [startup\n    source: x\n"},
        [Err(4, "", ("not valid YAML",), file="rules.yaml", rule="yaml-syntax")],
        id="yaml-syntax-error-in-pack-file",
    ),
    pytest.param(
        {"rules.yaml": b"rules: []\n# caf\xe9\n"},
        [Err(None, "", ("not UTF-8 text",), file="rules.yaml")],
        id="pack-file-not-utf8",
    ),
    pytest.param(
        {
            "questions.yaml": (
                "questions:\n"
                "  - id: headcount\n"
                "    label: Size\n"
                "    prompt: Roughly how big are you?\n"
                "    help: Pick a band.\n"
                "    type: single\n"
                "    options: [{value: small, label: Small}]\n"
            )
        },
        [
            Err(
                6,
                "questions[0].type",
                ("question 'headcount' must stay of type 'number'",),
                file="questions.yaml",
            )
        ],
        id="fixed-question-changes-type",
    ),
    pytest.param(
        {"rules.yaml": rule() + "extras: true\n"},
        [
            Err(
                5,
                "extras",
                ("unknown top-level key; expected only 'rules'",),
                file="rules.yaml",
            )
        ],
        id="unknown-top-level-key",
    ),
    pytest.param(
        {
            "glossary.yaml": (
                "glossary:\n"
                "  - term: Pack term\n"
                "    definition: A term from a pack.\n"
                "    frameworks: [okrr]\n"
            )
        },
        [
            Err(
                4,
                "glossary[0].frameworks[0]",
                ("no framework 'okrr'", "Did you mean 'okr'?"),
                file="glossary.yaml",
                rule="kb-unknown-reference",
            )
        ],
        id="glossary-unknown-framework",
    ),
]


def make_pack(root: Path, files: dict[str, str | bytes] | None) -> Path:
    if files is None:
        return root  # never created
    texts = {name: text for name, text in files.items() if isinstance(text, str)}
    build_tree(root, texts)
    for name, data in files.items():
        if isinstance(data, bytes):
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
    return root


@pytest.mark.parametrize(("files", "expected"), PACK_CASES)
def test_malformed_pack(
    run_cli: Callable[..., Result],
    tmp_path: Path,
    files: dict[str, str | bytes] | None,
    expected: list[Err],
) -> None:
    pack = tmp_path / "pack"
    make_pack(pack, _with_header(files, expected))
    result = run_cli("--kb", pack, "validate")
    check_errors(result, expected, lambda err: str(pack / err.file) if err.file else str(pack))
    for line in error_lines(result.stderr):  # every problem a diagnostic with its rule
        assert DIAGNOSTIC.match(line), line


def _with_header(
    files: dict[str, str | bytes] | None, expected: list[Err]
) -> dict[str, str | bytes] | None:
    """Add a valid pack.yaml unless the case is about pack.yaml (or its absence)."""
    if files is None or "pack.yaml" in files:
        return files
    if any("pack.yaml" in fact for err in expected for fact in err.has):
        return files
    return {"pack.yaml": PACK_YAML, **files}


def test_validate_reports_every_cross_reference_problem_at_once(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    first = rule(
        when="{stage: scalup, headcont: 5}",
        effects="{framework: okrr, weight: 5, reason: x}, {framework: kpi, weight: 0, reason: x}",
    )
    second = rule(when="{industry: {has_any: [saas]}}").replace("id: pack_rule", "id: second")
    pack = build_tree(
        tmp_path / "pack",
        {"pack.yaml": PACK_YAML, "rules.yaml": first + second.removeprefix("rules:\n")},
    )
    result = run_cli("--kb", pack, "validate")
    rules = str(pack / "rules.yaml")
    check_errors(
        result,
        [
            Err(3, "rules[0].when.stage", ("Did you mean 'scaleup'?",)),
            Err(3, "rules[0].when.headcont", ("Did you mean 'headcount'?",)),
            Err(4, "rules[0].effects[0].framework", ("Did you mean 'okr'?",)),
            Err(4, "rules[0].effects[1].weight", ("non-zero",)),
            Err(6, "rules[1].when.industry.has_any", ("does not apply to single question",)),
        ],
        lambda _err: rules,
    )


def test_validate_reports_every_shape_problem_in_every_pack_file_at_once(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    pack = build_tree(
        tmp_path / "pack",
        {
            "pack.yaml": PACK_YAML + "remove:\n  frameworks: [okr]\n  rules: [stage_startp]\n",
            "rules.yaml": rule().replace("effects:", "efects:"),
            "glossary.yaml": "glossary:\n  - term: Pack term\n    definiton: A term.\n",
            "frameworks/okr.yaml": okr_with("\nsummary:", "\nsummry:"),
        },
    )
    result = run_cli("--kb", pack, "validate")
    check_errors(
        result,
        [
            Err(5, "remove.frameworks[0]", ("fixed id",), file="pack.yaml"),
            Err(6, "remove.rules[0]", ("Did you mean 'stage_startup'?",), file="pack.yaml"),
            Err(4, "rules[0].efects", ("Did you mean 'effects'?",), file="rules.yaml"),
            Err(3, "glossary[0].definiton", ("Did you mean 'definition'?",), file="glossary.yaml"),
            Err(
                line_of(OKR, "summary:"),
                "summry",
                ("Did you mean 'summary'?",),
                file="frameworks/okr.yaml",
            ),
        ],
        lambda err: str(pack / err.file),
    )


def test_every_command_refuses_an_invalid_pack(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    pack = build_tree(
        tmp_path / "pack", {"pack.yaml": PACK_YAML, "rules.yaml": rule(when="{stage: scalup}")}
    )
    answers = ROOT / "samples" / "startup.yaml"
    expected = [Err(3, "rules[0].when.stage", ("Did you mean 'scaleup'?",))]
    for args in (
        ("recommend", "--answers", answers),
        ("whatif", "--answers", answers, "--set", "headcount=400"),
        ("frameworks",),
        ("show", "okr"),
        ("compare", "okr", "kpi"),
        ("questions",),
    ):
        result = run_cli(*args, "--kb", pack)
        check_errors(result, expected, lambda _err: str(pack / "rules.yaml"))


def test_pack_given_as_a_file(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    not_a_folder = tmp_path / "pack.yaml"
    not_a_folder.write_text(PACK_YAML, encoding="utf-8")
    result = run_cli("--kb", not_a_folder, "validate")
    check_errors(
        result,
        [Err(None, "", ("is a file, expected a knowledge folder",), rule="kb-folder")],
        lambda _err: str(not_a_folder),
    )


def test_a_pack_written_for_schema_1_gets_one_line_saying_how_to_update_it(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    old = build_tree(
        tmp_path / "old",
        {
            "pack.yaml": "name: old pack\nversion: '1.0'\n",
            "rules.yaml": (
                "rules:\n  - id: r\n    when: {stage: startup}\n"
                "    effects: [{framework: okr, weight: 5}]\n    reason: shared reason\n"
            ),
        },
    )
    result = run_cli("--kb", old, "validate")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines  # one line, not one per entry
    assert "pack.yaml" in lines[0] and "schema 1" in lines[0]
    assert "reason" in lines[0] and "label" in lines[0] and "schema_version: 2" in lines[0]
    assert "Traceback" not in result.stderr


def test_a_rule_level_reason_in_a_schema_2_pack_is_located(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    pack = build_tree(
        tmp_path / "pack",
        {
            "pack.yaml": PACK_YAML,
            "rules.yaml": (
                "rules:\n  - id: r\n    when: {stage: startup}\n"
                "    effects: [{framework: okr, weight: 5}]\n    reason: shared reason\n"
            ),
        },
    )
    result = run_cli("--kb", pack, "validate")
    assert result.exit_code == 2
    assert "rules.yaml:5: error kb-entry: rules[0].reason:" in result.stderr
    assert "on each framework effect" in result.stderr
