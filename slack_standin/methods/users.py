"""auth.test, api.test and users.*."""

from __future__ import annotations

from typing import Any

from slack_standin.errors import ApiError
from slack_standin.methods.base import ApiContext, Args, Handler


def auth_test(ctx: ApiContext, args: Args) -> dict[str, Any]:
    team = ctx.workspace.team
    return {
        "ok": True,
        "url": team.url,
        "team": team.name,
        "user": ctx.bot.name,
        "team_id": team.id,
        "user_id": ctx.bot.id,
        "bot_id": ctx.bot.bot_id,
        "is_enterprise_install": False,
    }


def api_test(ctx: ApiContext, args: Args) -> dict[str, Any]:
    error = args.string("error")
    if error:
        raise ApiError(error, args=dict(args.values))
    return {"ok": True, "args": dict(args.values)}


def users_info(ctx: ApiContext, args: Args) -> dict[str, Any]:
    user = ctx.workspace.user(args.string("user") or "")
    if user is None:
        raise ApiError("user_not_found")
    shown = user.to_api(ctx.workspace.team.id)
    # https://docs.slack.dev/reference/methods/users.info: `include_locale` "Set this to true to
    # receive the locale for this user. Defaults to false" — without it there is no `locale`.
    if args.flag("include_locale"):
        shown["locale"] = user.locale
    return {"ok": True, "user": shown}


def users_lookup_by_email(ctx: ApiContext, args: Args) -> dict[str, Any]:
    user = ctx.workspace.user_by_email(args.string("email") or "")
    if user is None or user.deleted:
        raise ApiError("users_not_found")
    return {"ok": True, "user": user.to_api(ctx.workspace.team.id)}


def users_list(ctx: ApiContext, args: Args) -> dict[str, Any]:
    members = [u.to_api(ctx.workspace.team.id) for u in ctx.workspace.users.values()]
    return {"ok": True, "members": members, "response_metadata": {"next_cursor": ""}}


HANDLERS: dict[str, Handler] = {
    "api.test": api_test,
    "auth.test": auth_test,
    "users.info": users_info,
    "users.list": users_list,
    "users.lookupByEmail": users_lookup_by_email,
}
