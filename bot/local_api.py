"""A local Telegram Bot API peer over real HTTP: the terminal chat talks to it, tests build on it.

It keeps a queue of updates for `getUpdates`, answers the methods the bot uses, records every call
with its decoded parameters, checks what Telegram checks (HTML entities, 4096 characters, 64-byte
callback data) and can inject Telegram-format errors (403, 429 with retry_after).
"""
from __future__ import annotations

import asyncio
import json
import re
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)

JSON_FIELDS = {"reply_markup", "entities", "commands", "allowed_updates", "reply_parameters",
               "link_preview_options", "scope", "caption_entities", "media", "results"}
INT_FIELDS = {"chat_id", "message_id", "user_id", "offset", "limit", "timeout", "cache_time",
              "reply_to_message_id", "message_thread_id"}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                "blockquote", "tg-spoiler", "span", "tg-emoji"}
MAX_TEXT = 4096
BARE_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


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


@dataclass
class Chat:
    """A chat the peer knows about and its message counter."""

    id: int
    type: str = "private"
    title: str | None = None
    next_message_id: int = 1
    messages: dict[int, dict] = field(default_factory=dict)


class _EntityChecker(HTMLParser):
    """Checks Telegram's HTML subset: known tags, properly nested and closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags = 0
        self.problem: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags += 1
        if tag not in ALLOWED_TAGS:
            self.problem = self.problem or f"unsupported start tag \"{tag}\""
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags += 1
        if not self.stack or self.stack.pop() != tag:
            self.problem = self.problem or f"unmatched end tag \"{tag}\""

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_to_text(text: str) -> tuple[str, str | None]:
    """The text Telegram would show for an HTML message, and the parse problem if any."""
    checker = _EntityChecker()
    checker.feed(text)
    checker.close()
    problem = checker.problem or (f"unclosed tag \"{checker.stack[-1]}\"" if checker.stack else None)
    if problem is None and text.count("<") != checker.tags:
        problem = "unescaped \"<\""
    if problem is None and BARE_AMP.search(text):
        problem = "unescaped \"&\""
    return "".join(checker.text), problem


def decode_params(raw: dict[str, str]) -> dict[str, Any]:
    """Form fields as PTB sends them: JSON inside reply_markup and the like, ints for ids."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if key in JSON_FIELDS:
            params[key] = json.loads(value)
        elif key in INT_FIELDS:
            try:
                params[key] = int(value)
            except ValueError:
                params[key] = value
        else:
            params[key] = value
    return params


class TelegramError(Exception):
    """An error answer in Telegram's format."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if retry_after is not None:
            self.body["parameters"] = {"retry_after": retry_after}


class LocalBotApi:
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
    def chat(self, chat_id: int, chat_type: str = "private", title: str | None = None) -> Chat:
        """The chat with this id, created on first use."""
        if chat_id not in self.chats:
            self.chats[chat_id] = Chat(chat_id, chat_type, title)
        return self.chats[chat_id]

    def _chat_dict(self, chat: Chat) -> dict:
        data: dict[str, Any] = {"id": chat.id, "type": chat.type}
        if chat.title:
            data["title"] = chat.title
        if chat.type == "private":
            data["first_name"] = f"用户{chat.id}"
        return data

    def new_message(self, chat_id: int, *, user_id: int | None = None, text: str | None = None,
                    chat_type: str = "private", reply_to: dict | None = None, **extra: Any) -> dict:
        """A message from a user (not yet queued): text, or sticker/photo/voice/document via extra."""
        chat = self.chat(chat_id, chat_type, None if chat_type == "private" else f"群{chat_id}")
        user_id = user_id if user_id is not None else chat_id
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat), "date": int(time.time()),
            "chat": self._chat_dict(chat),
            "from": {"id": user_id, "is_bot": False, "first_name": f"用户{user_id}", "language_code": "zh-hans"},
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
            mention = f"@{self.me['username']}"
            if mention in text:
                message.setdefault("entities", []).append(
                    {"type": "mention", "offset": text.index(mention), "length": len(mention)})
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(extra)
        chat.messages[message["message_id"]] = message
        return message

    def callback_query(self, message: dict, data: str, *, user_id: int | None = None) -> dict:
        """A button press on one of the bot's messages."""
        user_id = user_id if user_id is not None else message["chat"]["id"]
        return {"id": f"cq{self._next_update_id}", "chat_instance": str(message["chat"]["id"]),
                "from": {"id": user_id, "is_bot": False, "first_name": f"用户{user_id}"},
                "message": message, "data": data}

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

    # outgoing messages -----------------------------------------------------------
    def _next_message_id(self, chat: Chat) -> int:
        chat.next_message_id += 1
        return chat.next_message_id - 1

    def _check_text(self, params: dict) -> str:
        text = str(params.get("text", ""))
        shown = text
        if params.get("parse_mode") == "HTML":
            shown, problem = html_to_text(text)
            if problem:
                raise TelegramError(400, f"Bad Request: can't parse entities: {problem}")
        if not shown.strip():
            raise TelegramError(400, "Bad Request: message text is empty")
        if len(shown) > MAX_TEXT:
            raise TelegramError(400, "Bad Request: message is too long")
        for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if len(button.get("callback_data", "").encode()) > 64:
                    raise TelegramError(400, "Bad Request: BUTTON_DATA_INVALID")
        return shown

    def _send_message(self, params: dict) -> dict:
        shown = self._check_text(params)
        chat = self.chats.get(params["chat_id"]) or self.chat(params["chat_id"])
        message: dict[str, Any] = {"message_id": self._next_message_id(chat), "date": int(time.time()),
                                   "chat": self._chat_dict(chat), "from": self.me, "text": shown}
        if "reply_markup" in params and "inline_keyboard" in params["reply_markup"]:
            message["reply_markup"] = params["reply_markup"]
        chat.messages[message["message_id"]] = message
        return message

    def _edit_message_text(self, params: dict) -> dict:
        shown = self._check_text(params)
        message = self._existing(params)
        message["text"] = shown
        message.pop("reply_markup", None)
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message

    def _edit_reply_markup(self, params: dict) -> dict:
        message = self._existing(params)
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _existing(self, params: dict) -> dict:
        chat = self.chats.get(params.get("chat_id"))  # type: ignore[arg-type]
        message = chat.messages.get(params.get("message_id")) if chat else None  # type: ignore[arg-type]
        if message is None:
            raise TelegramError(400, "Bad Request: message to edit not found")
        return message

    def _set_webhook(self, params: dict) -> bool:
        self.webhook = params
        return True

    def _delete_webhook(self, params: dict) -> bool:
        self.webhook = {}
        return True
