"""Postmortems as Markdown files in a directory: `<dir>/<incident-id>-postmortem.md`.

Writes are atomic: the document goes to a temporary file in the same directory, is flushed to
disk, then renamed over the target, so a reader (or a crash) never sees half a postmortem.
Publishing again replaces the same file.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from bot.postmortem.export.base import (
    INCIDENT_ID,
    ExportFailed,
    ExportResult,
    PostmortemDocument,
    log,
)

NEW_FILE_MODE = 0o600  # owner only: a postmortem may quote what an incident exposed


def postmortem_filename(incident_id: str) -> str:
    return f"{incident_id}-postmortem.md"


class DirectoryExporter:
    """Writes each postmortem to one file per incident under `path` (created when missing)."""

    name = "directory"

    def __init__(self, path: str | os.PathLike[str], file_mode: int = NEW_FILE_MODE) -> None:
        self.directory = Path(path)
        self.file_mode = file_mode  # of a new file; an existing one keeps its own
        self._lock = asyncio.Lock()

    def __repr__(self) -> str:
        return f"DirectoryExporter({str(self.directory)!r})"

    def path_for(self, incident_id: str) -> Path:
        if not INCIDENT_ID.match(incident_id):
            raise ExportFailed(self.name, f"{incident_id!r} is not an incident id")
        return self.directory / postmortem_filename(incident_id)

    async def publish(self, doc: PostmortemDocument) -> ExportResult:
        target = self.path_for(doc.incident_id)
        async with self._lock:  # two publishes at once: the later one wins, both see the file
            try:
                created = await asyncio.to_thread(_write_atomically, target, doc.markdown, self.file_mode)
            except OSError as exc:
                reason = f"could not write {target}: {exc.strerror or type(exc).__name__}"
                log.warning("postmortem export failed", extra={
                    "incident_id": doc.incident_id, "exporter": self.name, "error": reason})
                raise ExportFailed(self.name, reason) from None
        log.info("postmortem exported", extra={
            "incident_id": doc.incident_id, "exporter": self.name, "location": str(target),
            "new_document": created})
        return ExportResult(exporter=self.name, location=str(target), created=created)


def _write_atomically(target: Path, text: str, new_file_mode: int = NEW_FILE_MODE) -> bool:
    """Replace `target` with `text` in one rename. True when the file did not exist before."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o777
        created = False
    except FileNotFoundError:
        mode = new_file_mode
        created = True
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as tmp:
            tmp.write(text if text.endswith("\n") else text + "\n")
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_directory(target.parent)
    return created


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every platform allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
