"""Shared fixtures: paths to the project's stories and the shared dev data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
STORIES = ROOT / "tests" / "stories"
SHARED_DATA = ROOT.parent / "shared" / "data"

# the fixture-file builders (tests/fixtures/story_files.py), for every test package
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    # the dev data always sits beside the repository (CI clones it there): missing is a failure
    assert SHARED_DATA.is_dir(), f"the shared dev data is missing: {SHARED_DATA}"
    return SHARED_DATA
