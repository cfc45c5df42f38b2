"""The build's concurrency, all of it: the pool of processes, the chart renderer's process,
Pagefind's thread, the threads that restore, the process that empties the trash; and what a
killed build leaves behind. Everything else in the build is plain calls.

    Workers(jobs, kept)      map(function, jobs), beside(function, job), in_threads(function, items),
                             indexer(out, folders): a context manager for one build
    Renderer                 vl-convert in a process of its own, with a time and memory limit per chart
    end_with_parent(pid)     a worker or the renderer ends when the build does, even one killed with SIGKILL
    remove_stale_workspaces  the folders a killed build left beside the site

The renderer's own side (requests on standard input, answers on standard output) is
journeys.outputs.drawing's: it imports vl-convert and nothing of the build.
"""

from __future__ import annotations

import atexit
import ctypes
import json
import multiprocessing
import os
import queue
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from journeys.build.kept import Kept
from journeys.build.search import index_site
from journeys.model.problems import Problem
from journeys.outputs.drawing import LENGTH as _LENGTH
from journeys.outputs.drawing import RenderError, in_process

PR_SET_PDEATHSIG = 1


class Workers:
    """A build's workers. `jobs` (site.yml): 0 does everything in this process; n uses up to n
    processes; None, one per core. A pool costs seconds to start (each worker imports the
    libraries again), so a single unit of work, the usual rebuild, is always done here.

    Job functions take (job, kept) and run where they are sent; the keys of the kept work they
    used, and any undeclared read, come back into this build's `kept`, whatever process ran them.
    """

    def __init__(self, jobs: int | None, kept: Kept):
        self.jobs, self.kept = jobs, kept
        self.pool: ProcessPoolExecutor | None = None
        self.emptying: subprocess.Popen | None = None
        self.indexers: list[Indexer] = []

    def __enter__(self) -> Workers:
        self.emptying = empty_trash(self.kept)  # what earlier builds discarded, removed while this one works
        return self

    def __exit__(self, *exc) -> None:
        for indexer in self.indexers:
            indexer.close()  # a build that stopped leaves no indexer waiting for the rest
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.emptying is not None:
            self.emptying.wait()  # long done, as a rule: it had the whole build to run in

    def map(self, function: Callable, jobs: list) -> list:
        """function(job, kept) for each job, in order: across the pool when there are two or more."""
        pool = self._pool(len(jobs))
        if pool is None:
            return [function(job, self.kept) for job in jobs]
        return [self._merge(future.result()) for future in
                [pool.submit(_tracked, function, job, self.kept.fresh()) for job in jobs]]

    def beside(self, function: Callable, job) -> Callable[[], object]:
        """Start function(job, kept) in the pool if there is one (else it runs when asked for); returns
        a function that waits for it and returns its result."""
        if self.pool is None:
            return lambda: function(job, self.kept)
        future = self.pool.submit(_tracked, function, job, self.kept.fresh())
        return lambda: self._merge(future.result())

    def release(self) -> None:
        """End the pool's processes and every renderer once the sections are built: Pagefind, which
        works on after them, needs the memory (a national build's peak, before: all at once)."""
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None
        close_renderer()

    def in_threads(self, function: Callable, items: Iterable) -> Iterator:
        """function(item) for each item in a few threads of this process, in order, each as soon as it
        and those before it are done: for work that is mostly reading and writing files, which threads
        overlap."""
        with ThreadPoolExecutor(4) as threads:
            yield from threads.map(function, items)

    def expect_drawing(self, sections: int) -> None:
        """Charts will be drawn for these many sections (new or changed packages'): the renderer starts
        now, in a process of its own, and is ready by the first chart; unless they will be drawn in the
        pool's workers (each has its own renderer), where this one would hold memory for nothing. A
        rebuild with nothing to draw never starts it."""
        if self._count(sections) < 2:
            current_renderer()

    def indexer(self, out: Path) -> Indexer:
        """Pagefind, fed from a thread; closed when the build ends, whether or not it finished."""
        self.indexers.append(Indexer(out))
        return self.indexers[-1]

    def _count(self, units: int) -> int:
        """How many processes work on these units: one (this one) when fewer than two."""
        return min((os.cpu_count() or 1) if self.jobs is None else self.jobs, units)

    def _pool(self, units: int) -> ProcessPoolExecutor | None:
        count = self._count(units)
        if self.pool is None and count >= 2:
            # Fresh interpreters ("spawn"): a forked copy of this process could inherit a lock held by
            # one of its threads and wait for ever.
            self.pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=end_with_parent, initargs=(os.getpid(),))
        return self.pool

    def _merge(self, tracked: tuple) -> object:
        result, used, undeclared = tracked
        self.kept.used.update(used)
        self.kept.undeclared.extend(undeclared)
        return result


def _tracked(function: Callable, job, kept: Kept) -> tuple:
    """In a worker: the job's result, and what it used of the kept work."""
    result = function(job, kept)
    return result, kept.used, kept.undeclared


def empty_trash(kept: Kept) -> subprocess.Popen | None:
    """Remove what earlier builds discarded, in a process of its own (a thread here would hold the
    interpreter's lock through every unlink); a build killed first leaves the rest for the next."""
    discarded = [str(folder) for folder in kept.trash()]
    if not discarded:
        return None
    try:
        return subprocess.Popen(["rm", "-rf", "--", *discarded], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:  # no rm: remove them now
        for folder in discarded:
            shutil.rmtree(folder, ignore_errors=True)
        return None


# --- Pagefind, fed from a thread as sections are ready ---------------------------------------------

class Indexer:
    """The search index, made by Pagefind (a process of its own) from a thread of this one, given
    each batch of sections' search documents as they are ready (`add`), the home and site-wide
    pages' last, then waited for (`close`). So Pagefind works while this process builds: beside the
    one changed section of a rebuild (the others' documents go first), beside the home pages, and
    beside the feeds."""

    def __init__(self, out: Path):
        self.out = out
        self.folders: queue.Queue = queue.Queue()
        self.thread: ThreadPoolExecutor | None = None
        self.running: Future | None = None

    def add(self, folder: Path) -> None:
        """A folder of search documents, laid out as the site is below its root."""
        self.folders.put(folder)
        if self.running is None:
            self.thread = ThreadPoolExecutor(max_workers=1)
            self.running = self.thread.submit(index_site, self.out, iter(self.folders.get, None))

    def close(self) -> list[Problem]:
        """Let Pagefind finish with what it was given, and end its thread (the build may have stopped)."""
        if self.running is None:
            return []
        self.folders.put(None)
        problems = self.running.result()
        self.thread.shutdown()
        self.running = None
        return problems


# --- The chart renderer --------------------------------------------------------------------------

class Renderer:
    """vl-convert in a process of its own: a Converter (journeys.outputs.drawing).

    Starting vl-convert's JavaScript engine takes about half a second and holds the interpreter's
    lock throughout, so the build starts it as soon as it knows a package changed
    (Workers.expect_drawing), and it is ready by the time the first chart is drawn. Each request
    has SECONDS to finish and the process MEGABYTES of memory: a chart beyond either is refused
    (RenderError) and the process started again, so no drawing can hang or exhaust the build. The process ends when the build's does (its input closes, and
    Linux ends it if the build is killed)."""

    SECONDS, MEGABYTES = 60, 1500
    COMMAND = [sys.executable, "-m", "journeys.outputs.drawing"]

    def __init__(self):
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def start(self) -> Renderer:
        if self.process is None:
            self.process = subprocess.Popen(self.COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            preexec_fn=_die_with_parent)
        return self

    def vega_to_svg(self, vega: dict) -> str:
        return self._call(0, vega)

    def vegalite_to_vega(self, spec: dict) -> dict:
        return json.loads(self._call(1, spec))

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def _call(self, operation: int, value: dict) -> str:
        request = json.dumps(value).encode()
        with self.lock:
            process = self.start().process
            try:
                process.stdin.write(bytes([operation]) + len(request).to_bytes(_LENGTH, "big") + request)
                process.stdin.flush()
                head = self._read(process, 1 + _LENGTH)
                answer = self._read(process, int.from_bytes(head[1:], "big")).decode()
            except (OSError, RenderError) as error:
                self.close()  # a fresh one for the next chart
                raise RenderError(f"the chart could not be drawn: {error}") from None
        if head[0]:
            raise RenderError(answer)
        return answer

    def _read(self, process: subprocess.Popen, size: int) -> bytes:
        """`size` bytes of the answer, within the time and memory limits."""
        deadline, data, stream = time.monotonic() + self.SECONDS, b"", process.stdout
        while len(data) < size:
            if time.monotonic() > deadline:
                raise RenderError(f"drawing took longer than {self.SECONDS} seconds")
            if _resident_megabytes(process.pid) > self.MEGABYTES:
                raise RenderError(f"drawing needed more than {self.MEGABYTES} MB of memory")
            ready, _, _ = select.select([stream], [], [], 0.2)
            if ready:
                chunk = os.read(stream.fileno(), size - len(data))
                if not chunk:
                    raise OSError("the renderer ended")
                data += chunk
        return data




def _resident_megabytes(pid: int) -> float:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


# --- What a killed build leaves behind --------------------------------------------------------------

def _die_with_parent() -> None:
    """In the renderer, before it starts: Linux kills it when the build ends, even mid-drawing."""
    if sys.platform.startswith("linux"):
        try:
            libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass


def libc() -> ctypes.CDLL:
    """The C library's functions, from the symbols this process has loaded already
    (ctypes.util.find_library would run `ldconfig -p`, a process, to find its file)."""
    return ctypes.CDLL(None, use_errno=True)


def end_with_parent(parent: int) -> None:
    """End this process when `parent` (the build) ends: Linux's parent-death signal, and a watchdog
    thread for other systems."""
    if sys.platform.startswith("linux"):
        try:
            libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="end-with-parent").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def remove_stale_workspaces(site_dir: Path) -> list[Path]:
    """Remove site.build-<pid> and site.old-<pid> folders beside the site whose process is gone."""
    pattern = re.compile(rf"{re.escape(site_dir.name)}\.(?:build|old)-([0-9]+)")
    removed = []
    for folder in site_dir.parent.glob(f"{site_dir.name}.*-*") if site_dir.parent.is_dir() else []:
        found = pattern.fullmatch(folder.name)
        if found and folder.is_dir() and not folder.is_symlink() and not alive(int(found[1])):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def alive(pid: int) -> bool:
    """True if a process with this id exists (ours or another user's)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


# This process's renderer: the build command's (started as it starts), or a pool worker's own.
_renderer: Renderer | None = None


def close_renderer() -> None:
    """End this process's renderer process, if it has one (vl-convert warm in this process stays)."""
    global _renderer
    if isinstance(_renderer, Renderer):
        _renderer.close()
        _renderer = None


def current_renderer():
    """The chart renderer of this process (a Converter), started on first use: vl-convert in this
    process if it is warm here already (serve's builds import it ahead of their change), else in a
    process of its own."""
    global _renderer
    if _renderer is None:
        _renderer = in_process() if "vl_convert" in sys.modules else Renderer().start()
        if isinstance(_renderer, Renderer):
            atexit.register(_renderer.close)  # ended and waited for: its time is this process's
    return _renderer
