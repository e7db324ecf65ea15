"""Tests of the bot as a process: start-up, modes, signals, the Docker setup script."""
