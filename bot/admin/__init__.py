"""Administering the bot in chat and over HTTP: who is an admin, the audit log, documents, reindex and rollback."""
from bot.admin.actions import AdminActions

__all__ = ["AdminActions"]
