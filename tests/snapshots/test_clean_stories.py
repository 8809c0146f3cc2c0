"""Carefully edited stories have no errors or warnings in the error categories.

``tests/stories/clean-past.txt``, ``clean-present.txt`` and ``uk-quotes.txt`` are clean prose full
of traps (present-tense dialogue in past narration, "had had", apostrophes that look like closing
quotes ...). An ``error`` or ``warning`` there from a rule of these categories is a false alarm.
One case per (story, category), so a failure names the rule and the words.
"""

from __future__ import annotations

import pytest

from cli_helpers import STORIES, cached

CLEAN = ["clean-past.txt", "clean-present.txt", "uk-quotes.txt"]
CATEGORIES = ["tense", "pov", "dialogue", "confusable", "compound", "agreement", "repetition"]

# (story, category) -> the false alarm today; strict, so a fix shows up as XPASS.
KNOWN_FALSE_ALARMS: dict[tuple[str, str], str] = {
}


def _case(story: str, category: str):
    reason = KNOWN_FALSE_ALARMS.get((story, category))
    marks = pytest.mark.xfail(strict=True, reason=reason) if reason else ()
    return pytest.param(story, category, id=f"{story}-{category}", marks=marks)


@pytest.mark.parametrize("story,category", [_case(s, c) for s in CLEAN for c in CATEGORIES])
def test_no_errors_or_warnings_in_clean_prose(story, category):
    path = STORIES / story
    r = cached("check", "--no-config", "--format", "json", str(path))
    assert r.code in (0, 1), str(r)
    text = cached("text", str(path)).stdout
    alarms = [i for i in r.json_lines()[0]["issues"]
              if i["category"] == category and i["severity"] in ("error", "warning")]
    assert not alarms, "false alarms:\n" + "\n".join(
        f"  line {i['line']}: {i['rule']} [{i['severity']}] {text[i['start']:i['end']]!r}: {i['message']}"
        for i in alarms)
