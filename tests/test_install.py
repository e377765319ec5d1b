"""The package as installed, not as checked out.

The slow tests build the wheel (offline, from a copy of the checkout), check it
carries the site's metadata (a byte-for-byte copy of the top-level
``metadata.yml``), templates, static files and data, install it into a
``--target`` folder and serve a database with it from an empty folder
elsewhere. The fast ones check that a missing metadata file is an error.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrack.cli import cli
from quotetrack.errors import QuotetrackError
from quotetrack.site import metadata

from .helpers import METADATA, ROOT, build_site_db

# what a build never needs from the checkout
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "db", "*.egg-info", "__pycache__",
                                    "*.pyc", ".pytest_cache", "artifacts", ".whl", ".gl")
PACKAGED_FOLDERS = ("quotetrack/site/templates", "quotetrack/site/static", "quotetrack/data",
                    "quotetrack/evaluate/data")


def package_files(folder: str) -> dict[str, Path]:
    """The checkout's files under ``folder``, by their path in the wheel."""
    return {p.relative_to(ROOT).as_posix(): p for p in sorted((ROOT / folder).rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, deadline: float, process: subprocess.Popen) -> str:
    """The body of ``url`` once the server answers it (the server must stay up)."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def stop(process: subprocess.Popen) -> None:
    """Stop the server and the Datasette it started (its own process group)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def site_title() -> str:
    from datasette.utils import parse_metadata

    return parse_metadata(METADATA.read_text(encoding="utf-8"))["title"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(work / "dist"), str(source)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [built] = (work / "dist").glob("quotetrack-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_the_metadata_templates_static_files_and_data(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        assert z.read("quotetrack/site/metadata.yml") == METADATA.read_bytes()
        expected = {}
        for folder in PACKAGED_FOLDERS:
            expected.update(package_files(folder))
        assert any(name.startswith("quotetrack/site/templates/") for name in expected)
        assert any(name.startswith("quotetrack/data/models/") for name in expected)
        missing = sorted(set(expected) - names)
        assert not missing, f"not in the wheel: {missing}"
        for name, path in expected.items():
            assert z.read(name) == path.read_bytes(), name
        modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "quotetrack").rglob("*.py")
                   if "__pycache__" not in p.parts}
        assert not modules - names, sorted(modules - names)
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "quotetrack = quotetrack.site" in z.read(entry_points).decode()


@pytest.mark.slow
def test_the_installed_package_serves_the_site_with_its_metadata(wheel, tmp_path):
    target, elsewhere = tmp_path / "site-packages", tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    db = tmp_path / "quotes.db"
    ex = build_site_db(db)
    env = {**os.environ, "PYTHONPATH": str(target)}

    # the installed copy is the one that runs, with its packaged metadata
    where = subprocess.run(
        [sys.executable, "-c", "import quotetrack.site.metadata as m; print(m.__file__); print(m.metadata_path())"],
        capture_output=True, text=True, cwd=elsewhere, env=env, timeout=120,
    )
    assert where.returncode == 0, where.stderr
    module, served_metadata = where.stdout.split()
    assert Path(module).is_relative_to(target)
    assert Path(served_metadata) == target / "quotetrack" / "site" / "metadata.yml"

    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "quotetrack", "serve", "--db", str(db), "--port", str(port)],
        cwd=elsewhere, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        try:
            home = fetch(base + "/", deadline, process)
        except OSError:
            log.seek(0)
            pytest.fail(f"quotetrack serve did not answer:\n{log.read()}")
        assert site_title() in re.search(r"<title>(.*?)</title>", home, re.S).group(1)
        page = fetch(f"{base}/-/quote/{ex['close']}", deadline, process)
        assert "Cite this quote" in page and ex["close"] in page
        assert fetch(f"{base}/-/static-plugins/quotetrack/quotetrack.css", deadline, process) == \
            (ROOT / "quotetrack" / "site" / "static" / "quotetrack.css").read_text(encoding="utf-8")
    finally:
        stop(process)
        log.close()
    assert list(elsewhere.iterdir()) == []  # serving wrote nothing where it ran


# -- a missing metadata file ----------------------------------------------------------


@pytest.fixture
def no_metadata(tmp_path, monkeypatch):
    """As if neither a packaged copy nor a checkout's metadata.yml existed."""
    monkeypatch.setattr(metadata, "PACKAGED", tmp_path / "installed" / "metadata.yml")
    monkeypatch.setattr(metadata, "CHECKOUT", tmp_path / "checkout" / "metadata.yml")
    return tmp_path


def test_the_packaged_copy_comes_first_then_the_checkout(tmp_path, monkeypatch):
    packaged, checkout = tmp_path / "packaged.yml", tmp_path / "checkout.yml"
    monkeypatch.setattr(metadata, "PACKAGED", packaged)
    monkeypatch.setattr(metadata, "CHECKOUT", checkout)
    checkout.write_text("title: checkout\n")
    assert metadata.metadata_path() == checkout
    packaged.write_text("title: packaged\n")
    assert metadata.metadata_path() == packaged


def test_a_checkout_serves_with_its_top_level_metadata():
    assert metadata.CHECKOUT == METADATA
    if not metadata.PACKAGED.exists():  # a checkout (editable install) has no packaged copy
        assert metadata.metadata_path() == METADATA


def test_missing_metadata_is_an_error(no_metadata):
    with pytest.raises(QuotetrackError, match="the site's metadata file is missing") as error:
        metadata.metadata_path()
    assert str(metadata.PACKAGED) in str(error.value) and str(metadata.CHECKOUT) in str(error.value)


@pytest.mark.parametrize("command", ["serve", "publish"])
def test_serve_and_publish_refuse_to_run_without_metadata(no_metadata, command):
    db = no_metadata / "quotes.db"
    db.write_text("not a database; the command must stop before it opens it\n")
    args = [command, "--db", str(db)] + (["--out", str(no_metadata / "build")] if command == "publish" else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "the site's metadata file is missing" in result.output
    assert str(metadata.CHECKOUT) in result.output
    assert not (no_metadata / "build").exists()


def test_publish_refuses_a_missing_metadata_file_it_is_given(tmp_path):
    from quotetrack.export.deploy import PublishError, build_site

    db = tmp_path / "quotes.db"
    build_site_db(db)
    with pytest.raises(PublishError, match="gone.yml: no such metadata file"):
        build_site(db, tmp_path / "build", tmp_path / "gone.yml")


@pytest.mark.parametrize("command", ["serve", "publish"])
@pytest.mark.parametrize("content, problem", [
    ("title: [unclosed\n", "line 2: not valid YAML"),
    ("- just\n- a list\n", "Datasette metadata must be a mapping"),
])
def test_serve_and_publish_refuse_metadata_that_is_not_datasette_metadata(tmp_path, command, content, problem):
    bad = tmp_path / "bad.yml"
    bad.write_text(content, encoding="utf-8")
    db = tmp_path / "quotes.db"
    build_site_db(db)
    args = [command, "--db", str(db), "--metadata", str(bad)]
    args += ["--out", str(tmp_path / "build")] if command == "publish" else ["--port", "1"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert f"{bad}: {problem}" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "build").exists()
