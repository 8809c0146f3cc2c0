"""The Python API: the one entry point the CLI, the web page and corpus mode call.

>>> from betareader import api
>>> result = api.check("She opened the the door.")
>>> [i.rule for i in result.issues]
['repeated-word']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checks.base import Issue
from .checks.engine import run_checks
from .config import Config, find_config, load_config
from .document import build_story
from .document.model import Story
from .readers.base import Source

if TYPE_CHECKING:
    from .analysis.insight import Analysis

CONTRACT_VERSION = 1


@dataclass
class CheckResult:
    """The issues found in one story."""

    source: Source
    story: Story
    issues: list[Issue]

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``check`` JSON document."""
        return {
            "version": CONTRACT_VERSION,
            "source": self.source.name,
            "issues": [i.to_dict() for i in self.issues],
        }


@dataclass
class AnalysisResult:
    """Everything ``analyze`` found in one story."""

    source: Source
    analysis: "Analysis"

    @property
    def story(self) -> Story:
        return self.analysis.story

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``analyze`` JSON document."""
        from .analysis.insight import to_dict

        return to_dict(self.analysis, self.source.name, self.source.metadata)


def read(path: str | Path) -> Source:
    """Read a story file (any supported format) or ``-`` for standard input."""
    from .readers import read_bytes, read_path

    if str(path) == "-":
        import sys

        return read_bytes(sys.stdin.buffer.read(), "<stdin>")
    return read_path(path)


def config_for(path: str | Path | None, explicit: str | Path | None = None, discover: bool = True) -> Config:
    """The config for a story at ``path``: ``explicit`` if given, else the nearest betareader.toml."""
    if explicit is not None:
        return load_config(Path(explicit))
    if not discover:
        return Config()
    start = Path.cwd() if path in (None, "-") else Path(path)
    return load_config(find_config(start))


def as_source(text: str | Source, name: str | None = None) -> Source:
    if isinstance(text, Source):
        return text
    return Source(text=text, name=name or "<text>")


def check(text: str | Source, config: Config | None = None, name: str | None = None) -> CheckResult:
    """Check a story given as text (or a :class:`Source` from a reader)."""
    source = as_source(text, name)
    story = build_story(source)
    return CheckResult(source, story, run_checks(story, config or Config()))


def check_path(path: str | Path, config: Config | None = None) -> CheckResult:
    """Read and check a story file; the nearest betareader.toml applies unless ``config`` is given."""
    source = read(path)
    return check(source, config if config is not None else config_for(path))


def analyze(text: str | Source, config: Config | None = None, name: str | None = None) -> AnalysisResult:
    """Analyze a story given as text (or a :class:`Source`): characters, speakers, arc, pacing."""
    from .analysis.insight import analyze_story

    source = as_source(text, name)
    return AnalysisResult(source, analyze_story(build_story(source), config or Config()))


def analyze_path(path: str | Path, config: Config | None = None) -> AnalysisResult:
    """Read and analyze a story file."""
    source = read(path)
    return analyze(source, config if config is not None else config_for(path))


def review(text: str | Source, config: Config | None = None, name: str | None = None) -> tuple[CheckResult, AnalysisResult]:
    """Check and analyze one story with a single parse (what corpus mode runs per work)."""
    from .analysis.insight import analyze_story

    config = config or Config()
    source = as_source(text, name)
    story = build_story(source)
    analysis = analyze_story(story, config)  # parses with NER: the checks reuse that parse
    return CheckResult(source, story, run_checks(story, config)), AnalysisResult(source, analysis)
