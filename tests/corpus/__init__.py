"""Tests of corpus.py: reading articles and their metadata."""
