"""Backfill the office search rows (decision 47) on a stage whose offices were stored before them.

    python -m ops.office_search            # every office: read in pages, rows written 25 a call

The search table (`office-search`) holds one row per searchable name of an office; new and changed
offices get theirs from adapters/offices.py (onboarding, settings). Offices stored before the table
existed have none, so a name search does not find them until this has run once. It reads the
offices table page by page (a Scan: an operator's one-off over ~4,600 small items, never a request
path), writes each office's rows (idempotent: a row is keyed by its name and office, so running it
again rewrites the same rows), and prints counts only. The old `office-names` table is no longer read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from chalicelib.adapters import offices as office_repo
from chalicelib.adapters.tables import OfficeRecord

PAGE = 100


def backfill(page: int = PAGE) -> int:
    """Write the search rows of every stored office; how many offices."""
    done = 0
    batch: list[OfficeRecord] = []
    for record in OfficeRecord.scan(page_size=page):
        batch.append(record)
        if len(batch) == page:
            office_repo.put_search_rows(batch)
            done += len(batch)
            batch = []
    office_repo.put_search_rows(batch)
    return done + len(batch)


def main(argv: Sequence[str] | None = None) -> int:
    argparse.ArgumentParser(description="Write the office search rows of every stored office").parse_args(argv)
    print(f"search rows written for {backfill()} offices")
    return 0


if __name__ == "__main__":
    sys.exit(main())
