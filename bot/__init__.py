"""Telegram bot answering questions about the HR services and manufacturing pilot."""
