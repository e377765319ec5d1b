"""Tests of extract/: quotes from parses (CoNLL-U fixtures)."""
