"""Fixtures for the character and speaker tests."""

from __future__ import annotations

import pytest

from analysis_helpers import analyse


@pytest.fixture(scope="session")
def analyse_text():
    return analyse
