"""The one no-ids check of the project, shared by tests/unit and tests/tui: the profiles to
render, the prose of each output format, and the checks (``domain.client_text`` finds the
leaks; this module adds what is true across sections: nothing in the mix is also retired, and
no caution or pitfall shown advises a retired framework).

Prose only: the answers-file appendix (YAML, machine-readable by design) and the JSON
report's keys and ids are data; everything else a reader sees counts."""

from __future__ import annotations

import copy
import functools
import html as html_lib
import io
import json
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, settings

from framework_advisor.domain.client_text import Leak, Vocabulary
from framework_advisor.domain.framework import short_name
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.engine.answers import validate_answers
from tests.conftest import SAMPLES
from tests.unit.test_properties import KB, answer_sets

VOCABULARY = Vocabulary(KB)
SAMPLE_NAMES = ("startup", "sales-led", "manufacturer")
PROFILE_COUNT = 40


def sample(name: str) -> dict[str, Any]:
    return yaml.safe_load((SAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))


ORGANISATIONS = ("Acme Ltd", "王芳的团队", "Brightloop & Co", "O'Neill Partners", "Café Nord")
"""Names as clients write them: the property strategy's random text is for the hostile-input
tests, and a control character in a name is not what this test is about."""
SPREAD = 10
"""One drawn profile in ten is kept: hypothesis draws neighbours alike."""


def sampled_profiles(count: int = PROFILE_COUNT) -> list[dict[str, Any]]:
    """``count`` valid answer sets from the property tests' strategy, the same on every run
    (derandomized, no example database, no shrinking); drawn once per test process."""
    return copy.deepcopy(_drawn(count))


@functools.cache
def _drawn(count: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    @settings(
        max_examples=count * SPREAD,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(raw=answer_sets())
    def collect(raw: dict[str, Any]) -> None:
        answers = validate_answers(KB, raw)
        if answers.pop("organisation", None) is not None:
            answers["organisation"] = ORGANISATIONS[len(found) % len(ORGANISATIONS)]
        if answers not in found:
            found.append(answers)

    collect()
    return found[::SPREAD][:count]


def profiles() -> list[tuple[str, dict[str, Any]]]:
    """(name, answers): the three samples, then the sampled profiles."""
    named = [(name, sample(name)) for name in SAMPLE_NAMES]
    return named + [(f"profile-{n:02d}", answers) for n, answers in enumerate(sampled_profiles())]


# the prose of each format ---------------------------------------------------------------------
FENCE = re.compile(r"^```.*?^```[ \t]*$", re.MULTILINE | re.DOTALL)
HIDDEN_HTML = re.compile(r"<(pre|style|script)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
READ_ALOUD = re.compile(r"""\b(?:alt|title|aria-label)\s*=\s*("[^"]*"|'[^']*')""")
TAG = re.compile(r"<[^>]+>")


def markdown_prose(text: str) -> str:
    """Markdown without its fenced code blocks (the answers file)."""
    return FENCE.sub("", text)


def html_prose(text: str) -> str:
    """What a reader of the HTML sees or hears: the text outside <pre>, <style> and
    <script>, plus alt, title and aria-label attributes (charts' text alternatives)."""
    body = HIDDEN_HTML.sub(" ", text)
    spoken = [html_lib.unescape(value[1:-1]) for value in READ_ALOUD.findall(body)]
    return html_lib.unescape(TAG.sub(" ", body)) + "\n" + "\n".join(spoken)


DATA_KEYS = frozenset({"answers", "profile"})
"""JSON report subtrees that repeat the answers as data."""
TEXT_KEYS = frozenset({"answer", "because", "label", "text", "why", "summary", "title", "note"})
"""Keys whose value is text even when it is one word ("Yes")."""


def json_prose(text: str) -> str:
    """The JSON report's text fields: every string with a space in it (ids have none), and
    the one-word values of text keys; keys, ids and the answers are data."""
    found: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for inner, item in value.items():
                if inner not in DATA_KEYS:
                    walk(item, inner)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and (len(value.split()) > 1 or key in TEXT_KEYS):
            found.append(value)

    walk(json.loads(text))
    return "\n".join(found)


def answers_lines(markdown_report: str) -> list[str]:
    """The answers file as the reports print it (the Markdown report's YAML block)."""
    blocks = [block for block in FENCE.findall(markdown_report) if block.startswith("```yaml")]
    return [line.strip() for block in blocks for line in block.splitlines()[1:-1] if line.strip()]


def without_lines(text: str, lines: list[str]) -> str:
    """``text`` with each of ``lines`` taken out (white space compared loosely): the
    answers-file appendix of a document read back as text."""
    flat = " ".join(text.split())
    for line in sorted(set(lines), key=len, reverse=True):
        flat = flat.replace(" ".join(line.split()), " ")
    return flat


def docx_prose(data: bytes, appendix: list[str]) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    kept = [text for text in texts if text.strip() not in appendix]
    return "\n".join(kept)


def pdf_prose(data: bytes, appendix: list[str]) -> str:
    from pypdf import PdfReader

    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    return without_lines("\n".join(pages), appendix)


# the checks -------------------------------------------------------------------------------------
def leaks(text: str) -> list[Leak]:
    return VOCABULARY.leaks(text)


def leak_report(where: str, text: str) -> list[str]:
    """Each leak in ``text`` as a line naming where it was."""
    return [f"{where}: {leak}" for leak in leaks(text)]


def assert_no_leaks(where: str, text: str) -> None:
    found = leak_report(where, text)
    assert not found, f"{len(found)} leak(s):\n  " + "\n  ".join(found)


def assert_none(found: list[str]) -> None:
    """Fail once, with every leak or contradiction of every format listed."""
    assert not found, f"{len(found)} problem(s):\n  " + "\n  ".join(found)


def names_of(framework_id: str) -> list[str]:
    """How text names a framework: its name, short name and aliases ("SMART criteria")."""
    framework = KB.frameworks[framework_id]
    return list(dict.fromkeys([framework.name, short_name(framework), *framework.aliases]))


def naming(text: str, framework_id: str) -> bool:
    return any(
        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in names_of(framework_id)
    )


PAUSED = "bring it back when"
"""How a caution says that a framework retired now returns later (the mix is full)."""


def contradictions(rec: Recommendation, shown: list[tuple[str | None, str]]) -> list[str]:
    """A framework both advised and retired, or a caution or pitfall shown (``shown``: the
    framework it belongs to, or None, and its text) that names a retired framework as
    something to use. A framework's own text may name one it contains (the OKR + KPI hybrid's
    pitfalls name KPIs)."""
    retired = {item.id for item in rec.retire}
    advised = {layer.framework for layer in rec.mix} | {
        fid for phase in rec.phases for fid in phase.frameworks
    }
    found = [f"{fid} is both advised and retired" for fid in sorted(advised & retired)]
    for owner, text in shown:
        if PAUSED in text:
            continue  # retired now, back later: one piece of advice
        for fid in sorted(retired):
            if naming(text, fid) and not (owner and naming(KB.frameworks[owner].name, fid)):
                found.append(f"retired {fid} advised in: {text}")
    return found


def cautions_shown(rec: Recommendation) -> list[tuple[str | None, str]]:
    return [(None, caution.text) for caution in rec.cautions]


def pitfalls_shown(report_json: str) -> list[tuple[str | None, str]]:
    """The advice of each pitfall the report shows ("how to avoid it"), by framework."""
    data = json.loads(report_json)
    return [
        (entry.get("framework"), item["avoid"])
        for entry in data.get("pitfalls", [])
        for item in entry.get("pitfalls", [])
    ]


def write(path: Path, answers: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(answers, sort_keys=False, allow_unicode=True), "utf-8")
    return path
