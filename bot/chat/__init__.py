"""Answering users in chat: questions, /start, feedback and fallbacks, and the cache, rendering and streaming."""
from bot.chat.answer_cache import AnswerCache
from bot.chat.flood import FloodGate
from bot.chat.render import context_html, split_message

__all__ = ["AnswerCache", "FloodGate", "context_html", "split_message"]
