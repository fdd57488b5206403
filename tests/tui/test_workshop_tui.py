"""A workshop participant's app: fixed answers not asked, group result only after the reveal,
no edits once closed; and the `--workshop DIR --participant NAME` wiring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.render.workshop.outline import workshop_say
from framework_advisor.sessions import SessionStore
from framework_advisor.tui.app import AdvisorApp, Served
from framework_advisor.tui.launch import workshop_of
from framework_advisor.tui.screens.group import GroupScreen
from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
from framework_advisor.tui.state import Assessment
from tests.tui.conftest import record_notices, wait_for_screen, wait_until

FIXED_ARGS = (
    "--title",
    "Acme",
    "--organisation",
    "Acme",
    "--set",
    "function=company",
    "--set",
    "headcount=120",
)
OTHERS = {
    "alba.yaml": {"needs": ["alignment"], "industry": "saas", "maturity": "none"},
    "bram.yaml": {"needs": ["alignment", "goal_clarity"], "industry": "software"},
}


@pytest.fixture
def workshop(run_cli, tmp_path: Path) -> Path:
    folder = tmp_path / "acme"
    assert run_cli("workshop", "new", folder, *FIXED_ARGS).exit_code == 0
    for name, answers in OTHERS.items():
        (folder / "participants" / name).write_text(yaml.safe_dump(answers))
    return folder


def _app(kb: KnowledgeBase, folder: Path, name: str = "Sam") -> AdvisorApp:
    shop, _ = workshop_of(kb, folder)
    app = AdvisorApp(
        kb,
        SessionStore(folder / "participants"),
        served=Served(participant=name, session=name),
        workshop=shop,
    )
    app.animation_level = "none"
    return app


async def test_fixed_answers_are_kept_and_never_asked(kb: KnowledgeBase, workshop: Path) -> None:
    app = _app(kb, workshop)
    asked: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, QuestionnaireScreen)
        assert app.sub_title.startswith("Sam · Acme · ") and "Headcount: 120" in app.sub_title
        for _ in range(len(kb.questions)):
            asked.append(screen.question_id)
            following = app.assessment.next_question(screen.question_id)
            if following is None:
                break
            screen.jump_to(following.id)
            await pilot.pause()
        app.set_answer("function", "sales")  # a fixed answer cannot change here
        assert app.assessment.answers["function"] == "company"
        assert all(q.id not in ("organisation", "function", "headcount", "stage")
                   for q in app.assessment.visible())  # fmt: skip
    assert asked and not {"organisation", "function", "headcount", "stage"} & set(asked)
    Assessment.flush()
    saved = yaml.safe_load((workshop / "participants" / "Sam.yaml").read_text())
    assert saved["function"] == "company" and saved["headcount"] == 120
    assert saved["organisation"] == "Acme"
    assert saved["_meta"]["participant"] == "Sam"


async def test_the_group_result_is_hidden_until_the_reveal(
    run_cli, kb: KnowledgeBase, workshop: Path
) -> None:
    app = _app(kb, workshop)
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not isinstance(app.screen, GroupScreen)
        assert any("once your facilitator reveals" in n for n in notices)
        assert run_cli("workshop", "reveal", workshop).exit_code == 0
        await pilot.press("ctrl+g")
        screen = await wait_for_screen(pilot, GroupScreen)
        text = "\n".join(str(w.render()) for w in screen.query("#group Static"))

        def words(word: str) -> str:
            return workshop_say(kb.text, word)

        for heading in ("group.heading", "group.differ_heading", "group.discuss_heading"):
            assert words(heading) in text
        assert "Your own top three" in text and "proposed plan" in text
        assert "alba" not in text and "bram" not in text  # peers stay anonymous
        assert "P1" not in text and "P2" not in text
        for jargon in ("Kendall", "Jaccard", "%"):
            assert jargon not in text


async def test_a_closed_workshop_takes_no_more_answers(
    run_cli, kb: KnowledgeBase, workshop: Path
) -> None:
    app = _app(kb, workshop)
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.set_answer("industry", "saas")
        assert app.assessment.answers["industry"] == "saas"
        assert run_cli("workshop", "close", workshop).exit_code == 0
        app.set_answer("industry", "retail")
        await wait_until(pilot, lambda: any("closed" in n for n in notices))
        assert app.assessment.answers["industry"] == "saas"


def test_the_command_line_opens_the_participants_file(
    run_cli, workshop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: dict[str, Any] = {}

    def fake_run(self: AdvisorApp) -> None:
        opened.update(served=self.served, workshop=self.workshop, store=self.store)

    monkeypatch.setattr(AdvisorApp, "run", fake_run)
    result = run_cli("--workshop", workshop, "--participant", " Sam  Lee ")
    assert result.exit_code == 0, result.stderr
    assert opened["served"].participant == "Sam Lee"
    assert opened["served"].session == "Sam-Lee"
    assert opened["workshop"].fixed["function"] == "company"
    assert opened["store"].folder == workshop / "participants"
    assert run_cli("--workshop", workshop).exit_code == 2
    assert run_cli("--workshop", workshop.parent / "nowhere", "--participant", "x").exit_code == 2
    run_cli("workshop", "close", workshop)
    result = run_cli("--workshop", workshop, "--participant", "Sam")
    assert result.exit_code == 2 and "closed" in result.stderr
