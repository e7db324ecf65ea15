"""The fake Telegram Bot API server for tests: the product's local peer plus helpers that act as users."""
from __future__ import annotations

from typing import Any

from bot.local.peer import ApiCall, LocalBotApi

TOKEN = "123456789:TEST-fake-token-abcdefghijklmnopqrst"


class FakeTelegram(LocalBotApi):
    """A Bot API server on 127.0.0.1 that records every call; users speak through send/press."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(token=TOKEN, **kwargs)

    def send(self, chat_id: int, text: str | None = None, **kwargs: Any) -> dict:
        """A user sends a message (text, or sticker=..., photo=... via kwargs); returns the message."""
        message = self.new_message(chat_id, text=text, **kwargs)
        self.push(message=message)
        return message

    def press(self, message: dict, data: str, *, user_id: int | None = None) -> dict:
        """A user presses a button on one of the bot's messages."""
        query = self.callback_query(message, data, user_id=user_id)
        self.push(callback_query=query)
        return query

    async def reply(self, chat_id: int, *, since: int, timeout: float = 10.0, **match: Any) -> ApiCall:
        """The bot's next sendMessage to this chat after call index `since`."""
        return await self.wait_for("sendMessage", lambda c: c.params.get("chat_id") == chat_id
                                   and all(c.params.get(k) == v for k, v in match.items()),
                                   since=since, timeout=timeout)

    async def ask(self, chat_id: int, text: str, **kwargs: Any) -> ApiCall:
        """Send a text and wait for the bot's reply to it."""
        since = len(self.calls)
        self.send(chat_id, text, **kwargs)
        return await self.reply(chat_id, since=since)

    async def click(self, reply: ApiCall, label: str, *, user_id: int | None = None) -> int:
        """Press the button labelled `label` under a reply; returns the call index before the press."""
        data = button_data(reply, label)
        since = len(self.calls)
        self.press(reply.result, data, user_id=user_id)
        return since


def buttons(call: ApiCall) -> list[tuple[str, str]]:
    """(label, callback_data) of a message's inline keyboard."""
    rows = (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


def button_data(call: ApiCall, label: str) -> str:
    """The callback_data of the button with this label."""
    for text, data in buttons(call):
        if text == label:
            return data
    raise AssertionError(f"no button {label!r} in {buttons(call)}")


def shown(call: ApiCall) -> str:
    """The text as the user sees it (tags gone, entities decoded)."""
    return call.result["text"] if isinstance(call.result, dict) else str(call.params.get("text", ""))
