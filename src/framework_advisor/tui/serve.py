"""`framework-advisor serve`: the same app in browsers through textual-serve."""

from __future__ import annotations

import secrets
import shlex
import sys
from datetime import datetime
from pathlib import Path

import click

from framework_advisor.sessions import data_dir


def join_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def serve(
    *, host: str, port: int, public_url: str | None, folder: Path | None, packs: list[str]
) -> None:
    import gc

    from textual_serve.server import Server

    gc.enable()

    folder = folder or data_dir() / "workshops" / datetime.now().strftime("%Y-%m-%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    code = join_code()
    pack_args = [arg for pack in packs for arg in ("--kb", pack)]
    command = shlex.join(
        [sys.executable, "-m", "framework_advisor", *pack_args, "served-app",
         "--dir", str(folder), "--join-code", code]
    )  # fmt: skip
    url = public_url or f"http://{host}:{port}"
    click.echo(f"Framework Advisor is served at {url}")
    click.echo(f"Join code: {code}")
    click.echo(f"Participants' sessions are saved in {folder}")
    if host not in ("127.0.0.1", "localhost", "::1") and public_url is None:
        click.echo(
            "note: browsers on other machines need --public-url http://<this-machine>:PORT",
            err=True,
        )
    Server(command, host=host, port=port, title="Framework Advisor", public_url=public_url).serve()
