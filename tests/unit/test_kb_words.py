"""Knowledge-base problems are the catalogue's messages (`kb.*` in knowledge/text/en.yaml): each
prints as `FILE[:LINE]: error RULE: KEY: MESSAGE`, a reworded problem is one change in one YAML
file (a pack's too), and a catalogue too broken to say them still lets them print."""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import Catalogue, Entry, message
from framework_advisor.errors import KnowledgeBaseError
from framework_advisor.kb.build import build
from framework_advisor.kb.files import read_source
from framework_advisor.kb.locate import embedded_dir
from framework_advisor.problems import did_you_mean, one_of

from ..conftest import ROOT, build_tree

PACK_YAML = "name: broken pack\nversion: '1.0'\nschema_version: 2\n"
LINE = re.compile(r"^(?P<file>\S+?):(?P<line>\d+): error (?P<rule>[a-z0-9-]+): (?P<rest>.+)$")


def _lines(result: Result) -> list[str]:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return [line for line in result.stderr.splitlines() if line.strip()]


RACI = (ROOT / "knowledge" / "templates" / "raci-matrix.yaml").read_text(encoding="utf-8")
SHAPES = {
    "pack.yaml": PACK_YAML + "brand:\n  colours:\n    primary: '#fafafa'\n",
    "report.yaml": "text:\n  date: '{x.__class__}'\n",
    "text/en.yaml": "messages:\n  kb.no_framwork: 'no {name}'\n",
    "templates/raci-matrix.yaml": RACI.replace("    note: One row", "    nott: One row"),
    "rules.yaml": "rules:\n  - id: r\n    when: {stage: startup}\n    sorce: x\n",
}
"""Pass 1, each file's shape: the brand, the report's layout, the catalogue, a template and a
rule."""
REFERENCES = {
    "pack.yaml": PACK_YAML,
    "rules.yaml": (
        "rules:\n  - id: r\n    when: {stage: scalup}\n"
        "    effects: [{framework: okrr, weight: 5, reason: R.}]\n    source: x\n"
    ),
    "glossary.yaml": "glossary:\n  - term: T\n    definition: D.\n    frameworks: [okrr]\n",
    "templates/raci-matrix.yaml": RACI.replace("frameworks: [raci]", "frameworks: [racci]"),
}
"""Pass 2, what the entries name: a rule's condition and framework, a kind's reference and a
template's framework."""


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            SHAPES,
            {
                ("pack.yaml", "kb-brand", "brand.colours.primary: '#fafafa' is too light"),
                ("report.yaml", "kb-report", "{x.__class__} is not a plain name such as {name}"),
                ("text/en.yaml", "kb-text", "no message 'kb.no_framwork' is used by the code."),
                ("templates/raci-matrix.yaml", "kb-field", "unknown field. Did you mean 'note'?"),
                ("rules.yaml", "kb-field", "rules[0].sorce: unknown field. Did you mean 'source'?"),
            },
        ),
        (
            REFERENCES,
            {
                ("rules.yaml", "kb-condition", "'scalup' is not an option of question 'stage'."),
                ("rules.yaml", "kb-unknown-reference", "no framework 'okrr'. Did you mean 'okr'?"),
                (
                    "glossary.yaml",
                    "kb-unknown-reference",
                    "no framework 'okrr'. Did you mean 'okr'?",
                ),
                (
                    "templates/raci-matrix.yaml",
                    "kb-unknown-reference",
                    "no framework 'racci'. Did you mean 'raci'?",
                ),
            },
        ),
    ],
    ids=["shapes", "references"],
)
def test_each_kind_of_pack_problem_prints_with_its_file_line_and_rule(
    run_cli: Callable[..., Result],
    tmp_path: Path,
    files: dict[str, str],
    expected: set[tuple[str, str, str]],
) -> None:
    pack = build_tree(tmp_path / "pack", files)
    lines = _lines(run_cli("--kb", pack, "validate"))
    found = set()
    for line in lines:
        match = LINE.match(line)
        assert match is not None, f"not FILE:LINE: error RULE: ...: {line}"
        name = Path(match["file"]).relative_to(pack).as_posix()
        for file, rule, words in expected:
            if (file, rule) == (name, match["rule"]) and words in match["rest"]:
                found.add((file, rule, words))
    assert found == expected, "\n".join(lines)


def test_a_folder_that_is_not_a_pack_is_a_diagnostic_with_its_rule(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    folder = build_tree(tmp_path / "pack", {"rules.yaml": "rules: []\n"})
    assert _lines(run_cli("--kb", folder, "validate")) == [
        f"{folder}: error kb-folder: not a knowledge folder: a knowledge pack needs a pack.yaml "
        "(name, version)"
    ]


def test_a_pack_rewords_a_knowledge_base_problem_and_did_you_mean(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    pack = build_tree(
        tmp_path / "pack",
        {
            "pack.yaml": PACK_YAML,
            "glossary.yaml": "glossary:\n  - term: T\n    definition: D.\n    frameworks: [okrr]\n",
            "text/en.yaml": (
                "messages:\n"
                "  kb.no_framework: \"there is no framework called '{name}'\"\n"
                "  words.did_you_mean: \"{problem}; perhaps you meant '{choice}'\"\n"
            ),
        },
    )
    [line] = _lines(run_cli("--kb", pack, "validate"))
    assert line == (
        f"{pack / 'glossary.yaml'}:4: error kb-unknown-reference: glossary[0].frameworks[0]: "
        "there is no framework called 'okrr'; perhaps you meant 'okr'"
    )


def test_did_you_mean_in_an_answers_file_takes_the_packs_words(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    pack = build_tree(
        tmp_path / "pack",
        {
            "pack.yaml": PACK_YAML,
            "text/en.yaml": "messages:\n  words.did_you_mean: '{problem} Perhaps {choice}?'\n",
        },
    )
    answers = build_tree(tmp_path, {"a.yaml": "functon: company\n"}) / "a.yaml"
    lines = _lines(run_cli("--kb", pack, "recommend", "--answers", answers))
    assert any(
        line.endswith("functon: not a question of the questionnaire. Perhaps function?")
        for line in lines
    ), lines


def test_a_catalogue_text_with_an_unknown_format_names_the_formats(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    pack = build_tree(
        tmp_path / "pack",
        {"pack.yaml": PACK_YAML, "text/en.yaml": "messages:\n  words.quoted: '{name:bold}'\n"},
    )
    [line] = _lines(run_cli("--kb", pack, "validate"))
    assert line.endswith(
        "messages.words.quoted: '{name:bold}': unknown format 'bold'; the formats are number, "
        "decimal, list, or, plus, commas, semicolons, lower, first, date"
    ), line


def test_did_you_mean_and_one_of_are_messages(kb: KnowledgeBase) -> None:
    said = message("kb.no_framework", name="okrr")
    assert did_you_mean(said, "okrr", ["okr", "kpi"]) == message(
        "words.did_you_mean", problem=said, choice="okr"
    )
    assert did_you_mean(said, "zzz", ["okr", "kpi"]) is said
    assert kb.text.say(one_of(["a", "b"])) == "'a', 'b'"


def test_the_months_of_a_date_are_the_catalogues(kb: KnowledgeBase) -> None:
    assert kb.report.sentence("date", kb.text, date="2026-12-07") == "7 December 2026"
    german = Catalogue("de", {**kb.text.entries, "words.month.12": Entry({"text": ["Dezember"]})})
    assert kb.report.sentence("date", german, date="2026-12-07") == "7 Dezember 2026"


def _copy_of_the_knowledge_base(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(embedded_dir(), copy)
    return copy


def _refusal(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as caught:
        build([read_source(folder, is_pack=False)])
    return caught.value.messages()


def test_a_catalogue_missing_a_kb_message_is_refused_at_load(tmp_path: Path) -> None:
    folder = _copy_of_the_knowledge_base(tmp_path)
    catalogue = folder / "text" / "en.yaml"
    text = catalogue.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith("  kb.no_framework:")]
    catalogue.write_text("\n".join(kept) + "\n", encoding="utf-8")
    [line] = _refusal(folder)
    assert line.startswith(f"{catalogue}:")
    assert " error kb-text: messages: no message 'kb.no_framework': the code uses it" in line


def test_a_broken_catalogue_still_lets_its_problems_print(tmp_path: Path) -> None:
    folder = _copy_of_the_knowledge_base(tmp_path)
    catalogue = folder / "text" / "en.yaml"
    text = catalogue.read_text(encoding="utf-8")
    text = re.sub(r"\n  kb\.text\.missing: .*", "", text)
    catalogue.write_text(text, encoding="utf-8")
    [line] = _refusal(folder)
    # the catalogue cannot say its own problem: the message's id and parameters, as they are
    assert re.match(
        rf"{re.escape(str(catalogue))}:\d+: error kb-text: messages: "
        r"kb\.text\.missing\(id='kb\.text\.missing', given=kb\.text\.given\(names=\[",
        line,
    ), line
    catalogue.write_text("messages: [\n", encoding="utf-8")
    lines = _refusal(folder)
    assert any(" error yaml-syntax: " in line for line in lines), lines


def test_no_knowledge_base_problem_is_english_in_code() -> None:
    """Every problem the loader adds is a message (`message(...)`, `did_you_mean(...)` or a
    variable holding one), never a text literal: its words are the catalogue's."""
    offenders = []
    for path in sorted((ROOT / "src" / "framework_advisor" / "kb").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("add", "fail")
                and len(node.args) >= 2
                and isinstance(node.args[-1], ast.Constant | ast.JoinedStr | ast.BinOp)
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_a_pay_sentence_for_a_framework_that_is_no_pay_home_is_refused(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    pack = build_tree(
        tmp_path / "pack",
        {"pack.yaml": PACK_YAML, "text/en.yaml": "messages:\n  pay.home.okr: 'OKR pays.'\n"},
    )
    [line] = _lines(run_cli("--kb", pack, "validate"))
    assert line == (
        f"{pack / 'text' / 'en.yaml'}:2: error kb-policy: messages.pay.home.okr: 'okr' is not "
        "one of kb.yaml's pay homes (policies.pay.homes)"
    )


def test_a_pay_home_without_its_sentence_is_refused(tmp_path: Path) -> None:
    folder = _copy_of_the_knowledge_base(tmp_path)
    catalogue = folder / "text" / "en.yaml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(re.sub(r"\n  pay\.home\.kpi: >-\n(    .*\n)+", "\n", text), "utf-8")
    [line] = _refusal(folder)
    assert re.fullmatch(
        rf"{re.escape(str(folder / 'kb.yaml'))}:\d+: error kb-policy: policies\.pay\.homes\[1\]: "
        r"no sentence for this pay home: add 'pay\.home\.kpi' to text/en\.yaml",
        line,
    ), line
