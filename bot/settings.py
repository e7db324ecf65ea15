"""The bot's settings: the core's plus Telegram, HTTP server, flood control, admin and reminder variables."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated
from urllib.parse import urlparse

from pydantic import Field, ValidationError, field_validator, model_validator

from pydantic_settings import NoDecode

from retrieval.settings import CoreSettings

TOKEN_RE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
OFFICIAL_API = "https://api.telegram.org/bot"


class BotSettings(CoreSettings):
    """Everything `python -m bot` reads from the environment, validated once at start-up."""

    telegram_bot_token: str | None = Field(None, alias="TELEGRAM_BOT_TOKEN", repr=False)
    telegram_api_base_url: str = Field(OFFICIAL_API, alias="TELEGRAM_API_BASE_URL")
    http_host: str = Field("127.0.0.1", alias="HTTP_HOST")
    # 0 lets the OS pick a free port (tests).
    http_port: int = Field(8080, alias="HTTP_PORT", ge=0, le=65535)
    webhook_url: str | None = Field(None, alias="WEBHOOK_URL")
    webhook_secret: str | None = Field(None, alias="WEBHOOK_SECRET", repr=False)
    rate_limit_per_minute: int = Field(10, alias="RATE_LIMIT_PER_MINUTE", ge=1)
    # Outgoing messages per second over all chats (Telegram's documented limit); 0 turns it off,
    # e.g. behind a self-hosted Bot API server or for benchmarks of the bot itself.
    telegram_max_messages_per_second: float = Field(30, alias="TELEGRAM_MAX_MESSAGES_PER_SECOND", ge=0)
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(frozenset(), alias="ADMIN_IDS")
    admin_api_token: str | None = Field(None, alias="ADMIN_API_TOKEN", repr=False)
    reminder_offsets_days: Annotated[tuple[int, ...], NoDecode] = Field((30, 7, 1, 0), alias="REMINDER_OFFSETS_DAYS")
    reminder_hour: int = Field(9, alias="REMINDER_HOUR", ge=0, le=23)

    @field_validator(
        "telegram_bot_token", "webhook_url", "webhook_secret", "admin_api_token", mode="before"
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: str | None) -> str | None:
        if value is not None and not TOKEN_RE.match(value.strip()):
            # Never echo the value: it may be a real token with a typo.
            raise ValueError("TELEGRAM_BOT_TOKEN 格式不对，应形如 123456789:AA...（从 @BotFather 获取）")
        return value.strip() if value else value

    @field_validator("telegram_api_base_url", mode="before")
    @classmethod
    def _base_url(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return OFFICIAL_API
        if isinstance(value, str) and not value.strip().startswith(("http://", "https://")):
            raise ValueError("TELEGRAM_API_BASE_URL 必须以 http:// 或 https:// 开头")
        return value.strip() if isinstance(value, str) else value

    @field_validator("http_port", "reminder_hour", "rate_limit_per_minute", mode="before")
    @classmethod
    def _int_text(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is not None and urlparse(value).scheme != "https":
            raise ValueError("WEBHOOK_URL 必须是 https:// 地址（Telegram 只向 HTTPS 推送）")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: str | None) -> str | None:
        if value is not None and not SECRET_RE.match(value):
            raise ValueError("WEBHOOK_SECRET 只能包含 A-Z a-z 0-9 _ -，长度 1-256")
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        if isinstance(value, int):
            return frozenset({value})
        if isinstance(value, str):
            try:
                return frozenset(int(v) for v in re.split(r"[,\s]+", value.strip()) if v)
            except ValueError:
                raise ValueError("ADMIN_IDS 应为逗号分隔的数字用户 ID，例如 12345,67890") from None
        return value

    @field_validator("reminder_offsets_days", mode="before")
    @classmethod
    def _offsets(cls, value: object) -> object:
        if isinstance(value, int):
            return (value,)
        if isinstance(value, str):
            try:
                days = [int(v) for v in re.split(r"[,\s]+", value.strip()) if v]
            except ValueError:
                raise ValueError("REMINDER_OFFSETS_DAYS 应为逗号分隔的天数，例如 30,7,1,0") from None
            if not days or any(d < 0 for d in days):
                raise ValueError("REMINDER_OFFSETS_DAYS 应为逗号分隔的非负天数，例如 30,7,1,0")
            return tuple(sorted(set(days), reverse=True))
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> "BotSettings":
        if self.webhook_url and not self.webhook_secret:
            raise ValueError("设置了 WEBHOOK_URL 时必须同时设置 WEBHOOK_SECRET")
        if self.webhook_url and not self.telegram_bot_token:
            raise ValueError("设置了 WEBHOOK_URL 时必须同时设置 TELEGRAM_BOT_TOKEN")
        return self

    @property
    def webhook_path(self) -> str:
        """The path our aiohttp server serves the webhook on (the path part of WEBHOOK_URL)."""
        path = urlparse(self.webhook_url or "").path
        return path if path and path != "/" else "/telegram/webhook"


_ZH = {
    "int_parsing": "应为整数 / ",
    "int_type": "应为整数 / ",
    "float_parsing": "应为数字 / ",
    "greater_than_equal": "数值太小 / ",
    "less_than_equal": "数值太大 / ",
    "greater_than": "数值太小 / ",
}


def describe_error(error: ValidationError) -> str:
    """A bilingual, variable-named explanation of invalid settings (values are never echoed)."""
    lines = ["配置有误，机器人未启动 / Invalid configuration, the bot did not start:"]
    for item in error.errors(include_input=False, include_url=False):
        loc = [str(part) for part in item.get("loc", ())]
        name = loc[0].upper() if loc else "配置"
        if name in {f.upper() for f in BotSettings.model_fields}:
            field = BotSettings.model_fields[name.lower()]
            name = field.alias or name
        message = _ZH.get(item.get("type", ""), "") + item.get("msg", "").removeprefix("Value error, ")
        lines.append(f"  - {name}: {message}")
    return "\n".join(lines)


@lru_cache
def get_bot_settings() -> BotSettings:
    """The process-wide bot settings, validated once."""
    return BotSettings()
