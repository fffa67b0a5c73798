"""Copy an SQLite database with SQLite's online backup API (safe while the app is writing)."""

import sqlite3
import sys


def copy(source: str, target: str) -> None:
    """A consistent copy of ``source`` at ``target``, taken page by page under SQLite's lock."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    with sqlite3.connect(target) as check:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise SystemExit(f"Bản sao {target} không toàn vẹn.")


if __name__ == "__main__":
    copy(sys.argv[1], sys.argv[2])
