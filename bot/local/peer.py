"""A local Telegram Bot API peer over real HTTP: the terminal chat talks to it, tests build on it.

It keeps a queue of updates for `getUpdates`, answers the methods the bot uses, records every call
with its decoded parameters, checks what Telegram checks (HTML entities, 4096 characters, 64-byte
callback data) and can inject Telegram-format errors (403, 429 with retry_after).
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.local.chats import Chat, ChatsMixin, TelegramError
from bot.local.wire import decode_params, html_to_text  # noqa: F401 - re-exported

log = logging.getLogger(__name__)

@dataclass
class ApiCall:
    """One request the bot made: method name, decoded parameters and when it arrived."""

    method: str
    params: dict[str, Any]
    at: float
    result: Any = None
    error: dict | None = None


@dataclass
class Failure:
    """An error to return instead of the next matching call(s)."""

    method: str
    error_code: int
    description: str
    retry_after: int | None = None
    times: int = 1
    chat_id: int | None = None


class LocalBotApi(ChatsMixin):
    """The Bot API peer: updates in, method calls out, all recorded."""

    def __init__(self, *, token: str | None = None, bot_id: int = 7000001,
                 username: str = "hr_pilot_bot", first_name: str = "试点问答助手") -> None:
        self.token = token
        self.me = {"id": bot_id, "is_bot": True, "first_name": first_name, "username": username,
                   "can_join_groups": True, "can_read_all_group_messages": False,
                   "supports_inline_queries": False}
        self.calls: list[ApiCall] = []
        self.failures: list[Failure] = []
        self.listeners: list[Callable[[ApiCall], None]] = []
        self.chats: dict[int, Chat] = {}
        self.webhook: dict[str, Any] = {}
        self._updates: list[dict] = []
        self._next_update_id = 1
        self._new_update = asyncio.Event()
        self._new_call = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.base_url = ""
        self.methods: dict[str, Callable[[dict], Any | Awaitable[Any]]] = {
            "getMe": lambda p: self.me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_reply_markup,
            "answerCallbackQuery": lambda p: True,
            "sendChatAction": lambda p: True,
            "setMyCommands": lambda p: True,
            "deleteMyCommands": lambda p: True,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": lambda p: {"url": self.webhook.get("url", ""), "pending_update_count": 0,
                                         "has_custom_certificate": False},
            "deleteMessage": lambda p: True,
        }

    # server ------------------------------------------------------------------
    def web_app(self) -> web.Application:
        """The aiohttp application serving /bot<token>/<method>."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve on host:port (0 picks a free port); returns the base URL to give PTB."""
        self._runner = web.AppRunner(self.web_app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://{host}:{bound}/bot"
        return self.base_url

    async def stop(self) -> None:
        """Stop serving (pending long polls end)."""
        self._closing = True
        self._new_update.set()  # wake pending long polls so shutdown does not wait for them
        if self._runner:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = dict(await request.post()) if request.can_read_body else {}
        if request.content_type == "application/json":
            raw = {k: v if isinstance(v, str) else json.dumps(v) for k, v in (await request.json()).items()}
        params = decode_params({k: v for k, v in raw.items() if isinstance(v, str)})
        call = ApiCall(method, params, time.monotonic())
        try:
            if self.token is not None and request.match_info["token"] != self.token:
                raise TelegramError(401, "Unauthorized")
            self._raise_injected(method, params)
            handler = self.methods.get(method)
            if handler is None:
                raise TelegramError(404, "Not Found: method not found")
            result = handler(params)
            if asyncio.iscoroutine(result):
                result = await result
            call.result = result
            body: dict[str, Any] = {"ok": True, "result": result}
        except TelegramError as exc:
            call.error = body = exc.body
        if method != "getUpdates" or call.result:
            self._record(call)
        return web.json_response(body, status=200 if body["ok"] else body["error_code"])

    def _record(self, call: ApiCall) -> None:
        self.calls.append(call)
        self._new_call.set()
        for listener in self.listeners:
            listener(call)

    def _raise_injected(self, method: str, params: dict) -> None:
        for failure in self.failures:
            if failure.method == method and failure.times > 0 and (
                failure.chat_id is None or failure.chat_id == params.get("chat_id")
            ):
                failure.times -= 1
                raise TelegramError(failure.error_code, failure.description, failure.retry_after)

    # injection and inspection --------------------------------------------------
    def fail(self, method: str, error_code: int, description: str, *, retry_after: int | None = None,
             times: int = 1, chat_id: int | None = None) -> None:
        """Answer the next `times` matching calls with a Telegram error."""
        self.failures.append(Failure(method, error_code, description, retry_after, times, chat_id))

    def fail_too_many_requests(self, method: str = "sendMessage", retry_after: int = 1, **kw: Any) -> None:
        """A 429 exactly as Telegram sends it."""
        self.fail(method, 429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after, **kw)

    def fail_blocked(self, chat_id: int, method: str = "sendMessage", times: int = 10**6) -> None:
        """The user blocked the bot: every matching call gets 403."""
        self.fail(method, 403, "Forbidden: bot was blocked by the user", times=times, chat_id=chat_id)

    def calls_of(self, method: str, chat_id: int | None = None, since: int = 0) -> list[ApiCall]:
        """Recorded successful calls of one method (optionally to one chat), from index `since`."""
        return [c for c in self.calls[since:] if c.method == method and c.error is None
                and (chat_id is None or c.params.get("chat_id") == chat_id)]

    async def wait_for(self, method: str, predicate: Callable[[ApiCall], bool] | None = None, *,
                       since: int = 0, timeout: float = 10.0, failed: bool = False) -> ApiCall:
        """The first matching call at or after index `since` (successful, or failed if `failed`), waiting for it."""
        async def scan() -> ApiCall:
            seen = since
            while True:
                for call in self.calls[seen:]:
                    if (call.method == method and (call.error is not None) == failed
                            and (predicate is None or predicate(call))):
                        return call
                seen = len(self.calls)
                self._new_call.clear()
                await self._new_call.wait()
        return await asyncio.wait_for(scan(), timeout)

    # updates -----------------------------------------------------------------
    def push(self, **kind: dict) -> dict:
        """Queue one update (message=..., callback_query=...) for getUpdates; returns it."""
        update = {"update_id": self._next_update_id, **kind}
        self._next_update_id += 1
        self._updates.append(update)
        self._new_update.set()
        return update

    async def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while not self._updates and not self._closing and time.monotonic() < deadline:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), deadline - time.monotonic())
            except TimeoutError:
                break
        return self._updates[: int(params.get("limit") or 100)]

    def _set_webhook(self, params: dict) -> bool:
        self.webhook = params
        return True

    def _delete_webhook(self, params: dict) -> bool:
        self.webhook = {}
        return True
