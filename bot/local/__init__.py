"""The local Telegram Bot API peer over real HTTP on 127.0.0.1, and the terminal chat that plays the user on it."""
from bot.local.peer import ApiCall, LocalBotApi, TelegramError

__all__ = ["ApiCall", "LocalBotApi", "TelegramError"]
