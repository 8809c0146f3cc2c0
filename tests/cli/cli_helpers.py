"""Run the ``betareader`` command line in-process (fast: spaCy loads once per test process)
or as a real subprocess (when the real process matters: exit status, stdin, stderr).

Both return a :class:`Run` with ``code``, ``stdout`` and ``stderr`` as text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from click.testing import CliRunner

from betareader.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
STORIES = ROOT / "tests" / "stories"
SCHEMA_DIR = ROOT.parent / "shared" / "schema"
BETAREADER = Path(sys.executable).parent / "betareader"

# Short texts with known findings (checked by the tests that use them).
CLEAN = ("The rain had stopped by the time Mara reached the harbour. She tied the boat to the post "
         "and climbed the steps to the quay.\n")
ERRORS = ("The rain had stopped by the time Mara reached the harbour. She opened the the door of the "
          "boathouse. Inside, the lights was off.\n")
INFO_ONLY = "She opened the door. She looked around the empty room. She saw the letter lying on the desk.\n"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json_lines(self) -> list[dict[str, Any]]:
        """The JSON Lines on stdout, one document per line."""
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]

    def __str__(self) -> str:  # for assertion messages
        return f"exit {self.code}\n--- stdout ---\n{self.stdout[-3000:]}\n--- stderr ---\n{self.stderr[-3000:]}"


class _Entry:
    """Lets CliRunner call :func:`betareader.cli.main` — the real entry point with its error handling."""

    name = "betareader"

    def main(self, args: Sequence[str] = (), prog_name: str | None = None, **_: Any) -> None:
        main(list(args))


def invoke(*args: str | Path, input: str | bytes | None = None, color: bool = False,
           env: dict[str, str | None] | None = None) -> Run:
    """``betareader ARGS`` in this process; ``color=True`` makes stdout act like a terminal."""
    # BETAREADER_DEBUG: an internal error raises (and fails the test with its traceback)
    # instead of becoming main()'s one-line "internal error" message.
    result = CliRunner().invoke(_Entry(), [str(a) for a in args], input=input, color=color,  # type: ignore[arg-type]
                                prog_name="betareader", catch_exceptions=True,
                                env={"BETAREADER_DEBUG": "1", "NO_COLOR": None, **(env or {})})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback escaped main(): a bug worth seeing in full
    # (Result.stdout would turn \r\n into \n: keep the bytes exactly as written.)
    return Run(result.exit_code, result.stdout_bytes.decode("utf-8", "replace"),
               result.stderr_bytes.decode("utf-8", "replace"))


@lru_cache(maxsize=None)
def cached(*args: str) -> Run:
    """``betareader ARGS`` in-process, once per test process (for inputs no test modifies)."""
    return invoke(*args)


def run(*args: str | Path, input: bytes | str | None = None, timeout: float = 600, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> Run:
    """``betareader ARGS`` as a real process (its own stdin, stdout, stderr and exit status)."""
    data = input.encode("utf-8") if isinstance(input, str) else input
    proc = subprocess.run([str(BETAREADER), *map(str, args)], input=data, capture_output=True,
                          timeout=timeout, cwd=cwd, env={**os.environ, **(env or {})})
    return Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


def assert_one_line_error(r: Run, *, contains: str | None = None) -> None:
    """Exit 2, one line on stderr starting ``betareader: error:``, nothing that looks like a traceback."""
    assert r.code == 2, str(r)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, str(r)
    assert lines[0].startswith("betareader: error:"), str(r)
    assert "Traceback" not in r.stderr + r.stdout, str(r)
    assert "internal error" not in r.stderr, str(r)
    if contains is not None:
        assert contains.lower() in lines[0].lower(), str(r)
