"""Contract tests: the JSON of ``check``/``analyze`` against ../shared/schema and the contract's rules."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "cli"))

from cli_helpers import SCHEMA_DIR  # noqa: E402


@pytest.fixture(scope="session")
def validators():
    """``{"check": validator, "analyze": validator}`` from ../shared/schema (a failure when absent)."""
    import jsonschema

    if not SCHEMA_DIR.is_dir():
        pytest.fail(f"{SCHEMA_DIR} is not present (the contract schemas sit beside the repo)")
    out = {}
    for kind in ("check", "analyze"):
        schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        out[kind] = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return out
