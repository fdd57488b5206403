"""The catalogue of words (issue 28): every message id the code says is in knowledge/text/en.yaml
with the placeholders the code gives; a catalogue with a missing id, an unknown placeholder or a
field reaching attributes is refused at load with its file and line (exit 2 from the CLI); the
engine returns messages, said the same whichever front end words them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from click.testing import Result

from framework_advisor.domain.in_words import in_words
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.messages import MESSAGES, PAY_HOME, declared
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.text import Catalogue, Message, fields_of, message
from framework_advisor.engine.answers import validate_answers
from framework_advisor.engine.recommend import recommend, recommend_facts
from framework_advisor.errors import KnowledgeBaseError
from framework_advisor.kb.build import build
from framework_advisor.kb.files import read_source
from framework_advisor.kb.locate import embedded_dir
from framework_advisor.kb.text import compile_text

PACK = "name: words\nversion: '1.0'\nschema_version: 2\n"
CATALOGUE = embedded_dir() / "text" / "en.yaml"
SAMPLES = sorted((Path(__file__).parents[2] / "samples").glob("*.yaml"))


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def _pack(tmp_path: Path, messages: str) -> Path:
    pack = tmp_path / "pack"
    (pack / "text").mkdir(parents=True)
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    (pack / "text" / "en.yaml").write_text("messages:\n" + messages, encoding="utf-8")
    return pack


def test_every_id_the_code_says_is_in_the_catalogue_with_its_placeholders(
    kb: KnowledgeBase,
) -> None:
    homes = {PAY_HOME + fid for fid in kb.policies.pay.homes}  # a family: one per pay home
    assert set(kb.text.entries) == set(MESSAGES) | homes
    raw = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["messages"]
    for message_id, given in MESSAGES.items():
        entry = raw[message_id]
        texts = [entry] if isinstance(entry, str) else [entry["one"], entry["other"]]
        for text in texts:
            parts, problems = compile_text(text)
            assert not problems, (message_id, problems)
            assert set(fields_of(parts)) <= set(given), message_id


def _messages(value: Any) -> list[Message]:
    """Every message in a recommendation's facts, nested ones included."""
    if isinstance(value, Message):
        return [value, *_messages(list(value.params.values()))]
    if isinstance(value, msgspec.Struct):
        return _messages([getattr(value, f) for f in value.__struct_fields__])
    if isinstance(value, list | tuple):
        return [m for item in value for m in _messages(item)]
    if isinstance(value, dict):
        return _messages(list(value.values()))
    return []


def _facts(kb: KnowledgeBase) -> list[Recommendation]:
    profiles = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in SAMPLES]
    profiles += [{**p, "leadership_time": "low", "maturity": "none"} for p in profiles]
    return [
        recommend_facts(kb, validate_answers(kb, {k: v for k, v in p.items() if k != "meta"}))
        for p in profiles
    ]


def test_the_engine_gives_every_message_exactly_its_declared_parameters(
    kb: KnowledgeBase,
) -> None:
    said = [m for rec in _facts(kb) for m in _messages(rec)]
    assert said
    for each in said:
        given = declared(each.id)
        assert given is not None and set(each.params) == set(given), each
        kb.text.say(each)  # every placeholder it uses is given


def test_the_engine_returns_facts_and_the_edge_says_them(kb: KnowledgeBase) -> None:
    for facts in _facts(kb):
        assert facts.summary == "" and facts.summary_message is not None
        assert all(layer.why == "" for layer in facts.mix)
        worded = in_words(facts, kb.text)
        assert worded.summary == kb.text.say(facts.summary_message)
        for layer in worded.mix:
            assert layer.why_message is None or layer.why == kb.text.say(layer.why_message)


def test_a_message_with_other_parameters_than_declared_is_refused() -> None:
    with pytest.raises(TypeError, match=r"summary\.top_later"):
        message("summary.top_later", name="OKR")
    with pytest.raises(KeyError, match=r"no\.such"):
        message("no.such")


@pytest.mark.parametrize(
    ("fmt", "value", "expected"),
    [
        ("number", 12000, "12,000"),
        ("decimal", 2.25 + 0.5, "2.8"),
        ("decimal", 3, "3.0"),
        ("list", ["OKR", "KPI", "SMART"], "OKR, KPI and SMART"),
        ("commas", ["OKR", "KPI"], "OKR, KPI"),
        ("plus", ["OKR", "KPI"], "OKR + KPI"),
        ("lower", "Align teams", "align teams"),
        ("first", "One thing. Another.", "One thing"),
        ("date", "2026-12-07", "7 December 2026"),
    ],
)
def test_each_format_writes_its_value(
    kb: KnowledgeBase, fmt: str, value: Any, expected: str
) -> None:
    parts, problems = compile_text(f"<{{x:{fmt}}}>")
    assert not problems
    catalogue = Catalogue("en", {**kb.text.entries, "t": _entry(parts)})
    assert catalogue.say(Message("t", {"x": value})) == f"<{expected}>"


def _entry(parts: list[str], count: str = "") -> Any:
    from framework_advisor.domain.text import Entry

    return Entry({"text": parts}, count)


def test_plural_forms_follow_the_count(kb: KnowledgeBase) -> None:
    one = message("left_out.at_limit", name="OKR", limit=1)
    two = message("left_out.at_limit", name="OKR", limit=2)
    assert "limit of 1 framework;" in kb.text.say(one)
    assert "limit of 2 frameworks;" in kb.text.say(two)
    has = message("phase.signal.later", previous=["OKR"])
    have = message("phase.signal.later", previous=["OKR", "KPI"])
    assert kb.text.say(has).startswith("Once OKR has run")
    assert kb.text.say(have).startswith("Once OKR and KPI have run")


@pytest.mark.parametrize(
    ("entry", "needle", "expected"),
    [
        (
            '  budget.fits: "About {minutes.__class__} minutes"\n',
            "budget.fits",
            "not a placeholder",
        ),
        ('  budget.fits: "About {minutes[0]} minutes"\n', "budget.fits", "not a placeholder"),
        ('  budget.fits: "About {minutes!r} minutes"\n', "budget.fits", "not a placeholder"),
        (
            '  budget.fits: "About {hours} a month"\n',
            "budget.fits",
            "unknown placeholder '{hours}'",
        ),
        ('  budget.fits: "About {minutes:hex}"\n', "budget.fits", "unknown format 'hex'"),
        ('  budget.fit: "About {minutes}"\n', "budget.fit", "Did you mean 'budget.fits'"),
        ('  budget.fits: "About {minutes"\n', "budget.fits", "a '{' with no '}'"),
        (
            "  left_out.at_limit: {count: places, one: a, other: b}\n",
            "count:",
            "chooses the plural form",
        ),
    ],
)
def test_a_pack_catalogue_with_a_bad_message_is_refused_with_file_and_line(
    run_cli: Callable[..., Result], tmp_path: Path, entry: str, needle: str, expected: str
) -> None:
    pack = _pack(tmp_path, entry)
    result = run_cli("--kb", pack, "validate")
    assert result.exit_code == 2, result.output
    catalogue = pack / "text" / "en.yaml"
    line = _line_of(catalogue.read_text(encoding="utf-8"), needle)
    assert f"{catalogue}:{line}:" in result.stderr, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_a_pack_rewords_a_message_and_the_plan_says_it(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    pack = _pack(tmp_path, '  phase.signal.now: "Begin straight away."\n')
    result = run_cli("--kb", pack, "recommend", SAMPLES[0], "--format", "json")
    assert result.exit_code == 0, result.stderr
    signals = [phase["signal"] for phase in msgspec.json.decode(result.stdout)["phases"]]
    assert signals[0] == "Begin straight away."


def test_a_catalogue_missing_an_id_the_code_uses_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(embedded_dir(), root)
    path = root / "text" / "en.yaml"
    text = path.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith("  phase.signal.now:")]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        build([read_source(root, is_pack=False)])
    found = [d for d in caught.value.problems if "phase.signal.now" in d.message]
    assert len(found) == 1
    assert found[0].file == str(path) and found[0].line == _line_of(text, "messages:")
    assert "the code uses it" in found[0].message


def test_the_cli_json_keeps_the_text_and_adds_the_message(
    run_cli: Callable[..., Result], kb: KnowledgeBase
) -> None:
    result = run_cli("recommend", SAMPLES[0], "--format", "json")
    data = msgspec.json.decode(result.stdout)
    assert data["summary"] and data["summary_message"]["id"] == "words.sentences"
    for phase in data["phases"]:
        assert phase["why"] and phase["why_message"]["id"].startswith("phase.why.")
    answers = yaml.safe_load(SAMPLES[0].read_text(encoding="utf-8"))
    rec = recommend(kb, validate_answers(kb, answers))
    assert data["summary"] == rec.summary


def test_validate_counts_the_knowledge_in_the_catalogue_words(
    run_cli: Callable[..., Result], kb: KnowledgeBase
) -> None:
    result = run_cli("validate")
    assert result.exit_code == 0, result.stderr
    assert f": {len(kb.frameworks)} frameworks, {len(kb.questions)} questions," in result.stdout
    assert f", {len(kb.glossary)} glossary terms; packs: none" in result.stdout
    one = kb.text.say(message("cli.count.glossary", count=1))
    assert one == "1 glossary term"


def test_a_pack_rewords_the_command_lines_words(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    pack = _pack(tmp_path, '  cli.no_packs: "no packs"\n  cli.validated: "valid: {name}"\n')
    result = run_cli("--kb", pack, "validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("valid: ")


def test_an_answers_problem_carries_its_message_beside_its_words(kb: KnowledgeBase) -> None:
    """An answers file's problem is a diagnostic with a rule id and the catalogue's message id
    and parameters, its text said from them (issue 27: one Diagnostic, its message an id)."""
    from framework_advisor.errors import AnswersError

    with pytest.raises(AnswersError) as raised:
        validate_answers(kb, {"needs": ["alignment"], "function": "Sales dept", "headcount": -4})
    problems = {p.key: p for p in raised.value.problems}
    option, low = problems["function"], problems["headcount"]
    assert option.rule == "answers-option" and low.rule == "answers-range"
    for problem in (option, low):
        assert problem.said is not None
        assert problem.message.startswith(kb.text.say(problem.said))
    assert option.said is not None and option.said.id == "answers.not_an_option"
    assert low.said is not None and low.said.params["value"] == -4
