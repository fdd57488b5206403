"""Start the app from the command line: new, resumed, named, or from an answers file."""

from __future__ import annotations

from pathlib import Path

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.errors import UsageError
from framework_advisor.sessions import SessionStore


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
    new_answers = None
    notices: list[str] = []
    if sum(bool(x) for x in (resume, session_name, answers_path)) > 1:
        raise UsageError("give only one of --resume, --session NAME and --answers FILE")
    if resume:
        latest = store.most_recent()
        if latest is None:
            notices.append("No saved session to resume yet: start a new assessment.")
        else:
            session = store.load(latest, kb)
    elif session_name:
        if store.exists(session_name):
            session = store.load(session_name, kb)
        else:
            new_answers = (session_name, {})
    elif answers_path is not None:
        new_answers = _from_file(kb, store, answers_path, notices)
    AdvisorApp(kb, store, session=session, new_answers=new_answers, notices=notices).run()


def _from_file(
    kb: KnowledgeBase, store: SessionStore, path: Path, notices: list[str]
) -> tuple[str, dict]:
    from framework_advisor.engine.answers import salvage_answers
    from framework_advisor.kb.yaml_source import load_yaml_file
    from framework_advisor.tui.screens.welcome import unique_name

    data = load_yaml_file(path).data
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping of question ids to answers")
    answers, salvage_notices = salvage_answers(kb, data)
    notices.extend(salvage_notices)
    return unique_name(store, path.stem), answers


def run_served_app(kb: KnowledgeBase, *, folder: Path, participant: str, session: str) -> None:
    """One participant's app under `serve`: their own session and nothing else."""
    import contextlib

    from framework_advisor.tui.app import AdvisorApp, Served
    from framework_advisor.tui.watchdog import watch_server

    collect_garbage_as_an_app()
    store = SessionStore(folder)
    app = AdvisorApp(kb, store, served=Served(participant=participant, session=session))

    def quit_app() -> None:
        with contextlib.suppress(RuntimeError):  # not running yet, or already gone
            app.call_from_thread(app.exit)

    watch_server(quit_app)
    app.run()
