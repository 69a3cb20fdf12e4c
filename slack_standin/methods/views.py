"""views.open, views.push, views.update, views.publish."""

from __future__ import annotations

from typing import Any

from slack_standin.errors import ApiError, invalid_arguments
from slack_standin.methods.base import ApiContext, Args, Handler
from slack_standin.modals import check_view
from slack_standin.slack_files import check_slack_files
from slack_standin.state import View


def _view_arg(args: Args) -> dict[str, Any]:
    if not args.has("view"):
        raise invalid_arguments("missing required field: view")
    return check_view(args.json_value("view"))


def _answer(ctx: ApiContext, view: View) -> dict[str, Any]:
    ws = ctx.workspace
    return {"ok": True, "view": view.to_api(ws.team.id, ws.app_id, ctx.bot.bot_id or "")}


def _modal(payload: dict[str, Any]) -> dict[str, Any]:
    if payload.get("type") != "modal":
        raise invalid_arguments("unsupported type: must be `modal` [json-pointer:/view/type]")
    return payload


def views_open(ctx: ApiContext, args: Args) -> dict[str, Any]:
    trigger_id = args.string("trigger_id")
    payload = _modal(_view_arg(args))
    trigger = ctx.triggers.exchange(trigger_id)
    return _answer(ctx, ctx.modals.open(trigger.user, payload))


def views_push(ctx: ApiContext, args: Args) -> dict[str, Any]:
    trigger_id = args.string("trigger_id")
    payload = _modal(_view_arg(args))
    trigger = ctx.triggers.exchange(trigger_id)
    return _answer(ctx, ctx.modals.push(trigger.user, payload))


def views_update(ctx: ApiContext, args: Args) -> dict[str, Any]:
    view = ctx.modals.find(args.string("view_id"), args.string("external_id"))
    payload = _view_arg(args)
    return _answer(ctx, ctx.modals.update(view, payload, args.string("hash")))


def views_publish(ctx: ApiContext, args: Args) -> dict[str, Any]:
    user = ctx.user(args.string("user_id"))
    payload = _view_arg(args)
    app = ctx.workspace.app
    if app is not None and not app.home_tab_enabled:
        # see AppConfig.home_tab_enabled: no Home tab in the manifest, nothing to publish to
        raise ApiError("home_tab_disabled")
    if payload.get("type") != "home":
        raise invalid_arguments("unsupported type: must be `home` [json-pointer:/view/type]")
    check_slack_files(ctx.workspace, payload.get("blocks"), ctx.bot.id)
    return _answer(ctx, ctx.modals.publish_home(user.id, payload, args.string("hash")))


HANDLERS: dict[str, Handler] = {
    "views.open": views_open,
    "views.publish": views_publish,
    "views.push": views_push,
    "views.update": views_update,
}
