"""Tests of evaluate/: scoring on PolNeAR."""
