"""Local terminal chat: the real Application talks to an in-process Bot API peer, the terminal plays the user."""
from __future__ import annotations

import asyncio
import logging
import sys
import threading
from typing import TextIO

from telegram import Update
from telegram.ext import Application

from bot import messages as msg
from bot.local.peer import ApiCall, LocalBotApi

log = logging.getLogger(__name__)
TOKEN = "1000000:terminal-chat-local-token"  # only ever sent to the in-process peer


class TerminalChat:
    """Prints what the bot sends to the user's chat; turns typed lines into messages or button presses."""

    def __init__(self, peer: LocalBotApi, user_id: int, out: TextIO) -> None:
        self.peer = peer
        self.user_id = user_id
        self.out = out
        self.buttons: list[tuple[int, str, str]] = []  # (message_id, label, callback_data)
        peer.listeners.append(self.on_call)

    def say(self, text: str) -> None:
        """Print one block to the terminal."""
        self.out.write(text + "\n")
        self.out.flush()

    def prompt(self) -> None:
        """Invite the next line (interactive terminals only)."""
        self.out.write(f"\n{msg.TERMINAL_PROMPT}")
        self.out.flush()

    def on_call(self, call: ApiCall) -> None:
        """Show the bot's messages, edits and callback answers addressed to our chat."""
        params = call.params
        if call.error is not None:
            return
        if call.method in ("sendMessage", "editMessageText") and params.get("chat_id") == self.user_id:
            shown = call.result["text"] if isinstance(call.result, dict) else params.get("text", "")
            self.say(f"\n🤖 {shown}")
            self._show_buttons(call.result)
        elif call.method == "editMessageReplyMarkup" and isinstance(call.result, dict):
            self._show_buttons(call.result)
        elif call.method == "answerCallbackQuery" and params.get("text"):
            self.say(f"（{params['text']}）")

    def _show_buttons(self, message: dict) -> None:
        rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
        buttons = [(message["message_id"], b["text"], b["callback_data"])
                   for row in rows for b in row if "callback_data" in b]
        if not buttons:
            return
        self.buttons = buttons
        labels = "  ".join(f"[{i}] {label}" for i, (_, label, _) in enumerate(buttons, 1))
        self.say(f"{msg.TERMINAL_BUTTONS}{labels}")

    def update_for(self, line: str) -> dict | None:
        """A typed number presses a shown button; anything else is a message."""
        line = line.strip()
        if not line:
            return None
        if line.isdigit() and 1 <= int(line) <= len(self.buttons):
            message_id, _, data = self.buttons[int(line) - 1]
            message = self.peer.chat(self.user_id).messages[message_id]
            return self.peer.push(callback_query=self.peer.callback_query(message, data, user_id=self.user_id))
        return self.peer.push(message=self.peer.new_message(self.user_id, text=line))


def read_lines(loop: asyncio.AbstractEventLoop, source: TextIO) -> asyncio.Queue[str | None]:
    """Lines from a (possibly piped) stream, read on a daemon thread; None at EOF."""
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def pump() -> None:
        for line in source:
            loop.call_soon_threadsafe(queue.put_nowait, line)
        loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=pump, name="terminal-stdin", daemon=True).start()
    return queue


async def chat_loop(app: Application, chat: TerminalChat, stop: asyncio.Event,
                    source: TextIO | None = None) -> None:
    """Feed typed lines through the Application until EOF or stop; each is answered before the next."""
    source = source or sys.stdin
    echo = not source.isatty()  # piped input is not shown by the terminal: echo it
    lines = read_lines(asyncio.get_running_loop(), source)
    chat.say(msg.TERMINAL_BANNER)
    stopped = asyncio.create_task(stop.wait())
    try:
        while True:
            if not echo:
                chat.prompt()
            getter = asyncio.create_task(lines.get())
            await asyncio.wait({getter, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if not getter.done():
                getter.cancel()
                break
            line = getter.result()
            if line is None:
                break
            if echo and line.strip():
                chat.say(f"\n👤 {line.strip()}")
            update = chat.update_for(line)
            if update is not None:
                await app.process_update(Update.de_json(update, app.bot))
    finally:
        stopped.cancel()
    chat.say(f"\n{msg.TERMINAL_BYE}")
