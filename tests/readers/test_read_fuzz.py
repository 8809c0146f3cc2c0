"""Fuzzing: every reader either returns a Source or raises InputError, in bounded time.

Two kinds of input per format: random bytes, and the real fixture files mutated
(bytes flipped, cut short, bytes inserted).  Random bytes rarely get past the first
check of an archive reader; mutated fixtures reach the XML and text extraction.
"""

from __future__ import annotations

import pytest
import story_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from betareader.errors import InputError
from betareader.readers import read_bytes
from betareader.readers.base import Source

FORMATS = ["story.txt", "story.md", "story.html", "story.docx", "story.odt", "story.epub", "generic.epub"]
FUZZ = settings(max_examples=60, deadline=3000, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

_FIXTURES: dict[str, bytes] = {}


def fixture(name: str) -> bytes:
    if name not in _FIXTURES:
        build = story_files.BUILDERS.get(name, story_files.text_bytes)
        _FIXTURES[name] = build()
    return _FIXTURES[name]


def read_or_refuse(data: bytes, name: str) -> None:
    try:
        source = read_bytes(data, name)
    except InputError as error:
        message = str(error)
        assert message.startswith(name) and "\n" not in message, message
        return
    assert isinstance(source, Source) and source.text.strip()
    for start, end in source.italics + source.headings:
        assert 0 <= start < end <= len(source.text)


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few flips, truncations and insertions."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "zero"]))
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        if kind == "flip" and out:
            out[at] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del out[at:]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "zero":
            out[at:at + draw(st.integers(1, 512))] = bytes(min(512, len(out) - at))
    return bytes(out)


@pytest.mark.parametrize("name", FORMATS)
@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes(name: str, data: bytes) -> None:
    read_or_refuse(data, name)


@pytest.mark.parametrize("name", FORMATS)
@FUZZ
@given(data=st.data())
def test_mutated_fixtures(name: str, data: st.DataObject) -> None:
    read_or_refuse(data.draw(mutated(fixture(name))), name)


@pytest.mark.parametrize("name", ["story.docx", "story.epub"])
@FUZZ
@given(data=st.data())
def test_mutated_entries_inside_valid_archives(name: str, data: st.DataObject) -> None:
    """Mutate one XML entry and re-zip it, so the damage reaches the XML parsers."""
    import io
    import zipfile

    base = fixture(name)
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        entries = [n for n in archive.namelist() if n.endswith((".xml", ".xhtml", ".opf", ".rels"))]
        entry = data.draw(st.sampled_from(entries))
        content = archive.read(entry)
    read_or_refuse(story_files.rezip(base, replace={entry: data.draw(mutated(content))}), name)
