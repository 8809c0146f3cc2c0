"""Corpus mode: check and analyze a whole archive on Dask, results in Parquet, queries in DuckDB.

* ``inputs``  — the works of a corpus, streamed (a folder of story files, or a JSONL /
  CSV / Parquet file with an id column, a text column and metadata columns);
* ``work``    — what a worker does with a batch of works (one spaCy pipeline per worker);
* ``store``   — the Parquet tables (works, characters, quotes, issues, errors), written
  atomically part by part, and the resume index;
* ``runner``  — the Dask client: a local cluster or a scheduler address, a bounded window
  of batches in flight, retries, progress;
* ``query``   — DuckDB views over the tables, the summary and ad-hoc SQL.
"""
