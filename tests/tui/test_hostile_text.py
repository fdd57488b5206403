"""Issue 19, "Text is only text", in the app: whatever a client, a participant, a saved session
or a pack holds is shown as written. Every DataTable cell is a Rich `Text` (a plain `str` cell
is read as markup: `Acme [/EU]` crashed the sessions screen, a pack framework named `OKR [/] x`
the results screen), no rendered line carries a link or an action (`[@click=app.quit]`), and
no escape sequence reaches the terminal. Exports survive what Word and Excel cannot hold."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgspec
import yaml
from textual.command import CommandList, CommandPalette
from textual.widgets import Checkbox, Input, Static

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.exports import EXPORTS
from framework_advisor.kb.load import load
from framework_advisor.sessions import SessionStore
from framework_advisor.tui.app import AdvisorApp, Served
from framework_advisor.tui.launch import workshop_of
from framework_advisor.tui.screens.compare import CompareScreen
from framework_advisor.tui.screens.export import ExportScreen
from framework_advisor.tui.screens.frameworks import FrameworksScreen
from framework_advisor.tui.screens.group import GroupScreen
from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
from framework_advisor.tui.screens.results import TABS, ResultsScreen
from framework_advisor.tui.screens.review import EditAnswer, ReviewScreen
from framework_advisor.tui.screens.sessions import SessionsScreen
from framework_advisor.tui.screens.welcome import WelcomeScreen

from ..conftest import ROOT
from ..unit.hostile import xlsx_text
from .conftest import SALES_LED, wait_for_screen, wait_until
from .screen_text import hazards, table_cells

SRC = ROOT / "src" / "framework_advisor"
ACTION = "[@click=app.quit]Quit[/]"
HOSTILE = (
    f"{ACTION} [/] [b]x[/b] [$accent]y[/] [link=https://evil.example]z[/link] \x1b]0;pwned\x07"
)
"""Rich and Textual markup that would crash, style, link or act, and a window-title escape."""


def hostile_kb(kb: KnowledgeBase) -> KnowledgeBase:
    """The knowledge base as a pack could make it: markup in a framework's name and summary, in
    a question's label, prompt, help and options."""
    replace = msgspec.structs.replace
    okr = kb.frameworks["okr"]
    frameworks = {**kb.frameworks, "okr": replace(okr, name=f"OKR {HOSTILE}", summary=HOSTILE)}
    questions = []
    for question in kb.questions:
        if question.id == "industry":
            options = [replace(o, label=f"{o.label} {ACTION}") for o in question.options]
            question = replace(
                question, label=HOSTILE, prompt=f"Industry {HOSTILE}", help=HOSTILE,
                options=options,
            )  # fmt: skip
        questions.append(question)
    return replace(kb, frameworks=frameworks, questions=questions)


def app_of(kb: KnowledgeBase, store: SessionStore, **kwargs: Any) -> AdvisorApp:
    app = AdvisorApp(kb, store, **kwargs)
    app.animation_level = "none"
    return app


def save_session(store: SessionStore, name: str, answers: dict[str, Any]) -> None:
    store.folder.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump({**answers, "_meta": {"cursor": "industry"}}, allow_unicode=True)
    (store.folder / f"{name}.yaml").write_text(text, encoding="utf-8")


# the findings -------------------------------------------------------------------------------
async def test_a_saved_organisation_with_markup_opens_the_sessions_screen(
    kb: KnowledgeBase, store: SessionStore
) -> None:
    """An organisation `Acme [/EU]` crashed the sessions screen every time it opened."""
    save_session(store, "acme", {"organisation": "Acme [/EU]", "headcount": 40})
    save_session(store, "other", {"organisation": HOSTILE})
    app = app_of(kb, store)
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_for_screen(pilot, WelcomeScreen)
        await pilot.press("s")
        await wait_for_screen(pilot, SessionsScreen)
        shown = {cell.plain for _, cell in table_cells(app)}
        assert "Acme [/EU]" in shown
        assert HOSTILE.replace("\x1b", "").replace("\x07", "") in shown
        assert hazards(app) == []
        await pilot.press("r")  # the rename dialog quotes the name
        await pilot.pause()
        assert hazards(app) == []


def okr_pack(tmp_path: Path, name: str) -> Path:
    pack = tmp_path / "pack"
    (pack / "frameworks").mkdir(parents=True)
    (pack / "pack.yaml").write_text("name: p\nversion: '1'\nschema_version: 2\n", encoding="utf-8")
    okr = (ROOT / "knowledge" / "frameworks" / "okr.yaml").read_text(encoding="utf-8")
    okr = okr.replace("name: Objectives and Key Results (OKR)", f"name: '{name}'")
    (pack / "frameworks" / "okr.yaml").write_text(okr, encoding="utf-8")
    return pack


async def test_a_pack_framework_named_with_markup_opens_the_results(
    store: SessionStore, tmp_path: Path, run_cli
) -> None:
    """A pack framework named `OKR [/] x` passed `validate` and crashed the results screen."""
    pack = okr_pack(tmp_path, "OKR [/] x")
    assert run_cli("--kb", pack, "validate").exit_code == 0
    kb = load([str(pack)], use_cache=False)
    answers = {**SALES_LED, "needs": ["alignment", "goal_clarity"], "current_frameworks": ["okr"]}
    app = app_of(kb, store, new_answers=("acme", answers))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.action_results()
        await wait_for_screen(pilot, ResultsScreen)
        names = [cell.plain for table, cell in table_cells(app) if table == "ranking"]
        assert any("OKR [/] x" in name for name in names), names
        assert hazards(app) == []


async def test_every_screen_shows_hostile_text_as_text(
    kb: KnowledgeBase, store: SessionStore
) -> None:
    """Walk every screen with markup and escapes in the session's name, the organisation, the
    answers and the pack's text: every table cell is a `Text`, no line links or acts."""
    kb = hostile_kb(kb)
    answers = {**SALES_LED, "organisation": HOSTILE, "industry": "software"}
    save_session(store, "old", {"organisation": HOSTILE})
    app = app_of(kb, store, new_answers=(f"{ACTION} now", answers))
    seen: dict[str, list[str]] = {}

    async def look(what: str) -> None:
        await pilot.pause()
        seen[what] = hazards(app)

    async with app.run_test(size=(110, 32)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.open_questionnaire("industry")
        await look("questionnaire")
        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, ReviewScreen)
        await look("review")
        await pilot.press("enter")
        await wait_for_screen(pilot, EditAnswer)
        await look("edit answer")
        await pilot.press("escape")
        app.action_results()
        await wait_for_screen(pilot, ResultsScreen)
        for number, tab in enumerate(TABS, start=1):
            await pilot.press(str(number))
            await look(f"results: {tab}")
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, ExportScreen)
        await look("export")
        await pilot.press("escape")
        app.action_frameworks()
        await wait_for_screen(pilot, FrameworksScreen)
        await look("frameworks")
        app.action_compare()
        await wait_for_screen(pilot, CompareScreen)
        await look("compare")
        await pilot.press("ctrl+p")
        palette = await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*"industry")
        commands = palette.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0, what="a palette entry")
        await look("palette")
        await pilot.press("escape")
        app.action_home()
        await wait_for_screen(pilot, WelcomeScreen)
        await look("welcome")
        await pilot.press("s")
        await wait_for_screen(pilot, SessionsScreen)
        await look("sessions")
    assert {what: found for what, found in seen.items() if found} == {}
    assert len(seen) == 14


async def test_export_with_excel_ticked_survives_control_characters(
    make_app: Callable[..., AdvisorApp], tmp_path: Path
) -> None:
    """An organisation "Acme\\vLtd" crashed the whole app on Export (Excel is ticked by
    default): the files are written, the vertical tab read back as a space."""
    folder = tmp_path / "out"
    app = make_app(new_answers=("acme", {**SALES_LED, "organisation": "Acme\vLtd\f\x1b"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.action_results()
        await wait_for_screen(pilot, ResultsScreen)
        await pilot.press("ctrl+e")
        export = await wait_for_screen(pilot, ExportScreen)
        export.query_one("#folder", Input).value = str(folder)
        for index, item in enumerate(EXPORTS):  # the defaults, and Word beside them
            box = export.query_one(f"#export-{index}", Checkbox)
            box.value = item.ticked or item.format == "docx"
        export.export()
        result = export.query_one("#export-result", Static)
        await wait_until(pilot, lambda: "Wrote" in str(result.render()), what="the export")
        assert app.is_running
    books = [p for p in folder.iterdir() if p.suffix == ".xlsx"]
    assert books and all("Acme Ltd" in xlsx_text(p) for p in books)
    assert any(p.suffix == ".docx" for p in folder.iterdir())


async def test_a_participants_name_and_the_workshop_title_are_text(
    kb: KnowledgeBase, tmp_path: Path, run_cli
) -> None:
    """Served in a workshop: the header, the toast naming the fixed answers and the group view
    show the participant's name and the title as written."""
    folder = tmp_path / "w"
    result = run_cli("workshop", "new", folder, "--title", HOSTILE, "--set", "function=company")
    assert result.exit_code == 0, result.stderr
    other = {"needs": ["alignment"], "headcount": 30, "_meta": {"participant": HOSTILE}}
    (folder / "participants" / "other.yaml").write_text(yaml.safe_dump(other), encoding="utf-8")
    assert run_cli("workshop", "reveal", folder).exit_code == 0
    shop, _ = workshop_of(kb, folder)
    app = app_of(
        kb, SessionStore(folder / "participants"),
        served=Served(participant=HOSTILE, session="sam"), workshop=shop,
    )  # fmt: skip
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert hazards(app) == []
        assert "\x1b" not in app.sub_title and ACTION in app.sub_title
        await pilot.press("ctrl+g")
        await wait_for_screen(pilot, GroupScreen)
        assert hazards(app) == []


async def test_a_toast_never_passes_an_escape_sequence_on(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify(f"Could not read {HOSTILE}", title=HOSTILE, markup=False)
        await wait_until(pilot, lambda: app.screen.query("Toast"), what="the toast")
        assert hazards(app) == []
        (toast,) = app.screen.query("Toast")
        assert ACTION in str(toast.render())


# the rule in the source ---------------------------------------------------------------------
def _calls(name: str) -> Iterator[tuple[str, ast.Call]]:
    """Calls of a method ``name`` in the app's source (not `super().name(...)`)."""
    for path in sorted((SRC / "tui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == name
                and "super()" not in ast.unparse(node.func.value)
            ):
                yield f"{path.relative_to(SRC)}:{node.lineno}", node


def test_every_toast_of_ours_is_literal() -> None:
    """A toast may quote a name, a path or an error about a file: ours never read markup."""
    loose = [
        where
        for where, call in _calls("notify")
        if not any(
            k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in call.keywords
        )
    ]
    assert loose == [], "notify(...) without markup=False"


def test_no_table_cell_goes_in_as_a_plain_string() -> None:
    """Rows go into a DataTable only through `as_text` (or as `Text`): Textual reads a `str`
    cell as markup."""
    loose = []
    for name in ("add_row", "add_rows"):
        for where, call in _calls(name):
            source = ast.unparse(call)
            if (call.args or call.keywords) and "as_text(" not in source:
                loose.append(f"{where}: {source}")
    assert loose == []


def test_no_markup_is_built_from_text_in_the_app() -> None:
    """Textual's `escape` leaves `[$accent]`, `[B]` and a trailing backslash live: the app never
    builds markup strings from supplied text (only `Text`, `Content` and `markup_escape`)."""
    found = []
    for path in sorted((SRC / "tui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in ("markup import escape", "from_markup(", "matcher.highlight("):
            if needle in text:
                found.append(f"{path.relative_to(SRC)}: {needle}")
    assert found == []


# the room's log ------------------------------------------------------------------------------
def test_serve_logs_a_joining_name_without_escape_sequences(tmp_path: Path) -> None:
    """A participant named with ESC ] 0 ; ... BEL set the facilitator's window title: `serve`
    logged the name raw. The log line keeps the name's text, never its escapes."""
    import asyncio
    import queue
    import threading

    from .room_client import Participant, serving

    name = "Sam\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07 Lee\x1b[2J"
    with serving(tmp_path / "room", tmp_path) as room:
        lines: queue.Queue[str] = queue.Queue()
        assert room.process.stdout is not None
        stdout = room.process.stdout
        threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()

        async def join() -> int:
            async with Participant(room) as participant:
                return (await participant.post_join(room.code, name)).status

        assert asyncio.run(join()) == 303
        seen = []
        while not any("joined" in line for line in seen):
            seen.append(lines.get(timeout=30))
    (joined,) = [line for line in seen if "joined" in line]
    assert "Sam]0;pwned]52;c;ZXZpbA== Lee[2J joined" in joined
    assert not any(ch in "".join(seen) for ch in "\x1b\x07")
