"""Whole-story snapshots of ``check`` (Harper-style guard against false alarms).

Each ``tests/snapshots/NAME.json`` holds every issue ``betareader check --format json``
reports on one story — line, rule and the flagged words — one issue per line so that a
review diff reads like a list of new and vanished findings. A rule change that suddenly
flags forty lines of *Alice* shows up here.

When a change is intended, regenerate and review the diff::

    BETAREADER_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/snapshots -q
    git diff tests/snapshots/
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from cli_helpers import ROOT, SAMPLES, STORIES, invoke

SNAPSHOTS = Path(__file__).resolve().parent
UPDATE = os.environ.get("BETAREADER_UPDATE_SNAPSHOTS") == "1"
PDNC = ROOT.parent / "shared" / "data" / "attrib" / "pdnc"
EXCERPT_WORDS = 3000
MAX_SHOWN = 80

STORY_FILES = {
    "harbour-lights": SAMPLES / "harbour-lights.txt",
    "static": SAMPLES / "static.txt",
    **{p.stem: p for p in sorted(STORIES.glob("clean-*.txt"))},
}
NOVELS = {"alice-chapter-1": "AlicesAdventuresInWonderland.txt"}


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The text up to the end of the paragraph in which the ``words``-th word falls."""
    count = 0
    for match in re.finditer(r"\S+", text):
        count += 1
        if count >= words:
            end = text.find("\n\n", match.end())
            return text if end == -1 else text[: end + 1]
    return text


def shown(words: str) -> str:
    return words if len(words) <= MAX_SHOWN else f"{words[:60]}…{words[-15:]} ({len(words)} chars)"


def snapshot_of(path: Path, source: str) -> dict:
    r = invoke("check", "--no-config", "--format", "json", path)
    assert r.code in (0, 1), str(r)
    text = invoke("text", path).stdout
    issues = r.json_lines()[0]["issues"]
    return {
        "source": source,
        "issues": len(issues),
        "by_rule": dict(sorted(Counter(i["rule"] for i in issues).items())),
        "findings": [{"line": i["line"], "rule": i["rule"], "text": shown(text[i["start"]:i["end"]])}
                     for i in issues],
    }


def dumps(snapshot: dict) -> str:
    """Readable JSON: one finding per line."""
    head = {k: v for k, v in snapshot.items() if k != "findings"}
    lines = [json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ",", '  "findings": [']
    findings = [json.dumps(f, ensure_ascii=False) for f in snapshot["findings"]]
    lines += [f"    {f}," for f in findings[:-1]] + ([f"    {findings[-1]}"] if findings else [])
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def compare(name: str, actual: dict) -> None:
    path = SNAPSHOTS / f"{name}.json"
    if UPDATE:
        path.write_text(dumps(actual), encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(f"no snapshot {path.name}: run with BETAREADER_UPDATE_SNAPSHOTS=1 and review it")
    expected = json.loads(path.read_text(encoding="utf-8"))
    if expected["findings"] == actual["findings"]:
        return
    key = lambda f: (f["rule"], f["text"], f["line"])  # noqa: E731
    old, new = Counter(map(key, map(lambda f: {**f}, expected["findings"]))), Counter(map(key, actual["findings"]))
    gone = sorted((old - new).elements(), key=lambda k: k[2])
    added = sorted((new - old).elements(), key=lambda k: k[2])
    report = [f"check output on {actual['source']} changed ({expected['issues']} -> {actual['issues']} issues):"]
    report += [f"  + line {line}: {rule} {text!r}" for rule, text, line in added]
    report += [f"  - line {line}: {rule} {text!r}" for rule, text, line in gone]
    if not added and not gone:
        report.append("  (same findings, new order)")
    report.append("If intended, regenerate with BETAREADER_UPDATE_SNAPSHOTS=1 and review `git diff tests/snapshots/`.")
    pytest.fail("\n".join(report), pytrace=False)


@pytest.mark.parametrize("name", sorted(STORY_FILES))
def test_story_snapshot(name):
    path = STORY_FILES[name]
    compare(name, snapshot_of(path, path.relative_to(ROOT).as_posix()))


@pytest.mark.parametrize("name", sorted(NOVELS))
def test_novel_snapshot(name, tmp_path):
    novel = PDNC / NOVELS[name]
    if not novel.is_file():
        pytest.fail(f"{novel} is not present (../shared/data sits beside the repo)")
    path = tmp_path / f"{name}.txt"
    path.write_text(excerpt(novel.read_text(encoding="utf-8")), encoding="utf-8")
    compare(name, snapshot_of(path, f"../shared/data/attrib/pdnc/{NOVELS[name]} (first ~{EXCERPT_WORDS} words)"))


def test_dumps_round_trips():
    snapshot = {"source": "x", "issues": 2, "by_rule": {"a": 2},
                "findings": [{"line": 1, "rule": "a", "text": "“b”"}, {"line": 2, "rule": "a", "text": "c\nd"}]}
    assert json.loads(dumps(snapshot)) == snapshot
    empty = {"source": "x", "issues": 0, "by_rule": {}, "findings": []}
    assert json.loads(dumps(empty)) == empty
