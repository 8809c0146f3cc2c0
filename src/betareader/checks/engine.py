"""Run the selected rules over a story and return sorted, filtered issues."""

from __future__ import annotations

import bisect

from ..config import Config
from ..document.model import Story
from ..nlp import parse
from .base import SEVERITY_RANK, Issue, Rule
from .context import Context
from .registry import all_rules, resolve


def selected_rules(config: Config) -> list[Rule]:
    """Instances of the rules ``config`` selects (all by default, minus ignored)."""
    table = all_rules()
    ids = resolve(config.select) if config.select else set(table)
    ids -= resolve(config.ignore)
    return [table[rid](config.rule_options.get(rid)) for rid in table if rid in ids]


def needed_components(rules: list[Rule]) -> set[str]:
    return {c for r in rules for c in r.needs}


def run_checks(story: Story, config: Config | None = None, rules: list[Rule] | None = None) -> list[Issue]:
    """Parse ``story`` if needed, run ``rules`` (default: the config's selection), return issues."""
    config = config or Config()
    rules = selected_rules(config) if rules is None else rules
    parse(story, extra=needed_components(rules), model=config.model)
    ctx = Context(story, config)
    found: list[Issue] = []
    for rule in rules:
        found.extend(rule.check(story, ctx))
    return finalize(story, found, config)


def finalize(story: Story, issues: list[Issue], config: Config) -> list[Issue]:
    """Apply severity overrides and the threshold, drop issues in notes/headings, dedupe, sort, locate."""
    threshold = SEVERITY_RANK[config.min_severity]
    excluded = sorted((s.start, s.end) for s in story.notes)
    excluded += [(p.start, p.end) for p in story.paragraphs if p.kind in ("heading", "break")]
    excluded.sort()
    starts = [a for a, _ in excluded]
    seen: set[tuple[str, int, int]] = set()
    out: list[Issue] = []
    for issue in issues:
        issue.severity = config.severity.get(issue.rule, issue.severity)
        if SEVERITY_RANK[issue.severity] < threshold:
            continue
        k = bisect.bisect_right(starts, issue.start) - 1
        if k >= 0 and excluded[k][0] <= issue.start < excluded[k][1]:
            continue
        key = (issue.rule, issue.start, issue.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(issue)
    out.sort(key=lambda i: (i.start, i.end, i.rule))
    locate(story, out)
    return out


def locate(story: Story, issues: list[Issue]) -> None:
    """Fill 1-based ``line``/``column`` (code points) and chapter/paragraph for each issue."""
    text = story.text
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    in_chapter: dict[int, int] = {}
    counters: dict[int, int] = {}
    for p in story.paragraphs:
        if p.kind in ("text", "note"):
            counters[p.chapter] = counters.get(p.chapter, 0) + 1
            in_chapter[p.index] = counters[p.chapter]
    for issue in issues:
        line = bisect.bisect_left(newlines, issue.start)
        line_start = newlines[line - 1] + 1 if line > 0 else 0
        issue.line = line + 1
        issue.column = issue.start - line_start + 1
        par = story.paragraph_of(issue.start)
        if par is not None:
            issue.chapter = par.chapter + 1
            issue.paragraph = in_chapter.get(par.index, 0)
