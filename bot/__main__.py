"""`python -m bot` runs the bot; `python -m bot remind ...` is the reminders command line."""
from __future__ import annotations

import asyncio
import logging
import sys

from pydantic import ValidationError

USAGE = """用法 / usage:
  python -m bot              运行机器人（有 TELEGRAM_BOT_TOKEN 时连接 Telegram，否则进入本地终端对话）
  python -m bot remind ...   截止日期提醒命令（见 python -m bot remind --help）
"""


def main(argv: list[str] | None = None) -> int:
    """Dispatch `remind`, else validate settings and run."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "remind":
        from bot.reminders.cli import main as remind_main

        return remind_main(argv[1:])
    if argv and argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    if argv:
        print(f"未知参数 / unknown arguments: {' '.join(argv)}\n{USAGE}", file=sys.stderr)
        return 2

    from bot.logs import configure_logging
    from bot.settings import BotSettings, describe_error

    try:
        settings = BotSettings()
    except ValidationError as exc:
        print(describe_error(exc), file=sys.stderr)
        return 2
    terminal = not settings.telegram_bot_token
    configure_logging([settings.telegram_bot_token, settings.webhook_secret, settings.admin_api_token,
                       settings.llm_api_key], level=logging.WARNING if terminal else logging.INFO)
    from bot.runner import run

    return asyncio.run(run(settings))


if __name__ == "__main__":
    sys.exit(main())
