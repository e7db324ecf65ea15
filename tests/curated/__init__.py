"""Tests of curated answers from the shell and in the core."""
