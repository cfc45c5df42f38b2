"""`python build_site.py serve`: build, serve the site on 127.0.0.1, rebuild when anything changes.

A rebuild is a full build (the same command, the same checks) run in a fresh process, so it
reads everything again: the data, site.yml, the code, the theme, the schemas and the docs.
Nothing a previous build loaded (a cached code version, the table schemas, a module edited
since) outlives it, and no mistake in an edit can end the preview: a build that finds problems
prints them, a build that crashes says so, and either way the site being served stays as it
was. Serving reads files from the site folder on each request, so a rebuild's swap is picked
up at once.

A build process is started before its change, as soon as the previous build has ended: it
imports the libraries the last build imported and starts the chart renderer, then waits. Only
when a change comes does it import the project's code and read anything of the project, so it
is as fresh as a process started on the change, and a second or more further on (issue 14:
benchmarks/bench_serve.py). The libraries are not watched: after installing others, restart
`serve`.

Each build runs in a session of its own (with its workers, its chart renderer and Pagefind), so
Ctrl+C reaches `serve` alone, which ends the whole session at once, whatever the build is doing:
the preview stops within a second or two, and a build stopped half-way leaves the old site (the
swap is atomic; the next build removes its workspace). Until the first build has made a site,
every address answers with a page that says the site is being built, and reloads.
"""

from __future__ import annotations

import http.server
import io
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from journeys.build.config import SiteConfig, load_config
from journeys.build.pipeline import refuse
from journeys.model.problems import printable

WATCHED_SUFFIXES = {".csv", ".json", ".md", ".yml", ".yaml", ".html", ".css", ".js", ".svg", ".png", ".py"}
# The build as `build_site.py build` runs it, in a process of its own started ahead of its change.
# While it waits for the line "build" it imports the modules named in the file argv[1] (those the
# last build loaded from the standard library and the installed packages) and starts vl-convert's
# JavaScript engine (half a second); after building it names them again for the next. Whatever
# fails here fails again in the build, which reports it. It runs in a session of its own, so
# Ctrl+C reaches serve, never the build; no line (serve ended) ends the process.
BUILD = """\
import signal, sys, sysconfig
signal.signal(signal.SIGINT, signal.SIG_IGN)
try:
    names = open(sys.argv[1], encoding="utf-8").read().split()
except OSError:
    names = []
for name in [*names, "vl_convert"]:
    try:
        __import__(name)
    except Exception:
        pass
try:
    sys.modules["vl_convert"].vega_to_svg({})
except Exception:
    pass
if sys.stdin.readline() != "build\\n":
    sys.exit(0)
signal.signal(signal.SIGINT, signal.default_int_handler)
from journeys.cli import main
status = main(sys.argv[2:])
libraries = tuple({sysconfig.get_path(kind) for kind in ("stdlib", "platstdlib", "purelib", "platlib")})
names = [name for name, module in list(sys.modules.items()) if name.partition(".")[0] != "journeys"
         and not name.startswith("_") and str(getattr(module, "__file__", None) or "").startswith(libraries)]
open(sys.argv[1], "w", encoding="utf-8").write("\\n".join(names))
sys.exit(status)
"""


@dataclass
class Served:
    """The folder being served: the site folder of the last configuration that could be read; and
    whether a build has finished yet (until then, and while there is no site, the building page)."""
    folder: Path | None
    built: bool = False


BUILDING = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Building the site</title></head>
<body><main><h1>{heading}</h1><p>{detail}</p></main></body></html>
"""

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
    builds = Builds(config_path)
    try:
        print(f"Serving at http://127.0.0.1:{server.server_address[1]}/ (rebuilding when the data, site.yml, the "
              "code, theme, schemas or docs change; Ctrl+C to stop)", flush=True)
        watch_and_rebuild(config_path, config, served, stop, watchfiles.watch, builds)
    except KeyboardInterrupt:
        pass
    finally:
        builds.close()
        server.shutdown()
    return 0


def watch_and_rebuild(config_path: str | Path, config: SiteConfig | None, served: Served,
                      stop: threading.Event | None, watch, builds: Builds) -> None:
    """Build, then rebuild on each change until stopped; watch other folders when site.yml comes to name them.

    The first watch builds as soon as it has started. A site.yml that cannot be read names no
    folders, so the last one that could is kept: a mistake in it is reported by the rebuild it
    causes, and the next rebuild waits for the next change (never a loop of failed builds).
    """
    first = True
    while True:
        paths = watched_paths(config, Path(config_path))
        moved = False

        def folders_moved() -> bool:
            nonlocal moved, config
            config = _config(config_path) or config
            moved = watched_paths(config, Path(config_path)) != paths
            return moved

        changes = watch(*paths, stop_event=stop, raise_interrupt=False, rust_timeout=500, yield_on_timeout=True)
        rebuild_on_change(changes, lambda: rebuild_site(config_path, served, builds), until=folders_moved, first=first)
        if not moved:  # stopped (Ctrl+C, or `stop` set)
            return
        first = False


class Builds:
    """Build processes for one `serve`: each started ahead of its change (see BUILD), used once."""

    def __init__(self, config_path: str | Path):
        self.config_path = str(config_path)
        handle, name = tempfile.mkstemp(prefix="journeys-serve-", suffix=".txt")
        os.close(handle)
        self.libraries = Path(name)
        self.next: subprocess.Popen | None = None
        self.running: subprocess.Popen | None = None

    def run(self) -> int:
        """One full build, in the process waiting for it (or a new one), then start the next; its exit status."""
        waiting, self.next = self.next, None
        process = waiting if waiting is not None and waiting.poll() is None else self._start()
        self.running = process
        process.communicate(b"build\n")
        self.running = None
        try:
            self.next = self._start()
        except OSError:  # the next change starts one
            pass
        return process.returncode

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", BUILD, str(self.libraries), "build", "--config",
                                 self.config_path], stdin=subprocess.PIPE, start_new_session=True)

    def close(self) -> None:
        """End the build running, if any, and the one waiting, each with its whole session (workers,
        renderer, Pagefind) at once; forget the libraries. A build ended half-way leaves the old site."""
        for process in (self.running, self.next):
            if process is not None and process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except OSError:  # it ended just now
                    pass
            if process is not None:
                process.wait()
        self.running = self.next = None
        self.libraries.unlink(missing_ok=True)


def rebuild_site(config_path: str | Path, served: Served, builds: Builds) -> int:
    """One full build in a fresh process; then serve the (possibly new) site folder. Never raises."""
    try:
        status = builds.run()
    except OSError as error:
        print(f"The build could not start ({error}). The site being served is unchanged.", flush=True)
        return 1
    if status < 0 or status not in (0, 1):
        print(f"The build stopped unexpectedly (exit status {status}); see the messages above. "
              "The site being served is unchanged; the next change rebuilds it.", flush=True)
    config = _config(config_path)
    if status == 0 and config is not None:
        served.folder = config.site_dir
    served.built = True
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
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()  # stops within 0.2 s
    return server


class _Handler(http.server.SimpleHTTPRequestHandler):
    served: Served

    def __init__(self, *args, **kwargs):
        folder = self.served.folder or Path("/nonexistent-journeys-site")
        super().__init__(*args, directory=str(folder), **kwargs)

    def send_head(self):
        """The site's file; or, while there is no site yet, a page that says why and reloads."""
        folder = self.served.folder
        if folder is not None and (folder / "index.html").is_file():
            return super().send_head()
        if self.served.built:
            heading, detail = "The site could not be built", ("The build found problems: they are listed where "
                                                               "serve is running. This page reloads when they are fixed.")
        else:
            heading, detail = "Building the site…", "The first build is running. This page reloads when it is ready."
        body = BUILDING.format(heading=heading, detail=detail).encode("utf-8")
        self.send_response(503)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Retry-After", "2")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):  # one line per request drowns the build's own output
        pass


def watched_paths(config: SiteConfig | None, config_path: Path | None = None) -> list[Path]:
    """The data, the configuration, the site's own pages, and the program itself: code, theme, schemas, docs."""
    candidates = [Path(str(files(package))) for package in ("journeys", "journeys.docs", "journeys.schemas")]
    if config is not None:
        candidates += [config.data_dir, config.path, *([config.docs_dir] if config.docs_dir else [])]
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
            print(printable(f"Changed: {', '.join(Path(p).name for p in changed[:5])}{' …' if len(changed) > 5 else ''}"),
                  flush=True)
        if changed or (first and not rebuilds):
            rebuild()
            rebuilds += 1
            if until():
                break
    return rebuilds
