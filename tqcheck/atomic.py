"""Atomic file writes for ``--fix``, ``-o`` and ``--write-baseline``.

A file is never truncated and written over: the new bytes go to a temporary file in
the same folder (so that the rename cannot cross file systems), which is flushed to
disk (fsync), given the permissions of the file it replaces (or the ones ``open``
would give a new file), and renamed over the target; the folder is then synced. An
interrupt, a full disk or a crash leaves either the old file or the new one, never a
cut one, and a failure is reported as ``cannot write FILE: reason``.

Writing several files as one step (``--fix``) stages them all first and renames them
only when every one was staged: a read-only file or a full disk changes nothing.
A link is followed: the file it points at is replaced and the link stays a link.

A target that exists and is not a regular file (``-o /dev/null``, ``-o /dev/stdout``, a
named pipe a pipeline reads) is written into, not replaced: renaming a file over a
device would put a plain file where ``/dev/null`` was (a process that may write in
``/dev`` does exactly that), and a pipe's reader would never see the report. Its
content is still staged in full first, in the system's temporary folder, so ``--fix``
keeps its all-or-nothing order; only the final copy into the device is not atomic,
which a device or pipe cannot be.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import TQError


def _fail(path: Path | str, exc: OSError) -> TQError:
    return TQError(f"cannot write {path}: {exc.strerror or exc}")


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@dataclass
class Staged:
    """A temporary file holding the new content of ``target``, not yet renamed."""

    shown: str
    target: Path
    tmp: Path

    into: bool = False  # the target is a device or pipe: copied into, not replaced

    def commit(self) -> None:
        if self.into:
            self._copy_into()
            return
        try:
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.discard()
            raise _fail(self.shown, exc) from exc
        _sync_dir(self.target.parent)

    def _copy_into(self) -> None:
        import shutil

        try:
            with open(self.tmp, "rb") as src, open(self.target, "wb") as dst:
                shutil.copyfileobj(src, dst)
        except OSError as exc:
            raise _fail(self.shown, exc) from exc
        finally:
            self.discard()

    def discard(self) -> None:
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder; the rename is done
        pass
    finally:
        os.close(fd)


def stage(path: Path | str, data: bytes | None = None,
          writer: Callable[[str], None] | None = None) -> Staged:
    """Write ``data`` (or let ``writer(tmp_path)`` write) to a temporary file beside
    ``path``, synced and with the permissions ``path`` has; TQError on failure."""
    shown = str(path)
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
        into = not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
    except OSError:  # not there yet (or unreadable: the rename will say so)
        into = False
    try:
        # beside the target, so that the rename cannot cross file systems; a device's
        # folder (/dev) is no place for a temporary file, and its copy needs no rename
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tqtmp",
                                        dir=None if into else target.parent)
    except OSError as exc:
        raise _fail(shown, exc) from exc
    tmp = Path(tmp_name)
    staged = Staged(shown, target, tmp, into)
    try:
        if writer is None:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data or b"")
                fh.flush()
                os.fsync(fh.fileno())
        else:
            os.close(fd)
            writer(tmp_name)
            sync = os.open(tmp_name, os.O_RDONLY)
            try:
                os.fsync(sync)
            finally:
                os.close(sync)
        if into:
            return staged
        try:
            st = os.stat(target)
        except FileNotFoundError:
            os.chmod(tmp, _new_file_mode())
        else:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except OSError:
                    pass  # only root may give a file away; the content is what matters
    except OSError as exc:
        staged.discard()
        raise _fail(shown, exc) from exc
    except Exception as exc:  # a writer's own error (polars)
        staged.discard()
        raise TQError(f"cannot write {shown}: {exc}") from exc
    except BaseException:
        staged.discard()
        raise
    return staged


def write_bytes(path: Path | str, data: bytes) -> None:
    stage(path, data).commit()


def write_text(path: Path | str, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_with(path: Path | str, writer: Callable[[str], None]) -> None:
    """For writers that need a file name (polars' parquet writer)."""
    stage(path, writer=writer).commit()


def commit_all(staged: list[Staged]) -> None:
    """Rename every staged file into place (after all of them were staged)."""
    for i, s in enumerate(staged):
        try:
            s.commit()
        except TQError:
            for rest in staged[i + 1:]:
                rest.discard()
            raise
