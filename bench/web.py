"""Latency of the web API under load: p50/p95 of check and analyze, 1 and 4 concurrent clients.

    python bench/web.py [--words 5000] [--requests 12] [--max-seconds 120] [--clients 1,4]

Starts ``betareader serve`` on a free loopback port in a subprocess, waits for it to
warm up, and runs a loopback load generator (threads with httpx clients): for each
endpoint and each client count, ``--requests`` POSTs of a ~5,000-word chapter (built
from samples/*.txt and a chapter of a ../shared/data novel), each with a different last
line so the server's result cache never answers.  A scenario stops early after
``--max-seconds``.  Prints p50/p95/max latency, throughput, and the server's CPU
seconds per request (wall time on a machine shared with other work can be well above
the CPU time; the load average is printed for that reason).

Targets (issue 6): a warm server answers check for a 5,000-word chapter in ≤ 1.5 s and
analyze in ≤ 3 s, one client at a time.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
NOVELS = ROOT.parent / "shared" / "data" / "attrib" / "pdnc"
TARGETS = {"check": 1.5, "analyze": 3.0}


def build_chapter(min_words: int) -> str:
    """The samples, then paragraphs of a novel (from its middle) until ``min_words``."""
    parts = [p.read_text(encoding="utf-8").strip() for p in sorted(SAMPLES.glob("*.txt"))]
    words = sum(len(p.split()) for p in parts)
    novel = NOVELS / "PrideAndPrejudice.txt"
    pool = novel.read_text(encoding="utf-8").split("\n\n") if novel.is_file() else []
    pool = pool[len(pool) // 3:] or parts
    i = 0
    while words < min_words:
        block = pool[i % len(pool)].strip()
        i += 1
        if block:
            parts.append(block)
            words += len(block.split())
    return "\n\n".join(parts) + "\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, timeout: float = 300) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "betareader.cli", "serve", "--port", str(port)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    deadline = time.monotonic() + timeout
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        match = re.search(r"ready at (http://\S+/)", line)
        if match:
            threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep draining
            return proc, match.group(1).rstrip("/")
    proc.kill()
    sys.exit("the server did not start")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def scenario(url: str, endpoint: str, text: str, clients: int, requests: int, max_seconds: float,
             server: psutil.Process, counter: list[int]) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + max_seconds
    issued = [0]

    def one_client() -> None:
        with httpx.Client(base_url=url, timeout=300) as client:
            while True:
                with lock:
                    if issued[0] >= requests or time.monotonic() > stop_at:
                        return
                    issued[0] += 1
                    counter[0] += 1
                    n = counter[0]
                body = {"text": f"{text}\nRequest {n} of the web bench.\n"}
                t0 = time.perf_counter()
                response = client.post(f"/api/{endpoint}", json=body)
                elapsed = time.perf_counter() - t0
                with lock:
                    if response.status_code == 200 and response.headers.get("x-betareader-cache") == "miss":
                        latencies.append(elapsed)
                    else:
                        errors.append(f"{response.status_code} {response.text[:120]}")

    cpu0 = sum(server.cpu_times()[:2])
    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for f in [pool.submit(one_client) for _ in range(clients)]:
            f.result()
    wall = time.perf_counter() - t0
    cpu = sum(server.cpu_times()[:2]) - cpu0
    n = len(latencies)
    return {"endpoint": endpoint, "clients": clients, "n": n, "errors": errors, "wall": wall,
            "p50": percentile(latencies, 50) if n else float("nan"),
            "p95": percentile(latencies, 95) if n else float("nan"),
            "max": max(latencies) if n else float("nan"),
            "rps": n / wall if wall else 0.0, "cpu_per_request": cpu / n if n else float("nan")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=5000)
    ap.add_argument("--requests", type=int, default=12, help="requests per scenario (default 12)")
    ap.add_argument("--max-seconds", type=float, default=120, help="time bound per scenario (default 120)")
    ap.add_argument("--clients", default="1,4", help="concurrent clients, comma-separated (default 1,4)")
    ap.add_argument("--endpoints", default="check,analyze")
    args = ap.parse_args()
    text = build_chapter(args.words)
    client_counts = [int(c) for c in args.clients.split(",") if c.strip()]
    endpoints = [e.strip() for e in args.endpoints.split(",") if e.strip()]
    print(f"chapter: {len(text.split()):,} words, {len(text):,} characters; machine: {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}")
    t0 = time.perf_counter()
    proc, url = start_server(free_port())
    print(f"server: {url} (pid {proc.pid}), started and warmed in {time.perf_counter() - t0:.1f} s")
    server = psutil.Process(proc.pid)
    counter = [0]
    try:
        with httpx.Client(base_url=url, timeout=300) as client:  # one more warm request each, not counted
            for endpoint in endpoints:
                client.post(f"/api/{endpoint}", json={"text": text}).raise_for_status()
        rows = []
        for endpoint in endpoints:
            for clients in client_counts:
                rows.append(scenario(url, endpoint, text, clients, args.requests, args.max_seconds, server, counter))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    print()
    print(f"{'endpoint':<9} {'clients':>7} {'n':>4} {'p50 s':>7} {'p95 s':>7} {'max s':>7} {'req/s':>6} "
          f"{'server CPU s/req':>17}  target (1 client, p50)")
    for r in rows:
        target = TARGETS.get(r["endpoint"])
        verdict = ""
        if target and r["clients"] == 1:
            verdict = f"≤ {target:.1f} s: {'met' if r['p50'] <= target else 'MISSED'}"
        print(f"{r['endpoint']:<9} {r['clients']:>7} {r['n']:>4} {r['p50']:>7.2f} {r['p95']:>7.2f} {r['max']:>7.2f} "
              f"{r['rps']:>6.2f} {r['cpu_per_request']:>17.2f}  {verdict}")
        for e in r["errors"][:3]:
            print(f"    error: {e}")
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f} (the machine has {os.cpu_count()} cores; "
          f"other work on it inflates wall-clock latency)")


if __name__ == "__main__":
    main()
