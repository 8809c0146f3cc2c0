"""Round trip: the story built into every format reads back as the same text and spans."""

from __future__ import annotations

from pathlib import Path

import pytest
import story_files

from betareader.readers import read_bytes, read_path

STRUCTURED = sorted(story_files.BUILDERS)


@pytest.mark.parametrize("name", STRUCTURED)
def test_text_equals_the_story(built: dict[str, bytes], name: str) -> None:
    text, italics, headings = story_files.expected()
    source = read_bytes(built[name], name)
    assert source.text == text
    assert source.headings == headings
    assert source.italics == italics


@pytest.mark.parametrize("name", STRUCTURED)
def test_italic_spans_cover_the_italic_words(built: dict[str, bytes], name: str) -> None:
    source = read_bytes(built[name], name)
    assert [source.text[s:e] for s, e in source.italics] == [
        "Evening Star",
        "It is exactly the point,",
        "Blue,",
        "The Hallorans paint their oars blue.",
    ]


@pytest.mark.parametrize("name", STRUCTURED)
def test_read_path_gives_the_same_source(built_dir: Path, built: dict[str, bytes], name: str) -> None:
    from_path = read_path(built_dir / name)
    from_bytes = read_bytes(built[name], str(built_dir / name))
    assert from_path == from_bytes
    assert from_path.format == Path(name).suffix.lstrip(".")


def test_formats_are_sniffed_not_trusted_from_the_name(built: dict[str, bytes]) -> None:
    assert read_bytes(built["story.docx"], "upload.bin").format == "docx"
    assert read_bytes(built["story.odt"], "upload").format == "odt"
    assert read_bytes(built["story.epub"], "story.zip").format == "epub"
    assert read_bytes(built["story.html"], "story.txt").format == "html"
    assert read_bytes(built["story.docx"], "mislabelled.epub").format == "docx"


def test_plain_text_is_kept_exactly(built: dict[str, bytes]) -> None:
    source = read_bytes(built["story.txt"], "story.txt")
    assert source.text == built["story.txt"].decode()
    assert source.format == "txt" and source.encoding == "utf-8"
    # *asterisk* italics become spans over the words, the marks stay in the text
    assert [source.text[s:e] for s, e in source.italics] == story_files.italic_words()


def test_scene_break_is_kept_as_its_text(built: dict[str, bytes]) -> None:
    for name in STRUCTURED:
        assert "\n\n* * *\n\n" in read_bytes(built[name], name).text, name


def test_ao3_html_metadata_and_notes_stay_out_of_the_text(built: dict[str, bytes]) -> None:
    source = read_bytes(built["story.html"], "story.html")
    meta = source.metadata
    assert meta["title"] == story_files.TITLE
    assert meta["author"] == story_files.AUTHOR
    assert meta["rating"] == "Teen And Up Audiences"
    assert meta["warnings"] == ["No Archive Warnings Apply"]
    assert meta["fandoms"] == ["Original Work", "Lighthouse Tales"]
    assert meta["relationships"] == ["Mara & Tobias"]
    assert meta["characters"] == ["Mara", "Tobias"]
    assert meta["tags"] == ["Storms", "Grief/Mourning", "Hurt/Comfort"]
    assert meta["language"] == "English"
    assert meta["summary"] == story_files.SUMMARY
    assert meta["stats"] == {"published": "2024-03-01", "words": 330, "chapters": "1/1"}
    assert meta["url"] == "https://archiveofourown.org/works/123456"
    chapter = story_files.heading_text()
    assert meta["notes"] == [
        {"chapter": None, "kind": "notes", "text": story_files.WORK_NOTES},
        {"chapter": chapter, "kind": "chapter notes", "text": story_files.CHAPTER_NOTES},
        {"chapter": None, "kind": "end notes", "text": story_files.END_NOTES},
    ]
    for unwanted in (story_files.WORK_NOTES, story_files.CHAPTER_NOTES, story_files.END_NOTES,
                     story_files.SUMMARY, "Archive of Our Own", "drop by the archive", "Teen And Up"):
        assert unwanted not in source.text


def test_ao3_epub_has_the_same_metadata_as_the_html(built: dict[str, bytes]) -> None:
    html = read_bytes(built["story.html"], "story.html").metadata
    epub = read_bytes(built["story.epub"], "story.epub").metadata
    for key in ("title", "author", "rating", "warnings", "fandoms", "relationships", "characters", "tags",
                "summary", "stats", "language"):
        assert epub[key] == html[key], key
    assert [n["text"] for n in epub["notes"]] == [n["text"] for n in html["notes"]]


def test_generic_epub_metadata_comes_from_the_package(built: dict[str, bytes]) -> None:
    meta = read_bytes(built["generic.epub"], "generic.epub").metadata
    assert meta == {"title": story_files.TITLE, "language": "en", "authors": [story_files.AUTHOR],
                    "author": story_files.AUTHOR}


def test_docx_and_odt_metadata(built: dict[str, bytes]) -> None:
    assert read_bytes(built["story.docx"], "s.docx").metadata == {"title": story_files.TITLE,
                                                                  "author": story_files.AUTHOR}
    assert read_bytes(built["story.md"], "s.md").metadata == {}


def test_check_finds_the_same_issues_in_every_format(built: dict[str, bytes]) -> None:
    from betareader import api

    found = {}
    for name in STRUCTURED:
        result = api.check(read_bytes(built[name], name))
        found[name] = sorted((i.rule, i.start, i.end) for i in result.issues)
    assert len({tuple(issues) for issues in found.values()}) == 1, found
