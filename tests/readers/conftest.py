"""Reader tests: the fixture builders (tests/fixtures/story_files.py) and the built files."""

from __future__ import annotations

import pytest

import story_files


@pytest.fixture(scope="session")
def built() -> dict[str, bytes]:
    """The bytes of every fixture file, built once per test session."""
    return {name: build() for name, build in story_files.BUILDERS.items()} | {"story.txt": story_files.text_bytes()}


@pytest.fixture(scope="session")
def built_dir(built: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture files written to a folder, for read_path."""
    folder = tmp_path_factory.mktemp("stories")
    for name, data in built.items():
        (folder / name).write_bytes(data)
    return folder
