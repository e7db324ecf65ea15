"""Tests of bot/admin: access and audit, uploads, reindex and rollback, the HTTP API."""
