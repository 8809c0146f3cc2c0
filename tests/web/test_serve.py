"""``betareader serve``: options, the warning beyond localhost, a clear error on a taken port, a real start."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
import uvicorn
from click.testing import CliRunner

from betareader.cli import cli, main
from betareader.web.app import is_loopback, serve


def test_serve_help():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--max-upload-mb", "127.0.0.1", "8000"):
        assert option in result.output


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                            ("[::1]", True), ("127.0.0.2", True), ("0.0.0.0", False),
                                            ("::", False), ("192.168.1.20", False), ("example.org", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


@pytest.fixture
def no_run(monkeypatch):
    """uvicorn's Server.run as a no-op: serve() binds, prints and returns."""
    calls = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: calls.append((self, sockets)))
    return calls


def test_warning_when_bound_beyond_localhost(no_run, capsys):
    serve(host="0.0.0.0", port=0, warm=False)
    err = capsys.readouterr().err
    assert "warning" in err and "0.0.0.0" in err and "--host 127.0.0.1" in err
    server, sockets = no_run[0]
    assert sockets and server.config.app is not None


def test_no_warning_on_loopback(no_run, capsys):
    serve(host="127.0.0.1", port=0, warm=False, max_upload_mb=2)
    err = capsys.readouterr().err
    assert "warning" not in err
    app = no_run[0][0].config.app
    assert app.state.max_upload_bytes == 2 * 1024 * 1024


def test_taken_port_is_one_clear_line(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as exc:
            main(["serve", "--port", str(port)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert re.search(rf"betareader: error: cannot listen on 127\.0\.0\.1:{port}", err), err
    assert "Traceback" not in err


def test_serve_starts_warms_and_stops():
    """The real command in a subprocess: ready line, page and API answer, Ctrl+C stops it."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "betareader.cli", "serve", "--port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    try:
        url = None
        deadline = time.monotonic() + 180
        lines = []
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            lines.append(line)
            match = re.search(r"ready at (http://127\.0\.0\.1:\d+/)", line)
            if match:
                url = match.group(1)
                break
        assert url, "".join(lines)
        assert not any("warning" in line for line in lines)
        with httpx.Client(base_url=url, timeout=60) as c:
            assert c.get("/").status_code == 200
            doc = c.post("/api/check", json={"text": "She opened the the door."}).json()
            assert doc["issues"][0]["rule"] == "repeated-word"
            assert c.get("/api/info", headers={"host": "evil.example"}).status_code == 421
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
        assert "stopped" in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
