"""Image blocks that show a Slack file (`slack_file`): the file must exist, be an image Slack
supports, and be one the app can see.

"This file must be an image and you must provide either the URL or ID. In addition, the user
posting these blocks must have access to this file. ... Currently only png, jpg, jpeg, and gif
Slack image files are supported."
(https://docs.slack.dev/reference/block-kit/composition-objects/slack-file-object)

The structure (exactly one of `url` or `id`) is checked with the rest of Block Kit
(blockkit.py); this needs the workspace, so the Web API methods call it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from slack_standin.errors import invalid_arguments
from slack_standin.state import StoredFile, Workspace

IMAGE_TYPES = ("png", "jpg", "jpeg", "gif")
_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg", b"GIF87a": "gif", b"GIF89a": "gif"}


def _references(blocks: list[Any], ptr: str) -> Iterator[tuple[dict[str, Any], str]]:
    for i, block in enumerate(blocks):
        if not isinstance(block, dict):
            continue
        here = f"{ptr}/{i}"
        if block.get("type") == "image" and isinstance(block.get("slack_file"), dict):
            yield block["slack_file"], f"{here}/slack_file"
        accessory = block.get("accessory")
        if isinstance(accessory, dict) and accessory.get("type") == "image" and isinstance(accessory.get("slack_file"), dict):
            yield accessory["slack_file"], f"{here}/accessory/slack_file"
        if block.get("type") == "context":
            for j, element in enumerate(block.get("elements") or []):
                if isinstance(element, dict) and element.get("type") == "image" and isinstance(element.get("slack_file"), dict):
                    yield element["slack_file"], f"{here}/elements/{j}/slack_file"


def _find(ws: Workspace, ref: dict[str, Any]) -> StoredFile | None:
    if "id" in ref:
        return ws.files.get(str(ref["id"]))
    url = str(ref.get("url", ""))
    for stored in ws.files.values():
        api = stored.to_api(ws.team)
        if url in (api["url_private"], api["permalink"]):
            return stored
    return None


def _is_image(stored: StoredFile) -> bool:
    extension = stored.filename.rsplit(".", 1)[-1].lower() if "." in stored.filename else ""
    content = stored.content or b""
    return extension in IMAGE_TYPES and any(content.startswith(magic) for magic in _MAGIC)


def _visible_to(ws: Workspace, stored: StoredFile, user_id: str) -> bool:
    if stored.user == user_id:
        return True
    for channel_id in stored.channels:
        channel = ws.channel(channel_id)
        if channel is not None and channel.has_member(user_id):
            return True
    return False


def check_slack_files(ws: Workspace, blocks: Any, caller: str, ptr: str = "/view/blocks") -> None:
    """Raise the error Slack answers when a `slack_file` is missing, not an image, or not the
    caller's to show."""
    if not isinstance(blocks, list):
        return
    problems = []
    for ref, where in _references(blocks, ptr):
        stored = _find(ws, ref)
        if stored is None or not stored.completed or not _visible_to(ws, stored, caller):
            problems.append(f"invalid slack file: not found or not accessible [json-pointer:{where}]")
        elif not _is_image(stored):
            problems.append(f"invalid slack file: only png, jpg, jpeg and gif images are supported [json-pointer:{where}]")
    if problems:
        raise invalid_arguments(*problems)
