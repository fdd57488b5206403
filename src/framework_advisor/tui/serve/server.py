"""The web layer of a room: textual-serve's Server with a door.

Built against textual-serve 1.1.3 (pinned in pyproject.toml; tests/tui/test_serve_seam.py checks
the seam). Overridden: the index page (a join page until the participant holds the room's
cookie), the websocket (refused without the cookie or from a foreign Origin, before any app
process starts), downloads (only the participant's own), the page template (local, no web
fonts), logging and start-up output. Each app process is started with `exec` (no shell left
between) and learns whose session it holds from its environment."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote, urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from framework_advisor.domain.text import Catalogue, message
from framework_advisor.safe_text import one_line
from framework_advisor.tui.serve import codes, cookies, size
from framework_advisor.tui.serve.env import ENV_PARTICIPANT, ENV_ROOM, ENV_SESSION
from framework_advisor.tui.serve.limits import WrongCodes
from framework_advisor.tui.serve.room import Participant, Room


class OneLine(logging.Filter):
    """Each log line is one line of plain text: a participant's name (or a browser's broken
    message) can hold ESC, BEL or line breaks, which must never reach the facilitator's
    terminal (a window title, the clipboard, a forged line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = one_line(record.getMessage()), None
        return True


log = logging.getLogger("framework-advisor.serve")
log.addFilter(OneLine())

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
MAX_NAME = 80
JOIN_WORDS = (
    "join_title", "join_heading", "join_intro", "code", "code_hint", "name", "before", "resume",
    "resume_hint", "join",
)  # fmt: skip
JOINED_WORDS = ("joined_title", "continues", "write_it_down", "start")
APP_WORDS = ("app_start", "ended", "app_continue")
"""The words of the join form, of the page after joining and of the app's own page (``app.room.page.<key>``): the
templates show them as text (escaped), never as markup."""
STOP_TIMEOUT = 10.0
MAX_READY_VIEW = 120
PAGE_HEADERS = {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # no-referrer would make browsers send `Origin: null`
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class RoomAppService(AppService):
    """One participant's app process: their session named in its environment, and waited for
    when it stops, so that a reload's new process reads what the old one saved."""

    def __init__(self, command: str, *, participant: Participant, room: Path, **kwargs: Any):
        super().__init__(command, **kwargs)
        self.participant = participant
        self.room = room

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment[ENV_ROOM] = str(self.room)
        environment[ENV_PARTICIPANT] = self.participant.name
        environment[ENV_SESSION] = self.participant.stem
        return environment

    async def set_terminal_size(self, width: int, height: int) -> None:
        """Every resize the browser sends, clamped as the first size was."""
        await super().set_terminal_size(*size.clamp(width, height))

    async def on_meta(self, data: bytes) -> None:
        """The app's ready signal goes on to the page (which sets `data-ready`); the rest is
        textual-serve's."""
        meta = json.loads(data)
        if isinstance(meta, dict) and meta.get("type") == "ready":
            view = str(meta.get("view", ""))[:MAX_READY_VIEW]
            await self.remote_write_str(json.dumps(["ready", view]))
            return
        await super().on_meta(data)

    async def stop(self) -> None:
        await super().stop()
        process = self._process
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
        except TimeoutError:
            process.kill()
            await process.wait()


class Live:
    """A participant's open connection: the websocket and the app process behind it."""

    def __init__(self, websocket: web.WebSocketResponse, service: RoomAppService) -> None:
        self.websocket, self.service = websocket, service


class RoomServer(Server):
    def __init__(
        self,
        command: str,
        *,
        room: Room,
        host: str,
        port: int,
        public_url: str | None,
        catalogue: Catalogue,
        trusted_proxies: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title="Framework Advisor",
            public_url=public_url,
            templates_path=TEMPLATES,
        )
        self.room = room
        self.catalogue = catalogue
        """The words of the room's pages (knowledge/text/en.yaml, ``app.room.*``)."""
        self.origin = origin_of(self.public_url)
        self.secure = self.public_url.startswith("https:")
        self.trusted_proxies = trusted_proxies
        self.wrong_codes = WrongCodes()
        self.live: dict[str, Live] = {}
        self._unseen_resume_codes: dict[str, str] = {}  # shown once, on the page after joining
        self._handovers: dict[str, asyncio.Lock] = {}

    # plumbing ------------------------------------------------------------------------------
    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="serve: %(message)s")
        log.setLevel(logging.INFO)  # the facilitator sees who joins, and under which file

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints a banner and its command here; the CLI has said what matters."""

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(
            *(live.service.stop() for live in list(self.live.values())), return_exceptions=True
        )

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_post("/join", self.handle_join, name="join")
        app.router.add_get("/joined", self.handle_joined, name="joined")
        app.router.add_get("/favicon.ico", self.handle_favicon, name="favicon")
        app.router.add_static("/room-static/", STATIC, name="room-static")
        app.middlewares.append(self._headers_middleware)
        return app

    @web.middleware
    async def _headers_middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        response = await handler(request)
        if not isinstance(response, web.WebSocketResponse):
            for key, value in PAGE_HEADERS.items():
                response.headers.setdefault(key, value)
            ws_origin = "ws" + self.origin[4:]  # http -> ws, https -> wss
            response.headers.setdefault(
                "Content-Security-Policy",
                f"default-src 'self'; connect-src 'self' {ws_origin}; "
                "script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; font-src 'self'; form-action 'self'; "
                "frame-ancestors 'none'; base-uri 'none'",
            )
        return response

    def serve_on(self, sock: socket.socket) -> None:
        """Like Server.serve, on a socket already bound (so a busy port fails before the
        join code is printed)."""
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.request_exit)
        web.run_app(
            self._make_app(),
            sock=sock,
            handle_signals=False,
            loop=loop,
            print=lambda *args: None,
            access_log=None,
        )

    # who is asking -------------------------------------------------------------------------
    def client_address(self, request: web.Request) -> str:
        """The peer's address; behind a trusted proxy, the address that proxy saw (the last
        entry of X-Forwarded-For, which the proxy itself appended)."""
        peer = request.remote or "?"
        if peer in self.trusted_proxies:
            forwarded = request.headers.get("X-Forwarded-For", "")
            hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
            if hops:
                return hops[-1]
        return peer

    def same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        return origin is not None and origin.lower() == self.origin

    def participant(self, request: web.Request) -> tuple[Participant, str] | None:
        signed = cookies.verify(self.room.secret, request.cookies.get(cookies.NAME))
        if signed is None:
            return None
        participant = self.room.check(*signed)
        return (participant, signed[1]) if participant else None

    # pages ---------------------------------------------------------------------------------
    def _page(
        self, template: str, request: web.Request, context: dict[str, Any], status: int = 200
    ) -> web.Response:
        return aiohttp_jinja2.render_template(template, request, context, status=status)

    def _say(self, message_id: str, **params: Any) -> str:
        """A sentence of the room's pages, in the catalogue's words."""
        return self.catalogue.say(message(message_id, **params))

    def _join_page(
        self, request: web.Request, *, error: str = "", name: str = "", status: int = 200
    ) -> web.Response:
        said = {key: self._say(f"app.room.page.{key}") for key in JOIN_WORDS}
        context = {"error": error, "name": name, "max_name": MAX_NAME, "words": said}
        return self._page("join.html", request, context, status)

    def elsewhere(self, request: web.Request) -> str | None:
        """The room's own address for this page, when it was opened under another name (say
        `localhost` for `127.0.0.1`): cookies and the Origin check belong to one address.
        Behind a trusted proxy the proxy decides what browsers see."""
        if (request.remote or "") in self.trusted_proxies:
            return None
        if f"{request.scheme}://{request.host}".lower() == self.origin:
            return None
        return self.public_url.rstrip("/") + request.path_qs

    async def handle_index(self, request: web.Request) -> web.Response:
        if (there := self.elsewhere(request)) is not None:
            raise web.HTTPTemporaryRedirect(there)
        joined = self.participant(request)
        if joined is None:
            return self._join_page(request)
        participant, _ = joined
        font_size = min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 40)
        static = f"{self.public_url}{request.app.router['static'].url_for(filename='/')}"
        websocket = f"{self.public_url}{request.app.router['websocket'].url_for()}"
        websocket = ("wss:" if self.secure else "ws:") + websocket.split(":", 1)[1]
        return self._page(
            "app_index.html",
            request,
            {
                "font_size": font_size,
                "app_websocket_url": websocket,
                "config": {"static": {"url": static.rstrip("/") + "/"}},
                "application": {"name": "Framework Advisor"},
                "participant": participant.name,
                "words": {key: self._say(f"app.room.page.{key}") for key in APP_WORDS},
            },
        )

    async def handle_join(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("Origin") is not None and not self.same_origin(request):
            raise web.HTTPForbidden(text=self._say("app.room.join_from_page", url=self.public_url))
        form = await request.post()
        typed_code = str(form.get("code", ""))
        name = " ".join(str(form.get("name", "")).split())
        resume = str(form.get("resume", "")).strip()
        client = self.client_address(request)
        refusal = self.wrong_codes.refusal(client)
        if refusal:
            error = self.catalogue.say(refusal)
            return self._join_page(request, error=error, name=name, status=429)
        if self.closed():
            return self._join_page(
                request,
                error=self._say("app.room.closed"),
                name=name,
                status=403,
            )
        if not codes.matches(typed_code, self.room.join_code):
            self.wrong_codes.record(client)
            return self._join_page(
                request,
                error=self._say("app.room.wrong_code"),
                name=name,
                status=403,
            )
        if resume:
            participant = self.room.by_resume_code(resume)
            if participant is None:
                self.wrong_codes.record(client)
                return self._join_page(
                    request,
                    error=self._say("app.room.unknown_resume"),
                    name=name,
                    status=403,
                )
            code = codes.parse(resume)
            assert code is not None
            self._enter(participant, code, "/")
        if not name:
            return self._join_page(
                request,
                error=self._say("app.room.type_name"),
                status=400,
            )
        if len(name) > MAX_NAME:
            return self._join_page(
                request, error=self._say("app.room.name_too_long", most=MAX_NAME), status=400
            )
        participant, code = self.room.join(name)
        self._unseen_resume_codes[participant.id] = code
        log.info("%s joined (answers in %s.yaml)", participant.name, participant.stem)
        self._enter(participant, code, "/joined")

    def closed(self) -> bool:
        """A workshop's room (its folder is the workshop's participants/) after `workshop
        close`: no one joins any more."""
        from framework_advisor.workshops import CONFIG, PARTICIPANTS, is_closed

        folder = self.room.folder
        return (
            folder.name == PARTICIPANTS
            and (folder.parent / CONFIG).is_file()
            and is_closed(folder.parent)
        )

    def _enter(self, participant: Participant, resume_code: str, where: str) -> NoReturn:
        """To the page `where`, holding the room's cookie."""
        response = web.HTTPSeeOther(where)
        response.set_cookie(
            cookies.NAME,
            cookies.sign(self.room.secret, participant.id, resume_code),
            max_age=cookies.MAX_AGE,
            path="/",
            httponly=True,
            samesite="Strict",
            secure=self.secure,
        )
        raise response

    async def handle_favicon(self, request: web.Request) -> web.StreamResponse:
        return web.Response(status=204)

    async def handle_joined(self, request: web.Request) -> web.StreamResponse:
        """The participant's resume code, once, just after they joined."""
        joined = self.participant(request)
        if joined is None:
            raise web.HTTPSeeOther("/")
        participant, _ = joined
        code = self._unseen_resume_codes.pop(participant.id, None)
        if code is None:
            raise web.HTTPSeeOther("/")
        said = {key: self._say(f"app.room.page.{key}") for key in JOINED_WORDS}
        said["welcome"] = self._say("app.room.page.welcome", name=participant.name)
        context = {"name": participant.name, "resume_code": codes.grouped(code), "words": said}
        return self._page("joined.html", request, context)

    # the app -------------------------------------------------------------------------------
    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.same_origin(request):
            raise web.HTTPForbidden(text=self._say("app.room.own_page_only"))
        joined = self.participant(request)
        if joined is None:
            raise web.HTTPForbidden(text=self._say("app.room.join_first"))
        participant, _ = joined
        width, height = size.clamp(request.query.get("width"), request.query.get("height"))
        websocket = web.WebSocketResponse(heartbeat=15)
        service: RoomAppService | None = None
        try:
            # A reload takes over: the old process ends (and saves) before the new one starts.
            async with self._handovers.setdefault(participant.id, asyncio.Lock()):
                previous = self.live.pop(participant.id, None)
                if previous is not None:
                    await previous.websocket.close(message=b"continued in another window")
                    await previous.service.stop()
                await websocket.prepare(request)
                service = RoomAppService(
                    self.command,
                    participant=participant,
                    room=self.room.folder,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,
                    download_manager=self.download_manager,
                    debug=False,
                )
                self.live[participant.id] = Live(websocket, service)
                await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken message from one browser ends only its session
            log.warning("%s: %s", participant.stem, error)
        finally:
            # Under the same lock as the takeover: a reload's new process waits until this one
            # has saved and ended, so it never finds the session still held (read-only).
            async with self._handovers.setdefault(participant.id, asyncio.Lock()):
                current = self.live.get(participant.id)
                if current is not None and current.service is service:
                    del self.live[participant.id]
                if service is not None:
                    await service.stop()
        return websocket

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        joined = self.participant(request)
        if joined is None:
            raise web.HTTPForbidden(text=self._say("app.room.join_first"))
        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text=self._say("app.room.no_download")) from None
        service = meta.app_service
        if not isinstance(service, RoomAppService) or service.participant.id != joined[0].id:
            raise web.HTTPNotFound(text=self._say("app.room.no_download"))
        response = web.StreamResponse()
        content_type = meta.mime_type
        if meta.encoding:
            content_type += f"; charset={meta.encoding}"
        response.headers["Content-Type"] = content_type
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        name = os.path.basename(meta.file_name)
        fallback = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
        response.headers["Content-Disposition"] = (
            f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
        )
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response
