"""Tests of the deadlines registry, date parsing and extraction."""
