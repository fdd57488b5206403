"""Commands that serve the app to browsers (workshops)."""

from __future__ import annotations

from pathlib import Path

import click

from framework_advisor.cli import (
    CONTEXT,
    kb_option,
    load_kb,
)


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
    help="Folder for the participants' sessions (default: a new folder in the user data folder).",
)
@kb_option
@click.pass_context
def serve(
    ctx: click.Context, host: str, port: int, public_url: str | None, folder: Path | None
) -> None:
    """Serve the app to browsers, one session per participant (workshops)."""
    from framework_advisor.tui.serve import serve as run_server

    packs = (ctx.find_root().obj or {}).get("packs", [])
    load_kb(ctx)  # fail early, with a clear message, on a broken knowledge base or pack
    run_server(host=host, port=port, public_url=public_url, folder=folder, packs=packs)


@click.command("served-app", hidden=True, context_settings=CONTEXT)
@click.option("--dir", "folder", required=True, type=click.Path(path_type=Path))
@click.option("--join-code", required=True)
@kb_option
@click.pass_context
def served_app(ctx: click.Context, folder: Path, join_code: str) -> None:
    """The app as each browser runs it under `serve` (started by textual-serve)."""
    from framework_advisor.tui.launch import run_served_app

    run_served_app(load_kb(ctx), folder=folder, join_code=join_code)
