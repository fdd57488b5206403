"""Start the app from the command line: new, resumed, named, or from an answers file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.errors import UsageError
from framework_advisor.sessions import SessionStore
from framework_advisor.tui.words import say

if TYPE_CHECKING:
    from framework_advisor.domain.answers import Answers
    from framework_advisor.tui.app import Workshop
    from framework_advisor.workshops import WorkshopConfig


def collect_garbage_as_an_app() -> None:
    """A long-running app needs the cyclic collector (the console script starts without it).

    What start-up built (modules, the knowledge base) lives as long as the app: frozen, the
    collector never walks it again, and a full collection (30-40 ms over the whole heap) walks
    only what was made since. The app freezes again once its first screen is up
    (AdvisorApp.on_mount)."""
    import gc

    gc.freeze()
    gc.enable()


def run_app(
    kb: KnowledgeBase,
    *,
    resume: bool = False,
    session_name: str | None = None,
    answers_path: Path | None = None,
) -> None:
    from framework_advisor.tui.app import AdvisorApp

    collect_garbage_as_an_app()
    store = SessionStore()
    session = None
    new_answers: tuple[str, Answers] | None = None
    notices: list[str] = []
    if sum(bool(x) for x in (resume, session_name, answers_path)) > 1:
        raise UsageError(say(kb, "app.launch.one_of"))
    if resume:
        latest = store.most_recent()
        if latest is None:
            notices.append(say(kb, "app.launch.nothing_to_resume"))
        else:
            session = store.load(latest, kb)
    elif session_name:
        if store.exists(session_name):
            session = store.load(session_name, kb)
        else:
            new_answers = (session_name, {})
    elif answers_path is not None:
        name, answers, salvaged = session_from_file(kb, store, answers_path)
        notices.extend(salvaged)
        new_answers = (name, answers)
    AdvisorApp(kb, store, session=session, new_answers=new_answers, notices=notices).run()


def session_from_file(
    kb: KnowledgeBase, store: SessionStore | None, path: Path
) -> tuple[str, dict, list[str]]:
    """A new session's name, answers and notices from an answers file (never changed): the
    answers that still fit the questionnaire; the file's name, made unique among the sessions.
    Used by `framework-advisor app --answers` and the welcome screen's "open a file"."""
    from framework_advisor.engine.answers import salvage_answers
    from framework_advisor.sources.answers_file import read_strict

    data = read_strict(path, "file", duplicates=True).document.data
    if not isinstance(data, dict):
        raise UsageError(say(kb, "app.launch.not_answers", path=str(path)))
    answers, notices = salvage_answers(kb, data)
    return (unique_name(store, path.stem) if store is not None else path.stem), answers, notices


def unique_name(store: SessionStore, base: str) -> str:
    """``base``, or ``base-2``, ``base-3`` ... whichever no session has yet."""
    name, number = base, 2
    while store.exists(name):
        name, number = f"{base}-{number}", number + 1
    return name


def workshop_of(kb: KnowledgeBase, directory: Path) -> tuple[Workshop, WorkshopConfig]:
    """The TUI's view of a workshop folder (fixed answers, title); errors are one line."""
    from framework_advisor.tui.app import Workshop
    from framework_advisor.workshops import load_config

    config = load_config(directory, kb)
    return Workshop(directory=directory, title=config.title, fixed=config.fixed), config


def run_workshop_app(kb: KnowledgeBase, *, directory: Path, participant: str) -> None:
    """`--workshop DIR --participant NAME`: that participant's answers file in DIR/participants
    (continued if it is there), the fixed answers shown and not asked."""
    from framework_advisor.participants import normalise, safe_stem
    from framework_advisor.tui.app import AdvisorApp, Served
    from framework_advisor.workshops import participants_dir

    name = normalise(participant)
    if not name:
        raise UsageError(say(kb, "app.launch.no_participant"))
    workshop, config = workshop_of(kb, directory)
    if config.closed:
        raise UsageError(
            say(kb, "app.launch.closed", folder=str(directory), closed=str(config.closed))
        )
    collect_garbage_as_an_app()
    store = SessionStore(participants_dir(directory))
    served = Served(participant=name, session=safe_stem(name))
    AdvisorApp(kb, store, served=served, workshop=workshop).run()


def run_served_app(kb: KnowledgeBase, *, folder: Path, participant: str, session: str) -> None:
    """One participant's app under `serve`: their own session and nothing else (in a
    workshop when the room's folder is a workshop's participants/ folder)."""
    import contextlib

    from framework_advisor.tui.app import AdvisorApp, Served
    from framework_advisor.tui.watchdog import watch_server
    from framework_advisor.workshops import CONFIG, PARTICIPANTS

    collect_garbage_as_an_app()
    store = SessionStore(folder)
    workshop = None
    if folder.name == PARTICIPANTS and (folder.parent / CONFIG).is_file():
        workshop, _ = workshop_of(kb, folder.parent)
    app = AdvisorApp(
        kb, store, served=Served(participant=participant, session=session), workshop=workshop
    )

    def quit_app() -> None:
        with contextlib.suppress(RuntimeError):  # not running yet, or already gone
            app.call_from_thread(app.exit)

    watch_server(quit_app)
    app.run()
