"""Random stories stitched from awkward fragments keep the contract: valid JSON, offsets and
line/column that fit the text, speakers that are character ids, and terminal output that renders."""

from __future__ import annotations

import json

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from betareader import api
from betareader.report.terminal import render_issue, render_summary
from contract_helpers import assert_analyze_doc, assert_check_doc

FRAGMENTS = [
    "She opened the the door.", "“Not yet.” she whispered.", "\"Come on Tom,\" she said.", "Zoë 🎉👩‍👩‍👧",
    "\t", "\r\n", "\n", "\n\n", "\r\n\r\n", "* * *", "They was late.", "It's to late for that.",
    "‘Rock ’n’ roll,’ he said.", "日本語", "...", "…", "  ", "\"", "'", "alot", "infront of him",
    "A/N: thanks for reading!", "# Chapter 2", "*I can't do this.*", "She walks home and sat down.",
    "I never blamed him.", "Harry", "the older man", "—", "\"Why?\" She asked.", "\u00a0", "x" * 300,
]

stories = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25).map(" ".join).filter(str.strip)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=stories)
def test_random_stories_keep_the_contract(text, validators):
    checked, analyzed = api.check(text), api.analyze(text)
    doc = json.loads(json.dumps(checked.to_dict(), ensure_ascii=False))
    assert_check_doc(doc, text, validators["check"])
    assert_analyze_doc(json.loads(json.dumps(analyzed.to_dict())), text, validators["analyze"])
    for issue in checked.issues:
        out = click.unstyle(render_issue(text, "story.txt", issue))
        assert out.count("\n") == 3
    render_summary(checked.issues)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_api_and_cli_agree(newline, tmp_path):
    """The CLI's JSON is the API's ``to_dict()`` for the same file."""
    from cli_helpers import invoke

    text = newline.join(["“Not yet.” she whispered. Zoë 🎉 opened the the door.", "", "They was late."]) + newline
    path = tmp_path / "s.txt"
    path.write_bytes(text.encode("utf-8"))
    r = invoke("check", "--no-config", "--format", "json", path)
    assert r.json_lines()[0] == json.loads(json.dumps(api.check_path(path, api.Config()).to_dict()))
