"""What a check is: a :class:`Rule` that reads a parsed :class:`Story` and yields :class:`Issue`.

Every rule lives in its own module under ``betareader/checks/rules/`` and defines
one subclass of :class:`Rule` with

* ``id`` — stable kebab-case id (``tense-shift``), documented by ``betareader rules ID``;
* ``category`` — one of :data:`CATEGORIES` (the contract's list);
* ``severity`` — the default: ``error`` (almost surely wrong), ``warning`` (likely
  wrong) or ``info`` (a matter of style);
* a docstring with the headings *What it does*, *Why is this bad?*, *Leaves alone*,
  *Example* and *Use instead* — ``betareader rules ID`` prints it;
* ``bad`` and ``good`` example texts: the test suite checks that each ``bad`` text
  is flagged by the rule and no ``good`` text is (a rule without both fails the suite);
* ``check(story, ctx)`` yielding issues.

Word lists live as data files in ``betareader/checks/data/`` (see :func:`load_list`).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

if TYPE_CHECKING:
    from .context import Context
    from ..document.model import Story

CATEGORIES = (
    "tense", "pov", "dialogue", "confusable", "compound", "agreement", "repetition",
    "spelling", "punctuation", "capitalization", "style", "typography",
)
SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(slots=True)
class Issue:
    """One finding: ``text[start:end]`` is the flagged words (contract offsets)."""

    rule: str
    category: str
    severity: str
    start: int
    end: int
    message: str
    suggestions: list[str] = field(default_factory=list)
    line: int = 0
    column: int = 0
    chapter: int = 0
    """1-based chapter, for finding the issue in a docx/epub/html file."""
    paragraph: int = 0
    """1-based paragraph within the chapter (headings and breaks not counted)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "category": self.category, "severity": self.severity,
            "start": self.start, "end": self.end, "line": self.line, "column": self.column,
            "message": self.message, "suggestions": list(self.suggestions),
            "chapter": self.chapter, "paragraph": self.paragraph,
        }


class Rule:
    """Base class of every check.  Subclasses set the class attributes and ``check``."""

    id: ClassVar[str] = ""
    category: ClassVar[str] = ""
    severity: ClassVar[str] = "warning"
    bad: ClassVar[tuple[str, ...]] = ()
    """Texts the rule must flag (tests run them)."""
    good: ClassVar[tuple[str, ...]] = ()
    """Texts the rule must leave alone (tests run them)."""
    needs: ClassVar[tuple[str, ...]] = ()
    """Optional NLP components the rule needs beyond tagger and parser (``ner``, ``lemmatizer``)."""
    options: ClassVar[dict[str, Any]] = {}
    """Default per-rule options, overridable in betareader.toml ``[rules.ID]``."""

    def __init__(self, options: dict[str, Any] | None = None):
        self.opts = {**self.options, **(options or {})}

    def check(self, story: "Story", ctx: "Context") -> Iterable[Issue]:  # pragma: no cover
        raise NotImplementedError

    def issue(self, start: int, end: int, message: str, suggestions: Iterable[str] = (),
              severity: str | None = None) -> Issue:
        """An issue of this rule at ``[start, end)``."""
        return Issue(self.id, self.category, severity or self.severity, start, end, message,
                     [s for s in suggestions if s is not None])

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first line of *What it does* (for the rules table)."""
        lines = [line.strip() for line in cls.doc().splitlines()]
        for i, line in enumerate(lines):
            if line.lower().startswith("what it does"):
                for nxt in lines[i + 1:]:
                    if nxt:
                        return nxt
        return next((line for line in lines if line), "")


@lru_cache(maxsize=None)
def load_list(name: str) -> tuple[str, ...]:
    """Entries of ``checks/data/NAME`` — one per line, ``#`` starts a comment."""
    raw = resources.files("betareader.checks").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def load_pairs(name: str, sep: str = "->") -> tuple[tuple[str, str], ...]:
    """``left -> right`` lines of a data file (e.g. ``alot -> a lot``)."""
    return tuple(tuple(part.strip() for part in line.split(sep, 1)) for line in load_list(name))  # type: ignore[misc]

