"""The check engine, its rules and their word lists (see ``base.py``)."""
