"""The planted-error answer keys of the sample stories.

``samples/NAME.errors.json`` lists each planted error (category, rule, text, context, fix):
the rule must flag it, with an issue overlapping ``text`` inside its (unique) ``context``.
``samples/NAME.traps.json`` lists correct text that looks wrong: no rule of an error
category may flag it.

Known misses and false alarms are ``xfail(strict=True)``: when a rule improves, the XPASS
fails the suite, and the entry below is to be deleted.
"""

from __future__ import annotations

import json

import pytest

from cli_helpers import SAMPLES, cached

ERROR_CATEGORIES = {"tense", "pov", "dialogue", "confusable", "compound", "agreement", "repetition", "spelling"}

# (story, index in NAME.errors.json) -> why it is missed today.
KNOWN_MISSES: dict[tuple[str, int], str] = {
}
# (story, index in NAME.traps.json) -> the false alarm today.
KNOWN_FALSE_ALARMS: dict[tuple[str, int], str] = {
}


def _load(kind: str) -> list[tuple[str, int, dict]]:
    out = []
    for path in sorted(SAMPLES.glob(f"*.{kind}.json")):
        story = path.name.split(".")[0]
        out += [(story, i, entry) for i, entry in enumerate(json.loads(path.read_text(encoding="utf-8")))]
    return out


def _params(entries, known: dict[tuple[str, int], str]):
    params = []
    for story, i, entry in entries:
        marks = ()
        if (story, i) in known:
            marks = pytest.mark.xfail(strict=True, reason=known[(story, i)])
        label = entry.get("rule", "trap")
        params.append(pytest.param(story, entry, id=f"{story}-{i:02d}-{label}-{entry['text'][:30]}", marks=marks))
    return params


def story_text(story: str) -> str:
    return cached("text", str(SAMPLES / f"{story}.txt")).stdout


def story_issues(story: str) -> list[dict]:
    r = cached("check", "--no-config", "--format", "json", str(SAMPLES / f"{story}.txt"))
    assert r.code in (0, 1), str(r)
    return r.json_lines()[0]["issues"]


def spans(text: str, entry: dict, *, unique: bool) -> list[tuple[int, int]]:
    """Where ``entry['text']`` stands inside each occurrence of ``entry['context']``."""
    context, words = entry["context"], entry["text"]
    assert words in context, f"answer key: {words!r} is not in its context {context!r}"
    found, at = [], text.find(context)
    while at != -1:
        start = at + context.index(words)
        found.append((start, start + len(words)))
        at = text.find(context, at + 1)
    assert found, f"answer key: context not in the story: {context!r}"
    if unique:
        assert len(found) == 1, f"answer key: context occurs {len(found)} times: {context!r}"
    return found


def describe(text: str, issues: list[dict]) -> str:
    return "; ".join(f"{i['rule']} {text[i['start']:i['end']]!r}" for i in issues) or "nothing"


@pytest.mark.parametrize("story,error", _params(_load("errors"), KNOWN_MISSES))
def test_planted_error_is_flagged_by_its_rule(story, error):
    text = story_text(story)
    [(start, end)] = spans(text, error, unique=True)
    near = [i for i in story_issues(story) if i["start"] < end + 40 and start - 40 < i["end"]]
    hits = [i for i in near if i["rule"] == error["rule"] and i["start"] < end and start < i["end"]]
    assert hits, (f"{error['rule']} did not flag {error['text']!r} in {error['context']!r} "
                  f"(nearby: {describe(text, near)})")
    assert all(i["category"] == error["category"] for i in hits)


@pytest.mark.parametrize("story,trap", _params(_load("traps"), KNOWN_FALSE_ALARMS))
def test_trap_is_not_flagged(story, trap):
    text = story_text(story)
    issues = story_issues(story)
    for start, end in spans(text, trap, unique=False):
        wrong = [i for i in issues if i["category"] in ERROR_CATEGORIES and i["start"] < end and start < i["end"]]
        assert not wrong, f"false alarm on {trap['text']!r} ({trap['why']}): {describe(text, wrong)}"


def test_answer_keys_name_real_rules_and_categories():
    from betareader.checks.registry import all_rules

    table = all_rules()
    for story, i, error in _load("errors"):
        assert error["rule"] in table, f"{story} #{i}: unknown rule {error['rule']}"
        assert table[error["rule"]].category == error["category"], f"{story} #{i}"


def test_every_sample_has_answer_keys():
    for path in SAMPLES.glob("*.txt"):
        assert (path.with_suffix(".errors.json")).is_file() and (path.with_suffix(".traps.json")).is_file()
