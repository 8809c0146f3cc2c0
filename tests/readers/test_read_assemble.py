"""The shared text assembly: whitespace rules and span arithmetic."""

from __future__ import annotations

from betareader.readers.assemble import Block, ParagraphBuilder, assemble


def test_collapsing_builder_follows_html_whitespace() -> None:
    para = ParagraphBuilder(collapse=True)
    para.add("  She \n\t said ")
    para.add(" softly", italic=True)
    para.add(" ")
    para.line_break()
    para.add("   then left.  ")
    block = para.build()
    assert block is not None
    assert block.text == "She said softly\nthen left."
    assert [block.text[s:e] for s, e in block.italics] == ["softly"]


def test_preserving_builder_keeps_spaces_and_clips_spans_at_line_breaks() -> None:
    para = ParagraphBuilder()
    para.add("Two  spaces\tand a ")
    para.add("thought  ", italic=True)
    para.line_break()
    para.add("next")
    block = para.build()
    assert block is not None
    assert block.text == "Two  spaces\tand a thought\nnext"
    assert [block.text[s:e] for s, e in block.italics] == ["thought"]


def test_italic_runs_split_by_spaces_merge_and_blank_paragraphs_vanish() -> None:
    para = ParagraphBuilder()
    for word, italic in [("I", True), (" ", False), ("can't", True), (".", False)]:
        para.add(word, italic)
    block = para.build()
    assert block is not None and [block.text[s:e] for s, e in block.italics] == ["I can't"]
    blank = ParagraphBuilder(collapse=True)
    blank.add(" \u00a0 ")
    assert blank.build() is None


def test_assemble_joins_blocks_and_shifts_spans() -> None:
    source = assemble(
        [Block.heading("  One "), None, Block("", []), Block("A *b* c", italics=[(2, 5)]), Block.trimmed("\n x y \n", [(2, 3)])],
        name="n", format="md",
    )
    assert source.text == "One\n\nA *b* c\n\nx y"
    assert source.headings == [(0, 3)]
    assert [source.text[s:e] for s, e in source.italics] == ["*b*", "x"]
