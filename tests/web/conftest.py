"""Web tests: the app under FastAPI's TestClient, and under uvicorn on a free loopback port."""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCHEMA_DIR = ROOT.parent / "shared" / "schema"

STORY = """\
Mira stood at the window while the rain came down. She opened the the door and looked back at Tobias.

"We should go," Mira said. "The tide will not wait for us."

"Not yet." He whispers. "I want to see the harbour lights first."

She walks to the edge of the pier and waited. The lights was off, every one of them, and the water were black.
"""

HOSTILE = """\
Mira read the note aloud. "<script>window.__pwned = 1</script>" it said, and she laughed.

Tobias typed "><img src=x onerror="window.__pwned = 2"> and sent it, then the the line <b onmouseover="window.__pwned=3">ended</b>.

The sign said \u202eemordnilap\u202c and the name was Mi\u200bra\u200d, with\ufeff a zero width joiner.
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app():
    from betareader.web.app import create_app

    return create_app(warm=False)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def schemas() -> dict:
    import json

    if not SCHEMA_DIR.is_dir():
        pytest.fail("../shared/schema is not present (the contract schemas sit beside the repo)")
    return {name: json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
            for name in ("check", "analyze")}


class LiveServer:
    """The app served by uvicorn in a background thread, on a free loopback port."""

    def __init__(self, **options) -> None:
        import uvicorn

        from betareader.web.app import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(allowed_hosts=("127.0.0.1", "localhost"), **options)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False,
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self, timeout: float = 120) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server():
    server = LiveServer(warm=True).start()
    yield server
    server.stop()
