"""Bad input: one line on stderr starting "betareader: error:", exit 2, never a traceback.

Old fic files in cp1252 and UTF-8 files with a BOM are not bad input: they are decoded.
"""

from __future__ import annotations

import json
import time
import zipfile

import pytest

from cli_helpers import ERRORS, SAMPLES, assert_one_line_error, invoke, run

COMMANDS = ["check", "analyze", "text"]


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_path(tmp_path, command):
    assert_one_line_error(invoke(command, tmp_path / "nope.txt"), contains="nope.txt")


def test_missing_path_in_a_real_process(tmp_path):
    assert_one_line_error(run("check", tmp_path / "nope.txt"), contains="no such file")


def test_missing_file_among_others_still_fails(story, tmp_path):
    assert_one_line_error(invoke("check", story(ERRORS), tmp_path / "nope.txt"), contains="nope.txt")


@pytest.mark.parametrize("command", COMMANDS)
def test_directory_without_story_files(tmp_path, command):
    (tmp_path / "notes.log").write_text("not a chapter")
    assert_one_line_error(invoke(command, tmp_path), contains=str(tmp_path))


def test_directory_of_chapters_is_read_as_one_story(tmp_path):
    """A folder is a story told in chapter files (a documented feature), not an error."""
    (tmp_path / "01.txt").write_text("She opened the door.\n", encoding="utf-8")
    (tmp_path / "02.txt").write_text("He opened the the window.\n", encoding="utf-8")
    r = invoke("check", "--no-config", "--format", "json", tmp_path)
    assert r.code == 1, str(r)
    text = invoke("text", tmp_path).stdout
    [issue] = [i for i in r.json_lines()[0]["issues"] if i["rule"] == "repeated-word"]
    assert text[issue["start"]:issue["end"]] == "the the"


BINARY = {
    "random bytes": bytes(range(256)) * 20,
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
    "nul bytes in text": b"She left.\x00\x00\x00 He stayed.\x00" * 50,
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "old word doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
    "elf executable": b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4,
}


@pytest.mark.parametrize("data", BINARY.values(), ids=BINARY.keys())
def test_binary_file(story, data):
    assert_one_line_error(invoke("check", story(data, "story.txt")))


def test_binary_file_in_a_real_process(story):
    assert_one_line_error(run("check", story(BINARY["random bytes"], "story.txt")), contains="binary")


@pytest.mark.parametrize("command", COMMANDS)
def test_empty_file(story, command):
    assert_one_line_error(invoke(command, story(b"", "empty.txt")), contains="empty")


@pytest.mark.parametrize("data", [b" ", b"\n\n\n", b"  \t \r\n \r\n", "\u00a0\u2003\n".encode()],
                         ids=["space", "newlines", "tabs-crlf", "unicode-spaces"])
def test_whitespace_only_file(story, data):
    assert_one_line_error(invoke("check", story(data, "blank.txt")), contains="no story text")


def test_empty_stdin():
    assert_one_line_error(invoke("check", "-", input=b""))


def test_empty_stdin_in_a_real_process():
    assert_one_line_error(run("check", "-", input=b""), contains="empty")


CORRUPT_DOCX = {
    "zip magic then junk": b"PK\x03\x04" + b"junk" * 100,
    "text renamed to docx": b"She opened the door and went in.\n",
    "empty zip": b"PK\x05\x06" + bytes(18),
}


@pytest.mark.parametrize("data", CORRUPT_DOCX.values(), ids=CORRUPT_DOCX.keys())
@pytest.mark.parametrize("command", COMMANDS)
def test_corrupt_docx(story, data, command):
    assert_one_line_error(invoke(command, story(data, "chapter.docx")), contains="chapter.docx")


def test_truncated_docx(story, tmp_path):
    import docx

    document = docx.Document()
    for _ in range(40):
        document.add_paragraph("She opened the door and went in, and the rain came after her. " * 5)
    document.save(tmp_path / "whole.docx")
    data = (tmp_path / "whole.docx").read_bytes()
    assert_one_line_error(invoke("check", story(data[: len(data) // 2], "half.docx")), contains="half.docx")


def test_zip_that_is_not_a_document(story, tmp_path):
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff" + bytes(100))
    data = (tmp_path / "a.zip").read_bytes()
    assert_one_line_error(invoke("check", story(data, "chapter.docx")), contains="chapter.docx")


def test_corrupt_docx_in_a_real_process(story):
    assert_one_line_error(run("check", story(CORRUPT_DOCX["zip magic then junk"], "chapter.docx")))


# --- decoded, not rejected --------------------------------------------------------------------

CP1252_TEXT = ("It\u2019s late. \u201cCome on, Tom,\u201d she said \u2014 caf\u00e9 lights were out. "
               "She opened the the door\u2026\n")


def test_cp1252_with_smart_quotes_is_decoded(story):
    data = CP1252_TEXT.encode("cp1252")
    assert b"\x92" in data and b"\x93" in data  # really Windows-1252 smart quotes
    path = story(data, "old-fic.txt")
    text = invoke("text", path)
    assert text.code == 0, str(text)
    assert text.stdout == CP1252_TEXT
    r = invoke("check", "--no-config", "--format", "json", path)
    assert r.code == 1, str(r)
    [doubled] = [i for i in r.json_lines()[0]["issues"] if i["rule"] == "repeated-word"]
    assert CP1252_TEXT[doubled["start"]:doubled["end"]] == "the the"
    assert doubled["start"] == CP1252_TEXT.index("the the")


def test_cp1252_sample_story_is_decoded(story):
    """A whole story saved as Windows-1252 reads exactly as its UTF-8 original."""
    original = (SAMPLES / "harbour-lights.txt").read_text(encoding="utf-8")
    data = original.encode("cp1252")  # the sample is written within cp1252 (curly quotes, dashes, …)
    assert invoke("text", story(data, "old.txt")).stdout == original


def test_utf8_bom_is_dropped_and_offsets_do_not_count_it(story):
    text = "She opened the the door.\n"
    path = story(b"\xef\xbb\xbf" + text.encode("utf-8"), "bom.txt")
    assert invoke("text", path).stdout == text
    r = invoke("check", "--no-config", "--format", "json", path)
    [doubled] = [i for i in r.json_lines()[0]["issues"] if i["rule"] == "repeated-word"]
    assert (doubled["start"], doubled["end"], doubled["line"], doubled["column"]) == (11, 18, 1, 12)


def test_utf16_with_bom_is_decoded(story):
    text = "She opened the the door.\n"
    r = invoke("check", "--no-config", "--format", "json", story(text.encode("utf-16"), "wide.txt"))
    assert r.code == 1, str(r)
    [doubled] = [i for i in r.json_lines()[0]["issues"] if i["rule"] == "repeated-word"]
    assert text[doubled["start"]:doubled["end"]] == "the the"


# --- a very large file ------------------------------------------------------------------------------


@pytest.mark.slow
def test_five_megabytes_finishes_or_stops_with_a_clear_limit(tmp_path):
    """~5 MB of prose (a sample repeated): valid JSON with consistent offsets, or one clear limit line."""
    sample = (SAMPLES / "harbour-lights.txt").read_text(encoding="utf-8") + "\n\n"
    copies = 5 * 1024 * 1024 // len(sample.encode("utf-8")) + 1
    text = sample * copies
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    r = run("check", "--no-config", "--format", "json", path, timeout=3600)
    elapsed = time.monotonic() - started
    print(f"5 MB check: exit {r.code} in {elapsed:.0f} s")
    if r.code == 2:
        assert_one_line_error(r)
        assert any(word in r.stderr.lower() for word in ("limit", "too large", "memory")), r.stderr
        return
    assert r.code == 1, str(r)
    [doc] = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(doc["issues"]) >= copies  # the planted errors of every copy
    for issue in doc["issues"][:: max(1, len(doc["issues"]) // 500)]:
        assert text[issue["start"]:issue["end"]]
        assert issue["line"] == text.count("\n", 0, issue["start"]) + 1
    last = doc["issues"][-1]
    assert last["start"] > len(text) - len(sample), "issues are found to the very end"
