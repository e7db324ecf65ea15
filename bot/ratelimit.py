"""Outgoing flood control: PTB's AIORateLimiter for messages; chat actions are best-effort and unlimited."""
from __future__ import annotations

from typing import Any

from telegram.ext import AIORateLimiter

# "typing" is not a message: it should neither wait behind replies nor delay them.
UNLIMITED = frozenset({"sendChatAction"})


class MessageRateLimiter(AIORateLimiter):
    """AIORateLimiter (Telegram's per-second and per-group limits, 429 retries) for everything but chat actions."""

    async def process_request(self, callback, args: Any, kwargs: dict[str, Any], endpoint: str,  # noqa: ANN001
                              data: dict[str, Any], rate_limit_args: int | None):  # noqa: ANN201
        """Pass chat actions straight through; limit and retry the rest."""
        if endpoint in UNLIMITED:
            return await callback(*args, **kwargs)
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
