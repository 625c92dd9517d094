"""Owner-only permissions for the data folder (``var/``) and the SQLite files in it.

The folder holds the database (client text, wellbeing answers) and the secret key: other
accounts on the server must not read it. Settings call `secure_var_dir` and
`secure_sqlite_files`, so every entry point (``empathic serve``, ``manage``, Celery workers,
tests) applies them before the first connection:

- the folder is created 700, or tightened to 700 when it is ours and group/world-accessible;
  on its own this already keeps other accounts from opening anything inside;
- the database file is created empty with 600 before SQLite first opens it, and SQLite gives the
  ``-wal``, ``-shm`` and ``-journal`` files it creates later the database file's own mode
  (``findCreateFileMode`` in its unix VFS), so they are 600 too;
- existing files made by an earlier version (644) are tightened to 600.

A process-wide umask would do the same for new files but also for everything else the process
writes (an ``analyze --html`` report is meant to be shared) and would have to be set in every
entry point; chmod here needs neither.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _tighten(path: Path, mode: int) -> None:
    """chmod to `mode` when the path is ours and looser; leave what we cannot change."""
    if not hasattr(os, "getuid"):  # Windows: no POSIX modes to set
        return
    try:
        info = path.stat()
        if stat.S_IMODE(info.st_mode) & ~mode and info.st_uid == os.getuid():
            path.chmod(mode)
    except (FileNotFoundError, PermissionError, NotImplementedError):
        pass  # gone meanwhile, or another account's (an admin's deliberate choice)


def secure_var_dir(var_dir: Path) -> None:
    """Create the data folder owner-only, or tighten an existing one to 700."""
    if not var_dir.exists():
        var_dir.parent.mkdir(parents=True, exist_ok=True)
        var_dir.mkdir(mode=DIR_MODE, exist_ok=True)  # mode & ~umask: never looser than 700
    _tighten(var_dir, DIR_MODE)


def secure_sqlite_files(database: Path) -> None:
    """Make the SQLite database and its companions owner-only, creating the database empty
    (SQLite's format for a new database) with 600 when it does not exist yet."""
    try:
        fd = os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        pass
    except OSError:
        return  # a folder we cannot write: SQLite will report that itself, clearly
    else:
        os.close(fd)
    for suffix in SQLITE_SUFFIXES:
        _tighten(database.with_name(database.name + suffix), FILE_MODE)
