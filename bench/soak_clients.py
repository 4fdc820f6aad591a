"""The soak's clients: readers that behave like the page script, writers that reply.

A Reader is static/js/live.js's thread socket: it reconnects by itself (1 s,
2 s, 4 s ... up to 30 s, with jitter; back to 1 s once open) and on every
(re)connection asks for what it missed. What it keeps to ask with lives in
ResumeCursor alone, so a change of the resume protocol (say, "after" becoming a
cursor value the server sends) is an edit there.

A Writer is a signed-in member replying through the form (HTTP POST, answered
by a redirect) or over its own socket (a "reply" frame, answered by "ack");
when its socket is not open it posts the form instead, as the page does. When
a reply is refused for a reason that is not about the reply (an error page, a
socket that closed before the answer came), the text is still in the box and
it sends it again through the form, once, as a person would; the reply's
latency then runs from the first try to the last answer.
"""

import asyncio
import http.client
import json
import random
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed


class ResumeCursor:
    """Where a reader is in the thread: the frame it resumes with, moved by what it hears."""

    def __init__(self, after: int):
        self.after = after

    def resume_frame(self) -> dict:
        return {"type": "resume", "after": self.after}

    def saw(self, frame: dict) -> None:
        # As live.js: the thread's change number, carried by every post and
        # reactions frame, moves it on; so does the server's "resumed", which
        # says how far the catch-up went.
        if frame.get("type") in ("post", "reactions") and frame.get("seq"):
            self.after = max(self.after, frame["seq"])
        elif frame.get("type") == "resumed":
            self.after = max(self.after, frame.get("after") or 0)


class Reader:
    def __init__(self, url: str, origin: str, after: int, first_delay: float = 1.0):
        self.url = url
        self.origin = origin
        self.cursor = ResumeCursor(after)
        self.first_delay = first_delay
        self.seen: set[int] = set()  # ids of the posts it was told are new
        self.connections = 0
        self.presence: int | None = None
        self.opened = asyncio.Event()
        self.stopping = False
        self.story: list[tuple[float, str]] = []  # what happened to it, for --verbose

    @property
    def reconnects(self) -> int:
        return max(0, self.connections - 1)

    async def run(self) -> None:
        delay = self.first_delay
        while not self.stopping:
            try:
                async with connect(
                    self.url, origin=self.origin, max_queue=None, open_timeout=10
                ) as socket:
                    self.socket = socket
                    self.connections += 1
                    delay = self.first_delay
                    self.opened.set()
                    self.story.append((time.monotonic(), f"open, resume {self.cursor.after}"))
                    await socket.send(json.dumps(self.cursor.resume_frame()))
                    async for message in socket:
                        self.hear(json.loads(message))
            except asyncio.CancelledError:
                raise
            except Exception as error:  # refused, reset or closed: like the page, try again
                self.story.append((time.monotonic(), f"dropped: {type(error).__name__}"))
            self.opened.clear()
            if self.stopping:
                return
            await asyncio.sleep(delay + random.random() * delay * 0.3)
            delay = min(delay * 2, 30.0)

    def hear(self, frame: dict) -> None:
        if frame.get("type") in ("post", "resumed"):
            self.story.append(
                (time.monotonic(), f"{frame['type']} {frame.get('id', frame.get('after'))}")
            )
        if frame.get("type") == "post" and frame.get("kind") == "new":
            self.seen.add(frame["id"])
        elif frame.get("type") == "presence":
            self.presence = frame["count"]
        self.cursor.saw(frame)

    async def stop(self) -> None:
        self.stopping = True
        socket = getattr(self, "socket", None)
        if socket is not None:
            await socket.close()


AGAIN_AFTER = 0.2  # seconds before a person sends a refused reply again
# Refusals about the reply itself, which sending again would not change.
FINAL_REFUSALS = {"invalid", "not_allowed", "sign_in", "slow_down"}


def _worth_again(refusal: str) -> bool:
    return not refusal.startswith("HTTP 4") and refusal not in FINAL_REFUSALS


@dataclass
class Reply:
    body: str
    transport: str  # "http", "socket", or "http (socket down)"
    latency: float = 0.0
    answered: bool = False  # the server said it was saved (redirect or ack)
    refusal: str = ""  # why not, when it did not
    post_id: int | None = None
    attempts: int = 1
    first_refusal: str = ""  # when it was sent again


@dataclass
class Writer:
    http_port: int
    ws_url: str
    origin: str
    thread_id: int
    session: str
    socket_ready: asyncio.Event = field(default_factory=asyncio.Event)
    answers: dict = field(default_factory=dict)
    stopping: bool = False

    def __post_init__(self):
        # Any 32-character secret does for the CSRF cookie and the form's token.
        self.csrf = secrets.token_hex(16)
        self.cookie = f"sessionid={self.session}; csrftoken={self.csrf}"

    async def keep_socket(self) -> None:
        delay = 1.0
        while not self.stopping:
            try:
                async with connect(
                    self.ws_url,
                    origin=self.origin,
                    additional_headers={"Cookie": self.cookie},
                    open_timeout=10,
                ) as socket:
                    self.socket = socket
                    self.socket_ready.set()
                    delay = 1.0
                    async for message in socket:
                        frame = json.loads(message)
                        waiter = self.answers.pop(frame.get("ref"), None)
                        if waiter is not None and not waiter.done():
                            waiter.set_result(frame)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: S110 - reconnect, as the page does
                pass
            self.socket_ready.clear()
            for waiter in self.answers.values():
                if not waiter.done():
                    waiter.set_result({"type": "error", "code": "connection_closed"})
            self.answers.clear()
            if self.stopping:
                return
            await asyncio.sleep(delay + random.random() * delay * 0.3)
            delay = min(delay * 2, 30.0)

    async def reply(self, body: str, over_socket: bool, timeout: float = 15.0) -> Reply:
        if over_socket and self.socket_ready.is_set():
            first = await self._over_socket(body, timeout)
        else:
            transport = "http (socket down)" if over_socket else "http"
            first = await self._over_http(body, transport, timeout)
        if first.answered or not _worth_again(first.refusal):
            return first
        # The text is still in the box: send it again, through the form.
        await asyncio.sleep(AGAIN_AFTER)
        again = await self._over_http(body, f"{first.transport}, again", timeout)
        again.latency += first.latency + AGAIN_AFTER
        again.attempts = 2
        again.first_refusal = first.refusal
        return again

    async def _over_socket(self, body: str, timeout: float) -> Reply:
        reply = Reply(body=body, transport="socket")
        ref = secrets.token_hex(6)
        waiter = asyncio.get_running_loop().create_future()
        self.answers[ref] = waiter
        started = time.perf_counter()
        try:
            await self.socket.send(json.dumps({"type": "reply", "body": body, "ref": ref}))
            frame = await asyncio.wait_for(waiter, timeout)
        except ConnectionClosed:
            frame = {"type": "error", "code": "connection_closed"}
        except Exception as error:
            frame = {"type": "error", "code": type(error).__name__}
        reply.latency = time.perf_counter() - started
        if frame.get("type") == "ack":
            reply.answered, reply.post_id = True, frame["id"]
        else:
            reply.refusal = frame.get("code", "error")
        return reply

    async def _over_http(self, body: str, transport: str, timeout: float) -> Reply:
        reply = Reply(body=body, transport=transport)
        started = time.perf_counter()
        try:
            status, location = await asyncio.to_thread(self._post_form, body, timeout)
        except Exception as error:
            status, location = None, type(error).__name__
        reply.latency = time.perf_counter() - started
        if status == 302 and "#post-" in location:
            reply.answered = True
            reply.post_id = int(location.rsplit("#post-", 1)[1])
        else:
            reply.refusal = f"HTTP {status}" if status else location
        return reply

    def _post_form(self, body: str, timeout: float) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=timeout)
        try:
            connection.request(
                "POST",
                f"/threads/{self.thread_id}/",
                body=urlencode({"body": body, "csrfmiddlewaretoken": self.csrf}),
                headers={
                    "Cookie": self.cookie,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": self.origin,
                    "Referer": f"{self.origin}/threads/{self.thread_id}/",
                },
            )
            response = connection.getresponse()
            response.read()
            return response.status, response.getheader("Location") or ""
        finally:
            connection.close()

    async def stop(self) -> None:
        self.stopping = True
        socket = getattr(self, "socket", None)
        if socket is not None:
            await socket.close()
