"""Assertions of the contract (../shared/CONTRACT.md) on one check or analyze document."""

from __future__ import annotations


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The contract's 1-based line and column (code points) of ``offset``; lines end at ``\\n``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def schema_errors(validator, doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def assert_check_doc(doc: dict, text: str, validator) -> None:
    """``doc`` is a valid check document whose offsets, lines and columns fit ``text``."""
    assert not schema_errors(validator, doc), schema_errors(validator, doc)
    for issue in doc["issues"]:
        start, end = issue["start"], issue["end"]
        where = f"{issue['rule']} at {start}:{end}"
        assert 0 <= start < end <= len(text), f"{where}: span outside the text (length {len(text)})"
        flagged = text[start:end]
        assert flagged, where
        assert (issue["line"], issue["column"]) == line_col(text, start), \
            f"{where} {flagged!r}: line/column {issue['line']}:{issue['column']} != {line_col(text, start)}"
        assert flagged not in issue["suggestions"], f"{where}: suggests the flagged text itself {flagged!r}"


def assert_analyze_doc(doc: dict, text: str, validator) -> None:
    """``doc`` is a valid analyze document: unique character ids, quotes inside the text, known speakers."""
    assert not schema_errors(validator, doc), schema_errors(validator, doc)
    ids = [c["id"] for c in doc["characters"]]
    assert len(ids) == len(set(ids)), f"duplicate character ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    known = set(ids)
    for quote in doc["quotes"]:
        start, end = quote["start"], quote["end"]
        assert 0 <= start < end <= len(text), f"quote {start}:{end} outside the text (length {len(text)})"
        assert text[start:end].strip(), f"quote {start}:{end} is blank"
        assert quote["speaker"] is None or quote["speaker"] in known, \
            f"quote {text[start:end][:40]!r}: speaker {quote['speaker']!r} is not a character id"
