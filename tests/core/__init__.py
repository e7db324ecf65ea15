"""Tests of retrieval: ingest, index, library and answers."""
