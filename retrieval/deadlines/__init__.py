"""Deadlines: Chinese date expressions, the curated registry and `python -m retrieval deadlines`."""
from retrieval.deadlines.dates import find_dates
from retrieval.deadlines.registry import (Deadline, DeadlineFileError, days_left, deadlines_in_text, load_deadlines,
                                          source_context)

__all__ = ["Deadline", "DeadlineFileError", "days_left", "deadlines_in_text", "find_dates", "load_deadlines",
           "source_context"]
