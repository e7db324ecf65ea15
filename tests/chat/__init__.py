"""Tests of bot/chat: questions, /start, feedback, flood control, groups, streaming."""
