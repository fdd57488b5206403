"""The Framework Advisor TUI: a leader answers the questionnaire and reads an explained
recommendation. The app owns the assessment; screens show it and post changes back."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from msgspec import Struct
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from framework_advisor._version import __version__
from framework_advisor.domain.answers import Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.safe_text import terminal_text
from framework_advisor.sessions import Session, SessionLock, SessionStore
from framework_advisor.tui.commands import AdvisorCommands
from framework_advisor.tui.messages import AnswersChanged
from framework_advisor.tui.state import Assessment
from framework_advisor.tui.words import say

S = TypeVar("S", bound=Screen[Any])

LIGHT, DARK = "textual-light", "textual-dark"


class Served(Struct):
    """Running under `serve`: one browser, one participant, their own session and nothing else
    (no welcome screen, session list or file dialog; exports are downloads). The room's web
    layer checked the join code and who they are before this process started."""

    participant: str  # the name they typed
    session: str  # their session's name (its file's stem) in the room's folder


class Workshop(Struct):
    """A participant of a workshop (`--workshop DIR --participant NAME`, or served with
    `serve --workshop DIR`): the fixed answers are shown, not asked; the group's result only
    after the facilitator's reveal; no edits once the workshop is closed."""

    directory: Path
    title: str
    fixed: dict[str, Any]


MAX_EARLY_KEYS = 10_000
READY_TRIES, READY_RETRY_SECONDS = 40, 0.05


class AdvisorApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Framework Advisor"
    COMMANDS = App.COMMANDS | {AdvisorCommands}
    BINDINGS = [
        Binding(  # before a dialog's or a text box's own keys: help everywhere
            "f1",
            "help",
            "Help",
            id="app.help",
            tooltip="Keys and what each screen does",
            priority=True,
        ),
        Binding("question_mark", "help", "Help", id="app.help_key", show=False),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", tooltip="Quit (answers are saved)"),
        Binding("f2", "toggle_theme", "Theme", id="app.theme", tooltip="Light or dark theme"),
        Binding(
            "ctrl+g",
            "group",
            "Group",
            id="app.group",
            tooltip="The workshop's group result (after the facilitator reveals it)",
        ),
    ]

    def __init__(
        self,
        kb: KnowledgeBase,
        store: SessionStore | None,
        *,
        session: Session | None = None,
        new_answers: tuple[str, Answers] | None = None,
        served: Served | None = None,
        notices: list[str] | None = None,
        workshop: Workshop | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.kb = kb
        self.today = today
        """The date exports print (None: today, or FRAMEWORK_ADVISOR_TODAY)."""
        self.store = store
        self.served = served
        self.workshop = workshop
        self.assessment = Assessment(kb, None)
        self.goals_text: str | None = None
        """The goals typed, pasted or opened in the checker screen, when they check: the
        report's export adds the findings on them as an appendix (None: none)."""
        self.goals_file: str | None = None
        """The name of the goal file the checker opened: the appendix's heading for its goals."""
        self._session = session
        self._new_answers = new_answers
        self._notices = list(notices or [])
        self._lock: SessionLock | None = None
        self._ready_view = ""
        self._early_keys: list[events.Key] = []
        self._control_pending = False
        """A question was just shown and its box has not had the focus yet."""
        self.sub_title = f"v{__version__}"

    def on_mount(self) -> None:
        self.theme = DARK
        from framework_advisor.tui.screens.welcome import WelcomeScreen

        if self.served is not None:
            self._open_served_session(self.served)
            self.call_after_refresh(gc.freeze)
            return
        self.push_screen(WelcomeScreen())
        if self._session is not None:
            self.continue_session(self._session)
        elif self._new_answers is not None:
            name, answers = self._new_answers
            stem = self.store.stem_for(name) if self.store is not None else name
            self.start_assessment(stem, answers, title=name)
        for notice in self._notices:
            self.notify(notice, severity="warning", timeout=10, markup=False)
        self.call_after_refresh(gc.freeze)  # see tui.launch.collect_garbage_as_an_app

    # keys before the first input has the focus; the served page's ready signal ----------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and (self._early_keys or self._waiting_for_question()):
            if len(self._early_keys) < MAX_EARLY_KEYS:
                self._early_keys.append(event)
            if len(self._early_keys) == 1:
                self.app_focus = True  # a key means the keyboard is ours (as Textual assumes)
                self.call_after_refresh(self._let_early_keys_go)
            return
        await super().on_event(event)

    def _waiting_for_question(self) -> bool:
        """Served: keys that arrive before a question's box has the focus (a participant typing as
        the page opens, while the browser hands the app its focus, or as a question of
        another kind takes over) wait for it, in order: typed into nothing, into the list of
        the question before, or into a box not yet filled, they were lost."""
        from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen

        if self.served is None:
            return False  # a terminal delivers keys to a drawn screen (see HoldsTypeAhead)
        screen = self.screen
        if type(screen) is Screen:
            return True
        if not isinstance(screen, QuestionnaireScreen):
            return False
        if self.focused is None or screen.question_id is None:
            return True
        if self._control_pending and screen.input.control.has_focus:
            self._control_pending = False
        return self._control_pending

    def question_shown(self) -> None:
        """A question is on screen: keys wait until its box has the focus, then go to it."""
        self._control_pending = True
        self.call_after_refresh(self._let_early_keys_go)
        self.announce_ready()

    def _let_early_keys_go(self, tries: int = READY_TRIES) -> None:
        from framework_advisor.tui.messages import replay_keys
        from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen

        screen = self.screen
        if (
            isinstance(screen, QuestionnaireScreen)
            and screen.question_id is not None
            and not screen.input.control.has_focus
        ):
            screen.input.focus_control()
        if not self._early_keys:
            return
        if self._waiting_for_question() and tries > 0:
            self.set_timer(READY_RETRY_SECONDS, lambda: self._let_early_keys_go(tries - 1))
            return
        held, self._early_keys = self._early_keys, []
        replay_keys(self, held)

    def on_descendant_focus(self) -> None:
        self.announce_ready()

    def announce_ready(self) -> None:
        """Served: once drawn, tell the page what is shown and that it has the keyboard (the
        page sets `data-ready` on its body; see the README's served room)."""
        if self.served is not None:
            self.call_after_refresh(self._send_ready)

    def _send_ready(self, tries: int = READY_TRIES) -> None:
        write_meta = getattr(self._driver, "write_meta", None)
        if write_meta is None:
            return
        if self.focused is None:  # focus lands a moment after the screen is drawn
            if tries > 0:
                self.set_timer(READY_RETRY_SECONDS, lambda: self._send_ready(tries - 1))
            return
        view = str(getattr(self.screen, "ready_view", None) or type(self.screen).__name__)
        if view != self._ready_view:
            self._ready_view = view
            write_meta({"type": "ready", "view": view})

    # sessions ----------------------------------------------------------------------------
    def _open_served_session(self, served: Served) -> None:
        store = self.store
        if store is not None and store.exists(served.session):
            self.continue_session(store.load(served.session, self.kb))
        else:
            self.start_assessment(served.session, participant=served.participant)
        self.sub_title = terminal_text(served.participant)  # the header shows it literally
        if self.workshop is not None:
            fixed = "; ".join(
                f"{q.label}: {q.label_of(self.workshop.fixed[q.id])}"
                for q in self.kb.questions
                if q.id in self.workshop.fixed
            )
            self.sub_title = terminal_text(
                f"{served.participant} · {self.workshop.title} · {fixed}"
            )
            self.notify(
                say(self.kb, "app.fixed_for_all", fixed=fixed),
                title=self.workshop.title,
                timeout=10,
                markup=False,
            )

    def start_assessment(
        self,
        name: str,
        answers: Answers | None = None,
        participant: str | None = None,
        title: str | None = None,
    ) -> None:
        """A new session: ``name`` is its file's stem, ``title`` the name as typed."""
        self._adopt(
            Assessment(
                self.kb, self.store, name, answers or {}, participant=participant,
                fixed=self._fixed(), title=title,
            )
        )  # fmt: skip
        self.assessment.save()
        self.open_questionnaire()

    def continue_session(self, session: Session) -> None:
        if self.store is not None:
            session = self.store.set_aside(
                session, self.kb.text
            )  # a damaged file is never overwritten
        self._adopt(
            Assessment(
                self.kb,
                self.store,
                session.name,
                session.answers,
                session.cursor,
                participant=session.participant,
                fixed=self._fixed(),
                title=session.title,
            )
        )
        self.assessment.revision = session.revision
        for notice in session.notices:
            self.notify(notice, severity="warning", timeout=10, markup=False)
        self.open_questionnaire()

    def _fixed(self) -> dict[str, Any]:
        return dict(self.workshop.fixed) if self.workshop is not None else {}

    def _adopt(self, assessment: Assessment) -> None:
        assessment.on_save_error = self._save_failed
        self._hold(assessment)
        self.assessment = assessment
        self.show_session_name()

    def show_session_name(self) -> None:
        """The header names the session open (a served app names the participant instead)."""
        if self.served is None:
            name = self.assessment.display_name
            shown = (
                say(self.kb, "app.version_session", version=__version__, name=name)
                if name
                else say(self.kb, "app.version", version=__version__)
            )
            self.sub_title = terminal_text(shown)  # the header shows it literally

    def hold_again(self) -> None:
        """The open session's file was renamed: hold it under its new name."""
        self._hold(self.assessment)

    def _hold(self, assessment: Assessment) -> None:
        """A local session is held by one window: a second one opens it read-only."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self.served is not None or self.store is None or not assessment.name:
            return
        self._lock = self.store.lock(assessment.name)
        if self._lock is None:
            assessment.read_only = True
            self.notify(
                say(self.kb, "app.read_only", name=assessment.display_name),
                severity="warning",
                timeout=15,
                markup=False,
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast without control or escape sequences. Ours always pass ``markup=False`` (a
        message may hold a name, a path or an error about a file); Textual's own keep theirs."""
        super().notify(
            terminal_text(message),
            title=terminal_text(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        """The palette's Screenshot says where it went with the path as written (Textual's own
        toast puts the path, which holds the session's name, into markup)."""
        if event.name != "screenshot":
            return
        event.prevent_default()
        saved = (
            say(self.kb, "app.screenshot_saved_to", path=str(event.path))
            if event.path is not None
            else say(self.kb, "app.screenshot_saved")
        )
        self.notify(saved, title=say(self.kb, "app.screenshot"), markup=False)

    def _save_failed(self, error: BaseException) -> None:
        """Called from the autosave thread, or from this one when the write failed at once
        (then call_from_thread would raise): notify is thread-safe either way."""
        from framework_advisor.sessions import NewerSession

        if isinstance(error, NewerSession):
            self.notify(
                say(self.kb, "app.newer_saved"),
                severity="error",
                timeout=30,
                markup=False,
            )
            return
        self.notify(
            say(self.kb, "app.could_not_save", error=str(error)),
            severity="error",
            timeout=15,
            markup=False,
        )

    def on_unmount(self) -> None:
        Assessment.flush()
        if self._lock is not None:  # after the last save: the next window may write
            self._lock.release()
            self._lock = None

    def set_answer(self, question_id: str, value: Any) -> None:
        if self.workshop is not None:
            from framework_advisor.workshops import is_closed

            if is_closed(self.workshop.directory):
                self.notify(
                    say(self.kb, "app.workshop_closed"),
                    severity="warning",
                    markup=False,
                )
                return
        before = self.assessment.version
        self.assessment.set_answer(question_id, value)
        if self.assessment.version != before:
            for screen in self.screen_stack:
                screen.post_message(AnswersChanged(question_id))

    # navigation --------------------------------------------------------------------------
    def show(self, kind: type[S], make: Callable[[], S]) -> S:
        """Go back to the screen of this kind if it is open, else open a new one."""
        for screen in self.screen_stack:
            if isinstance(screen, kind):
                while self.screen is not screen:
                    self.pop_screen()
                return screen
        screen = make()
        self.push_screen(screen)
        return screen

    def open_questionnaire(self, question_id: str | None = None) -> None:
        from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen

        screen = self.show(QuestionnaireScreen, lambda: QuestionnaireScreen(question_id))
        if question_id is not None and screen.is_mounted:
            screen.jump_to(question_id)

    def action_home(self) -> None:
        """Back to the welcome screen, to switch session or start another (not when served:
        a participant has one session, their own)."""
        from framework_advisor.tui.screens.welcome import WelcomeScreen

        if self.served is not None:
            return
        self.show(WelcomeScreen, WelcomeScreen)

    def action_review(self) -> None:
        from framework_advisor.tui.screens.review import ReviewScreen

        if self._needs_assessment():
            self.show(ReviewScreen, ReviewScreen)

    def action_results(self) -> None:
        from framework_advisor.tui.screens.results import ResultsScreen

        if self._needs_assessment():
            self.show(ResultsScreen, ResultsScreen)

    def action_frameworks(self) -> None:
        from framework_advisor.tui.screens.frameworks import FrameworksScreen

        self.show(FrameworksScreen, FrameworksScreen)

    def action_compare(self) -> None:
        from framework_advisor.tui.screens.compare import CompareScreen

        self.show(CompareScreen, CompareScreen)

    def action_goals(self) -> None:
        from framework_advisor.tui.screens.goal_check import GoalCheckScreen

        self.show(GoalCheckScreen, GoalCheckScreen)

    def action_export(self) -> None:
        from framework_advisor.tui.screens.export import ExportScreen

        if self._needs_assessment():
            self.push_screen(ExportScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.workshop is not None if action == "group" else True

    def action_group(self) -> None:
        """The group's result beside the participant's own: only after the reveal."""
        from framework_advisor.workshops import is_revealed

        if self.workshop is None:
            return
        if not is_revealed(self.workshop.directory):
            self.notify(
                say(self.kb, "app.group_not_yet"),
                timeout=8,
                markup=False,
            )
            return
        from framework_advisor.tui.screens.group import GroupScreen

        self.push_screen(GroupScreen(self.workshop.directory))

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's Screenshot: into the downloads folder if there is one, else into the
        session's export folder (created), never into a folder that is missing."""
        if path is None and self.served is None:
            path = str(self.screenshot_folder())
        return super().deliver_screenshot(filename, path, time_format)

    def screenshot_folder(self) -> Path:
        from framework_advisor.paths import downloads_dir
        from framework_advisor.tui.screens.export import default_folder

        downloads = downloads_dir()
        if downloads.is_dir():
            return downloads
        folder = default_folder(self.assessment.name)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return Path.cwd()
        return folder

    def has_assessment(self) -> bool:
        return self.assessment.name is not None or bool(self.assessment.answers)

    def action_help(self) -> None:
        """Help over the screen shown: its keys, every screen's keys, what each screen does."""
        from framework_advisor.tui.screens.help import HelpScreen, screen_keys

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss()  # F1 again closes it
            return
        keys = screen_keys(self, screen)
        self.push_screen(HelpScreen(self.kb, getattr(screen, "HELP_ID", None), keys))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def _needs_assessment(self) -> bool:
        if not self.has_assessment():
            self.notify(say(self.kb, "app.start_first"), severity="warning", markup=False)
            return False
        return True
