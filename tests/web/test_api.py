"""The HTTP JSON API: every endpoint, the contract's JSON, and bad input answered with 4xx + a message."""

from __future__ import annotations

import io
import json
import re

import jsonschema
import pytest
import story_files

from betareader import api
from betareader.readers import read_bytes

from .conftest import HOSTILE, STORY



def _docx_bytes(paragraphs: list[str], heading: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def assert_error(response, status: int, *fragments: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"].strip()
    assert "Traceback" not in body["error"]
    for fragment in fragments:
        assert fragment.lower() in body["error"].lower(), body["error"]
    return body


# ---------------------------------------------------------------- check


def test_check_json_is_the_contract(client, schemas):
    response = client.post("/api/check", json={"text": STORY})
    assert response.status_code == 200
    doc = response.json()
    jsonschema.validate(doc, schemas["check"])
    assert doc == api.check(STORY).to_dict()
    assert doc["source"] == "<text>"
    rules = {i["rule"] for i in doc["issues"]}
    assert "repeated-word" in rules
    for issue in doc["issues"]:
        assert STORY[issue["start"]:issue["end"]]


def test_check_offsets_are_code_points(client):
    text = "Mira 🌊🌊 smiled. She opened the the door."
    doc = client.post("/api/check", json={"text": text}).json()
    issue = next(i for i in doc["issues"] if i["rule"] == "repeated-word")
    assert text[issue["start"]:issue["end"]] == "the the"


def test_check_name_and_config(client):
    response = client.post("/api/check", json={"text": STORY, "name": "chapter-3.txt",
                                               "config": {"check": {"select": ["repetition"]}}})
    doc = response.json()
    assert doc["source"] == "chapter-3.txt"
    assert doc["issues"] and {i["category"] for i in doc["issues"]} == {"repetition"}
    doc = client.post("/api/check", json={"text": STORY, "config": {"check": {"ignore": ["repeated-word"]}}}).json()
    assert "repeated-word" not in {i["rule"] for i in doc["issues"]}
    doc = client.post("/api/check", json={"text": STORY, "config": {"check": {"min-severity": "error"}}}).json()
    assert all(i["severity"] == "error" for i in doc["issues"])


def test_config_rule_options_and_glossary(client):
    from betareader.checks.registry import all_rules

    rule_id, cls = next((rid, c) for rid, c in all_rules().items() if c.options)
    key, default = next(iter(cls.options.items()))
    ok = client.post("/api/check", json={"text": STORY, "config": {
        "rules": {rule_id: {key: default}}, "glossary": {"words": ["Tobias", "Mira"]}}})
    assert ok.status_code == 200, ok.text
    assert_error(client.post("/api/check", json={"text": STORY, "config": {"rules": {rule_id: {"no_such": 1}}}}),
                 422, "no option")
    wrong = "a string" if not isinstance(default, str) else 3
    assert_error(client.post("/api/check", json={"text": STORY, "config": {"rules": {rule_id: {key: wrong}}}}),
                 422, key)


def test_check_upload_txt_matches_api(client):
    data = STORY.encode("utf-8")
    response = client.post("/api/check", files={"file": ("chapter.txt", data, "text/plain")})
    assert response.status_code == 200
    assert response.json() == api.check(read_bytes(data, "chapter.txt")).to_dict()


def test_check_upload_with_config_and_name_fields(client):
    response = client.post("/api/check", files={"file": ("chapter.txt", STORY.encode(), "text/plain")},
                           data={"config": json.dumps({"check": {"select": ["repeated-word"]}}), "name": "Ch. 1"})
    doc = response.json()
    assert doc["source"] == "Ch. 1"
    assert {i["rule"] for i in doc["issues"]} == {"repeated-word"}


def test_check_upload_docx_matches_api(client, schemas):
    data = _docx_bytes([p for p in STORY.split("\n\n") if p.strip()], heading="Chapter One")
    response = client.post("/api/check", files={"file": ("chapter.docx", data)})
    assert response.status_code == 200, response.text
    doc = response.json()
    jsonschema.validate(doc, schemas["check"])
    assert doc == api.check(read_bytes(data, "chapter.docx")).to_dict()
    assert doc["source"] == "chapter.docx"


@pytest.mark.parametrize("builder, name", [("odt_bytes", "story.odt"), ("ao3_html_bytes", "story.html"),
                                           ("ao3_epub_bytes", "story.epub"), ("markdown_bytes", "story.md")])
def test_check_upload_every_format(client, builder, name):
    data = getattr(story_files, builder)()
    response = client.post("/api/check", files={"file": (name, data)})
    assert response.status_code == 200, response.text
    assert response.json() == api.check(read_bytes(data, name)).to_dict()


def test_text_endpoint_and_structured_json_check_agree_with_the_upload(client):
    data = _docx_bytes(["Mira opened the the door.", "It was *late*, and the rain had stopped."],
                       heading="Chapter Two")
    text_doc = client.post("/api/text", files={"file": ("two.docx", data)}).json()
    source = read_bytes(data, "two.docx")
    assert text_doc["text"] == source.text
    assert text_doc["format"] == "docx"
    assert [tuple(h) for h in text_doc["headings"]] == list(source.headings)
    via_upload = client.post("/api/check", files={"file": ("two.docx", data)}).json()
    via_json = client.post("/api/check", json={
        "text": text_doc["text"], "name": text_doc["source"], "format": text_doc["format"],
        "italics": text_doc["italics"], "headings": text_doc["headings"], "metadata": text_doc["metadata"]}).json()
    assert via_json == via_upload


def test_check_result_cache(client):
    text = STORY + "\nA line only this test sends.\n"
    first = client.post("/api/check", json={"text": text})
    second = client.post("/api/check", json={"text": text})
    assert first.headers["x-betareader-cache"] == "miss"
    assert second.headers["x-betareader-cache"] == "hit"
    assert first.json() == second.json()
    other = client.post("/api/check", json={"text": text, "config": {"check": {"select": ["repetition"]}}})
    assert other.headers["x-betareader-cache"] == "miss"


# ---------------------------------------------------------------- analyze and report


def test_analyze_json_is_the_contract(client, schemas):
    response = client.post("/api/analyze", json={"text": STORY, "name": "harbour.txt"})
    assert response.status_code == 200, response.text
    doc = response.json()
    jsonschema.validate(doc, schemas["analyze"])
    assert doc == api.analyze(STORY, name="harbour.txt").to_dict()
    names = {c["name"] for c in doc["characters"]}
    assert "Mira" in " ".join(names)
    ids = {c["id"] for c in doc["characters"]}
    assert all(q["speaker"] is None or q["speaker"] in ids for q in doc["quotes"])
    assert any(q["speaker"] for q in doc["quotes"])


def test_analyze_upload(client, schemas):
    data = _docx_bytes([p for p in STORY.split("\n\n") if p.strip()])
    response = client.post("/api/analyze", files={"file": ("harbour.docx", data)})
    assert response.status_code == 200, response.text
    doc = response.json()
    jsonschema.validate(doc, schemas["analyze"])
    assert doc == api.analyze(read_bytes(data, "harbour.docx")).to_dict()


def test_report_is_html_sandboxed_and_escaped(client):
    response = client.post("/api/report", json={"text": HOSTILE, "name": '"><script>alert(1)</script>.txt'})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "sandbox" in csp and "default-src 'none'" in csp and "script-src" not in csp
    page = response.text
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert "<img" not in page.lower() and "<b onmouseover" not in page
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert re.fullmatch(r'attachment; filename="[\w.-]+"; filename\*=UTF-8\'\'[\w.%~-]+', disposition), disposition


# ---------------------------------------------------------------- rules, info, schema


def test_rules_list_and_one_rule(client):
    from betareader.checks.registry import all_rules

    body = client.get("/api/rules").json()
    assert body["version"] == 1
    assert len(body["categories"]) == 12
    assert [r["id"] for r in body["rules"]] == list(all_rules())
    for rule in body["rules"]:
        assert rule["doc"] and rule["summary"] and rule["category"] in body["categories"]
        assert rule["severity"] in ("info", "warning", "error")
    one = client.get("/api/rules/repeated-word").json()
    assert one["id"] == "repeated-word" and "What it does" in one["doc"]
    assert one["bad"] and one["good"]
    assert_error(client.get("/api/rules/no-such-rule"), 404, "unknown rule")
    assert_error(client.get("/api/rules/%3Cscript%3E"), 404)


def test_info(client):
    info = client.get("/api/info").json()
    assert info["max_upload_bytes"] == 10 * 1024 * 1024
    assert {".txt", ".md", ".docx", ".odt", ".html", ".epub"} <= set(info["extensions"])
    assert info["analysis"] is True


def test_openapi_schema(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/check", "/api/analyze", "/api/report", "/api/text"):
        content = paths[path]["post"]["requestBody"]["content"]
        assert {"application/json", "multipart/form-data"} <= set(content)
        assert "text" in content["application/json"]["schema"]["properties"]
        assert "file" in content["multipart/form-data"]["schema"]["properties"]
        for status in ("400", "413", "415", "422"):
            assert status in paths[path]["post"]["responses"]
    assert "/api/rules" in paths and "/api/rules/{rule_id}" in paths
    assert client.get("/docs").status_code == 404  # Swagger UI would fetch from a CDN


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("body, content_type, status, fragment", [
    (b'{"text": "unterminated', "application/json", 400, "not valid JSON"),
    (b"\xff\xfe{}", "application/json", 400, "JSON"),
    (b"", "application/json", 400, "empty"),
    (b'["a list"]', "application/json", 422, "object"),
    (b'{"txt": "typo"}', "application/json", 422, "unknown field"),
    (b'{"name": "x"}', "application/json", 422, "'text' is required"),
    (b'{"text": 42}', "application/json", 422, "string"),
    (b'{"text": null}', "application/json", 422, "string"),
    (b'{"text": ""}', "application/json", 422, "empty"),
    (b'{"text": "   \\n\\t  "}', "application/json", 422, "empty"),
    (b'{"text": "Hi.", "config": "select=all"}', "application/json", 422, "config"),
    (b'{"text": "Hi.", "config": {"check": {"select": ["no-such-rule"]}}}', "application/json", 422, "no-such-rule"),
    (b'{"text": "Hi.", "config": {"bogus": {}}}', "application/json", 422, "bogus"),
    (b'{"text": "Hi.", "config": {"check": {"min-severity": "fatal"}}}', "application/json", 422, "min-severity"),
    (b'{"text": "Hi.", "config": {"nlp": {"model": "../../x"}}}', "application/json", 422, "model"),
    (b'{"text": "Hi.", "config": {"glossary": {"files": ["/etc/passwd"]}}}', "application/json", 422,
     "glossary.files"),
    (b'{"text": "Hi.", "config": {"rules": {"no-such-rule": {}}}}', "application/json", 422, "unknown rule"),
    (b'{"text": "Hi.", "config": {"check": {"severity": {"no-such-rule": "error"}}}}', "application/json", 422,
     "unknown rule"),
    (b'{"text": "Hi.", "italics": [[0, 99]]}', "application/json", 422, "italics"),
    (b'{"text": "Hi.", "headings": "all"}', "application/json", 422, "headings"),
    (b'{"text": "Hi.", "format": "exe"}', "application/json", 422, "format"),
    (b'{"text": "Hi.", "metadata": [1]}', "application/json", 422, "metadata"),
    (b"[" * 100_000, "application/json", 400, "JSON"),
    (b"She left.", "text/plain", 415, "application/json"),
    (b"She left.", "application/x-www-form-urlencoded", 415, "multipart"),
    (b"She left.", "", 415, "JSON"),
    (b"--x\r\nnot a part", "multipart/form-data", 400, "boundary"),
    (b"garbage without the boundary", "multipart/form-data; boundary=zzz", 400, "malformed"),
])
def test_bad_requests(client, body, content_type, status, fragment):
    headers = {"content-type": content_type} if content_type else {}
    for path in ("/api/check", "/api/analyze"):
        assert_error(client.post(path, content=body, headers=headers), status, fragment)


@pytest.mark.parametrize("name, data, fragment", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n \t", "no story text"),
    ("broken.docx", b"PK\x03\x04 this is not really a zip", "damaged"),
    ("renamed.docx", b"Just some text, renamed.", "not a valid"),
    ("paper.pdf", b"%PDF-1.7\n%...", "PDF"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, ".doc"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
])
def test_bad_files(client, name, data, fragment):
    for path in ("/api/check", "/api/analyze", "/api/text", "/api/report"):
        assert_error(client.post(path, files={"file": (name, data)}), 422, fragment)


def test_hostile_archives(client):
    for name, data in (("bomb.docx", story_files.zip_bomb(story_files.docx_bytes())),
                       ("laughs.docx", story_files.billion_laughs_docx()),
                       ("escape.epub", story_files.traversal(story_files.generic_epub_bytes()))):
        assert_error(client.post("/api/check", files={"file": (name, data)}), 422, name)


def test_multipart_without_file(client):
    assert_error(client.post("/api/check", files={"other": ("x.txt", b"She left.")}), 422, "'file'")
    assert_error(client.post("/api/check", data={"config": "{}"}, files={"x": ("", b"")}), 422, "'file'")


def test_multipart_text_field(client):
    response = client.post("/api/check", data={"text": "She opened the the door."}, files={"x": ("", b"")})
    assert response.status_code == 200
    assert response.json()["issues"][0]["rule"] == "repeated-word"


def test_multipart_bad_config_field(client):
    files = {"file": ("a.txt", b"She left.")}
    assert_error(client.post("/api/check", files=files, data={"config": "{nope"}), 400, "config")
    assert_error(client.post("/api/check", files=files, data={"config": '{"check": {"select": ["zzz"]}}'}), 422, "zzz")


def test_wrong_methods_and_paths(client):
    assert_error(client.get("/api/check"), 405, "GET")
    assert_error(client.put("/api/rules"), 405)
    assert_error(client.get("/api/nothing-here"), 404, "not found")
    assert_error(client.get("/static/../app.py"), 404)


def test_lone_surrogates_do_not_crash(client):
    body = b'{"text": "She opened the the door \\ud800 and left."}'
    response = client.post("/api/check", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200
    issue = response.json()["issues"][0]
    assert issue["rule"] == "repeated-word" and (issue["start"], issue["end"]) == (11, 18)


# ---------------------------------------------------------------- size limit


@pytest.fixture(scope="module")
def small_client():
    from fastapi.testclient import TestClient

    from betareader.web.app import create_app

    with TestClient(create_app(max_upload_mb=0.05, warm=False)) as c:  # 51 KB
        yield c


def test_upload_limit(small_client):
    big = b"She waited by the water. " * 4000  # 100 KB
    assert_error(small_client.post("/api/check", files={"file": ("big.txt", big)}), 413, "51 KB limit")
    assert_error(small_client.post("/api/check", json={"text": big.decode()}), 413, "--max-upload-mb")
    assert small_client.get("/api/info").json()["max_upload_bytes"] == int(0.05 * 1024 * 1024)
    ok = small_client.post("/api/check", files={"file": ("small.txt", b"She opened the the door.")})
    assert ok.status_code == 200


def test_upload_limit_is_enforced_while_reading_not_from_content_length(small_client):
    """A chunked body (no Content-Length) is cut off once it passes the limit."""
    sent = []

    def chunks():
        for _ in range(200):  # would be 200 × 8 KB = 1.6 MB
            sent.append(1)
            yield b'{"text": "' if len(sent) == 1 else b"a" * 8192

    response = small_client.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert_error(response, 413, "limit")
    assert "content-length" not in {k.lower() for k in response.request.headers if k.lower() == "content-length"}


def test_lying_content_length_is_refused(small_client):
    response = small_client.post("/api/check", content=b'{"text": "hi"}',
                                 headers={"content-type": "application/json", "content-length": "99999999"})
    assert response.status_code in (400, 413)


# ---------------------------------------------------------------- safety


def test_hostile_text_stays_data(client):
    response = client.post("/api/check", json={"text": HOSTILE, "name": '"><img src=x onerror=alert(1)>.txt'})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    doc = response.json()
    assert doc["source"] == '"><img src=x onerror=alert(1)>.txt'  # a JSON string; the page shows it as text
    assert any(i["rule"] == "repeated-word" for i in doc["issues"])


def test_upload_names_are_cleaned(client):
    data = b"She opened the the door."
    cases = {
        "../../etc/passwd.txt": "passwd.txt",
        "C:\\Users\\me\\chapter.txt": "chapter.txt",
        "evil\u202etxt.exe.txt": "eviltxt.exe.txt",  # no right-to-left override
        "zero\u200bwidth\u200d.txt": "zerowidth.txt",
    }
    for sent, expected in cases.items():
        doc = client.post("/api/check", files={"file": (sent, data)}).json()
        assert doc["source"] == expected, sent


def test_security_headers_everywhere(client):
    for path in ("/", "/static/js/main.js", "/static/css/app.css", "/api/rules", "/openapi.json", "/api/nope"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert client.get("/api/rules").headers["cache-control"] == "no-store"
    assert "javascript" in client.get("/static/js/main.js").headers["content-type"]


def test_page_has_no_inline_script_style_or_external_url(client):
    from betareader.web.app import STATIC_DIR

    page = client.get("/").text
    for tag in re.findall(r"<script\b[^>]*>", page, flags=re.I):
        assert "src=" in tag and 'type="module"' in tag
    assert re.search(r"<script\b[^>]*>\s*[^<\s]", page) is None
    assert "<style" not in page.lower() and " style=" not in page.lower()
    assert re.search(r"\son[a-z]+=", page) is None
    for path in STATIC_DIR.rglob("*"):
        if path.suffix in (".html", ".js", ".css", ".svg"):
            content = path.read_text(encoding="utf-8")
            assert re.search(r"(?<!xmlns=\")https?://(?!www\.w3\.org/2000/svg)", content) is None, path
            if path.suffix == ".js":
                assert ".innerHTML" not in content and "insertAdjacentHTML" not in content, path
                assert "eval(" not in content and "new Function" not in content, path


def test_host_check_blocks_dns_rebinding():
    from fastapi.testclient import TestClient

    from betareader.web.app import create_app

    with TestClient(create_app(warm=False, allowed_hosts=("127.0.0.1", "localhost")),
                    base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/info").status_code == 200
        assert c.get("/api/info", headers={"host": "localhost:8000"}).status_code == 200
        assert_error(c.get("/api/info", headers={"host": "attacker.example:8000"}), 421, "localhost")


def test_unexpected_errors_are_500_json_without_traceback(monkeypatch):
    from fastapi.testclient import TestClient

    from betareader.web import app as web_app

    def boom(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(api, "check", boom)
    with TestClient(web_app.create_app(warm=False), raise_server_exceptions=False) as c:
        response = c.post("/api/check", json={"text": "She left."})
    body = assert_error(response, 500, "internal error")
    assert "secret" not in body["error"]
    assert response.headers["x-content-type-options"] == "nosniff"
