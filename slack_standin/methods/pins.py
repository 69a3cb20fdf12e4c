"""pins.* and bookmarks.*: what a war room keeps at hand."""

from __future__ import annotations

from typing import Any

from slack_standin.errors import ApiError, invalid_arguments
from slack_standin.methods.base import ApiContext, Args, Handler
from slack_standin.state import Bookmark, Pin


def pins_add(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = ctx.member_channel(args.string("channel"))
    ts = args.string("timestamp")
    if not ts:
        raise ApiError("no_item_specified")
    if ctx.workspace.message(channel.id, ts) is None:
        raise ApiError("message_not_found")
    if ctx.workspace.is_pinned(channel.id, ts):
        raise ApiError("already_pinned")
    ctx.workspace.add_pin(Pin(channel.id, ts, int(ctx.now), ctx.bot.id))
    return {"ok": True}


def pins_remove(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = ctx.member_channel(args.string("channel"))
    ts = args.string("timestamp")
    if not ts:
        raise ApiError("no_item_specified")
    if not ctx.workspace.is_pinned(channel.id, ts):
        raise ApiError("no_pin")
    ctx.workspace.pins[channel.id] = [p for p in ctx.workspace.pins[channel.id] if p.ts != ts]
    ctx.workspace.touch()
    return {"ok": True}


def pins_list(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = ctx.channel(args.string("channel"))
    items = []
    for pin in ctx.workspace.pins.get(channel.id, []):
        message = ctx.workspace.message(channel.id, pin.ts)
        if message is None:
            continue
        items.append(
            {
                "type": "message",
                "created": pin.created,
                "created_by": pin.created_by,
                "channel": channel.id,
                "message": ctx.workspace.message_to_api(message),
            }
        )
    return {"ok": True, "items": items}


MAX_BOOKMARKS = 100  # "Conversations are limited to 100 bookmarks."


def bookmarks_add(ctx: ApiContext, args: Args) -> dict[str, Any]:
    """https://docs.slack.dev/reference/methods/bookmarks.add: `channel_id`, `title` and `type`
    are required; `link` is the only type accepted (else `invalid_bookmark_type`); a link needs
    an http(s) URL (`invalid_link`); at most 100 bookmarks per conversation
    (`too_many_bookmarks`); the caller must be in the channel (`not_in_channel`)."""
    channel = ctx.member_channel(args.string("channel_id"))
    title = args.string("title")
    kind = args.string("type")
    if not title:
        raise invalid_arguments("missing required field: title")
    if not kind:
        raise invalid_arguments("missing required field: type")
    if kind != "link":
        raise ApiError("invalid_bookmark_type")
    link = args.string("link")
    if not link or not link.lower().startswith(("https://", "http://")):
        raise ApiError("invalid_link")
    if len(ctx.workspace.bookmarks.get(channel.id, [])) >= MAX_BOOKMARKS:
        raise ApiError("too_many_bookmarks")
    bookmark = Bookmark(
        id=ctx.ids.bookmark(),
        channel=channel.id,
        title=title,
        link=link,
        created_by=ctx.bot.id,
        created=int(ctx.now),
        emoji=args.string("emoji"),
    )
    ctx.workspace.bookmarks.setdefault(channel.id, []).append(bookmark)
    ctx.workspace.touch()
    return {"ok": True, "bookmark": bookmark.to_api()}


def bookmarks_list(ctx: ApiContext, args: Args) -> dict[str, Any]:
    channel = ctx.channel(args.string("channel_id"))
    bookmarks = ctx.workspace.bookmarks.get(channel.id, [])
    return {"ok": True, "bookmarks": [b.to_api() for b in bookmarks]}


HANDLERS: dict[str, Handler] = {
    "bookmarks.add": bookmarks_add,
    "bookmarks.list": bookmarks_list,
    "pins.add": pins_add,
    "pins.list": pins_list,
    "pins.remove": pins_remove,
}
