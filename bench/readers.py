"""Reader speed: how long reading a ~100,000-word story takes in each format.

    python bench/readers.py [--words 100000] [--repeat 3] [--no-check]

Builds the story from the public-domain novels in ../shared/data/attrib/pdnc/*.txt
(paragraphs split on blank lines, ``CHAPTER ...`` lines as headings, Gutenberg's
``_underscores_`` as italics) and writes it as .txt, .md, .html, .docx (python-docx),
.odt (odfpy) and .epub (ebooklib, one page per chapter) with the test fixture builders
(tests/fixtures/story_files.py) in a temporary folder.  Prints the best of
``--repeat`` reads per format and, when :func:`betareader.api.check` is available,
the time to check the same story, so the quality bar "reading a 100,000-word docx or
epub adds at most 20% to check time" can be read off the last column.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOVELS = ROOT.parent / "shared" / "data" / "attrib" / "pdnc"
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "fixtures")]

import story_files  # noqa: E402
from story_files import Paragraph  # noqa: E402

from betareader.readers import read_path  # noqa: E402

_HEADING = re.compile(r"^(CHAPTER|Chapter)\s+[\dIVXLC]+\b")


def story(words: int) -> list[Paragraph]:
    """Paragraphs from the novels until ``words`` words."""
    paragraphs: list[Paragraph] = []
    count = 0
    for novel in sorted(NOVELS.glob("*.txt")):
        for block in re.split(r"\n\s*\n", novel.read_text(encoding="utf-8")):
            text = " ".join(block.split())
            if not text:
                continue
            pieces = re.split(r"_([^_]+)_", text)
            paragraphs.append((bool(_HEADING.match(text)), [(p, i % 2 == 1) for i, p in enumerate(pieces) if p]))
            count += len(text.split())
            if count >= words:
                return paragraphs
    return paragraphs


def _plain(paragraph: Paragraph) -> str:
    return "".join(text for text, _ in paragraph[1])


def _markdown(paragraph: Paragraph) -> str:
    body = "".join(f"*{t}*" if i else t for t, i in paragraph[1])
    return f"# {body}" if paragraph[0] else body


def _chapters(paragraphs: list[Paragraph]) -> list[tuple[str, str]]:
    """One epub page per chapter (a heading starts a new one)."""
    chapters: list[list[Paragraph]] = [[]]
    for paragraph in paragraphs:
        if paragraph[0] and chapters[-1]:
            chapters.append([])
        chapters[-1].append(paragraph)
    return [(f"chapter_{n}.xhtml", story_files.html_paragraphs(c)) for n, c in enumerate(chapters, 1)]


BUILDERS: dict[str, Callable[[list[Paragraph]], bytes]] = {
    "txt": lambda ps: "\n\n".join(map(_plain, ps)).encode(),
    "md": lambda ps: "\n\n".join(map(_markdown, ps)).encode(),
    "html": lambda ps: f"<html><body>{story_files.html_paragraphs(ps)}</body></html>".encode(),
    "docx": story_files.docx_bytes,
    "odt": story_files.odt_bytes,
    "epub": lambda ps: story_files.epub_bytes(_chapters(ps)),
}
"""Each format's file bytes, written by the test fixture builders (python-docx, odfpy, ebooklib)."""


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-check", action="store_true", help="skip timing betareader.api.check")
    args = parser.parse_args()

    paragraphs = story(args.words)
    check_seconds = None
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for fmt, build in BUILDERS.items():
            path = Path(folder) / f"bench.{fmt}"
            path.write_bytes(build(paragraphs))
            seconds, source = best_of(args.repeat, lambda path=path: read_path(path))
            rows.append((fmt, path.stat().st_size, len(source.text.split()), seconds, source))
        if not args.no_check:
            try:
                from betareader.api import check
            except ImportError as exc:
                print(f"(check not timed: betareader.api.check is not importable: {exc})")
            else:
                docx_source = next(row[4] for row in rows if row[0] == "docx")
                check(docx_source.text[:2000])  # load the models outside the timing
                check_seconds, _ = best_of(1, lambda: check(docx_source))

    print(f"{'format':<7}{'file MB':>9}{'words':>9}{'read s':>9}{'read/check':>12}")
    for fmt, size, words, seconds, _ in rows:
        share = f"{seconds / check_seconds:>11.1%}" if check_seconds else f"{'-':>11}"
        print(f"{fmt:<7}{size / 1e6:>9.2f}{words:>9,}{seconds:>9.3f} {share}")
    if check_seconds:
        print(f"check (docx text, models loaded): {check_seconds:.1f} s")


if __name__ == "__main__":
    main()
