"""The local web page and its HTTP JSON API, on FastAPI (``betareader serve``).

Everything runs on this machine: the page, its JavaScript and CSS are served by the
app itself (``web/static``), nothing is fetched from elsewhere, and nothing the writer
types is stored on the server.

Endpoints (the OpenAPI schema is at ``/openapi.json``):

* ``POST /api/check``    — the contract's ``check`` JSON for a text or an upload;
* ``POST /api/analyze``  — the contract's ``analyze`` JSON;
* ``POST /api/report``   — the self-contained HTML report of ``analyze``;
* ``POST /api/text``     — the plain text of an upload (what offsets index) and its structure;
* ``GET  /api/rules``, ``GET /api/rules/{id}`` — the rules and their documentation;
* ``GET  /api/info``     — version, upload limit, supported file types.

Each POST takes either a JSON body ``{"text": "...", "name": "...", "config": {...}}``
(``config`` has the shape of betareader.toml) or a ``multipart/form-data`` upload in the
field ``file`` (with optional ``config`` — JSON — and ``name`` fields).  Every bad request
gets a 4xx answer ``{"error": "one line"}``; the body is read in memory up to the upload
limit and refused as soon as it goes over.
"""

from __future__ import annotations

import dataclasses
import hashlib
import ipaddress
import json
import logging
import re
import socket
import sys
import threading
import unicodedata
from collections import OrderedDict
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from .. import __version__
from ..errors import BetareaderError, ConfigError, InputError

log = logging.getLogger("betareader.web")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_UPLOAD_MB = 10.0
MULTIPART_SLACK = 64 * 1024
"""Bytes allowed on top of the upload limit for the multipart framing and small fields."""
MAX_PARTS = 8
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
FORMATS = ("txt", "md", "html", "docx", "odt", "epub", "folder")

STATIC_DIR = Path(str(resources.files("betareader.web").joinpath("static")))

PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; sandbox"

WARM_TEXT = ('"We should go," Mira said. She opened the the door and looked back at Tobias.\n\n'
             '"Not yet," he whispered. The harbour lights were warm against the dark water.')


class ApiError(Exception):
    """A request the API refuses: becomes ``{"error": message}`` with ``status``."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# --------------------------------------------------------------------------- OpenAPI models
# These document the API; responses are the contract's dicts, returned as they are.

class StoryRequest(BaseModel):
    """A story sent as JSON."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., description="The story text; offsets in the answer index this string (code points).")
    name: str | None = Field(None, description="A display name, echoed as `source` (default `<text>`).")
    config: dict[str, Any] | None = Field(
        None, description="Same shape as betareader.toml, e.g. {\"check\": {\"select\": [\"tense\"], "
                          "\"ignore\": [\"passive-voice\"], \"min-severity\": \"warning\"}}.")
    format: str | None = Field(None, description="The format the text was read from (as `POST /api/text` says); "
                                                 "default `txt`.")
    italics: list[tuple[int, int]] | None = Field(None, description="Emphasis spans from `POST /api/text`.")
    headings: list[tuple[int, int]] | None = Field(None, description="Heading spans from `POST /api/text`.")
    metadata: dict[str, Any] | None = Field(None, description="Work metadata from `POST /api/text`.")


class UploadForm(BaseModel):
    file: bytes = Field(..., description="The story file: .txt, .md, .html, .docx, .odt or .epub.")
    config: str | None = Field(None, description="Optional JSON config, same shape as betareader.toml.")
    name: str | None = Field(None, description="Optional display name (default: the file name).")


class IssueModel(BaseModel):
    rule: str
    category: str
    severity: str
    start: int
    end: int
    line: int
    column: int
    message: str
    suggestions: list[str]


class CheckDocument(BaseModel):
    """The contract's `check` JSON (see CONTRACT.md)."""

    version: int = 1
    source: str
    issues: list[IssueModel]


class CharacterModel(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    name: str
    aliases: list[str]
    pronouns: str | None
    mentions: int


class QuoteModel(BaseModel):
    model_config = ConfigDict(extra="allow")
    start: int
    end: int
    speaker: str | None
    confidence: float


class AnalyzeDocument(BaseModel):
    """The contract's `analyze` JSON (see CONTRACT.md); arc, pacing, stats, scenes ... are additions."""

    model_config = ConfigDict(extra="allow")
    version: int = 1
    source: str
    narration: dict[str, Any]
    characters: list[CharacterModel]
    quotes: list[QuoteModel]


class TextDocument(BaseModel):
    source: str
    format: str
    text: str
    italics: list[tuple[int, int]]
    headings: list[tuple[int, int]]
    metadata: dict[str, Any]


class RuleModel(BaseModel):
    id: str
    category: str
    severity: str
    summary: str
    doc: str
    bad: list[str]
    good: list[str]
    options: dict[str, Any]


class RulesDocument(BaseModel):
    version: int = 1
    categories: list[str]
    rules: list[RuleModel]


class ErrorModel(BaseModel):
    error: str


ERRORS = {status: {"model": ErrorModel, "description": why} for status, why in (
    (400, "Malformed request (bad JSON, broken multipart)"),
    (413, "Over the upload limit"),
    (415, "Neither JSON nor a multipart upload"),
    (422, "Empty text, unreadable or unsupported file, bad config"),
)}


def _story_body(description: str) -> dict[str, Any]:
    return {"requestBody": {"required": True, "description": description, "content": {
        "application/json": {"schema": StoryRequest.model_json_schema()},
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {
                "file": {"type": "string", "format": "binary",
                         "description": UploadForm.model_fields["file"].description},
                "config": {"type": "string", "description": UploadForm.model_fields["config"].description},
                "name": {"type": "string", "description": UploadForm.model_fields["name"].description},
            }}},
    }}}


# --------------------------------------------------------------------------- request parsing

@dataclass
class StoryInput:
    source: Any  # readers.base.Source
    config: Any  # config.Config


def clean_name(name: Any, default: str) -> str:
    """A display name safe to echo: no folders, no control or format characters, bounded."""
    if not isinstance(name, str):
        return default
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"))
    name = name.strip()[:200]
    return name or default


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_text(text: str) -> str:
    """Lone surrogates (possible in JSON) become U+FFFD: same length, so offsets hold."""
    return _SURROGATE.sub("\ufffd", text)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it goes over ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise ApiError(400, "invalid Content-Length header")
        if int(declared) > limit:
            raise ApiError(413, _too_large(limit))
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, _too_large(limit))
            chunks.append(chunk)
    except ClientDisconnect:
        raise ApiError(400, "the client went away before the body was complete") from None
    return b"".join(chunks)


def _mb(n: int) -> str:
    value = n / (1024 * 1024)
    return f"{value:.0f} MB" if value >= 1 else f"{n // 1024} KB"


def _too_large(limit: int) -> str:
    return (f"the upload is over the {_mb(limit)} limit (start the server with a larger "
            f"--max-upload-mb to allow it)")


@dataclass
class Part:
    name: str
    filename: str | None
    data: bytes


def parse_multipart(body: bytes, content_type: str) -> dict[str, Part]:
    """The parts of a multipart/form-data body, in memory (the body is already bounded)."""
    from python_multipart.exceptions import MultipartParseError
    from python_multipart.multipart import MultipartParser, parse_options_header

    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise ApiError(400, "multipart/form-data without a boundary")
    parts: dict[str, Part] = {}
    state: dict[str, Any] = {"headers": {}, "field": b"", "value": b"", "data": []}

    def on_part_begin() -> None:
        state.update(headers={}, field=b"", value=b"", data=[])

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        state["headers"][state["field"].lower()] = state["value"]
        state["field"], state["value"] = b"", b""

    def on_part_data(data: bytes, start: int, end: int) -> None:
        state["data"].append(data[start:end])

    def on_part_end() -> None:
        if len(parts) >= MAX_PARTS:
            raise ApiError(400, f"too many form fields (at most {MAX_PARTS})")
        disposition = state["headers"].get(b"content-disposition", b"")
        _, opts = parse_options_header(disposition)
        name = opts.get(b"name", b"").decode("utf-8", "replace")
        filename = opts.get(b"filename")
        parts[name] = Part(name, None if filename is None else filename.decode("utf-8", "replace"),
                           b"".join(state["data"]))

    callbacks = {"on_part_begin": on_part_begin, "on_header_field": on_header_field,
                 "on_header_value": on_header_value, "on_header_end": on_header_end,
                 "on_part_data": on_part_data, "on_part_end": on_part_end}
    try:
        parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
        parser.write(body)
        parser.finalize()
    except ApiError:
        raise
    except (MultipartParseError, ValueError, UnicodeError) as exc:
        raise ApiError(400, f"malformed multipart/form-data body ({type(exc).__name__})") from None
    return parts


def _config(data: Any) -> Any:
    """The request's config, validated by ``parse_config`` like betareader.toml, with two more
    refusals: nothing that would read files on the server or load another pipeline."""
    from ..config import Config, parse_config

    if data is None:
        return Config()
    if not isinstance(data, dict):
        raise ApiError(422, "'config' must be an object shaped like betareader.toml, "
                            "e.g. {\"check\": {\"select\": [\"tense\"]}}")
    glossary = data.get("glossary")
    if isinstance(glossary, dict) and glossary.get("files"):
        raise ApiError(422, "config: glossary.files cannot be used through the web API (it would read files "
                            "on the server); list the names in glossary.words")
    if isinstance(data.get("nlp"), dict) and data["nlp"].get("model") is not None:
        raise ApiError(422, "config: [nlp] model cannot be chosen through the web API")
    try:
        return parse_config(data)
    except ConfigError as exc:
        raise ApiError(422, str(exc)) from None
    except (ValueError, TypeError, AttributeError) as exc:
        raise ApiError(422, f"config: {exc}") from None


def _spans(value: Any, length: int, what: str) -> list[tuple[int, int]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ApiError(422, f"'{what}' must be a list of [start, end] pairs")
    out = []
    for pair in value:
        if (not isinstance(pair, list) or len(pair) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in pair)
                or not 0 <= pair[0] <= pair[1] <= length):
            raise ApiError(422, f"'{what}' must be [start, end] pairs within the text")
        out.append((pair[0], pair[1]))
    return sorted(out)


def _from_json(body: bytes, default_name: str) -> StoryInput:
    from ..readers.base import Source

    try:
        data = json.loads(body)
    except UnicodeDecodeError:
        raise ApiError(400, "the JSON body is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ApiError(400, f"the body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise ApiError(400, "the JSON body is nested too deeply") from None
    if not isinstance(data, dict):
        raise ApiError(422, "the JSON body must be an object like {\"text\": \"...\"}")
    unknown = set(data) - set(StoryRequest.model_fields)
    if unknown:
        raise ApiError(422, f"unknown field(s) {', '.join(sorted(map(repr, unknown)))}; "
                            f"expected text, name, config")
    text = data.get("text")
    if not isinstance(text, str):
        raise ApiError(422, "'text' is required and must be a string")
    if not text.strip():
        raise ApiError(422, "the text is empty")
    text = _clean_text(text)
    fmt = data.get("format") or "txt"
    if fmt not in FORMATS:
        raise ApiError(422, f"'format' must be one of {', '.join(FORMATS)}")
    metadata = data.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise ApiError(422, "'metadata' must be an object")
    try:
        json.dumps(metadata, ensure_ascii=False).encode("utf-8")
    except (UnicodeError, ValueError):
        raise ApiError(422, "'metadata' holds text that is not valid Unicode") from None
    source = Source(text=text, name=clean_name(data.get("name"), default_name), format=fmt, metadata=metadata,
                    italics=_spans(data.get("italics"), len(text), "italics"),
                    headings=_spans(data.get("headings"), len(text), "headings"))
    return StoryInput(source, _config(data.get("config")))


def _from_multipart(body: bytes, content_type: str, limit: int) -> StoryInput:
    from ..readers import read_bytes
    from ..readers.base import Source

    parts = parse_multipart(body, content_type)
    name_field = parts.get("name")
    given_name = name_field.data.decode("utf-8", "replace") if name_field else None
    config_data = None
    if "config" in parts:
        raw = parts["config"].data.strip()
        if raw:
            try:
                config_data = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
                raise ApiError(400, "the 'config' field is not valid JSON") from None
    config = _config(config_data)
    upload = parts.get("file")
    if upload is None:
        text_part = parts.get("text")
        if text_part is None:
            raise ApiError(422, "no file: send the story in the multipart field 'file'")
        try:
            text = text_part.data.decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(422, "the 'text' field is not UTF-8") from None
        if not text.strip():
            raise ApiError(422, "the text is empty")
        return StoryInput(Source(text=text, name=clean_name(given_name, "<text>")), config)
    filename = clean_name(upload.filename, "upload")
    if len(upload.data) > limit:
        raise ApiError(413, _too_large(limit))
    if not upload.data:
        raise ApiError(422, f"{filename}: the file is empty")
    try:
        source = read_bytes(upload.data, filename, max_bytes=limit)
    except InputError as exc:
        raise ApiError(422, str(exc)) from None
    source.text = _clean_text(source.text)
    source.name = clean_name(given_name, filename) if given_name else filename
    return StoryInput(source, config)


async def story_input(request: Request, limit: int) -> StoryInput:
    """The story and config of a POST: JSON body or multipart upload, else 4xx."""
    content_type = request.headers.get("content-type", "")
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind not in ("application/json", "multipart/form-data"):
        raise ApiError(415, "send JSON (Content-Type: application/json) like {\"text\": \"...\"}, "
                            "or a multipart/form-data upload in the field 'file'")
    body = await read_body(request, limit + MULTIPART_SLACK if kind == "multipart/form-data" else limit)
    if not body:
        raise ApiError(400, "the request body is empty")
    # Decoding JSON, multipart and documents takes a while for big inputs: off the event loop.
    if kind == "application/json":
        return await run_in_threadpool(_from_json, body, "<text>")
    return await run_in_threadpool(_from_multipart, body, content_type, limit)


# --------------------------------------------------------------------------- the work

CACHE_MAX_CHARS = 300_000
"""Results of texts up to this size are kept for a repeated request (the page asks for the
analysis, then the report, of the same text; a reload checks the same text again)."""


class ResultCache:
    """A small LRU of results keyed by the whole input (text, structure, name, config)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(kind: str, inp: StoryInput) -> str | None:
        s = inp.source
        if len(s.text) > CACHE_MAX_CHARS:
            return None
        config = dataclasses.asdict(inp.config)
        blob = json.dumps([kind, s.text, s.name, s.format, s.italics, s.headings, s.metadata, config],
                          sort_keys=True, ensure_ascii=False,
                          default=lambda v: sorted(v) if isinstance(v, (set, frozenset)) else str(v))
        return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str | None) -> Any:
        if key is None:
            return None
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str | None, value: Any) -> None:
        if key is None:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class Worker:
    """Runs the pipeline off the event loop, one job at a time (one spaCy pipeline per process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def _locked(self, fn: Callable[[], Any]) -> Any:
        with self._lock:
            return fn()

    async def run(self, fn: Callable[[], Any]) -> Any:
        try:
            return await run_in_threadpool(self._locked, fn)
        except ApiError:
            raise
        except (InputError, ConfigError) as exc:
            raise ApiError(422, str(exc)) from None
        except ValueError as exc:  # unknown rule names and the like
            raise ApiError(422, str(exc)) from None
        except MemoryError:
            raise ApiError(413, "the text is too large for this machine") from None
        except RecursionError:
            raise ApiError(422, "the text is nested too deeply to analyze") from None
        except BetareaderError as exc:
            raise ApiError(500, str(exc)) from None


def analysis_available() -> bool:
    try:
        from ..analysis import insight  # noqa: F401
    except ImportError:
        return False
    return True


def _analyze(inp: StoryInput):
    from .. import api

    try:
        return api.analyze(inp.source, inp.config)
    except ImportError as exc:
        raise ApiError(503, f"story analysis is not available in this installation ({exc})") from None


def warm_up() -> None:
    """Load the NLP pipeline and run every path once, so the first request is as fast as the rest."""
    from .. import api

    api.check(WARM_TEXT)
    if analysis_available():
        result = api.analyze(WARM_TEXT)
        from ..report.html import render_html

        render_html(result)


def rule_docs() -> list[dict[str, Any]]:
    from ..checks.registry import all_rules

    out = []
    for rid, cls in all_rules().items():
        options = json.loads(json.dumps(cls.options, default=lambda v: sorted(v) if isinstance(v, (set, frozenset))
                                        else str(v)))
        out.append({"id": rid, "category": cls.category, "severity": cls.severity, "summary": cls.summary(),
                    "doc": cls.doc(), "bad": list(cls.bad), "good": list(cls.good), "options": options})
    return out


def _disposition(name: str, suffix: str) -> str:
    from urllib.parse import quote

    stem = Path(clean_name(name, "story")).stem or "story"
    ascii_name = (re.sub(r"[^\w.-]+", "-", stem, flags=re.ASCII).strip("-")[:80] or "story") + suffix
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(stem[:80] + suffix, safe='')}"


# --------------------------------------------------------------------------- headers

class SecurityHeaders:
    """Pure ASGI middleware: CSP, nosniff and friends on every response; no-store on the API."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                extra = [
                    (b"content-security-policy", PAGE_CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"cross-origin-resource-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
                    (b"cache-control", b"no-store" if path.startswith("/api/") or path == "/" else b"no-cache"),
                ]
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostCheck:
    """Refuse requests whose Host header is not one of ``allowed`` (defeats DNS rebinding)."""

    def __init__(self, app: Any, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed}

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            host = ""
            for key, value in scope.get("headers", []):
                if key == b"host":
                    host = value.decode("latin-1").lower()
                    break
            hostname = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if hostname not in self.allowed:
                response = JSONResponse({"error": "this server only answers requests to localhost"}, status_code=421)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


# --------------------------------------------------------------------------- the app

def create_app(*, max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB, warm: bool = True,
               allowed_hosts: tuple[str, ...] | None = None, on_ready: Callable[[], None] | None = None) -> FastAPI:
    """The ASGI app.  ``allowed_hosts``: accepted Host names (None: any)."""
    limit = max(1, int(max_upload_mb * 1024 * 1024))
    worker = Worker()
    checks = ResultCache(8)
    analyses = ResultCache(3)

    async def analysis_of(inp: StoryInput) -> tuple[Any, str]:
        key = ResultCache.key("analyze", inp)
        result = analyses.get(key)
        if result is not None:
            return result, "hit"
        result = await worker.run(lambda: _analyze(inp))
        analyses.put(key, result)
        return result, "miss"

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if warm:
            await run_in_threadpool(warm_up)
        if on_ready is not None:
            on_ready()
        yield

    app = FastAPI(
        title="betareader", version=__version__, lifespan=lifespan,
        description="An automated beta reader and story analyzer for fan fiction: the local HTTP API. "
                    "Offsets are Unicode code points into the story text.",
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",  # Swagger UI would load from a CDN
    )
    app.state.max_upload_bytes = limit

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = f"not found: {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return JSONResponse({"error": message}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return JSONResponse({"error": f"{where}: {first.get('msg', 'invalid request')}"}, status_code=422)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse({"error": f"internal error ({type(exc).__name__}); the server log has the details"},
                            status_code=500, headers={"x-content-type-options": "nosniff", "cache-control": "no-store",
                                                      "content-security-policy": PAGE_CSP})

    # ---- the page
    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> FileResponse:
        icon = STATIC_DIR / "favicon.svg"
        if not icon.is_file():
            raise ApiError(404, "no icon")
        return FileResponse(icon, media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    # ---- the API
    @app.post("/api/check", tags=["stories"], response_model=CheckDocument, responses=ERRORS,
              openapi_extra=_story_body("The story: JSON with 'text', or a file upload in 'file'."))
    async def check(request: Request) -> JSONResponse:
        """Check a story: the contract's `check` JSON (issues with offsets, messages, suggestions)."""
        from .. import api

        inp = await story_input(request, limit)
        key = ResultCache.key("check", inp)
        doc = checks.get(key)
        state = "hit" if doc is not None else "miss"
        if doc is None:
            doc = (await worker.run(lambda: api.check(inp.source, inp.config))).to_dict()
            checks.put(key, doc)
        return JSONResponse(doc, headers={"x-betareader-cache": state})

    @app.post("/api/analyze", tags=["stories"], response_model=AnalyzeDocument, responses=ERRORS,
              openapi_extra=_story_body("The story: JSON with 'text', or a file upload in 'file'."))
    async def analyze(request: Request) -> JSONResponse:
        """Analyze a story: the contract's `analyze` JSON (narration, characters, quotes and speakers, arc ...)."""
        inp = await story_input(request, limit)
        result, state = await analysis_of(inp)
        return JSONResponse(result.to_dict(), headers={"x-betareader-cache": state})

    @app.post("/api/report", tags=["stories"], response_class=HTMLResponse, responses=ERRORS,
              openapi_extra=_story_body("The story: JSON with 'text', or a file upload in 'file'."))
    async def report(request: Request) -> HTMLResponse:
        """The self-contained HTML report of `analyze` (no scripts; served with a sandboxing CSP)."""
        from ..report.html import render_html

        inp = await story_input(request, limit)
        result, state = await analysis_of(inp)
        page = await worker.run(lambda: render_html(result))
        return HTMLResponse(page, headers={"content-security-policy": REPORT_CSP, "x-betareader-cache": state,
                                           "content-disposition": _disposition(inp.source.name, "-report.html")})

    @app.post("/api/text", tags=["stories"], response_model=TextDocument, responses=ERRORS,
              openapi_extra=_story_body("The story file in 'file' (or JSON with 'text')."))
    async def text(request: Request) -> JSONResponse:
        """The plain text of an upload, which every offset indexes (like `betareader text`), and its structure."""
        inp = await story_input(request, limit)
        s = inp.source
        return JSONResponse({"source": s.name, "format": s.format, "text": s.text,
                             "italics": [list(p) for p in s.italics], "headings": [list(p) for p in s.headings],
                             "metadata": json.loads(json.dumps(s.metadata, default=str))})

    docs_cache: list[dict[str, Any]] = []

    def docs() -> list[dict[str, Any]]:
        if not docs_cache:
            docs_cache.extend(rule_docs())
        return docs_cache

    @app.get("/api/rules", tags=["rules"], response_model=RulesDocument)
    async def rules() -> JSONResponse:
        """Every rule with its category, default severity, documentation and examples."""
        from ..checks.base import CATEGORIES

        return JSONResponse({"version": 1, "categories": list(CATEGORIES), "rules": docs()})

    @app.get("/api/rules/{rule_id}", tags=["rules"], response_model=RuleModel, responses={404: ERRORS[422] | {
        "description": "Unknown rule"}})
    async def rule(rule_id: str) -> JSONResponse:
        """One rule's documentation and examples."""
        for doc in docs():
            if doc["id"] == rule_id:
                return JSONResponse(doc)
        raise ApiError(404, f"unknown rule '{rule_id[:80]}' (GET /api/rules lists them)")

    @app.get("/api/info", tags=["server"])
    async def info() -> JSONResponse:
        """Version, upload limit and the file types an upload may be."""
        from ..readers import EXTENSIONS

        return JSONResponse({"version": __version__, "max_upload_bytes": limit,
                             "extensions": sorted(EXTENSIONS), "analysis": analysis_available()})

    if allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed=allowed_hosts)
    app.add_middleware(SecurityHeaders)  # added last: outermost of the user middleware
    return app


# --------------------------------------------------------------------------- betareader serve

def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB,
          warm: bool = True) -> None:
    """Run the web page and API until interrupted (``betareader serve``)."""
    import uvicorn

    bare = host.strip("[]")
    try:
        infos = socket.getaddrinfo(bare, port, type=socket.SOCK_STREAM)
        family, _, _, _, address = infos[0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
        sock.set_inheritable(True)
    except OSError as exc:
        raise BetareaderError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    actual_port = sock.getsockname()[1]
    shown = f"[{bare}]" if ":" in bare else bare
    url = f"http://{shown}:{actual_port}/"
    loopback = is_loopback(bare)
    if not loopback:
        print(f"betareader: warning: listening on {host}, beyond this machine: anyone who can reach "
              f"port {actual_port} can use the page and read what is checked. Use --host 127.0.0.1 "
              f"to keep it private.", file=sys.stderr, flush=True)
    print("betareader: loading the language pipeline ...", file=sys.stderr, flush=True)

    def ready() -> None:
        print(f"betareader: ready at {url}  (Ctrl+C to stop)", file=sys.stderr, flush=True)

    allowed = None
    if loopback:
        allowed = tuple({"localhost", "127.0.0.1", "[::1]", "::1", bare.lower(), shown.lower()})
    if warm:
        try:
            warm_up()  # here rather than in the app's startup: a missing pipeline is one line, not a traceback
        except BaseException:
            sock.close()
            raise
    app = create_app(max_upload_mb=max_upload_mb, warm=False, allowed_hosts=allowed, on_ready=ready)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            server_header=False, h11_max_incomplete_event_size=64 * 1024)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shuts down cleanly, then re-raises Ctrl+C: that is the normal stop
        pass
    finally:
        sock.close()
    print("betareader: stopped", file=sys.stderr, flush=True)
