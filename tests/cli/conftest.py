"""CLI tests: helpers in cli_helpers.py; small story files written per test."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes minutes (a 5 MB input); run with -m slow or BETAREADER_SLOW=1")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow tests run only when asked for: ``-m slow`` (or any -m naming it) or BETAREADER_SLOW=1."""
    if os.environ.get("BETAREADER_SLOW") or "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow or BETAREADER_SLOW=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def story(tmp_path: Path) -> Callable[..., Path]:
    """``story(text, name="story.txt", folder=tmp_path)`` writes a UTF-8 story file and returns its path."""

    def write(text: str | bytes, name: str = "story.txt", folder: Path | None = None) -> Path:
        path = (folder or tmp_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return path

    return write
