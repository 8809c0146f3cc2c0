"""Fixtures for corpus mode: a small corpus folder, a JSONL corpus, a real Dask cluster on loopback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from corpus_helpers import BIN, LoopbackCluster

ROOT = Path(__file__).resolve().parents[2]


def story_texts() -> dict[str, str]:
    """The project's own stories, cut into small works (scenes) so the tests stay quick."""
    texts: dict[str, str] = {}
    for path in sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "stories").glob("*.txt")):
        paras = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        for k in range(0, min(len(paras), 40), 20):
            texts[f"{path.stem}-{k // 20 + 1}"] = "\n\n".join(paras[k:k + 20]) + "\n"
    return texts


@pytest.fixture()
def corpus_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "nested").mkdir(parents=True)
    for n, (name, text) in enumerate(sorted(story_texts().items())[:6]):
        target = folder / ("nested" if n % 2 else "") / f"{name}.txt"
        target.write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 binary \xff\xfe garbage" * 20)
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a story: ignored
    return folder


@pytest.fixture()
def corpus_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "works.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for n, (name, text) in enumerate(sorted(story_texts().items())[:5]):
            fh.write(json.dumps({"work": f"w{n}", "body": text, "fandom": "Invented", "kudos": 10 * n}) + "\n")
    return path


@pytest.fixture()
def loopback_cluster(tmp_path: Path):
    if shutil.which(str(BIN / "dask")) is None:
        pytest.fail("the dask command is not installed (it comes with the dask dependency)")
    cluster = LoopbackCluster(tmp_path)
    try:
        yield cluster
    finally:
        cluster.close()
