"""`python -m bot remind --due [--at "YYYY-MM-DD HH:MM"] [--dry-run]` and `--status`: reminders for cron and rehearsals."""
from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import datetime

from pydantic import ValidationError

from bot.reminders import cli_messages as msg
from bot.reminders.schedule import TZ, parse_at


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot remind", description=msg.DESCRIPTION)
    action = p.add_mutually_exclusive_group(required=True)
    action.add_argument("--due", action="store_true", help=msg.HELP_DUE)
    action.add_argument("--status", action="store_true", help=msg.HELP_STATUS)
    p.add_argument("--at", help=msg.HELP_AT)
    p.add_argument("--dry-run", action="store_true", help=msg.HELP_DRY_RUN)
    return p


def main(argv: list[str]) -> int:
    """Run once and exit: 0 when everything due was handled, 1 when some deliveries failed, 2 on bad input."""
    args = _parser().parse_args(argv)
    from bot.logs import configure_logging
    from bot.settings import BotSettings, describe_error

    try:
        settings = BotSettings()
    except ValidationError as exc:
        print(describe_error(exc), file=sys.stderr)
        return 2
    configure_logging([settings.telegram_bot_token, settings.webhook_secret, settings.admin_api_token,
                       settings.llm_api_key])
    try:
        now = parse_at(args.at) if args.at else datetime.now(TZ)
    except ValueError:
        print(msg.BAD_AT.format(value=args.at), file=sys.stderr)
        return 2
    if args.status:
        return _status(settings)
    if not args.dry_run and not settings.telegram_bot_token:
        print(msg.NO_TOKEN, file=sys.stderr)
        return 2
    return asyncio.run(_due(settings, now, args.dry_run))


def _reminders(settings):  # noqa: ANN001, ANN202
    from bot.reminders.service import Reminders
    from bot.reminders.store import ReminderStore

    store = ReminderStore.open(settings.data_dir)
    return Reminders(store, settings.knowledge_dir / "deadlines.yaml", settings.reminder_offsets_days,
                     settings.reminder_hour, settings.telegram_max_messages_per_second)


async def _due(settings, now: datetime, dry_run: bool) -> int:  # noqa: ANN001
    from telegram import Bot
    from telegram.constants import ParseMode
    from telegram.request import HTTPXRequest

    from bot.reminders.delivery import FANOUT_CONCURRENCY

    reminders = _reminders(settings)
    # One pooled connection per concurrent sender: with PTB's default single connection the sends queue
    # behind each other and leave in bursts, which Telegram would answer with 429.
    request = HTTPXRequest(connection_pool_size=FANOUT_CONCURRENCY + 2)
    bot = Bot(settings.telegram_bot_token or "0:dry-run", base_url=settings.telegram_api_base_url, request=request)

    async def send(chat_id: int, text: str, markup: object) -> int:
        message = await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)
        return message.message_id

    try:
        if dry_run:
            result = await reminders.run_due(send, now, dry_run=True)
        else:
            async with bot:
                result = await reminders.run_due(send, now)
    finally:
        reminders.store.close()
    if result.registry_error:
        print(msg.REGISTRY_ERROR.format(error=result.registry_error), file=sys.stderr)
        return 2
    print(msg.AT.format(now=now.strftime("%Y-%m-%d %H:%M %Z")))
    if dry_run:
        for item in result.planned:
            k = item.key
            print(msg.PLANNED.format(kind=msg.KINDS[k.kind], chat=k.chat_id, ref=k.ref,
                                     offset=k.offset_days if k.offset_days >= 0 else "-", due=k.due or "-"))
        print(msg.DRY_RUN_SUMMARY.format(count=len(result.planned)))
        return 0
    r = result.report
    print(msg.SUMMARY.format(planned=len(result.planned), sent=r.sent, taken=r.already_taken, blocked=r.blocked,
                             migrated=r.migrated, failed=r.failed, uncertain=r.uncertain,
                             resolved=result.uncertain_resolved, http429=r.rate_limited, retries=r.retries,
                             elapsed=r.elapsed_s))
    if r.errors:
        print(msg.ERRORS.format(errors="，".join(f"{k} {v} 次" for k, v in sorted(r.errors.items()))))
    return 1 if r.failed else 0


def _status(settings) -> int:  # noqa: ANN001
    reminders = _reminders(settings)
    try:
        subscriptions = reminders.store.active_subscriptions()
        counts = reminders.store.counts()
    finally:
        reminders.store.close()
    print(msg.STATUS.format(chats=len({c for c, _ in subscriptions}), subscriptions=len(subscriptions),
                            counts="，".join(f"{msg.STATES.get(k, k)} {v}" for k, v in sorted(counts.items()))
                            or msg.STATUS_EMPTY))
    return 0


if __name__ == "__main__":
    logging.basicConfig()
    sys.exit(main(sys.argv[1:]))
