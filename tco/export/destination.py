"""Writing an export where ``--out`` says, without harming what is already there.

A regular file (or a new one) is written to a temporary file beside it and renamed into
place, so a failed export leaves no half-written file; the new file keeps the old one's
permission bits, and a symbolic link is followed (the link stays a link). Anything else that
exists (``/dev/null``, a FIFO, a terminal) is written in place: renaming over it would turn a
device into a regular file (attack 3 of issue 13, as root). ``-`` is standard output.
"""

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from tco.models.errors import TcoError

STDOUT = "-"


def write_output(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` (see the module's docstring); TcoError in one line."""
    if path == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise TcoError(f"--out: cannot write {path}: {exc.strerror}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise TcoError(f"--out: {path} is a folder; give a file name")
    if mode is not None and not stat.S_ISREG(mode):
        _write_in_place(path, target, data)
        return
    _replace(path, target, data, None if mode is None else stat.S_IMODE(mode))


def _write_in_place(path: str, target: Path, data: bytes) -> None:
    try:
        with open(target, "wb") as stream:  # a device or a pipe: no truncating rename
            stream.write(data)
    except OSError as exc:
        raise TcoError(f"--out: cannot write {path}: {exc.strerror}") from None


def _replace(path: str, target: Path, data: bytes, mode: int | None) -> None:
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tco-export-")
    except OSError as exc:
        raise TcoError(f"--out: cannot write in {target.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if mode is None:  # a new file: what the user's umask allows, as any program does
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as exc:
        raise TcoError(f"--out: cannot write {path}: {exc.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
