"""What a build leaves behind when it is killed: worker processes, and its workspace folders.

A build killed with SIGKILL runs no cleanup. Its workers would carry on (and keep the memory of
a large build) unless they end with it, so each worker asks Linux to kill it when its parent
dies (prctl PR_SET_PDEATHSIG), and a watchdog thread covers other systems. Its workspace,
site.build-<pid>/ (and site.old-<pid>/ mid-swap), is removed by the next build once no process
of that id is alive.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int) -> None:
    """A worker pool's initializer: end this process when `parent` (the build) ends."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
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
