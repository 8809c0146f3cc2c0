"""Human output of ``check``: path:line:col, rule id, the line with carets, the suggestion, a summary."""

from __future__ import annotations

import re

import pytest

from cli_helpers import ERRORS, INFO_ONLY, SAMPLES, cached, invoke
from story_files import docx_bytes, paragraphs

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_human_output_for_one_issue(story):
    path = story("The rain had stopped. She opened the the door of the boathouse.\n")
    r = invoke("check", "--no-config", "--no-color", path)
    assert r.code == 1, str(r)
    lines = r.stdout.splitlines()
    col = "The rain had stopped. She opened the the door of the boathouse.".index("the the") + 1
    assert lines[0].startswith(f"{path}:1:{col}: repeated-word [error] ")
    assert lines[2] == "1 | The rain had stopped. She opened the the door of the boathouse."
    assert lines[3] == "  | " + " " * (col - 1) + "^^^^^^^ the"
    assert "Found 1 issue (1 error)." in r.stdout
    assert "By category: repetition 1" in r.stdout


def test_sample_output_has_every_issue_with_its_carets():
    """Every issue of the JSON output appears in the human output, with carets under its words."""
    path = SAMPLES / "harbour-lights.txt"
    text = cached("text", str(path)).stdout
    issues = cached("check", "--no-config", "--format", "json", str(path)).json_lines()[0]["issues"]
    human = cached("check", "--no-config", "--no-color", str(path))
    assert human.code == 1
    blocks = human.stdout.split("\n\n")
    assert len(blocks) == len(issues) + 1  # + the summary
    for issue, block in zip(issues, blocks):
        lines = block.splitlines()
        assert lines[0].startswith(f"{path}:{issue['line']}:{issue['column']}: {issue['rule']} [{issue['severity']}] ")
        assert issue["message"] in lines[0]
        gutter = f"{issue['line']} | "
        assert lines[2].startswith(gutter)
        shown, underline = lines[2][len(gutter):], lines[3][len(gutter):]
        caret = underline.index("^")
        n = len(underline[caret:].split(" ")[0])
        flagged = text[issue["start"]:issue["end"]].split("\n")[0]
        assert shown[caret:caret + n] == flagged[:n], f"carets misplaced for {issue['rule']}: {block}"
        if issue["suggestions"]:
            assert underline[caret + n:] == " " + issue["suggestions"][0]
    summary = blocks[-1]
    assert f"Found {len(issues)} issues" in summary
    categories = {i["category"] for i in issues}
    by_category = summary.splitlines()[-1]
    assert by_category.startswith("By category:")
    for category in categories:
        count = sum(i["category"] == category for i in issues)
        assert f"{category} {count}" in by_category


def test_color_on_request_and_off_on_request(story):
    path = story(ERRORS)
    coloured = invoke("check", "--no-config", "--color", path)
    plain = invoke("check", "--no-config", "--no-color", path)
    assert ANSI.search(coloured.stdout)
    assert not ANSI.search(plain.stdout)
    assert ANSI.sub("", coloured.stdout) == plain.stdout


def test_color_on_a_terminal_unless_no_color_is_set(story):
    path = story(ERRORS)
    assert ANSI.search(invoke("check", "--no-config", path, color=True).stdout)
    assert not ANSI.search(invoke("check", "--no-config", path, color=True, env={"NO_COLOR": "1"}).stdout)
    assert ANSI.search(invoke("check", "--no-config", "--color", path, color=True, env={"NO_COLOR": "1"}).stdout)
    assert not ANSI.search(invoke("analyze", "--no-config", path, color=True, env={"NO_COLOR": "1"}).stdout)


def test_no_color_when_not_a_terminal(story):
    assert not ANSI.search(invoke("check", "--no-config", story(ERRORS)).stdout)


def test_no_color_on_a_pipe_in_a_real_process(story):
    from cli_helpers import run

    r = run("check", "--no-config", story(ERRORS))
    assert r.code == 1 and "repeated-word" in r.stdout
    assert "\x1b[" not in r.stdout


@pytest.mark.parametrize("flag", ["--color", "--no-color"])
def test_json_never_coloured(story, flag):
    r = invoke("check", "--no-config", "--format", "json", flag, story(ERRORS))
    assert not ANSI.search(r.stdout)
    r.json_lines()


def test_statistics_counts_per_rule(story):
    path = story(ERRORS + "\n" + INFO_ONLY + "\nHe opened the the window.\n")
    r = invoke("check", "--no-config", "--statistics", path)
    assert r.code == 1
    counts = dict((m.group(2), int(m.group(1))) for m in re.finditer(r"^\s*(\d+)\s+([a-z-]+)\s*$", r.stdout, re.M))
    assert counts == {"repeated-word": 2, "agreement": 1, "sentence-openers": 1, "filter-words": 1}
    assert "^" not in r.stdout, "statistics only, no issue listing"
    assert "Found 5 issues" in r.stdout


def test_statistics_clean_file(story):
    from cli_helpers import CLEAN

    r = invoke("check", "--no-config", "--statistics", story(CLEAN))
    assert r.code == 0 and "No issues found" in r.stdout


def test_several_files_summary(story):
    a, b = story(ERRORS, "a.txt"), story(INFO_ONLY, "b.txt")
    r = invoke("check", "--no-config", a, b)
    assert f"{a}:1:" in r.stdout and f"{b}:1:" in r.stdout
    assert r.stdout.index(f"{a}:") < r.stdout.index(f"{b}:")
    assert "in 2 files" in r.stdout


def test_stdin_is_named_in_human_output():
    r = invoke("check", "--no-config", "-", input=ERRORS.encode())
    assert r.code == 1
    assert "<stdin>:1:" in r.stdout


def test_docx_issues_name_chapter_and_paragraph(tmp_path):
    (tmp_path / "c.docx").write_bytes(docx_bytes(paragraphs("She opened the door.\nHe opened the the window.")))
    r = invoke("check", "--no-config", "--no-color", tmp_path / "c.docx")
    assert "repeated-word" in r.stdout and "(chapter 1, paragraph 2)" in r.stdout
