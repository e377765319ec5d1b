"""Tests of resolve/: speakers and outlets, names and roles."""
