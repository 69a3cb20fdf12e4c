"""chat.*: postMessage, update, delete, postEphemeral, getPermalink."""

from __future__ import annotations

from typing import Any

from slack_standin.blockkit import with_generated_ids
from slack_standin.content import Content, message_content
from slack_standin.errors import ApiError, invalid_arguments
from slack_standin.methods.base import ApiContext, Args, Handler
from slack_standin.methods.conversations import open_im
from slack_standin.state import Channel, Ephemeral, Message


def _resolve_post_channel(ctx: ApiContext, value: str | None) -> Channel:
    """chat.postMessage takes a channel id, a `#name`, or a user id (the app's DM with them)."""
    if not value:
        raise ApiError("channel_not_found")
    if value.startswith(("U", "W")) and ctx.workspace.user(value) is not None:
        return _dm_allowed(ctx, open_im(ctx, ctx.user(value).id))
    if ctx.workspace.channel(value) is None:
        by_name = ctx.workspace.channel_by_name(value)
        if by_name is not None:
            value = by_name.id
    return _dm_allowed(ctx, ctx.member_channel(value))


def _dm_allowed(ctx: ApiContext, channel: Channel) -> Channel:
    """https://docs.slack.dev/reference/methods/chat.postMessage#errors: `messages_tab_disabled`
    ("Messages tab for the app is disabled") when the app posts into its DM with a person and the
    App Home Messages tab is off (https://docs.slack.dev/surfaces/app-home#messages-tab)."""
    app = ctx.workspace.app
    if channel.is_im and app is not None and not app.messages_tab_enabled:
        raise ApiError("messages_tab_disabled")
    return channel


def _content(args: Args, *, require: bool = True) -> Content:
    return message_content(
        args.values.get("text"),
        args.values.get("blocks"),
        args.values.get("attachments"),
        require=require,
    )


def stored_blocks(
    ctx: ApiContext, blocks: list[dict[str, Any]] | None
) -> list[dict[str, Any]] | None:
    if blocks is None:
        return None
    return with_generated_ids(blocks, lambda: ctx.ids.secret(5))


def thread_parent(ctx: ApiContext, channel: Channel, thread_ts: str | None) -> str | None:
    """The ts a reply attaches to; a reply's own ts resolves to its parent, as in Slack."""
    if not thread_ts:
        return None
    target = ctx.workspace.message(channel.id, thread_ts)
    if target is None:
        raise ApiError("thread_not_found")
    return target.thread_ts if target.is_reply else target.ts


def chat_post_message(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = _resolve_post_channel(ctx, args.string("channel"))
    content = _content(args)
    metadata = args.json_value("metadata", error="invalid_metadata_format")
    message = ctx.workspace.store_message(
        Message(
            channel=channel.id,
            ts=ctx.ids.ts(ctx.now),
            user=ctx.bot.id,
            text=content.text or "",
            blocks=stored_blocks(ctx, content.blocks),
            attachments=content.attachments,
            thread_ts=thread_parent(ctx, channel, args.string("thread_ts")),
            bot_id=ctx.bot.bot_id,
            app_id=ctx.workspace.app_id,
            metadata=metadata if isinstance(metadata, dict) else None,
            reply_broadcast=args.flag("reply_broadcast"),
        )
    )
    return {
        "ok": True,
        "channel": channel.id,
        "ts": message.ts,
        "message": ctx.workspace.message_to_api(message),
    }


def _own_message(ctx: ApiContext, args: Args, not_yours: str) -> tuple[Channel, Message]:
    channel = ctx.channel(args.string("channel"))
    ts = args.string("ts")
    if not ts:
        raise invalid_arguments("missing required field: ts")
    message = ctx.workspace.message(channel.id, ts)
    if message is None:
        raise ApiError("message_not_found")
    if message.user != ctx.bot.id or message.subtype is not None:
        raise ApiError(not_yours)
    return channel, message


def chat_update(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel, message = _own_message(ctx, args, "cant_update_message")
    if channel.is_archived:
        raise ApiError("is_archived")
    content = _content(args, require=False)
    if content.text is None and content.blocks is None and content.attachments is None:
        raise ApiError("no_text")
    if content.text is not None:
        message.text = content.text
    if content.blocks is not None:
        message.blocks = stored_blocks(ctx, content.blocks)
    if content.attachments is not None:
        message.attachments = content.attachments
    message.edited = {"user": ctx.bot.id, "ts": ctx.ids.ts(ctx.now)}
    ctx.workspace.touch()
    return {
        "ok": True,
        "channel": channel.id,
        "ts": message.ts,
        "text": message.text,
        "message": ctx.workspace.message_to_api(message),
    }


def chat_delete(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel, message = _own_message(ctx, args, "cant_delete_message")
    ctx.workspace.remove_message(message)
    return {"ok": True, "channel": channel.id, "ts": message.ts}


def chat_post_ephemeral(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = ctx.member_channel(args.string("channel"))
    user = ctx.user(args.string("user"))
    if not channel.has_member(user.id):
        raise ApiError("user_not_in_channel")
    content = _content(args)
    ephemeral = Ephemeral(
        channel=channel.id,
        user=user.id,
        ts=ctx.ids.ts(ctx.now),
        text=content.text or "",
        blocks=stored_blocks(ctx, content.blocks),
        thread_ts=args.string("thread_ts") or None,
        source="chat.postEphemeral",
    )
    ctx.workspace.ephemerals.append(ephemeral)
    ctx.workspace.touch()
    return {"ok": True, "message_ts": ephemeral.ts}


def chat_get_permalink(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = ctx.channel(args.string("channel"))
    ts = args.string("message_ts") or ""
    if ctx.workspace.message(channel.id, ts) is None:
        raise ApiError("message_not_found")
    permalink = f"{ctx.workspace.team.url}archives/{channel.id}/p{ts.replace('.', '')}"
    return {"ok": True, "channel": channel.id, "permalink": permalink}


HANDLERS: dict[str, Handler] = {
    "chat.delete": chat_delete,
    "chat.getPermalink": chat_get_permalink,
    "chat.postEphemeral": chat_post_ephemeral,
    "chat.postMessage": chat_post_message,
    "chat.update": chat_update,
}
