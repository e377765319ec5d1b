"""Tests of site/: the Datasette plugin (datasette.client) and the UI in a headless browser."""
