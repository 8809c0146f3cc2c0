"""Plain text: encodings, exact newlines, binary and odd files refused with one line."""

from __future__ import annotations

import codecs

import pytest

from betareader.errors import InputError
from betareader.readers import read_bytes

SMART = "“I can’t,” she whispered. “Not yet.”\n\nHe didn’t answer — the café was closed…"


def test_cp1252_smart_quotes() -> None:
    source = read_bytes(SMART.encode("cp1252"), "old-fic.txt")
    assert source.text == SMART
    assert source.encoding == "cp1252"


@pytest.mark.parametrize("text", ["It’s fine.", "“Go,” he said.", "Señor Muñoz’s niño", "naïve café — “yes”"])
def test_short_cp1252_files_are_not_mistaken_for_cjk(text: str) -> None:
    assert read_bytes(text.encode("cp1252"), "short.txt").text == text


def test_long_cp1252_file_with_curly_quotes() -> None:
    import story_files

    curly = story_files.text_bytes().decode().replace("'", "’").replace(' "', " “").replace('"', "”")
    text = (curly + "\n\n") * 60  # ~110 KB: charset-normalizer alone says cp852 for such files
    source = read_bytes(text.encode("cp1252"), "long.txt")
    assert source.text == text and source.encoding == "cp1252"


@pytest.mark.parametrize("text,encoding", [
    ("Zażółć gęślą jaźń. Pójdźmy do lasu, powiedziała Małgorzata, a Łukasz się uśmiechnął.", "cp1250"),
    ("Příliš žluťoučký kůň úpěl ďábelské ódy. Řekla, že nepřijde.", "cp1250"),
    ("Он не ответил.", "cp1251"),
    ("— Не сейчас, — прошептала она. Он не ответил и посмотрел в окно.", "cp1251"),
    ("她轻声说：“还不行。”他没有回答，只是看着窗外。她又说了一遍，他还是没有回答。", "gb18030"),
])
def test_other_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    assert read_bytes(text.encode(encoding), "fic.txt").text == text


@pytest.mark.parametrize("encoding,bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-8", codecs.BOM_UTF8),
])
def test_byte_order_marks_decide_and_are_dropped(encoding: str, bom: bytes) -> None:
    source = read_bytes(bom + SMART.encode(encoding), "bom.txt")
    assert source.text == SMART
    assert source.encoding == encoding


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding: str) -> None:
    assert read_bytes(SMART.encode(encoding), "nobom.txt").text == SMART


def test_newlines_are_kept_exactly() -> None:
    raw = "One.\r\nTwo.\r\n\r\nThree.\rFour.\n"
    assert read_bytes(raw.encode(), "crlf.txt").text == raw


def test_asterisk_and_underscore_italics() -> None:
    text = "*Not again,* she thought. It was _her_ cup. * * *\n2 * 3 * 4 and snake_case_name stay."
    source = read_bytes(text.encode(), "marks.txt")
    assert source.text == text
    assert [text[s:e] for s, e in source.italics] == ["Not again,", "her"]


@pytest.mark.parametrize("data,message", [
    (b"", "empty"),
    (b"  \n\r\n\t ", "no story text"),
    (b"text\x00with NUL\x00bytes here and there\x00", "binary"),
    (bytes(range(256)) * 4, "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
    (b"{\\rtf1\\ansi Hello}", "RTF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".doc"),
])
def test_bad_text_input_is_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as error:
        read_bytes(data, "bad.txt")
    assert message in str(error.value)
    assert str(error.value).startswith("bad.txt: ")
    assert "\n" not in str(error.value)


def test_too_large_is_refused() -> None:
    with pytest.raises(InputError, match="over the"):
        read_bytes(b"word " * 1000, "big.txt", max_bytes=1000)


@pytest.mark.parametrize("name", ["story.docx", "story.odt", "story.epub"])
def test_text_named_as_a_document_is_refused(name: str) -> None:
    with pytest.raises(InputError, match="not a valid"):
        read_bytes(b"Just some text, not a document.", name)


def test_markdown_rules() -> None:
    md = (
        "Title\n=====\n\nShe said *hi*\nand left.  \nThen **bold** and ***both*** and <i>html</i>.\n\n"
        "---\n\n> A quoted `line` with [a link](http://example.com) and ![an image](x.png).\n\n"
        "- one\n- *two*\n\n\\*not italic\\* &amp; more\n"
    )
    source = read_bytes(md.encode(), "s.md")
    assert source.text == (
        "Title\n\nShe said hi\nand left.\nThen bold and both and html.\n\n---\n\n"
        "A quoted line with a link and .\n\none\n\ntwo\n\n*not italic* & more"
    )
    assert [source.text[s:e] for s, e in source.italics] == ["hi", "both", "html", "two"]
    assert [source.text[s:e] for s, e in source.headings] == ["Title"]
