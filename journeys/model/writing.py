"""Writing a package's own files, for the commands that change a package (new, add-table,
import-xlsx, update-description): the reading layer's counterpart, below every command.

A file is written whole beside itself and renamed over the old one, so a reader (a build, a
preview) sees the old file or the new one, never half of either. A table is added to a package
as `add-table` adds it: its CSV header, if the file is not there yet, and its entry in
datapackage.json, whose other entries stay as they were, in order.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
from pathlib import Path

from journeys.model.reading import read_file
from journeys.model.standard import table_schemas


def write_atomically(path: Path, text: str) -> None:
    """Write beside the file and rename over it: readers see the old file or the new one. A new file
    gets the permissions any new file would (the umask's); a file replaced keeps its own."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def table_header(table: str) -> list[str]:
    """A table's columns, in its schema's order."""
    return [field["name"] for field in table_schemas()[table]["fields"]]


def header_line(columns: list[str], ending: str = "\n") -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=ending).writerow(columns)
    return out.getvalue()


def list_table(folder: Path, table: str) -> None:
    """Add a table of the standard to a package whose datapackage.json is sound: its CSV header if the
    file is missing (rows someone already typed are kept), and its resource if it is not listed."""
    csv_path = folder / f"{table}.csv"
    if not csv_path.exists():
        write_atomically(csv_path, header_line(table_header(table)))
    descriptor_path = folder / "datapackage.json"
    descriptor = json.loads(read_file(descriptor_path).decode("utf-8-sig"))
    resources = descriptor.setdefault("resources", [])
    if table in {r.get("name") for r in resources if isinstance(r, dict)}:
        return
    resources.append({"name": table, "path": f"{table}.csv"})  # the standard the package names gives its schema
    write_atomically(descriptor_path, json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
