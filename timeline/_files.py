"""Write a file whole or not at all."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["open_atomically", "write_atomically"]

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


@contextlib.contextmanager
def open_atomically(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to write `path` as it goes: a hidden temporary file beside it, fsynced and
    moved over `path` when the block ends normally, removed (leaving `path` as it was) when
    it raises."""
    target = os.fspath(path)
    directory, name = os.path.split(os.path.abspath(target))
    tmp = ""
    try:
        fd = -1
        while fd < 0:
            candidate = os.path.join(directory, f".{name}.{secrets.token_hex(8)}.tmp")
            try:
                fd = os.open(candidate, _FLAGS, 0o666)
            except FileExistsError:  # pragma: no cover - a collision of 64 random bits
                continue
            tmp = candidate
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        tmp = ""
    finally:
        if tmp:
            try:
                os.remove(tmp)
            except OSError:
                pass


def write_atomically(data: bytes, path: str | os.PathLike[str]) -> None:
    """Write `data` to `path` through a hidden temporary file beside it (mode 0o666 minus the
    umask, fsynced) moved over `path` with `os.replace`. On any failure the temporary file is
    removed, `path` is left as it was, and the OSError propagates."""
    with open_atomically(path) as handle:
        handle.write(data)
