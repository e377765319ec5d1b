"""Tests of store/: the database, migrations, crash safety."""
