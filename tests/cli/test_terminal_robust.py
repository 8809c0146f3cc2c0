"""The terminal output never crashes on odd text: tabs, 5,000-character lines, an issue at the very
end with no trailing newline, spans over several lines, CRLF, wide characters, control characters."""

from __future__ import annotations

import click
import pytest

from betareader.checks.base import Issue
from betareader.report.terminal import render_issue
from cli_helpers import invoke

LONG = " ".join(["The wind came off the water and found every gap in the old boathouse walls."] * 66)
assert len(LONG) > 5000


def rendered(text: str, start: int, end: int, suggestion: str | None = "fix") -> tuple[str, str, str]:
    """(head, shown line, underline) of a synthetic issue, without colour."""
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    issue = Issue("repeated-word", "repetition", "error", start, end, "A message.",
                  [suggestion] if suggestion else [], line, column)
    out = click.unstyle(render_issue(text, "story.txt", issue)).splitlines()
    assert len(out) == 4
    gutter = f"{line} | "
    assert out[2].startswith(gutter)
    return out[0], out[2][len(gutter):], out[3][len(gutter):]


def carets(underline: str) -> tuple[int, int]:
    at = underline.index("^")
    return at, len(underline[at:].split(" ")[0])


def test_tabs_keep_the_carets_aligned():
    text = "\tShe opened\tthe the door.\n"
    _, shown, underline = rendered(text, text.index("the the"), text.index("the the") + 7)
    at, n = carets(underline)
    assert "\t" not in shown
    assert shown[at:at + n] == "the the"


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_very_long_line_shows_a_window(where):
    start = {"start": 4, "middle": len(LONG) // 2, "end": len(LONG) - 6}[where]
    _, shown, underline = rendered(LONG, start, start + 3)
    assert len(shown) < 300
    at, n = carets(underline)
    assert shown[at:at + n] == LONG[start:start + 3]


def test_issue_at_the_very_end_without_newline():
    text = "She stood there. She opened the door and and"
    _, shown, underline = rendered(text, len(text) - 7, len(text))
    at, n = carets(underline)
    assert shown[at:at + n] == "and and"


def test_last_character():
    text = "She stood there.\nAnd then…"
    _, shown, underline = rendered(text, len(text) - 1, len(text))
    at, n = carets(underline)
    assert (shown[at:at + n], n) == ("…", 1)


def test_span_over_several_lines_is_underlined_to_the_end_of_its_first_line():
    text = "\"Wait,\r\nplease wait,\r\n\r\nthe tide is coming,\" she said.\r\n"
    head, shown, underline = rendered(text, 0, text.index(" she"))
    at, n = carets(underline)
    assert shown == "\"Wait,"
    assert (at, n) == (0, len("\"Wait,"))


def test_very_long_span_is_cut_to_a_window():
    _, shown, underline = rendered(LONG, 10, len(LONG) - 10)
    assert len(shown) < 300 and len(underline) < 300


def test_wide_characters_and_emoji_keep_the_carets_under_the_words():
    text = "日本の 🎉 café. She opened the the door.\n"
    start = text.index("the the")
    _, shown, underline = rendered(text, start, start + 7)
    at, n = carets(underline)
    # 日本の and 🎉 take two columns each in a terminal.
    assert at == len("日本の 🎉 café. She opened ") + 4
    assert n == 7


def test_control_characters_are_not_sent_to_the_terminal():
    text = "She opened \x1b[31mthe the door.\x07\x0c\n"
    start = text.index("the the")
    head, shown, underline = rendered(text, start, start + 7, suggestion="the\x1b[0m")
    for part in (head, shown, underline):  # (colours removed)
        assert "\x1b" not in part and "\x07" not in part and "\x0c" not in part
    issue = Issue("repeated-word", "repetition", "error", start, start + 7, "A message.", ["x"], 1, 1)
    raw = render_issue(text, "story.txt", issue)
    assert "\x1b[31mthe" not in raw and "\x07" not in raw and "\x0c" not in raw
    at, n = carets(underline)
    assert shown[at:at + n] == "the the"


def test_issue_on_an_empty_line_or_at_a_newline_does_not_crash():
    text = "One.\n\nTwo.\n"
    for start in range(len(text)):
        rendered(text, start, start + 1)
    rendered(text, len(text), len(text))


# --- the same through the CLI on real files ------------------------------------------------------

ODD = {
    "tabs": "\tShe opened\tthe the door.\n\t\"Yes.\" she said.\n",
    "long lines": (LONG + " She opened the the door.\n\n" + LONG + "\n\nThe lights was off. " + LONG + "\n"),
    "no trailing newline": "The rain had stopped. She opened the door and and",
    "crlf": "The rain had stopped.\r\nShe opened the the door.\r\n\r\n\"Not yet.\" she whispered\r\n",
    "unclosed quote": "\"Wait, she said, and the tide came in\n\nover the sand and the the rocks",
    "cr only": "The rain had stopped.\rShe opened the the door.\rHe left.\r",
    "control characters": "She \x1b[2Jopened the the door.\x0c\n",
    "only punctuation": "...\n\n!!! ??? …\n\n* * *\n\n\"\"\n",
    "one word": "the",
    "lone quote": "\"",
}


@pytest.mark.parametrize("text", ODD.values(), ids=ODD.keys())
@pytest.mark.parametrize("color", ["--color", "--no-color"])
def test_check_prints_odd_text(story, text, color):
    path = story(text)
    r = invoke("check", "--no-config", color, path)
    assert r.code in (0, 1), str(r)
    assert "\x1b[2J" not in r.stdout
    if r.code == 1:
        assert f"{path}:" in r.stdout
    assert ("Found" in r.stdout) or ("No issues found" in r.stdout)
    j = invoke("check", "--no-config", "--format", "json", path)
    assert j.code == r.code
    human_count = r.stdout.count(f"{path}:")
    assert human_count == len(j.json_lines()[0]["issues"])


@pytest.mark.parametrize("text", ODD.values(), ids=ODD.keys())
def test_analyze_prints_odd_text(story, text):
    r = invoke("analyze", "--no-config", story(text))
    assert r.code == 0, str(r)
    assert "\x1b[2J" not in r.stdout
