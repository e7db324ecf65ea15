"""Fakes of the outside world that record what they were asked: the Telegram Bot API and an OpenAI-compatible server."""
