"""``check --format json`` and ``analyze --format json`` keep ../shared/CONTRACT.md.

Every document validates against the shared JSON Schemas; every issue's offsets pick out
non-empty text of what ``betareader text FILE`` prints, and its line/column agree with the
offsets (1-based, in code points); every quote's speaker is a character id or null.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_helpers import SAMPLES, STORIES, cached, invoke, run
from contract_helpers import assert_analyze_doc, assert_check_doc

STORY_FILES = sorted(SAMPLES.glob("*.txt")) + sorted(STORIES.glob("*.txt"))
IDS = [p.name for p in STORY_FILES]


# --- helpers -------------------------------------------------------------------------------


def one_document(r) -> dict:
    assert r.code in (0, 1), str(r)
    lines = r.stdout.splitlines()
    assert len(lines) == 1, f"one file must give exactly one line of JSON, got {len(lines)}"
    return json.loads(lines[0])


def plain_text(path: Path) -> str:
    r = cached("text", str(path))
    assert r.code == 0, str(r)
    return r.stdout


# --- the project's stories -----------------------------------------------------------------


@pytest.mark.parametrize("path", STORY_FILES, ids=IDS)
def test_check_json_on_stories(path: Path, validators):
    doc = one_document(cached("check", "--format", "json", "--no-config", str(path)))
    assert doc["source"].endswith(path.name)
    assert_check_doc(doc, plain_text(path), validators["check"])


@pytest.mark.parametrize("path", STORY_FILES, ids=IDS)
def test_analyze_json_on_stories(path: Path, validators):
    r = cached("analyze", "--format", "json", "--no-config", str(path))
    assert r.code == 0, str(r)
    doc = one_document(r)
    assert doc["source"].endswith(path.name)
    assert_analyze_doc(doc, plain_text(path), validators["analyze"])


@pytest.mark.parametrize("path", STORY_FILES, ids=IDS)
def test_text_of_a_txt_file_is_the_file(path: Path):
    """For plain text, the offsets' text is the file itself: UTF-8, BOM dropped, newlines kept."""
    assert plain_text(path) == path.read_bytes().decode("utf-8-sig")


# --- docx -----------------------------------------------------------------------------------


def build_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Chapter One: Zoë’s Lantern", level=1)
    document.add_paragraph("Zoë lit the lantern at dusk 🌙, as she did every night, and carried it down to the quay.")
    para = document.add_paragraph("“Come on Tom,” she said. ")
    para.add_run("The tide won’t wait.").italic = True
    document.add_paragraph("Tom opened the the door of the boathouse and looked out at the water. "
                           "He had alot of rope to coil before the boats came in.")
    document.add_paragraph("* * *")
    document.add_paragraph("By morning the storm had passed, and the gulls were back on the harbour wall.")
    document.save(path)


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "chapter.docx"
    build_docx(path)
    return path


def test_check_json_on_docx(docx_file: Path, validators):
    doc = one_document(invoke("check", "--format", "json", "--no-config", docx_file))
    text = plain_text(docx_file)
    assert "Tom opened the the door" in text and "Zoë" in text
    assert_check_doc(doc, text, validators["check"])
    doubled = [i for i in doc["issues"] if i["rule"] == "repeated-word"]
    assert [text[i["start"]:i["end"]] for i in doubled] == ["the the"]
    assert doubled[0]["start"] == text.index("the the")


def test_analyze_json_on_docx(docx_file: Path, validators):
    r = invoke("analyze", "--format", "json", "--no-config", docx_file)
    assert r.code == 0, str(r)
    assert_analyze_doc(one_document(r), plain_text(docx_file), validators["analyze"])


# --- offsets: non-ASCII, emoji, CRLF, BOM ------------------------------------------------------

TRICKY_LINES = [
    "Zoë’s café sat on the corner of Straße Nine — “naïve” señors 👩‍👩‍👧 called it 日本 🐉.",
    "",
    "🎉🎉 The night was long. 🎉 She opened the the door, and the wind came in.",
    "",
    "The lanterns was lit along the quay, and Zoë waited, 🌙 and waited.",
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-BOM", "BOM"])
def test_offsets_are_code_points_with_non_ascii_emoji_and_crlf(tmp_path: Path, validators, newline, bom):
    text = newline.join(TRICKY_LINES) + newline
    path = tmp_path / "tricky.txt"
    path.write_bytes(bom + text.encode("utf-8"))
    assert invoke("text", path).stdout == text  # the BOM is not part of the text
    doc = one_document(invoke("check", "--format", "json", "--no-config", path))
    assert_check_doc(doc, text, validators["check"])
    doubled = [i for i in doc["issues"] if i["rule"] == "repeated-word"]
    assert len(doubled) == 1, doc["issues"]
    start = text.index("the the")
    assert (doubled[0]["start"], doubled[0]["end"]) == (start, start + len("the the"))
    assert (doubled[0]["line"], doubled[0]["column"]) == (3, TRICKY_LINES[2].index("the the") + 1)


def test_stdin_check_and_analyze_in_a_real_process(validators):
    """``-`` reads standard input; offsets index exactly the bytes given (CRLF and emoji kept)."""
    text = "\r\n".join(TRICKY_LINES) + "\r\n"
    r = run("check", "--format", "json", "--no-config", "-", input=text.encode("utf-8"))
    assert "Traceback" not in r.stderr
    doc = one_document(r)
    assert_check_doc(doc, text, validators["check"])
    assert any(i["rule"] == "repeated-word" and text[i["start"]:i["end"]] == "the the" for i in doc["issues"])
    r = invoke("analyze", "--format", "json", "--no-config", "-", input=text.encode("utf-8"))
    assert r.code == 0, str(r)
    assert_analyze_doc(one_document(r), text, validators["analyze"])


def test_stdin_text_is_the_input():
    text = "\r\n".join(TRICKY_LINES)
    assert invoke("text", "-", input=text.encode("utf-8")).stdout == text


# --- several files: JSON Lines, in order ---------------------------------------------------------


def test_check_several_files_gives_json_lines_in_order(validators, docx_file: Path):
    paths = [SAMPLES / "static.txt", STORIES / "clean-past.txt", docx_file, SAMPLES / "harbour-lights.txt"]
    r = invoke("check", "--format", "json", "--no-config", *paths)
    assert r.code in (0, 1), str(r)
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(docs) == len(paths)
    for doc, path in zip(docs, paths):
        assert doc["source"].endswith(path.name)
        assert_check_doc(doc, plain_text(path), validators["check"])
    single = {p: one_document(cached("check", "--format", "json", "--no-config", str(p))) for p in paths[:2]}
    for doc, path in zip(docs, paths[:2]):
        assert doc == single[path], "a file's document must not depend on the files checked with it"


def test_analyze_several_files_gives_json_lines_in_order(validators):
    paths = [STORIES / "uk-quotes.txt", SAMPLES / "static.txt"]
    r = invoke("analyze", "--format", "json", "--no-config", *paths)
    assert r.code == 0, str(r)
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [Path(d["source"]).name for d in docs] == [p.name for p in paths]
    for doc, path in zip(docs, paths):
        assert_analyze_doc(doc, plain_text(path), validators["analyze"])


def test_json_output_is_pure_json_even_with_issues(validators):
    """Nothing but the documents on stdout: no summary, no colour codes."""
    r = cached("check", "--format", "json", "--no-config", str(SAMPLES / "harbour-lights.txt"))
    assert r.code == 1
    assert "\x1b[" not in r.stdout
    for line in r.stdout.splitlines():
        json.loads(line)
