"""Tests of bot/reminders: schedule, delivery, registry changes, chat commands and the CLI."""
