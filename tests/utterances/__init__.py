"""Tests of utterances/: republished copies of articles."""
