"""betareader.toml: found from the story's folder upward; --config and --no-config; bad config is one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import ERRORS, INFO_ONLY, assert_one_line_error, invoke

MIXED = ERRORS + "\n" + INFO_ONLY  # repeated-word, agreement (errors); sentence-openers, filter-words (info)
# An invented fandom word the spelling rule flags when it is used once (checked below).
FANDOM = "The captain gave the skrell to Mara, and she put it in her pocket without a word.\n"


def issues(path: Path, *options: str | Path) -> list[dict]:
    r = invoke("check", "--format", "json", *options, path)
    assert r.code in (0, 1), str(r)
    return r.json_lines()[0]["issues"]


def rules(path: Path, *options: str | Path) -> set[str]:
    return {i["rule"] for i in issues(path, *options)}


def toml(folder: Path, body: str, name: str = "betareader.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def mixed(story, tmp_path):
    return story(MIXED, "book/chapters/one.txt")


def test_no_config_finds_everything(mixed):
    assert rules(mixed) == {"repeated-word", "agreement", "sentence-openers", "filter-words"}


def test_config_in_the_story_folder(mixed):
    toml(mixed.parent, '[check]\nignore = ["repeated-word", "style"]\n')
    assert rules(mixed) == {"agreement", "sentence-openers"}


def test_config_in_a_parent_folder(mixed, tmp_path):
    toml(tmp_path / "book", '[check]\nselect = ["repetition"]\n')
    assert rules(mixed) == {"repeated-word", "sentence-openers"}


def test_nearest_config_wins(mixed, tmp_path):
    toml(tmp_path / "book", '[check]\nselect = ["repetition"]\n')
    toml(mixed.parent, '[check]\nselect = ["agreement"]\n')
    assert rules(mixed) == {"agreement"}


def test_command_line_select_replaces_and_ignore_adds(mixed):
    toml(mixed.parent, '[check]\nselect = ["repetition"]\nignore = ["sentence-openers"]\n')
    assert rules(mixed) == {"repeated-word"}
    assert rules(mixed, "--select", "agreement,style") == {"agreement", "filter-words"}
    assert rules(mixed, "--ignore", "repeated-word") == set()


def test_min_severity_from_config_and_command_line(mixed):
    toml(mixed.parent, '[check]\nmin-severity = "error"\n')
    assert rules(mixed) == {"repeated-word", "agreement"}
    assert rules(mixed, "--min-severity", "info") == {"repeated-word", "agreement", "sentence-openers", "filter-words"}


def test_severity_overrides_by_rule_and_category(mixed):
    toml(mixed.parent, '[check.severity]\nrepeated-word = "info"\nstyle = "warning"\nfilter-words = "error"\n'
                       'repetition = "warning"\n')
    found = {i["rule"]: i["severity"] for i in issues(mixed)}
    assert found == {"repeated-word": "info", "agreement": "error", "sentence-openers": "warning",
                     "filter-words": "error"}
    assert rules(mixed, "--min-severity", "warning") == {"agreement", "sentence-openers", "filter-words"}


def test_severity_override_decides_the_exit_code(story, tmp_path):
    path = story("She opened the the door and went in.\n", "s/one.txt")
    assert invoke("check", path).code == 1
    toml(path.parent, '[check]\nmin-severity = "warning"\n[check.severity]\nrepeated-word = "info"\n')
    r = invoke("check", path)
    assert r.code == 0, str(r)


def test_glossary_words(story):
    path = story(FANDOM, "g/one.txt")
    assert "skrell" in [FANDOM[i["start"]:i["end"]] for i in issues(path) if i["rule"] == "spelling"], \
        "precondition: the invented word is flagged without a glossary"
    toml(path.parent, '[glossary]\nwords = ["skrell", "Hogwarts"]\n')
    assert "spelling" not in rules(path)


def test_glossary_files_relative_to_the_config(story, tmp_path):
    path = story(FANDOM, "g/deep/one.txt")
    (tmp_path / "g" / "lists").mkdir(parents=True)
    (tmp_path / "g" / "lists" / "names.txt").write_text("# fandom words\nchakra\n\nskrell\n", encoding="utf-8")
    toml(tmp_path / "g", '[glossary]\nfiles = ["lists/names.txt"]\n')
    assert "spelling" not in rules(path)


def test_rule_options(story):
    path = story(INFO_ONLY, "o/one.txt")
    assert "sentence-openers" in rules(path)
    toml(path.parent, "[rules.sentence-openers]\nmin_run = 10\n")
    assert "sentence-openers" not in rules(path)


def test_explicit_config_replaces_discovery(mixed, tmp_path):
    toml(mixed.parent, '[check]\nselect = ["agreement"]\n')
    other = toml(tmp_path / "elsewhere", '[check]\nselect = ["style"]\n', "my-settings.toml")
    assert rules(mixed, "--config", other) == {"filter-words"}


def test_no_config_ignores_discovered_files(mixed):
    toml(mixed.parent, '[check]\nselect = ["agreement"]\n')
    assert rules(mixed, "--no-config") == {"repeated-word", "agreement", "sentence-openers", "filter-words"}


def test_stdin_uses_the_config_of_the_working_folder(tmp_path, monkeypatch):
    toml(tmp_path, '[check]\nselect = ["agreement"]\n')
    monkeypatch.chdir(tmp_path)
    r = invoke("check", "--format", "json", "-", input=MIXED.encode("utf-8"))
    assert {i["rule"] for i in r.json_lines()[0]["issues"]} == {"agreement"}


BAD_CONFIGS = {
    "invalid TOML": ("[check\nselect = ", "invalid TOML"),
    "unclosed string": ('[check]\nselect = ["tense]\n', "invalid TOML"),
    "unknown section": ("[checks]\nselect = []\n", "checks"),
    "unknown key": ('[check]\nslect = ["tense"]\n', "slect"),
    "unknown rule in select": ('[check]\nselect = ["tense-shfit"]\n', "tense-shfit"),
    "unknown rule in ignore": ('[check]\nignore = ["nope"]\n', "nope"),
    "bad severity": ('[check]\nmin-severity = "fatal"\n', "min-severity"),
    "bad severity override": ('[check.severity]\nrepeated-word = "loud"\n', "repeated-word"),
    "unknown rule in severity": ('[check.severity]\nno-such-rule = "info"\n', "no-such-rule"),
    "select not a list": ("[check]\nselect = 3\n", "select"),
    "unknown rule options": ("[rules.no-such-rule]\nx = 1\n", "no-such-rule"),
    "unknown option": ("[rules.sentence-openers]\nmin_rnu = 4\n", "min_rnu"),
    "option of the wrong kind": ('[rules.sentence-openers]\nmin_run = "four"\n', "min_run"),
    "rules not a table": ("rules = 3\n", "rules"),
    "missing glossary file": ('[glossary]\nfiles = ["nope.txt"]\n', "nope.txt"),
    "not UTF-8": (b"[check]\nselect = [\"\xff\"]\n", "betareader.toml"),
}


@pytest.mark.parametrize("body,expected", BAD_CONFIGS.values(), ids=BAD_CONFIGS.keys())
@pytest.mark.parametrize("command", ["check", "analyze"])
def test_bad_config_is_one_line_exit_2(story, body, expected, command):
    path = story(ERRORS, "bad/one.txt")
    config = path.parent / "betareader.toml"
    config.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    r = invoke(command, path)
    assert_one_line_error(r, contains=expected)
    assert "betareader.toml" in r.stderr, "the message names the file"
    assert invoke(command, "--no-config", path).code in (0, 1)


def test_missing_explicit_config(story, tmp_path):
    r = invoke("check", "--config", tmp_path / "nope.toml", story(ERRORS))
    assert_one_line_error(r, contains="nope.toml")
    assert "Errno" not in r.stderr
