"""Logging set-up that never writes the bot token (or any other secret) anywhere."""
from __future__ import annotations

import logging
import re
import sys

TOKEN_PATTERN = re.compile(r"\d{3,}:[A-Za-z0-9_-]{20,}")


class RedactingFormatter(logging.Formatter):
    """Replaces known secrets and anything shaped like a bot token with ***, tracebacks included."""

    def __init__(self, fmt: str, secrets: list[str]) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return TOKEN_PATTERN.sub("***", text)


def configure_logging(secrets: list[str | None], level: int = logging.INFO) -> None:
    """Log to stderr through the redacting formatter; HTTP client loggers (which log URLs) are quietened."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s",
                                            [s for s in secrets if s]))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, and PTB's URL contains the token.
    for name in ("httpx", "httpcore", "telegram.request", "telegram.Bot"):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
