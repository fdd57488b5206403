"""A participant's app under `serve` holds their own session and nothing else."""

from __future__ import annotations

from pathlib import Path

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.sessions import SessionStore
from framework_advisor.tui.app import AdvisorApp, Served
from framework_advisor.tui.commands import AdvisorCommands
from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
from framework_advisor.tui.screens.welcome import WelcomeScreen


def _served(kb: KnowledgeBase, folder: Path, session: str = "Sam-2") -> AdvisorApp:
    return AdvisorApp(kb, SessionStore(folder), served=Served(participant="Sam", session=session))


async def test_the_app_opens_the_participants_session_and_no_welcome(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    store = SessionStore(tmp_path)
    store.save("Other", kb, {"organisation": "Other Corp"}, None, participant="Other")
    app = _served(kb, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        assert not any(isinstance(s, WelcomeScreen) for s in app.screen_stack)
        app.action_home()
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        assert app.assessment.name == "Sam-2" and app.assessment.participant == "Sam"
        names = [name for name, _, _ in AdvisorCommands(app.screen)._commands()]
        assert not any("Welcome" in name or "New" in name for name in names), names
    assert (tmp_path / "Sam-2.yaml").is_file()
    assert "Other Corp" in (tmp_path / "Other.yaml").read_text()


async def test_the_app_continues_a_saved_session_without_wiping_it(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    SessionStore(tmp_path).save("Sam-2", kb, {"organisation": "Acme"}, None, participant="Sam")
    app = _served(kb, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.assessment.answers["organisation"] == "Acme"
    assert "Acme" in (tmp_path / "Sam-2.yaml").read_text()


async def test_the_welcome_screen_still_serves_a_local_user(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    app = AdvisorApp(kb, SessionStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        names = [name for name, _, _ in AdvisorCommands(app.screen)._commands()]
        assert "Welcome screen" in names


async def test_the_app_tells_the_page_which_question_has_the_keyboard(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    """Served, the app sends a `ready` meta packet (the page's `data-ready`) once a question is
    drawn with its input focused, and again after each move."""
    app = _served(kb, tmp_path)
    sent: list[dict[str, object]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app._driver.write_meta = sent.append  # type: ignore[union-attr]  # the web driver's
        await pilot.pause()
        assert sent and sent[-1] == {"type": "ready", "view": "question:organisation"}
        await pilot.press(*"Acme", "enter")
        await pilot.pause()
        assert sent[-1] == {"type": "ready", "view": "question:headcount"}
        assert app.focused is not None
