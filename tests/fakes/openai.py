"""A fake OpenAI-compatible chat server on 127.0.0.1: replies from a queue, records every request.

It runs its own event loop in a thread, so both the sync and the async LangChain clients can talk to it
from a test without blocking the test's own loop.
"""
from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any

from aiohttp import web


@dataclass
class Reply:
    """One queued reply: a text (streamed in pieces when asked to stream) or a failure."""

    text: str | Callable[[dict[str, Any]], str] = ""  # or computed from the request body
    status: int = 200
    error: str = "injected failure"  # the error message of a failed reply
    delay_s: float = 0.0  # before the response starts
    hang: bool = False  # never answer (until the server stops): a timeout for the client
    chunk_delay_s: float = 0.0  # between streamed pieces
    chunks: list[str] | None = None  # explicit stream pieces; default: a few characters each


@dataclass
class Recorded:
    """A request the server received."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, str]]:
        """The chat messages as sent."""
        return self.body.get("messages", [])

    @property
    def stream(self) -> bool:
        """True when the client asked for server-sent events."""
        return bool(self.body.get("stream"))

    def content(self, role: str) -> str:
        """All message text of one role, joined."""
        return "\n".join(str(m.get("content", "")) for m in self.messages if m.get("role") == role)


@dataclass
class FakeOpenAI:
    """`/v1/chat/completions`, streaming (SSE) and not; `reply()` queues answers in order."""

    model: str = "fake-model"
    requests: list[Recorded] = field(default_factory=list)
    _queue: deque[Reply] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _port: int = 0

    @property
    def base_url(self) -> str:
        """What LLM_BASE_URL should be set to."""
        return f"http://127.0.0.1:{self._port}/v1"

    def reply(self, text: str | Callable[[dict[str, Any]], str] = "", **options: Any) -> None:
        """Queue a reply (see `Reply` for delays, failures and stream pieces)."""
        with self._lock:
            self._queue.append(Reply(text=text, **options))

    def fail(self, status: int = 500) -> None:
        """Queue an HTTP error."""
        self.reply(status=status)

    def hang(self) -> None:
        """Queue a reply that never comes."""
        self.reply(hang=True)

    def reset(self) -> None:
        """Forget recorded requests and queued replies."""
        with self._lock:
            self.requests.clear()
            self._queue.clear()

    @property
    def pending(self) -> int:
        """Replies still queued."""
        with self._lock:
            return len(self._queue)

    # --- lifecycle -------------------------------------------------------------------------------

    def start(self) -> FakeOpenAI:
        """Serve on a free port in a background thread; returns when it accepts connections."""
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fake-openai", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fake OpenAI server did not start")
        return self

    def stop(self) -> None:
        """Release hanging replies and shut the server down."""
        self._loop.call_soon_threadsafe(self._stopping.set)
        self._thread.join(10)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._serve())
        self._loop.close()

    async def _serve(self) -> None:
        self._stopping = asyncio.Event()
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._completions)
        runner = web.AppRunner(app, shutdown_timeout=1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._ready.set()
        await self._stopping.wait()
        await runner.cleanup()

    # --- handler ---------------------------------------------------------------------------------

    async def _completions(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        with self._lock:
            self.requests.append(Recorded(request.path, dict(request.headers), body))
            reply = self._queue.popleft() if self._queue else Reply(status=500)
        if reply.hang:
            await self._stopping.wait()
            return web.json_response({"error": {"message": "server stopped"}}, status=503)
        if reply.delay_s:
            await self._pause(reply.delay_s)
        if reply.status != 200:
            error = {"message": reply.error, "type": "server_error"}
            return web.json_response({"error": error}, status=reply.status)
        text = reply.text(body) if callable(reply.text) else reply.text
        if body.get("stream"):
            return await self._stream(request, reply, text)
        return web.json_response(self._completion(text))

    async def _pause(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stopping.wait(), seconds)
        except asyncio.TimeoutError:
            pass

    def _completion(self, text: str) -> dict[str, Any]:
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": self.model,
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    def _chunk(self, delta: dict[str, str], finish: str | None = None) -> bytes:
        data = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": self.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n".encode()

    async def _stream(self, request: web.Request, reply: Reply, text: str) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        pieces = reply.chunks if reply.chunks is not None else _pieces(text)
        await response.write(self._chunk({"role": "assistant", "content": ""}))
        for piece in pieces:
            if reply.chunk_delay_s:
                await self._pause(reply.chunk_delay_s)
            await response.write(self._chunk({"content": piece}))
        await response.write(self._chunk({}, finish="stop"))
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response


def _pieces(text: str, size: int = 4) -> list[str]:
    """Split a text into small stream pieces, like a tokenizer would."""
    return [text[i : i + size] for i in range(0, len(text), size)]
