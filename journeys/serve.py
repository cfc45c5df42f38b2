"""`python build_site.py serve`: build, serve the site on 127.0.0.1, rebuild when data changes.

A rebuild is a full build (the same command, the same checks): if it finds problems it prints
them and the site being served stays as it was. Serving reads files from the site folder on
each request, so a rebuild's swap is picked up at once.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path

from journeys.build import build, refuse
from journeys.config import SiteConfig, load_config

ROOT = Path(__file__).resolve().parent.parent
WATCHED_SUFFIXES = {".csv", ".json", ".md", ".yml", ".yaml", ".html", ".css", ".js", ".svg", ".png"}


def serve(config_path: str | Path = "site.yml", port: int = 8000, stop: threading.Event | None = None) -> int:
    """Preview the site at http://127.0.0.1:<port>/ until Ctrl+C (or `stop` is set)."""
    import watchfiles

    config, problems = load_config(config_path)
    if problems:
        return refuse(problems)
    try:
        server = start_server(config.site_dir, port)
    except OSError as error:
        print(f"Cannot serve on 127.0.0.1:{port} ({error.strerror}). Try another port: --port 8001")
        return 1
    rebuild = functools.partial(_rebuild, config)
    rebuild()
    print(f"Serving {config.site_dir} at http://127.0.0.1:{server.server_address[1]}/ "
          "(rebuilding when a CSV changes; Ctrl+C to stop)")
    try:
        changes = watchfiles.watch(*watched_paths(config), stop_event=stop, raise_interrupt=False)
        rebuild_on_change(changes, rebuild)
    finally:
        server.shutdown()
    return 0


def _rebuild(config: SiteConfig) -> int:
    return build(config, now=datetime.now(timezone.utc))


def start_server(site_dir: Path, port: int) -> http.server.ThreadingHTTPServer:
    """Serve site_dir on 127.0.0.1 from a thread; port 0 picks a free one."""
    handler = functools.partial(_Handler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # one line per request drowns the build's own output
        pass


def watched_paths(config: SiteConfig) -> list[Path]:
    """The data, the hand-written pages, the theme, the standard and the configuration."""
    candidates = [config.data_dir, ROOT / "docs", ROOT / "overrides", ROOT / "schemas", config.path]
    return [path for path in candidates if path.exists()]


def relevant(paths: Iterable[str]) -> list[str]:
    """The changed files a rebuild depends on (editors' swap files and the like are not)."""
    return sorted(p for p in paths if Path(p).suffix.lower() in WATCHED_SUFFIXES and not Path(p).name.startswith("."))


def rebuild_on_change(changes: Iterable[set], rebuild: Callable[[], int]) -> int:
    """For each batch of file changes (watchfiles' (change, path) pairs), rebuild if it matters."""
    rebuilds = 0
    for batch in changes:
        changed = relevant(path for _, path in batch)
        if changed:
            print(f"Changed: {', '.join(Path(p).name for p in changed[:5])}{' …' if len(changed) > 5 else ''}")
            rebuild()
            rebuilds += 1
    return rebuilds
