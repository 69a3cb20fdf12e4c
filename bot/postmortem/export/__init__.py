"""Export hooks for postmortems: a small interface and the implementations settings choose.

    exporters = make_exporters(settings)          # directory (unless off), Confluence (if set)
    results, failures = await publish_all(exporters, PostmortemDocument(...))

Each exporter's `publish(doc)` returns an `ExportResult` (where the document now is, and
whether it was created or updated) or raises `ExportFailed` (which system, why; no secrets).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.postmortem.export.base import (
    Exporter,
    ExportFailed,
    ExportResult,
    PostmortemDocument,
    log,
    publish_all,
)
from bot.postmortem.export.confluence import ConfluenceExporter
from bot.postmortem.export.directory import DirectoryExporter
from bot.postmortem.export.storage_format import markdown_to_storage

if TYPE_CHECKING:
    from bot.settings import Settings

__all__ = [
    "ConfluenceExporter",
    "DirectoryExporter",
    "ExportFailed",
    "ExportResult",
    "Exporter",
    "PostmortemDocument",
    "make_exporters",
    "markdown_to_storage",
    "publish_all",
]

DIRECTORY_OFF = "off"
_CONFLUENCE_SETTINGS = {
    "confluence_url": "CONFLUENCE_URL",
    "confluence_space": "CONFLUENCE_SPACE",
    "confluence_user": "CONFLUENCE_USER",
    "confluence_api_token": "CONFLUENCE_API_TOKEN",
}


def make_exporters(settings: Settings) -> list[Exporter]:
    """The exporters the configuration turns on, directory first.

    The directory exporter is on unless `POSTMORTEM_DIR=off`; Confluence is on when its URL,
    space, user and API token are all set (some but not all set logs a warning naming the
    missing ones, and Confluence stays off).
    """
    exporters: list[Exporter] = []
    directory = settings.postmortem_dir.strip()
    if directory.lower() != DIRECTORY_OFF:
        exporters.append(DirectoryExporter(directory, settings.postmortem_file_mode))

    missing = [env for field, env in _CONFLUENCE_SETTINGS.items() if not getattr(settings, field)]
    if not missing:
        assert settings.confluence_url and settings.confluence_space and settings.confluence_user
        assert settings.confluence_api_token is not None
        exporters.append(ConfluenceExporter(
            base_url=settings.confluence_url,
            space_key=settings.confluence_space,
            user=settings.confluence_user,
            api_token=settings.confluence_api_token,
            parent_page_id=settings.confluence_parent_page_id,
            timeout=settings.confluence_timeout_seconds,
        ))
    elif len(missing) < len(_CONFLUENCE_SETTINGS):
        log.warning("Confluence export is off: settings missing", extra={"missing": missing})
    return exporters
