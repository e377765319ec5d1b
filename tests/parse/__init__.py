"""Tests of parse/: the Stanza pipeline, model loading, features, decoding."""
