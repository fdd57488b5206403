"""The app and the command line take their words from the catalogue (issue 28): no string
literal of four words or more, a sentence a person would read, is left in
`src/framework_advisor/tui/`, `src/framework_advisor/cli*.py` or the workshop's and the
sessions' modules (``OUTSIDE``). Their words are in
knowledge/text/en.yaml (`app.*`, `cli.*`, `key.*`). Left out of the count, as in the engine's
test (`test_engine_words.py`): docstrings and comments; and here also click's own help texts
(`help=`: click's help stays in the code, CONTRIBUTING.md), stylesheets (`CSS`, `DEFAULT_CSS`)
and the words on a key binding whose id the catalogue gives (`key.<id>`: the footer and the help
say those). What must stay is in ``ALLOWED``, each with why."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from framework_advisor.domain.messages import KEY_TIPS, KEYS, MESSAGES
from tests.unit.test_engine_words import sentences as engine_sentences

PACKAGE = Path(__file__).parents[2] / "src" / "framework_advisor"
OUTSIDE = ("workshops", "workshop_rounds", "withdrawal", "workshop_lock", "sessions", "storage")
"""Modules outside the front ends whose words are the catalogue's too (a workshop's folder, the
sessions, errors.py's count of problems)."""
MODULES = sorted(
    [
        *PACKAGE.glob("tui/**/*.py"),
        *PACKAGE.glob("cli*.py"),
        *(PACKAGE / f"{name}.py" for name in (*OUTSIDE, "errors")),
    ]
)
STYLES = {"CSS", "DEFAULT_CSS"}

PARSING = (
    "a usage or input error found before the command loads the knowledge base, so that a "
    "broken pack never hides it (CONTRIBUTING.md, 'Words the command line says')"
)
ALLOWED: dict[str, dict[str, str]] = {
    "cli.py": {
        "{} : is a folder; give a file name": PARSING,
        "-o {} : the file name does not say the format": PARSING,
        "--format {} disagrees with -o {}": PARSING,
        "two answers files ( {} and --answers {} )": PARSING,
        "give the answers file: as the argument": PARSING,
        "-o/--output: an empty file name": PARSING,
        "--resume, --session, --answers, --workshop and --participant open the app": PARSING,
        "--workshop DIR and --participant NAME go together": PARSING,
        "--workshop opens the participant's own answers": PARSING,
    },
    "cli_app.py": {
        "served-app runs under `serve` only": PARSING,
    },
    "cli_browse.py": {
        "give either --set QUESTION=VALUE": PARSING,
        "compare takes two to four framework ids": PARSING,
    },
    "cli_documents.py": {
        "--format {} writes a binary file": PARSING,
        "{} : the note has {} characters": PARSING,
        "--mix needs --answers FILE": PARSING,
    },
    "cli_workshop.py": {
        "--handout is a page for people": "in flight: the summary's format dispatch is being "
        "rewritten as a document (issue 29's workshop part); moves with it",
        "--format {} needs a file: give -o FILE": "in flight: as above",
    },
    "errors.py": {
        "{} : {} {} : {}": "a linter's line, `FILE:LINE: severity rule: KEY: MESSAGE`: a format, "
        "no words",
    },
    "sessions.py": {
        "{} . {} - {} {}": "a set-aside file's name, `NAME.corrupt-<time>.yaml`: no words",
        "{} . {} - {} - {} {}": "as above, numbered",
    },
    "tui/screens/goal_check.py": {
        "# Team OKRs 2026-Q3": "the goal checker's starter text is a goal file, not a sentence: "
        "its line breaks matter, and the catalogue folds them",
    },
    "tui/serve/server.py": {
        "default-src 'self'": "an HTTP header (Content-Security-Policy), not words",
        "%s joined (answers in %s.yaml)": "the server's log line for the operator, not the room",
        "{} ; filename=": "an HTTP header (Content-Disposition), not words",
    },
    "tui/watch_app.py": {
        "Show everyone the group result": "the live view draws Textual's own Footer, which reads "
        "the binding's words; its snapshot pins that footer",
        "End the workshop: no more joins or edits": "as above",
        "Leave the view (the workshop goes on)": "as above",
        "Write the summary (Markdown, HTML, PDF, Word)": "as above",
    },
}
"""Literals that stay, by module and how they start, each with why: the list shrinks, it never
grows to pass a test."""


def _skipped(tree: ast.AST) -> set[int]:
    """Strings that are not the front end's words: click's help, stylesheets and the words on
    a binding the catalogue says."""
    skip: set[int] = set()

    def all_strings(node: ast.AST) -> None:
        skip.update(id(n) for n in ast.walk(node) if isinstance(n, ast.Constant | ast.JoinedStr))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "help":
                    all_strings(keyword.value)
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            given = {k.arg: k.value for k in node.keywords}
            binding_id = given.get("id")
            if (
                name == "Binding"
                and isinstance(binding_id, ast.Constant)
                and binding_id.value in KEYS
            ):
                all_strings(node)
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in STYLES for t in node.targets
        ):
            all_strings(node.value)
    return skip


def sentences(source: str) -> list[tuple[int, str]]:
    """(line, text) of each literal of ``MIN_WORDS`` words or more that is the front end's
    words (``test_engine_words.sentences`` without what ``_skipped`` leaves out)."""
    return engine_sentences(source, _skipped)


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_the_check_finds_words_and_passes_help_styles_and_keys() -> None:
    source = '''
"""A module docstring of many words here."""
import click
option = click.option("--x", help="Some help text for the option.")
CSS = "Screen { height: auto; padding: 0 1; }"
B = Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit (answers are saved) now")
C = Binding("q", "quit", "Quit", id="nobody.knows", tooltip="Leave the app for good")
def f(name):
    return f"{name} is open in another window"
'''
    assert [line for line, _ in sentences(source)] == [7, 9]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_user_sentence_is_left_in_the_front_ends(path: Path) -> None:
    allowed = ALLOWED.get(_name(path), {})
    found = [
        (line, text)
        for line, text in sentences(path.read_text(encoding="utf-8"))
        if not any(text.startswith(start) for start in allowed)
    ]
    assert not found, "\n".join(f"{_name(path)}:{line}: {text}" for line, text in found)


def test_every_allowed_literal_is_still_there() -> None:
    """An entry whose literal has gone (moved to the catalogue) leaves the list."""
    for name, entries in ALLOWED.items():
        texts = [text for _, text in sentences((PACKAGE / name).read_text(encoding="utf-8"))]
        for start in entries:
            assert any(text.startswith(start) for text in texts), f"{name}: {start}"


def test_every_key_binding_with_an_id_has_its_words_in_the_catalogue() -> None:
    """A binding id the code declares is said from the catalogue (``key.<id>``), its tooltip
    too (``key.<id>.tip``), except the live view's, which Textual's Footer draws."""
    missing = []
    for path in PACKAGE.glob("tui/**/*.py"):
        if path.name == "watch_app.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Binding"):
                continue
            given = {k.arg: k.value for k in node.keywords}
            binding_id = given.get("id")
            if not isinstance(binding_id, ast.Constant):
                continue  # made in a loop (the results' tabs): named in KEYS by hand
            if binding_id.value not in KEYS:
                missing.append(f"{_name(path)}: key.{binding_id.value}")
            elif "tooltip" in given and binding_id.value not in KEY_TIPS:
                missing.append(f"{_name(path)}: key.{binding_id.value}.tip")
    assert not missing, missing
    assert all(f"key.{key}" in MESSAGES for key in KEYS)
