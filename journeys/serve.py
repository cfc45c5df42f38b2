"""`python build_site.py serve`: build, serve the site on 127.0.0.1, rebuild when anything changes.

A rebuild is a full build (the same command, the same checks) run in a fresh process, so it
reads everything again: the data, site.yml, the code, the theme, the schemas and the docs.
Nothing a previous build loaded (a cached code version, the table schemas, a module edited
since) outlives it, and no mistake in an edit can end the preview: a build that finds problems
prints them, a build that crashes says so, and either way the site being served stays as it
was. Serving reads files from the site folder on each request, so a rebuild's swap is picked
up at once.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from journeys.build import refuse
from journeys.config import SiteConfig, load_config

ROOT = Path(__file__).resolve().parent.parent
WATCHED_SUFFIXES = {".csv", ".json", ".md", ".yml", ".yaml", ".html", ".css", ".js", ".svg", ".png", ".py"}
# The build as `build_site.py build` runs it, in a process of its own.
BUILD = "import sys; from journeys.cli import main; sys.exit(main(sys.argv[1:]))"


@dataclass
class Served:
    """The folder being served: the site folder of the last configuration that could be read."""
    folder: Path | None


def serve(config_path: str | Path = "site.yml", port: int = 8000, stop: threading.Event | None = None) -> int:
    """Preview the site at http://127.0.0.1:<port>/ until Ctrl+C (or `stop` is set)."""
    import watchfiles

    config, problems = load_config(config_path)
    if problems:
        refuse(problems)
    served = Served(config.site_dir if config else None)
    try:
        server = start_server(served, port)
    except OSError as error:
        print(f"Cannot serve on 127.0.0.1:{port} ({error.strerror}). Try another port: --port 8001")
        return 1
    try:
        print(f"Serving at http://127.0.0.1:{server.server_address[1]}/ (rebuilding when the data, site.yml, the "
              "code, theme, schemas or docs change; Ctrl+C to stop)", flush=True)
        watch_and_rebuild(config_path, config, served, stop, watchfiles.watch)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


def watch_and_rebuild(config_path: str | Path, config: SiteConfig | None, served: Served,
                      stop: threading.Event | None, watch) -> None:
    """Build, then rebuild on each change until stopped; watch other folders when site.yml comes to name them.

    Each watch builds once as soon as it has started, so an edit made while the previous build
    ran, or before the watch began, is never missed.
    """
    while True:
        paths = watched_paths(config, Path(config_path))
        moved = False

        def folders_moved() -> bool:
            nonlocal moved
            moved = watched_paths(_config(config_path), Path(config_path)) != paths
            return moved

        changes = watch(*paths, stop_event=stop, raise_interrupt=False, rust_timeout=500, yield_on_timeout=True)
        rebuild_on_change(changes, lambda: rebuild_site(config_path, served), until=folders_moved, first=True)
        if not moved:  # stopped (Ctrl+C, or `stop` set)
            return
        config = _config(config_path) or config


def rebuild_site(config_path: str | Path, served: Served) -> int:
    """One full build in a fresh process; then serve the (possibly new) site folder. Never raises."""
    try:
        finished = subprocess.run([sys.executable, "-c", BUILD, "build", "--config", str(config_path)])
        status = finished.returncode
    except OSError as error:
        print(f"The build could not start ({error}). The site being served is unchanged.", flush=True)
        return 1
    if status < 0 or status not in (0, 1):
        print(f"The build stopped unexpectedly (exit status {status}); see the messages above. "
              "The site being served is unchanged; the next change rebuilds it.", flush=True)
    config = _config(config_path)
    if status == 0 and config is not None:
        served.folder = config.site_dir
    return status


def _config(config_path: str | Path) -> SiteConfig | None:
    try:
        return load_config(config_path)[0]
    except Exception:  # an unforeseen mistake in site.yml: the build process reports it
        return None


def start_server(served: Served, port: int) -> http.server.ThreadingHTTPServer:
    """Serve the current site folder on 127.0.0.1 from a thread; port 0 picks a free one."""
    handler = type("Handler", (_Handler,), {"served": served})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _Handler(http.server.SimpleHTTPRequestHandler):
    served: Served

    def __init__(self, *args, **kwargs):
        folder = self.served.folder or Path("/nonexistent-journeys-site")
        super().__init__(*args, directory=str(folder), **kwargs)

    def log_message(self, *args):  # one line per request drowns the build's own output
        pass


def watched_paths(config: SiteConfig | None, config_path: Path | None = None) -> list[Path]:
    """The data, the configuration, and the program itself: code, theme, schemas, docs."""
    candidates = [ROOT / "journeys", ROOT / "docs", ROOT / "overrides", ROOT / "schemas", ROOT / "mkdocs.yml"]
    if config is not None:
        candidates += [config.data_dir, config.path]
    if config_path is not None:
        candidates.append(config_path)
    return sorted({path.resolve() for path in candidates if path.exists()})


def relevant(paths: Iterable[str]) -> list[str]:
    """The changed files a rebuild depends on (editors' swap files and the like are not)."""
    return sorted(p for p in paths if Path(p).suffix.lower() in WATCHED_SUFFIXES and not Path(p).name.startswith(".")
                  and "__pycache__" not in Path(p).parts)


def rebuild_on_change(changes: Iterable[set], rebuild: Callable[[], int],
                      until: Callable[[], bool] = lambda: False, first: bool = False) -> int:
    """For each batch of file changes (watchfiles' (change, path) pairs), rebuild if it matters
    (and on the first batch whatever it holds, if `first`); stop after a rebuild once `until()`."""
    rebuilds = 0
    for batch in changes:
        changed = relevant(path for _, path in batch)
        if changed:
            print(f"Changed: {', '.join(Path(p).name for p in changed[:5])}{' …' if len(changed) > 5 else ''}",
                  flush=True)
        if changed or (first and not rebuilds):
            rebuild()
            rebuilds += 1
            if until():
                break
    return rebuilds
