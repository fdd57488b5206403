"""Commands that serve the app to browsers (workshops)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from framework_advisor.cli import (
    CONTEXT,
    kb_option,
    load_kb,
    words,
)

if TYPE_CHECKING:
    from framework_advisor.domain.knowledge import KnowledgeBase
    from framework_advisor.render.workshop.outline import Prepared


@click.command(context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--public-url",
    metavar="URL",
    help="The address browsers use, e.g. http://192.168.1.20:8000 (needed beyond this machine).",
)
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the room: participants' sessions, join code, resume codes; serving it "
    "again keeps the room (default: a new folder, so a new room, each time).",
)
@click.option(
    "--workshop",
    "workshop_dir",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DIR",
    help="Serve a workshop made with `workshop new DIR`: participants' answers go in "
    "DIR/participants, the fixed answers are not asked, and `workshop close` ends the joins.",
)
@click.option(
    "--trusted-proxy",
    "trusted_proxies",
    metavar="ADDRESS",
    multiple=True,
    help="A reverse proxy's address: requests from it are counted by the client address it "
    "appends to X-Forwarded-For (repeatable).",
)
@click.option(
    "--sheet",
    "sheet_path",
    metavar="FILE.pdf",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the join sheet: one page with the address, its QR code and the join code, "
    "for the projector or the table.",
)
@click.option("--force", is_flag=True, help="Overwrite the join sheet if it exists.")
@kb_option
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    public_url: str | None,
    folder: Path | None,
    workshop_dir: Path | None,
    trusted_proxies: tuple[str, ...],
    sheet_path: Path | None,
    force: bool,
) -> None:
    """Serve the app to browsers, one session per participant (workshops)."""
    from framework_advisor.tui.serve import serve as run_server

    packs = (ctx.find_root().obj or {}).get("packs", [])
    kb = load_kb(ctx)  # fail early, with a clear message, on a broken knowledge base or pack
    if workshop_dir is not None:
        from framework_advisor.errors import UsageError
        from framework_advisor.workshops import load_config, participants_dir

        if folder is not None:
            raise UsageError(words(kb, "cli.serve.dir_and_workshop"))
        config = load_config(workshop_dir, kb)
        if config.closed:
            closed = str(config.closed)
            raise UsageError(words(kb, "cli.serve.closed", folder=str(workshop_dir), closed=closed))
        folder = participants_dir(workshop_dir)
    sheet = None
    if sheet_path is not None:
        title = ""
        if workshop_dir is not None:
            from framework_advisor.workshops import load_config

            title = load_config(workshop_dir, kb).title
        from framework_advisor.exports import prepared_by

        sheet = _sheet_writer(kb, sheet_path, title, prepared_by(kb, ""), force=force)
    run_server(
        kb,
        host=host,
        port=port,
        public_url=public_url,
        folder=folder,
        packs=packs,
        trusted_proxies=frozenset(trusted_proxies),
        qr=workshop_dir is not None,
        sheet=sheet,
    )


@click.command("served-app", hidden=True, context_settings=CONTEXT)
@kb_option
@click.pass_context
def served_app(ctx: click.Context) -> None:
    """The app as each browser runs it under `serve` (started by the room's server, which
    names the room's folder and the participant in the environment)."""
    import os

    from framework_advisor.errors import UsageError
    from framework_advisor.tui.launch import run_served_app
    from framework_advisor.tui.serve.env import ENV_PARTICIPANT, ENV_ROOM, ENV_SESSION

    try:
        folder, participant, session = (
            os.environ[ENV_ROOM], os.environ[ENV_PARTICIPANT], os.environ[ENV_SESSION]
        )  # fmt: skip
    except KeyError as missing:
        raise UsageError(f"served-app runs under `serve` only ({missing} is not set)") from None
    run_served_app(load_kb(ctx), folder=Path(folder), participant=participant, session=session)


def _sheet_writer(
    kb: KnowledgeBase, path: Path, title: str, prepared: Prepared, *, force: bool
) -> Callable[[str, str], None]:
    """Writes the join sheet once the address and the code are known (never over a file
    without --force)."""
    from framework_advisor.errors import OutputError

    if not force and (path.exists() or path.is_symlink()):  # one line before the room opens
        raise OutputError(words(kb, "cli.serve.sheet_exists", path=str(path)))

    def write(url: str, code: str) -> None:
        from framework_advisor.render.workshop.sheet import join_sheet
        from framework_advisor.safe_text import terminal_text
        from framework_advisor.sources.atomic import atomic_write

        sheet = join_sheet(title, url, code, kb.text, prepared)
        atomic_write(path, sheet, force=force)
        click.echo(words(kb, "cli.serve.join_sheet", path=terminal_text(str(path))))

    return write
