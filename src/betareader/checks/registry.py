"""The registry: every module in ``betareader/checks/rules/`` contributes one :class:`Rule`."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from . import rules as rules_pkg
from .base import CATEGORIES, SEVERITIES, Rule


@lru_cache(maxsize=1)
def all_rules() -> dict[str, type[Rule]]:
    """Rule id → rule class, sorted by id."""
    found: dict[str, type[Rule]] = {}
    for info in pkgutil.iter_modules(rules_pkg.__path__):
        module = importlib.import_module(f"{rules_pkg.__name__}.{info.name}")
        classes = [obj for obj in vars(module).values()
                   if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule
                   and obj.__module__ == module.__name__ and obj.id]
        if len(classes) != 1:
            raise RuntimeError(f"{module.__name__} must define exactly one Rule (found {len(classes)})")
        cls = classes[0]
        if cls.id in found:
            raise RuntimeError(f"duplicate rule id {cls.id}")
        if cls.category not in CATEGORIES or cls.severity not in SEVERITIES:
            raise RuntimeError(f"{cls.id}: bad category {cls.category!r} or severity {cls.severity!r}")
        found[cls.id] = cls
    return dict(sorted(found.items()))


def get_rule(rule_id: str) -> type[Rule] | None:
    return all_rules().get(rule_id)


def resolve(names: list[str]) -> set[str]:
    """Rule ids named by ``names`` (ids, categories or ``ALL``); unknown names raise ValueError."""
    table = all_rules()
    out: set[str] = set()
    for name in names:
        key = name.strip()
        if key.upper() == "ALL":
            out |= set(table)
        elif key in table:
            out.add(key)
        elif key in CATEGORIES:
            out |= {rid for rid, cls in table.items() if cls.category == key}
        else:
            raise ValueError(f"unknown rule or category '{key}' (see `betareader rules`)")
    return out
