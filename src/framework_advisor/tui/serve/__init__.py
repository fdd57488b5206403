"""`framework-advisor serve`: the app in browsers, one session per participant, behind a door.

The web layer (server.py) checks the join code and hands out a signed cookie before any app
process starts; the room's state (room.py) lives in its folder. This module opens the folder
and the port, says where to go and what to type, and runs the server: every problem before
that is one line on stderr and exit code 2."""

from __future__ import annotations

import os
import shlex
import socket
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from framework_advisor.errors import UsageError
from framework_advisor.sessions import data_dir
from framework_advisor.tui.words import say

if TYPE_CHECKING:
    from framework_advisor.domain.knowledge import KnowledgeBase

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def app_command(packs: list[str]) -> str:
    """The shell line textual-serve runs per participant: `exec` leaves no shell between the
    server and the app, and nothing secret is on it (the session comes by environment)."""
    pack_args = [arg for pack in packs for arg in ("--kb", pack)]
    return "exec " + shlex.join(
        [sys.executable, "-m", "framework_advisor", *pack_args, "served-app"]
    )


def open_folder(kb: KnowledgeBase, folder: Path | None) -> Path:
    folder = folder or data_dir() / "workshops" / datetime.now().strftime("%Y-%m-%d-%H%M%S")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
            raise PermissionError(13, "Permission denied")
        next(folder.iterdir(), None)
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise UsageError(
            say(kb, "app.serve.bad_folder", folder=str(folder), reason=reason)
        ) from None
    return folder


def listen(kb: KnowledgeBase, host: str, port: int) -> socket.socket:
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        infos = socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)
        sock = socket.socket(infos[0][0], socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(infos[0][4])
        sock.listen(128)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if getattr(exc, "errno", None) == 98:  # EADDRINUSE
            reason = say(kb, "app.serve.port_in_use")
        raise UsageError(
            say(kb, "app.serve.cannot_listen", host=host, port=port, reason=reason)
        ) from None
    sock.setblocking(False)
    return sock


def print_qr(url: str) -> None:
    """The address as a QR code in the terminal, for phones in the room (the join code is
    still typed: the picture alone lets no one in)."""
    try:
        import segno
    except ImportError:  # pragma: no cover - a dependency; the address is printed anyway
        return
    segno.make(url, error="m").terminal(out=sys.stdout, compact=True, border=2)


def serve(
    kb: KnowledgeBase,
    *,
    host: str,
    port: int,
    public_url: str | None,
    folder: Path | None,
    packs: list[str],
    trusted_proxies: frozenset[str] = frozenset(),
    qr: bool = False,
    sheet: Callable[[str, str], None] | None = None,
) -> None:
    """Serve the room. ``sheet``: given the address and the grouped join code, writes the
    join sheet (before serving, so that a file it may not write is one line, not a room)."""
    import gc

    from framework_advisor.safe_text import terminal_text
    from framework_advisor.tui.serve import codes
    from framework_advisor.tui.serve.room import STATE_FILE, Room
    from framework_advisor.tui.serve.server import RoomServer

    gc.enable()
    kept = folder is not None
    folder = open_folder(kb, folder)
    try:
        room = Room.open(folder)
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise UsageError(
            say(kb, "app.serve.bad_folder", folder=str(folder), reason=reason)
        ) from None
    except (ValueError, KeyError, TypeError) as exc:
        state = str(folder / STATE_FILE)
        raise UsageError(say(kb, "app.serve.damaged", path=state, problem=str(exc))) from None
    sock = listen(kb, host, port)
    server = RoomServer(
        app_command(packs),
        room=room,
        host=host,
        port=port,
        public_url=public_url,
        catalogue=kb.text,
        trusted_proxies=trusted_proxies,
    )
    click.echo(say(kb, "app.serve.served_at", url=server.public_url))
    if qr:
        print_qr(server.public_url)
    click.echo(say(kb, "app.serve.join_code", code=codes.grouped(room.join_code)))
    if sheet is not None:
        sheet(server.public_url, codes.grouped(room.join_code))
    click.echo(say(kb, "app.serve.saved_in", folder=terminal_text(str(folder))))
    if not kept:
        click.echo(say(kb, "app.serve.new_room"))
    if host not in LOOPBACK and public_url is None:
        click.echo(say(kb, "app.serve.public_url"), err=True)
    sys.stdout.flush()
    server.serve_on(sock)
