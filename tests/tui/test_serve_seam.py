"""The seam with textual-serve: what tui/serve/server.py overrides or calls must still exist
with the shape it was built against. A new textual-serve fails here first, not in a room."""

from __future__ import annotations

import inspect
from importlib.metadata import version
from pathlib import Path

import textual_serve
from textual_serve.app_service import AppService
from textual_serve.server import Server

from framework_advisor.tui.serve.server import TEMPLATES, RoomAppService, RoomServer

PINNED = "1.1.3"


def test_textual_serve_is_the_version_the_room_is_built_against() -> None:
    assert version("textual-serve") == PINNED
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert f'"textual-serve=={PINNED}"' in pyproject.read_text()


def test_the_server_methods_the_room_overrides_are_still_there() -> None:
    for name in (
        "handle_index",
        "handle_websocket",
        "handle_download",
        "_make_app",
        "_process_messages",
        "initialize_logging",
        "on_startup",
        "on_shutdown",
        "request_exit",
    ):
        assert callable(getattr(Server, name, None)), name
        assert getattr(RoomServer, name).__qualname__.startswith(("RoomServer", "Server")), name
    parameters = inspect.signature(Server.__init__).parameters
    assert {"command", "host", "port", "title", "public_url", "templates_path"} <= set(parameters)


def test_the_app_service_hooks_are_still_there() -> None:
    assert "width" in inspect.signature(AppService._build_environment).parameters
    source = inspect.getsource(AppService)
    assert "self._process = process = await asyncio.create_subprocess_shell(" in source
    assert "environment = self._build_environment(" in source
    assert issubclass(RoomAppService, AppService)
    # every resize reaches the app through set_terminal_size, which the room clamps
    assert "app_service.set_terminal_size(" in inspect.getsource(Server._process_messages)
    assert "width" in inspect.signature(AppService.set_terminal_size).parameters
    init = inspect.signature(AppService.__init__).parameters
    assert {"write_bytes", "write_str", "close", "download_manager", "debug"} <= set(init)


def test_the_local_page_keeps_what_textual_js_reads() -> None:
    ours = (TEMPLATES / "app_index.html").read_text()
    theirs = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text()
    for needle in (
        'id="terminal"',
        "data-session-websocket-url",
        "data-font-size",
        "js/textual.js",
        "css/xterm.css",
        "-first-byte",
        "closed-dialog",
    ):
        assert needle in theirs, f"textual-serve's page changed: {needle}"
        assert needle in ours, needle
    assert "fonts.googleapis" in theirs and "googleapis" not in ours
    js = Path(textual_serve.__file__).parent / "static" / "js" / "textual.js"
    assert "dataset.sessionWebsocketUrl" in js.read_text()


def test_textual_js_still_works_the_way_room_js_relies_on() -> None:
    """room.js wraps the page's WebSocket before textual.js connects, reads its string messages
    and types into xterm.js's helper textarea; Textual's web driver starts the app blurred."""
    script = (Path(textual_serve.__file__).parent / "static" / "js" / "textual.js").read_text()
    assert "new WebSocket(" in script  # looked up when connecting: our class is used
    assert 'JSON.stringify(["stdin",' in script and '"focus"' in script
    assert "xterm-helper-textarea" in script
    assert callable(getattr(AppService, "on_meta", None))  # the ready signal rides its meta
    assert RoomAppService.on_meta.__qualname__ == "RoomAppService.on_meta"
    from textual.drivers import web_driver

    assert "events.AppBlur()" in Path(web_driver.__file__).read_text()
