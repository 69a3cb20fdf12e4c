"""files.getUploadURLExternal and files.completeUploadExternal (what files_upload_v2 calls), files.delete.

The upload URL points back at the stand-in, which keeps the bytes. Completing an upload whose
bytes never arrived answers `file_not_found`: the file does not exist yet as far as the
caller can tell.
"""

from __future__ import annotations

from typing import Any

from slack_standin.errors import ApiError, invalid_arguments
from slack_standin.methods.base import ApiContext, Args, Handler
from slack_standin.methods.chat import thread_parent
from slack_standin.state import Message, StoredFile


def files_get_upload_url_external(ctx: ApiContext, args: Args) -> dict[str, Any]:
    filename = args.string("filename")
    if not filename:
        raise invalid_arguments("missing required field: filename")
    try:
        length = int(args.string("length") or "")
    except ValueError:
        raise invalid_arguments("missing required field: length") from None
    if length < 1:
        raise invalid_arguments("length must be greater than 0")
    stored = StoredFile(
        id=ctx.ids.file(),
        filename=filename,
        length=length,
        created=int(ctx.now),
        user=ctx.bot.id,
        alt_txt=args.string("alt_txt"),
    )
    ctx.workspace.files[stored.id] = stored
    ctx.workspace.touch()
    return {"ok": True, "upload_url": ctx.upload_url_for(stored.id), "file_id": stored.id}


def files_complete_upload_external(ctx: ApiContext, args: Args) -> dict[str, Any]:
    entries = args.json_value("files")
    if not isinstance(entries, list) or not entries:
        raise invalid_arguments("missing required field: files")
    stored_files: list[StoredFile] = []
    for entry in entries:
        file_id = entry.get("id") if isinstance(entry, dict) else None
        stored = ctx.workspace.files.get(file_id or "")
        if stored is None or stored.content is None:
            raise ApiError("file_not_found")
        stored.title = str(entry.get("title") or stored.filename)
        stored_files.append(stored)
    channel_id = args.string("channel_id") or (args.string("channels") or "").split(",")[0]
    if channel_id:
        channel = ctx.member_channel(channel_id)
        thread_ts = thread_parent(ctx, channel, args.string("thread_ts"))
        for stored in stored_files:
            stored.channels.append(channel.id)
        ctx.workspace.store_message(
            Message(
                channel=channel.id,
                ts=ctx.ids.ts(ctx.now),
                user=ctx.bot.id,
                text=args.string("initial_comment") or "",
                thread_ts=thread_ts,
                bot_id=ctx.bot.bot_id,
                app_id=ctx.workspace.app_id,
                files=[s.to_api(ctx.workspace.team) for s in stored_files],
            )
        )
    for stored in stored_files:
        stored.completed = True
    ctx.workspace.touch()
    return {"ok": True, "files": [{"id": s.id, "title": s.title} for s in stored_files]}


def files_delete(ctx: ApiContext, args: Args) -> dict[str, Any]:
    """files.delete (https://docs.slack.dev/reference/methods/files.delete; bot scope files:write):
    `file` is required; errors `file_not_found` (does not exist or not visible to the caller),
    `file_deleted` (already deleted), `cant_delete_file` (the caller may not delete it: a bot may
    delete only the files it uploaded)."""
    file_id = args.string("file")
    if not file_id:
        raise invalid_arguments("missing required field: file")
    stored = ctx.workspace.files.get(file_id)
    if stored is None:
        raise ApiError("file_deleted" if file_id in ctx.workspace.deleted_file_ids else "file_not_found")
    if stored.user != ctx.bot.id:
        raise ApiError("cant_delete_file")
    del ctx.workspace.files[file_id]
    ctx.workspace.deleted_file_ids.add(file_id)
    ctx.workspace.touch()
    return {"ok": True}


HANDLERS: dict[str, Handler] = {
    "files.completeUploadExternal": files_complete_upload_external,
    "files.delete": files_delete,
    "files.getUploadURLExternal": files_get_upload_url_external,
}
