"""docx and odt specifics: comments, tracked changes, tables, styles, line breaks."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from betareader.readers import read_bytes


def _save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_comments_and_tracked_changes() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("She opened the ")
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="beta" w:date="2024-01-01T00:00:00Z">'
        "<w:r><w:delText>rusty old </w:delText></w:r></w:del>"
    ))
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="beta" w:date="2024-01-01T00:00:00Z">'
        "<w:r><w:t xml:space=\"preserve\">heavy </w:t></w:r></w:ins>"
    ))
    door = paragraph.add_run("door.")
    document.add_comment(door, text="Which door? The reader needs to know.", author="beta")
    document.add_paragraph("Nothing else.")
    source = read_bytes(_save(document), "changes.docx")
    assert source.text == "She opened the heavy door.\n\nNothing else."


def test_docx_tables_styles_breaks_and_blank_paragraphs() -> None:
    document = docx.Document()
    document.add_heading("Chapter 3", level=2)
    document.add_paragraph("")  # spacing paragraphs are dropped
    quote = document.add_paragraph("A whole paragraph in italics, by its style.", style="Intense Quote")
    quote.runs[0].italic = None
    mixed = document.add_paragraph()
    mixed.add_run("Plain, ")
    mixed.add_run("emphasised").italic = True
    mixed.add_run(" and\tthen").add_break()
    mixed.add_run("a new line with  two spaces.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Left cell"
    table.cell(0, 1).text = "Right cell"
    document.add_paragraph("After the table.")
    source = read_bytes(_save(document), "layout.docx")
    assert source.text == (
        "Chapter 3\n\nA whole paragraph in italics, by its style.\n\n"
        "Plain, emphasised and\tthen\na new line with  two spaces.\n\nLeft cell\n\nRight cell\n\nAfter the table."
    )
    assert [source.text[s:e] for s, e in source.headings] == ["Chapter 3"]
    assert [source.text[s:e] for s, e in source.italics] == [
        "A whole paragraph in italics, by its style.", "emphasised"]


def test_odt_annotations_tracked_changes_and_spaces() -> None:
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentText
    from odf.text import P, Change, ChangedRegion, Deletion, LineBreak, S, Tab, TrackedChanges
    from odf.dc import Creator
    from odf.namespaces import XMLNS

    document = OpenDocumentText()
    changes = TrackedChanges()
    region = ChangedRegion(qattributes={(XMLNS, "id"): "ct1"})
    deletion = Deletion()
    deletion.addElement(P(text="deleted words"))
    region.addElement(deletion)
    changes.addElement(region)
    document.text.addElement(changes)
    paragraph = P(text="She  opened")
    paragraph.addElement(Change(changeid="ct1"))
    note = Annotation()
    note.addElement(Creator(text="beta"))
    note.addElement(P(text="a comment, not story text"))
    paragraph.addElement(note)
    paragraph.addText(" the door.")
    paragraph.addElement(S(c=2))
    paragraph.addText("Two")
    paragraph.addElement(Tab())
    paragraph.addText("spaced")
    paragraph.addElement(LineBreak())
    paragraph.addText("next line")
    document.text.addElement(paragraph)
    buffer = io.BytesIO()
    document.write(buffer)
    source = read_bytes(buffer.getvalue(), "changes.odt")
    assert source.text == "She opened the door.  Two\tspaced\nnext line"
