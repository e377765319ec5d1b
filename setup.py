"""Build hook: the package carries a copy of the repository's top-level
``metadata.yml`` (the one source) as ``quotetrack/site/metadata.yml``, so a
regular install serves the site with it (tests/test_install.py checks the
wheel). An editable install reads the checkout's file itself and gets no copy,
so none can go stale. Everything else is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

METADATA = Path(__file__).resolve().parent / "metadata.yml"


class BuildWithMetadata(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        if not METADATA.is_file():
            raise SystemExit(f"{METADATA}: missing; the site cannot be built without it")
        target = Path(self.build_lib) / "quotetrack" / "site" / "metadata.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(METADATA, target)


setup(cmdclass={"build_py": BuildWithMetadata})
