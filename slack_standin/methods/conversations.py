"""conversations.*: create, info, members, invite, join, archive, topic/purpose, history."""

from __future__ import annotations

import base64
from typing import Any

from slack_standin.channel_names import channel_name_error
from slack_standin.errors import ApiError, invalid_arguments
from slack_standin.methods.base import ApiContext, Args, Handler
from slack_standin.state import Channel, Message, TopicValue

MAX_TOPIC_LENGTH = 250
MAX_INVITEES = 1000


def _channel_body(ctx: ApiContext, channel: Channel, **kwargs: Any) -> dict[str, Any]:
    return channel.to_api(ctx.workspace.team.id, ctx.bot.id, **kwargs)


def system_message(ctx: ApiContext, channel: Channel, user: str, subtype: str, text: str) -> None:
    """The line Slack itself adds to a channel: joins, topic and purpose changes, archiving."""
    ctx.workspace.store_message(
        Message(channel=channel.id, ts=ctx.ids.ts(ctx.now), user=user, text=text, subtype=subtype)
    )


def join(ctx: ApiContext, channel: Channel, user_ids: list[str]) -> None:
    ctx.workspace.add_members(channel, user_ids)
    for user_id in user_ids:
        system_message(
            ctx, channel, user_id, "channel_join", f"<@{user_id}> has joined the channel"
        )


def _cursor_offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        return int(base64.b64decode(cursor).decode().removeprefix("offset:"))
    except ValueError:
        raise ApiError("invalid_cursor") from None


def _next_cursor(offset: int, total: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode() if offset < total else ""


def _limit(args: Args, default: int) -> int:
    raw = args.string("limit")
    if raw is None or raw == "":
        return default
    try:
        return max(1, min(int(raw), 1000))
    except ValueError:
        raise ApiError("invalid_limit") from None


def conversations_create(ctx: ApiContext, args: Args) -> dict[str, Any]:
    name = args.string("name") or ""
    error = channel_name_error(name)
    if error:
        raise ApiError(error)
    if ctx.workspace.channel_by_name(name) is not None:
        raise ApiError("name_taken")
    channel = ctx.workspace.add_channel(
        Channel(
            id=ctx.ids.channel(),
            name=name,
            created=int(ctx.now),
            creator=ctx.bot.id,
            is_private=args.flag("is_private"),
        )
    )
    join(ctx, channel, [ctx.bot.id])
    return {"ok": True, "channel": _channel_body(ctx, channel)}


def conversations_info(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = ctx.channel(args.string("channel"))
    body = _channel_body(ctx, channel, num_members=args.flag("include_num_members"))
    return {"ok": True, "channel": body}


def conversations_members(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = ctx.channel(args.string("channel"))
    offset = _cursor_offset(args.string("cursor"))
    end = offset + _limit(args, 100)
    return {
        "ok": True,
        "members": channel.members[offset:end],
        "response_metadata": {"next_cursor": _next_cursor(end, len(channel.members))},
    }


def _set_text_field(
    ctx: ApiContext, args: Args, field: str, subtype: str, label: str
) -> dict[str, Any]:
    channel = ctx.member_channel(args.string("channel"))
    value = args.string(field, "") or ""
    if len(value) > MAX_TOPIC_LENGTH:
        raise ApiError("too_long")
    setattr(channel, field, TopicValue(value, ctx.bot.id, int(ctx.now)))
    system_message(ctx, channel, ctx.bot.id, subtype, f"set the channel {label}: {value}")
    return {"ok": True, "channel": _channel_body(ctx, channel)}


def conversations_set_topic(ctx: ApiContext, args: Args) -> dict[str, Any]:
    return _set_text_field(ctx, args, "topic", "channel_topic", "topic")


def conversations_set_purpose(ctx: ApiContext, args: Args) -> dict[str, Any]:
    return _set_text_field(ctx, args, "purpose", "channel_purpose", "description")


def _invite_error(ctx: ApiContext, channel: Channel, user_id: str) -> str | None:
    if user_id == ctx.bot.id:
        return "cant_invite_self"
    user = ctx.workspace.user(user_id)
    if user is None or user.deleted:
        return "user_not_found"
    if channel.has_member(user_id):
        return "already_in_channel"
    return None


def conversations_invite(ctx: ApiContext, args: Args) -> dict[str, Any]:
    """Slack's rule for several users: without `force`, one failure invites nobody and the
    answer carries an `errors` list (one entry per failed user); with `force`, the valid
    ones are invited and the failures are still listed."""
    channel = ctx.channel(args.string("channel"))
    if channel.is_im:
        raise ApiError("method_not_supported_for_channel_type")
    if channel.is_archived:
        raise ApiError("is_archived")
    if not channel.has_member(ctx.bot.id):
        raise ApiError("not_in_channel")
    user_ids = [u.strip() for u in (args.string("users") or "").split(",") if u.strip()]
    if not user_ids:
        raise ApiError("no_user")
    if len(user_ids) > MAX_INVITEES:
        raise ApiError("too_many_users")
    failures: list[dict[str, Any]] = []
    valid: list[str] = []
    for user_id in dict.fromkeys(user_ids):
        error = _invite_error(ctx, channel, user_id)
        if error:
            failures.append({"user": user_id, "ok": False, "error": error})
        else:
            valid.append(user_id)
    if failures and (not args.flag("force") or not valid):
        raise ApiError(failures[0]["error"], errors=failures)
    join(ctx, channel, valid)
    body: dict[str, Any] = {"ok": True, "channel": _channel_body(ctx, channel)}
    if failures:
        body["errors"] = failures
    return body


def conversations_join(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = ctx.channel(args.string("channel"))
    if channel.is_private or channel.is_im:
        raise ApiError("method_not_supported_for_channel_type")
    if channel.is_archived:
        raise ApiError("is_archived")
    if channel.has_member(ctx.bot.id):
        return {
            "ok": True,
            "channel": _channel_body(ctx, channel),
            "warning": "already_in_channel",
            "response_metadata": {"warnings": ["already_in_channel"]},
        }
    join(ctx, channel, [ctx.bot.id])
    return {"ok": True, "channel": _channel_body(ctx, channel)}


def conversations_archive(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = ctx.channel(args.string("channel"))
    if channel.is_general:
        raise ApiError("cant_archive_general")
    if channel.is_archived:
        raise ApiError("already_archived")
    if not channel.has_member(ctx.bot.id):
        raise ApiError("not_in_channel")
    system_message(ctx, channel, ctx.bot.id, "channel_archive", "archived the channel")
    channel.is_archived = True
    ctx.workspace.touch()
    return {"ok": True}


def conversations_open(ctx: ApiContext, args: Args) -> dict[str, Any]:
    user_ids = [u.strip() for u in (args.string("users") or "").split(",") if u.strip()]
    if len(user_ids) != 1:
        raise ApiError("users_list_not_supplied" if not user_ids else "not_enough_users")
    user = ctx.user(user_ids[0])
    channel = open_im(ctx, user.id)
    return {"ok": True, "channel": {"id": channel.id}}


def open_im(ctx: ApiContext, user_id: str) -> Channel:
    channel = ctx.workspace.im_with(user_id)
    if channel is None:
        channel = ctx.workspace.add_channel(
            Channel(
                id=ctx.ids.im(),
                name=user_id,
                created=int(ctx.now),
                creator=ctx.bot.id,
                is_private=True,
                is_im=True,
                im_user=user_id,
                members=[ctx.bot.id, user_id],
            )
        )
    return channel


def conversations_history(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = ctx.member_channel(args.string("channel"), writable=False)
    latest = float(args.string("latest") or "inf")
    oldest = float(args.string("oldest") or "0")
    inclusive = args.flag("inclusive")
    messages = [
        m
        for m in reversed(ctx.workspace.top_level(channel.id))
        if (oldest <= float(m.ts) <= latest if inclusive else oldest < float(m.ts) < latest)
    ]
    offset = _cursor_offset(args.string("cursor"))
    end = offset + _limit(args, 100)
    return {
        "ok": True,
        "messages": [ctx.workspace.message_to_api(m) for m in messages[offset:end]],
        "has_more": end < len(messages),
        "response_metadata": {"next_cursor": _next_cursor(end, len(messages))},
    }


def conversations_replies(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = ctx.member_channel(args.string("channel"), writable=False)
    ts = args.string("ts")
    if not ts:
        raise invalid_arguments("missing required field: ts")
    parent = ctx.workspace.message(channel.id, ts)
    if parent is None:
        raise ApiError("thread_not_found")
    thread = [parent, *ctx.workspace.replies(channel.id, parent.ts)]
    return {
        "ok": True,
        "messages": [ctx.workspace.message_to_api(m) for m in thread],
        "has_more": False,
        "response_metadata": {"next_cursor": ""},
    }


HANDLERS: dict[str, Handler] = {
    "conversations.archive": conversations_archive,
    "conversations.create": conversations_create,
    "conversations.history": conversations_history,
    "conversations.info": conversations_info,
    "conversations.invite": conversations_invite,
    "conversations.join": conversations_join,
    "conversations.members": conversations_members,
    "conversations.open": conversations_open,
    "conversations.replies": conversations_replies,
    "conversations.setPurpose": conversations_set_purpose,
    "conversations.setTopic": conversations_set_topic,
}
