"""Deadline reminders: subscriptions, when they are due, paced delivery, the bot's job and `python -m bot remind`."""
from bot.reminders.schedule import TZ, parse_at
from bot.reminders.store import ReminderStore

__all__ = ["TZ", "ReminderStore", "parse_at"]
