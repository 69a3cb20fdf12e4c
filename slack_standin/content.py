"""Message content as Slack accepts it: text, blocks and attachments, checked and normalised.

Shared by chat.postMessage/update/postEphemeral and by response_url answers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from slack_standin.blockkit import as_slack_messages, validate_message_blocks
from slack_standin.errors import ApiError

MAX_TEXT_LENGTH = 40_000
MAX_ATTACHMENTS = 100


@dataclass(frozen=True)
class Content:
    text: str | None
    blocks: list[dict[str, Any]] | None
    attachments: list[dict[str, Any]] | None

    @property
    def is_empty(self) -> bool:
        return not self.text and not self.blocks and not self.attachments


def _json_list(value: Any, format_error: str) -> list[Any] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise ApiError(format_error) from None
    if not isinstance(value, list):
        raise ApiError(format_error)
    return value


def message_content(
    text: Any, blocks: Any, attachments: Any = None, *, require: bool = True
) -> Content:
    """Checked content, or the ApiError Slack answers (`invalid_blocks_format`,
    `invalid_blocks` with Slack-style messages, `too_many_attachments`, `no_text`).
    Text longer than 40,000 characters is cut, as Slack documents."""
    parsed_blocks = _json_list(blocks, "invalid_blocks_format")
    if parsed_blocks is not None:
        problems = validate_message_blocks(parsed_blocks)
        if problems:
            raise ApiError(
                "invalid_blocks",
                errors=problems,
                response_metadata={"messages": as_slack_messages(problems)},
            )
    parsed_attachments = _json_list(attachments, "invalid_attachments")
    if parsed_attachments is not None and len(parsed_attachments) > MAX_ATTACHMENTS:
        raise ApiError("too_many_attachments")
    if text is not None and not isinstance(text, str):
        text = str(text)
    if text is not None and len(text) > MAX_TEXT_LENGTH:
        text = text[:MAX_TEXT_LENGTH]
    content = Content(text, parsed_blocks, parsed_attachments)
    if require and content.is_empty:
        raise ApiError("no_text")
    return content
