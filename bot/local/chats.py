"""The chats a local Bot API peer simulates: users' messages and button presses in, the bot's messages out."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from bot.local.wire import MAX_TEXT, html_to_text


@dataclass
class Chat:
    """A chat the peer knows about and its message counter."""

    id: int
    type: str = "private"
    title: str | None = None
    next_message_id: int = 1
    messages: dict[int, dict] = field(default_factory=dict)


class TelegramError(Exception):
    """An error answer in Telegram's format."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if retry_after is not None:
            self.body["parameters"] = {"retry_after": retry_after}


class ChatsMixin:
    """Chats, their messages and the Bot API methods that send or edit them (state lives on the peer)."""

    me: dict[str, Any]
    chats: dict[int, Chat]
    _next_update_id: int

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
