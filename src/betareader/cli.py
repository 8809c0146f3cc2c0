"""The ``betareader`` command line: a thin layer over :mod:`betareader.api`.

Exit codes: 0 nothing at or above the threshold, 1 issues found, 2 usage or input error.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import BetareaderError

SEVERITY_CHOICE = click.Choice(["info", "warning", "error"])


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> None:
    click.echo(f"betareader: error: {message}", err=True)
    sys.exit(2)


def _colour(flag: bool | None) -> bool | None:
    """--color/--no-color if given; else off when NO_COLOR is set (no-color.org), else on a terminal."""
    if flag is None and os.environ.get("NO_COLOR"):
        return False
    return flag


def _write(target: Path, content: str | None) -> None:
    """Write ``content`` to ``target`` (``None``: make the folder), or fail with one line."""
    try:
        if content is None:
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.write_text(content, encoding="utf-8")
    except OSError as exc:
        _fail(f"{target}: cannot write ({exc.strerror or exc})")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="betareader")
def cli() -> None:
    """An automated beta reader and story analyzer for fan fiction."""


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Human-readable text, or the contract's JSON (one document per file, one per line).")
@click.option("--select", multiple=True, help="Only these rules or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules or categories (comma-separated).")
@click.option("--min-severity", type=SEVERITY_CHOICE, default=None,
              help="Report only issues at or above this severity (default: info, or the config's).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this betareader.toml instead of the nearest one.")
@click.option("--no-config", is_flag=True, help="Ignore betareader.toml files.")
@click.option("--color/--no-color", default=None,
              help="Colour the output (default: on a terminal, unless NO_COLOR is set).")
@click.option("--statistics", is_flag=True, help="Only print the count of issues per rule.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when issues are found.")
def check(files, fmt, select, ignore, min_severity, config_path, no_config, color, statistics, exit_zero) -> None:
    """Check story FILES for line-edit issues ('-' reads standard input)."""
    color = _colour(color)
    from . import api
    from .checks.registry import resolve
    from .report.terminal import render_issue, render_summary

    select, ignore = _split(select), _split(ignore)
    try:
        resolve(select + ignore)
    except ValueError as exc:  # unknown rule names in --select/--ignore
        _fail(str(exc))
    all_issues = []
    for path in files:
        config = api.config_for(path, config_path, discover=not no_config).merged(
            select=select, ignore=ignore, min_severity=min_severity)
        result = api.check(api.read(path), config)
        all_issues.extend(result.issues)
        if fmt == "json":
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        elif statistics:
            continue
        else:
            for issue in result.issues:
                structured = result.source.format not in ("txt", "md")
                click.echo(render_issue(result.story.text, result.source.name, issue, structured) + "\n",
                           color=color)
    if fmt == "text":
        if statistics:
            from collections import Counter
            for rule, n in Counter(i.rule for i in all_issues).most_common():
                click.echo(f"{n:6d}  {rule}")
        click.echo(render_summary(all_issues, len(files)), color=color)
    sys.exit(1 if all_issues and not exit_zero else 0)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="A readable summary, the contract's JSON (one document per file, one per line), or an HTML report.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file (with several files and --format html: a folder).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this betareader.toml instead of the nearest one.")
@click.option("--no-config", is_flag=True, help="Ignore betareader.toml files.")
@click.option("--color/--no-color", default=None,
              help="Colour the output (default: on a terminal, unless NO_COLOR is set).")
def analyze(files, fmt, output, config_path, no_config, color) -> None:
    """Analyze story FILES: characters, who says what, narration, arc and pacing."""
    color = _colour(color)
    from . import api

    out_lines: list[str] = []
    for path in files:
        config = api.config_for(path, config_path, discover=not no_config)
        result = api.analyze(api.read(path), config)
        if fmt == "json":
            out_lines.append(json.dumps(result.to_dict(), ensure_ascii=False))
        elif fmt == "html":
            from .report.html import render_html

            page = render_html(result)
            if output is None:
                out_lines.append(page)
            else:
                target = Path(output)
                if len(files) > 1:
                    _write(target, None)
                    target = target / (Path(result.source.name).stem + ".html")
                _write(target, page)
                click.echo(f"wrote {target}", err=True)
        else:
            from .report.summary import render_analysis

            out_lines.append(render_analysis(result))
    if not out_lines:
        return
    blob = "\n".join(out_lines) + "\n"
    if output and fmt != "html":
        _write(Path(output), blob)
    else:
        click.echo(blob, nl=False, color=color)


@cli.command()
@click.argument("rule", required=False)
def rules(rule: str | None) -> None:
    """List the rules, or print one rule's documentation and examples."""
    from .checks.registry import all_rules, get_rule

    if rule is None:
        table = all_rules()
        width = max(len(r) for r in table)
        click.echo(f"{'RULE':<{width}}  {'CATEGORY':<14} {'SEVERITY':<8}  WHAT IT DOES")
        for rid, cls in table.items():
            click.echo(f"{rid:<{width}}  {cls.category:<14} {cls.severity:<8}  {cls.summary()}")
        return
    cls = get_rule(rule)
    if cls is None:
        _fail(f"unknown rule '{rule}' (see `betareader rules`)")
    click.echo(click.style(f"{cls.id}", bold=True) + f"  ({cls.category}, default severity {cls.severity})\n")
    click.echo(cls.doc())
    click.echo("\nFlagged:")
    for text in cls.bad:
        click.echo(f"  ✗ {text}")
    click.echo("Left alone:")
    for text in cls.good:
        click.echo(f"  ✓ {text}")
    if cls.options:
        click.echo("\nOptions ([rules." + cls.id + "] in betareader.toml):")
        for key, value in cls.options.items():
            click.echo(f"  {key} = {value!r}")


@cli.command()
@click.argument("file")
def text(file: str) -> None:
    """Print the plain text of FILE that offsets refer to."""
    from . import api

    click.echo(api.read(file).text, nl=False)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (anything but localhost opens the page to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--max-upload-mb", default=10.0, show_default=True, type=click.FloatRange(0.01, 1024),
              help="Largest accepted upload or request body, in MB.")
def serve(host: str, port: int, max_upload_mb: float) -> None:
    """Start the local web page and HTTP JSON API (nothing leaves this machine)."""
    from .web.app import serve as run_server

    run_server(host=host, port=port, max_upload_mb=max_upload_mb)


@cli.group()
def corpus() -> None:
    """Analyze a whole archive on Dask; results in Parquet, queries in DuckDB."""


@corpus.command("run")
@click.argument("source", type=click.Path(exists=False))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Output folder for the tables.")
@click.option("--workers", type=click.IntRange(1, 512), default=None, help="Local worker processes (default: one per core).")
@click.option("--scheduler", default=None, help="Join an existing Dask cluster (tcp://HOST:PORT).")
@click.option("--id-column", default="id", show_default=True, help="Id column of a JSONL/CSV/Parquet corpus.")
@click.option("--text-column", default="text", show_default=True, help="Text column of a JSONL/CSV/Parquet corpus.")
@click.option("--batch-works", type=click.IntRange(1, 10_000), default=16, show_default=True,
              help="At most this many works per task.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="A betareader.toml applied to every work.")
def corpus_run(source, out, workers, scheduler, id_column, text_column, batch_works, config_path) -> None:
    """Check and analyze every work in SOURCE (a folder, or a .jsonl/.csv/.parquet file)."""
    import tomllib

    from .corpus.runner import rich_progress, run_corpus

    config = None
    if config_path:
        from .config import load_config

        load_config(Path(config_path))  # validate now, before any worker starts
        config = tomllib.loads(Path(config_path).read_text(encoding="utf-8"))
    bar, update = rich_progress()
    if bar is not None:
        bar.start()
    try:
        summary = run_corpus(Path(source), Path(out), workers=workers, scheduler=scheduler,
                             batch_works=batch_works, id_column=id_column, text_column=text_column,
                             config=config, progress=update)
    finally:
        if bar is not None:
            bar.stop()
    click.echo(summary.line())
    if summary.interrupted:
        sys.exit(130)


@corpus.command("summary")
@click.argument("out", type=click.Path(file_okay=False))
def corpus_summary(out) -> None:
    """A readable overview of a corpus run's tables."""
    from .corpus.query import summary

    click.echo(summary(Path(out)))


@corpus.command("query")
@click.argument("out", type=click.Path(file_okay=False))
@click.argument("sql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def corpus_query(out, sql, fmt) -> None:
    """Run SQL over the tables (views: works, characters, quotes, issues, errors)."""
    from .corpus.query import format_table, run_query

    names, rows = run_query(Path(out), sql)
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(dict(zip(names, row)), ensure_ascii=False, default=str))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows(rows)
    else:
        click.echo(format_table(names, rows))


def main(argv: list[str] | None = None) -> None:
    """Entry point: every known error is one line on stderr and exit code 2."""
    try:
        cli.main(args=argv, prog_name="betareader", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:  # one line too, like every other error
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `betareader`: the help, as click shows it
            exc.show()
            sys.exit(2)
        where = exc.ctx.command_path if exc.ctx is not None else "betareader"
        _fail(" ".join(exc.format_message().split()) + f" (see `{where} --help`)")
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("betareader: interrupted", err=True)
        sys.exit(130)
    except BetareaderError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        click.echo("betareader: interrupted", err=True)
        sys.exit(130)
    except MemoryError:
        _fail("out of memory: the input is too large for this machine")
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: still one line (exit 2, as ruff does), the traceback on request
        if os.environ.get("BETAREADER_DEBUG"):
            raise
        _fail(f"internal error ({type(exc).__name__}: {exc}); please report it "
              "(BETAREADER_DEBUG=1 shows the traceback)")


if __name__ == "__main__":  # pragma: no cover
    main()
