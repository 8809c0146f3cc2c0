"""End-to-end tests of the page in a real headless browser (Debian's chromium, driven by Playwright).

The app runs under uvicorn on a free loopback port; every request the page makes to
anything else is refused and fails the test.  Skipped only when /usr/bin/chromium is
missing (``scripts/install-browser.sh`` installs it).

Set ``BETAREADER_UPDATE_SCREENSHOT=1`` to write docs/screenshot-web.png from the run.
"""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest
from playwright import sync_api

from .conftest import HOSTILE, ROOT, STORY

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
TIMEOUT = 90_000  # ms: a loaded 2-core machine can be slow

expect = sync_api.expect
expect.set_options(timeout=TIMEOUT)


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "no /usr/bin/chromium: `make test` installs it (scripts/install-browser.sh)"
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1360, "height": 900}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT)
    outside: list[str] = []
    errors: list[str] = []

    def only_loopback(route):
        if route.request.url.startswith(live_server.url + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    pg = context.new_page()
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" and "status of 4" not in msg.text
          else None)
    pg.goto(live_server.url + "/")
    yield pg
    context.close()
    assert not outside, f"the page tried to reach outside: {outside}"
    assert not errors, f"errors in the page: {errors}"


def poll(page, script: str, arg=None, timeout: float = TIMEOUT / 1000):
    """Evaluate ``script`` until it is truthy (page.wait_for_function would need eval, which our CSP forbids)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {script}")
        page.wait_for_timeout(100)


def checks_done(page) -> int:
    return int(page.evaluate("document.body.dataset.checks || '0'"))


def wait_for_check(page, after: int) -> None:
    """Wait until the page has finished a check beyond the first ``after``."""
    poll(page, "n => Number(document.body.dataset.checks || 0) > n", after)


def saved_text(page, fragment: str) -> str:
    """The text in local storage, once it contains ``fragment`` (saving is debounced)."""
    poll(page, "f => (JSON.parse(localStorage.getItem('betareader:v1') || '{}').doc || {text: ''}).text.includes(f)",
         fragment, timeout=10)
    return page.evaluate("JSON.parse(localStorage.getItem('betareader:v1')).doc.text")


def check_text(page, text: str) -> None:
    before = checks_done(page)
    page.fill("#paste", text)
    page.click("#btn-check")
    wait_for_check(page, before)
    expect(page.locator("#status")).to_contain_text("Checked")


def test_paste_highlight_apply_and_keep(page):
    check_text(page, STORY)
    doc = page.locator("#doc")
    expect(doc.locator("mark.iss").first).to_be_visible()
    assert doc.locator("mark.iss.cat-repetition.sev-error").count() == 1
    assert doc.locator("mark.iss.cat-tense.sev-warning").count() >= 1
    shown = int(page.locator("#count-shown").text_content())
    assert shown >= 3

    # click an issue: the card explains it, with the rule's docs and the suggestion
    doc.locator("mark.iss.cat-repetition").click()
    card = page.locator("#issue-card")
    expect(card).to_be_visible()
    expect(card.locator(".msg")).to_contain_text("twice")
    expect(card.locator(".context mark")).to_have_text("the the")
    card.locator("details.ruledoc summary").click()
    expect(card.locator(".ruledoc-body")).to_contain_text("What it does")
    expect(card.locator(".examples.bad li").first).to_be_visible()

    # apply: the text is rewritten, re-checked, and kept in local storage
    before = checks_done(page)
    card.locator("button.apply").first.click()
    expect(doc).to_contain_text("She opened the door and looked back")
    expect(doc).not_to_contain_text("the the")
    wait_for_check(page, before)
    expect(page.locator("#status")).to_contain_text("Checked")
    expect(page.locator("#count-shown")).to_have_text(str(shown - 1))
    saved_text(page, "She opened the door and looked back")

    page.reload()
    wait_for_check(page, 0)
    expect(page.locator("#status")).to_contain_text("Checked")
    expect(doc).to_contain_text("She opened the door and looked back")
    expect(page.locator("#count-shown")).to_have_text(str(shown - 1))

    # keyboard: n / j next, p / k previous, i ignores
    page.keyboard.press("n")
    expect(card).to_be_visible()
    first = card.locator(".msg").text_content()
    expect(page.locator("#position")).to_contain_text("1 /")
    page.keyboard.press("j")
    expect(page.locator("#position")).to_contain_text("2 /")
    page.keyboard.press("k")
    expect(card.locator(".msg")).to_have_text(first)
    page.keyboard.press("i")
    expect(page.locator("#count-shown")).to_have_text(str(shown - 2))
    expect(page.locator("#filters")).to_contain_text("1 ignored")

    # per-category and per-rule toggles, with the counts following
    tense = page.locator('li.cat[data-category="tense"]')
    tense_count = int(tense.locator(".count").first.text_content())
    tense.locator(".cat-row input").uncheck()
    expect(doc.locator("mark.cat-tense")).to_have_count(0)
    expect(page.locator("#count-shown")).to_have_text(str(shown - 2 - tense_count))
    tense.locator(".cat-row input").check()
    expect(page.locator("#count-shown")).to_have_text(str(shown - 2))
    tense.locator("button.expand").click()
    rule_box = page.locator('li.rule[data-rule="tense-shift"] input')
    rule_box.uncheck()
    expect(doc.locator("mark.cat-tense")).to_have_count(0)
    rule_box.check()
    expect(doc.locator("mark.cat-tense").first).to_be_visible()

    # the edited text can be downloaded
    with page.expect_download() as info:
        page.click("#btn-download")
    content = Path(info.value.path()).read_text(encoding="utf-8")
    assert "She opened the door and looked back" in content and content.startswith("Mira stood")


def test_apply_with_the_keyboard_and_undo(page):
    check_text(page, "She opened the the door. Then she left.\n")
    page.keyboard.press("n")
    page.keyboard.press("a")
    expect(page.locator("#doc")).to_have_text("She opened the door. Then she left.\n")
    before = checks_done(page)
    page.keyboard.press("u")
    expect(page.locator("#doc")).to_have_text("She opened the the door. Then she left.\n")
    wait_for_check(page, before)
    expect(page.locator("#doc mark.cat-repetition")).to_have_count(1)


def test_edit_by_hand(page):
    check_text(page, "Mira waited by the water.\n")
    expect(page.locator("#doc mark.iss")).to_have_count(0)
    page.click("#btn-edit")
    editor = page.locator("#editor")
    expect(editor).to_be_visible()
    editor.press("End")
    editor.type(" She opened the the gate.")
    page.click("#btn-edit")  # done editing: re-check
    expect(page.locator("#doc mark.cat-repetition")).to_have_count(1)
    saved_text(page, "She opened the the gate.")


def _docx(tmp_path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Chapter One: The Harbour", level=1)
    p = document.add_paragraph("Mira opened the the door. ")
    p.add_run("It was late.").italic = True
    document.add_paragraph('"We should go," Mira said. "The tide will not wait."')
    path = tmp_path / "harbour chapter.docx"
    document.save(path)
    return path


def test_upload_docx(page, tmp_path):
    page.set_input_files("#file-input", str(_docx(tmp_path)))
    wait_for_check(page, 0)
    expect(page.locator("#status")).to_contain_text("Checked")
    expect(page.locator("#doc-name")).to_have_text("harbour chapter.docx")
    doc = page.locator("#doc")
    expect(doc.locator("strong.heading")).to_have_text("Chapter One: The Harbour")
    expect(doc.locator("em")).to_have_text("It was late.")
    expect(doc.locator("mark.cat-repetition")).to_have_text("the the")


def test_story_view_and_downloads(page):
    check_text(page, (ROOT / "samples" / "harbour-lights.txt").read_text(encoding="utf-8"))
    page.click("#tab-story")
    chars = page.locator(".characters li")
    expect(chars.first).to_be_visible()
    names = " ".join(chars.all_text_contents())
    assert "Izzy" in names and "Tom" in names
    assert page.locator("svg.chart").count() == 3
    quotes = page.locator(".story-text .q")
    assert quotes.count() >= 4
    coloured = page.evaluate("[...document.querySelectorAll('.story-text .q')]"
                             ".filter(q => q.style.getPropertyValue('--spk')).length")
    assert coloured >= 1
    # focus on one character: the others' lines are dimmed
    chars.filter(has_text="Izzy").first.locator("button").click()
    assert page.locator(".story-text .q.dim").count() >= 1

    with page.expect_download() as info:
        page.click("#dl-analysis")
    analysis = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert {"version", "source", "narration", "characters", "quotes"} <= set(analysis)
    with page.expect_download() as info:
        page.click("#dl-check")
    check = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert check["version"] == 1 and check["issues"]
    with page.expect_download() as info:
        page.click("#dl-report")
    assert info.value.suggested_filename.endswith("-report.html")
    report = Path(info.value.path()).read_text(encoding="utf-8")
    assert "Izzy" in report and "<script" not in report.lower()


def test_hostile_story_is_shown_as_text(page):
    check_text(page, HOSTILE)
    doc = page.locator("#doc")
    assert page.evaluate("window.__pwned") is None
    text = doc.text_content()
    assert "<script>window.__pwned = 1</script>" in text
    assert '"><img src=x onerror="window.__pwned = 2">' in text
    assert "\u202eemordnilap\u202c" in text and "Mi\u200bra\u200d" in text  # kept, never interpreted
    assert page.locator("#doc script, #doc img, #doc b").count() == 0
    doc.locator("mark.cat-repetition").click()
    expect(page.locator("#issue-card")).to_be_visible()

    page.click("#tab-story")
    expect(page.locator(".story-text")).to_contain_text("<script>window.__pwned = 1</script>")
    assert page.locator(".story-text img, .story-text script, .characters img").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_hostile_file_name_is_shown_as_text(page):
    name = '"><img src=x onerror="window.__pwned=4">\u202egnp.txt'
    page.set_input_files("#file-input", files=[{"name": name, "mimeType": "text/plain",
                                                 "buffer": b"She opened the the door."}])
    wait_for_check(page, 0)
    expect(page.locator("#status")).to_contain_text("Checked")
    shown = page.locator("#doc-name").text_content()
    assert "><img src=x onerror=" in shown  # browsers send '"' in file names as %22
    assert "\u202e" not in shown  # the server drops direction overrides from names
    assert page.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_bad_file_gets_a_clear_message(page):
    page.set_input_files("#file-input", files=[{"name": "paper.pdf", "mimeType": "application/pdf",
                                                 "buffer": b"%PDF-1.7\n..."}])
    toast = page.locator("#toast")
    expect(toast).to_be_visible()
    expect(toast).to_contain_text("PDF")
    expect(page.locator("#view-start")).to_be_visible()


def test_new_text_can_be_undone(page):
    check_text(page, "She opened the the door.\n")
    page.click("#btn-new")
    expect(page.locator("#view-start")).to_be_visible()
    page.locator("#toast button.link").click()
    expect(page.locator("#doc")).to_have_text("She opened the the door.\n")


def test_screenshot(page, tmp_path):
    """The picture in the README: a real chapter, an issue open."""
    check_text(page, (ROOT / "samples" / "harbour-lights.txt").read_text(encoding="utf-8"))
    page.locator("#doc mark.cat-tense").first.click()
    expect(page.locator("#issue-card")).to_be_visible()
    page.locator("#doc mark.cat-tense").first.evaluate("m => m.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    shot = tmp_path / "screenshot-web.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    if os.environ.get("BETAREADER_UPDATE_SCREENSHOT"):
        (ROOT / "docs" / "screenshot-web.png").write_bytes(shot.read_bytes())


def test_offset_helpers_in_the_browser(page):
    """Code points (the API) ↔ UTF-16 (JavaScript), and spans moved through an edit."""
    result = page.evaluate("""async () => {
        const m = await import('/static/js/offsets.js');
        const text = 'a🌊b😀c';
        const toUnit = m.cpToUnit(text), toCp = m.unitToCp(text);
        const d = m.diffRange('She opened the the door.', 'She opened the door.');
        return {
            units: [0, 1, 2, 3, 4, 5].map(toUnit),
            cps: [0, 1, 3, 4, 6, 7].map(toCp),
            plain: m.cpToUnit('plain')(3),
            diff: d,
            before: m.remap(0, 3, d),
            inside: m.remap(11, 18, d),
            after: m.remap(19, 23, d),
            stretched: m.remap(4, 20, d, true),
        };
    }""")
    assert result["units"] == [0, 1, 3, 4, 6, 7]
    assert result["cps"] == [0, 1, 2, 3, 4, 5]
    assert result["plain"] == 3
    assert result["diff"] == {"start": 15, "oldEnd": 19, "newEnd": 15}  # "the " removed after "the "
    assert result["before"] == [0, 3]
    assert result["inside"] is None
    assert result["after"] == [15, 19]
    assert result["stretched"] == [4, 16]


def test_emoji_before_an_issue(page):
    """Offsets after astral characters land on the right words, and applying keeps the emoji."""
    check_text(page, "Mira 🌊🌊 smiled 😀. She opened the the door.\n")
    mark = page.locator("#doc mark.cat-repetition")
    expect(mark).to_have_text("the the")
    mark.click()
    page.locator("#issue-card button.apply").first.click()
    expect(page.locator("#doc")).to_have_text("Mira 🌊🌊 smiled 😀. She opened the door.\n")
