"""DuckDB over the corpus tables: views, the readable summary, ad-hoc SQL.

Each table is a view over its Parquet parts (``read_parquet('DIR/works/*.parquet')``).
The ``errors`` view keeps only works that have not since succeeded (a re-run that
retries a failed work supersedes its error).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .store import SCHEMAS


def connect(root: Path):
    """A DuckDB connection with the corpus tables registered as views."""
    import duckdb

    root = Path(root)
    if not (root / "works").is_dir():
        raise InputError(f"{root}: not a corpus output folder (no works/ table); run `betareader corpus run` first")
    con = duckdb.connect(":memory:")
    for table in SCHEMAS:
        parts = sorted((root / table).glob("part-*.parquet"))
        if parts:
            files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in parts)
            source = f"read_parquet([{files}])"
        else:
            cols = ", ".join(f"NULL::{_duck_type(f.type)} AS \"{f.name}\"" for f in SCHEMAS[table])
            source = f"(SELECT {cols} WHERE false)"
        if table == "errors":
            con.execute(f"CREATE VIEW errors_raw AS SELECT * FROM {source}")
        else:
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM {source}")
    con.execute("CREATE VIEW errors AS SELECT * FROM errors_raw e "
                "WHERE NOT EXISTS (SELECT 1 FROM works w WHERE w.work_id = e.work_id)")
    return con


def _duck_type(t) -> str:
    import pyarrow as pa

    if pa.types.is_string(t):
        return "VARCHAR"
    if pa.types.is_int64(t):
        return "BIGINT"
    if pa.types.is_float64(t):
        return "DOUBLE"
    if pa.types.is_boolean(t):
        return "BOOLEAN"
    if pa.types.is_list(t):
        return "VARCHAR[]"
    return "VARCHAR"


def run_query(root: Path, sql: str):
    """(column names, rows) of ``sql`` over the corpus views."""
    import duckdb

    con = connect(root)
    try:
        cur = con.execute(sql)
    except duckdb.Error as exc:
        raise InputError(f"query failed: {str(exc).splitlines()[0]}") from None
    names = [d[0] for d in cur.description] if cur.description else []
    return names, cur.fetchall()


def format_table(names: list[str], rows: list[tuple], max_width: int = 60) -> str:
    def cell(v) -> str:
        if isinstance(v, float):
            s = f"{v:,.3f}"
        else:
            s = "" if v is None else str(v)
        s = " ".join(s.split())
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in cells]
    return "\n".join(lines)


def summary(root: Path) -> str:
    con = connect(root)
    one = lambda sql: con.execute(sql).fetchone()  # noqa: E731
    works, words, secs = one("SELECT count(*), coalesce(sum(words), 0), coalesce(sum(seconds), 0) FROM works")
    failed = one("SELECT count(DISTINCT work_id) FROM errors")[0]
    out = [f"Corpus {root}", f"  works: {works:,} analysed, {failed:,} failed · {words:,} words "
           f"({secs:,.0f} s of work, {words / secs if secs else 0:,.0f} words/s per worker)"]
    if works:
        r = one("SELECT avg(words), median(words), avg(dialogue_share), avg(issues_per_1k), "
                "avg(flesch_reading_ease), avg(characters) FROM works")
        out.append(f"  per work: {r[0]:,.0f} words on average (median {r[1]:,.0f}), dialogue {100 * (r[2] or 0):.0f}%, "
                   f"{r[3] or 0:.1f} issues per 1,000 words, Flesch {r[4] or 0:.0f}, {r[5] or 0:.1f} characters")
        for col in ("tense", "person"):
            rows = con.execute(f"SELECT {col}, count(*) FROM works GROUP BY 1 ORDER BY 2 DESC").fetchall()
            out.append(f"  narration {col}: " + ", ".join(f"{k} {n:,}" for k, n in rows))
        rows = con.execute("SELECT category, count(*) AS n, 1000.0 * count(*) / (SELECT sum(words) FROM works) "
                           "FROM issues GROUP BY 1 ORDER BY 2 DESC").fetchall()
        out.append("  issues by category (per 1,000 words): "
                   + ", ".join(f"{c} {n:,} ({r:.2f})" for c, n, r in rows))
        rows = con.execute("SELECT rule, count(*) FROM issues GROUP BY 1 ORDER BY 2 DESC LIMIT 8").fetchall()
        out.append("  most frequent rules: " + ", ".join(f"{k} {n:,}" for k, n in rows))
        rows = con.execute("SELECT name, count(*) AS works, sum(mentions) FROM characters "
                           "GROUP BY 1 ORDER BY 2 DESC, 3 DESC LIMIT 8").fetchall()
        out.append("  characters in most works: " + ", ".join(f"{n} ({w})" for n, w, _ in rows))
    if failed:
        rows = con.execute("SELECT work_id, message FROM errors LIMIT 5").fetchall()
        out.append("  failures:")
        out += [f"    {w}: {m}" for w, m in rows]
    return "\n".join(out)
