"""Trigger ids and modal view stacks: what views.open/push/update and a submission do.

A trigger id is issued whenever the user side sends an interaction; Slack lets it be exchanged
once, within 3 seconds. A user has at most one stack of up to 3 modals.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from slack_standin.blockkit import validate_view, with_generated_ids
from slack_standin.clock import WorkspaceClock
from slack_standin.errors import ApiError, invalid_arguments
from slack_standin.ids import IdFactory
from slack_standin.state import View, Workspace

TRIGGER_TTL_SECONDS = 3.0
MAX_VIEW_STACK = 3
MAX_VIEW_BYTES = 250 * 1024


@dataclass
class Trigger:
    id: str
    user: str
    issued_at: float
    view_id: str | None = None
    exchanged: bool = False


class TriggerRegistry:
    def __init__(self, clock: WorkspaceClock, ids: IdFactory) -> None:
        self._clock = clock
        self._ids = ids
        self._triggers: dict[str, Trigger] = {}

    def issue(self, user: str, view_id: str | None = None) -> str:
        trigger = Trigger(self._ids.trigger(self._clock.now()), user, self._clock.now(), view_id)
        self._triggers[trigger.id] = trigger
        return trigger.id

    def exchange(self, trigger_id: str | None) -> Trigger:
        if not trigger_id:
            raise invalid_arguments("missing required field: trigger_id")
        trigger = self._triggers.get(trigger_id)
        if trigger is None:
            raise ApiError("invalid_trigger_id")
        if trigger.exchanged:
            raise ApiError("exchanged_trigger_id")
        if self._clock.now() - trigger.issued_at > TRIGGER_TTL_SECONDS:
            raise ApiError("expired_trigger_id")
        trigger.exchanged = True
        return trigger


def check_view(view: Any) -> dict[str, Any]:
    """The view payload if Slack would take it, else the ApiError Slack answers."""
    if isinstance(view, dict) and len(json.dumps(view)) > MAX_VIEW_BYTES:
        raise ApiError("view_too_large")
    problems = validate_view(view)
    if problems:
        raise invalid_arguments(*problems)
    assert isinstance(view, dict)
    return view


class Modals:
    """The views of a workspace and each user's modal stack."""

    def __init__(self, workspace: Workspace, clock: WorkspaceClock, ids: IdFactory) -> None:
        self._ws = workspace
        self._clock = clock
        self._ids = ids

    def _stack(self, user: str) -> list[str]:
        return self._ws.view_stacks.setdefault(user, [])

    def _new_view(
        self, user: str, payload: dict[str, Any], root: str | None, previous: str | None
    ) -> View:
        external_id = str(payload.get("external_id", ""))
        self._check_external_id(external_id, except_view=None)
        view_id = self._ids.view()
        stored = copy.deepcopy(payload)
        stored["blocks"] = with_generated_ids(stored.get("blocks", []), lambda: self._ids.secret(5))
        view = View(
            id=view_id,
            user=user,
            payload=stored,
            hash=self._ids.view_hash(self._clock.now()),
            root_view_id=root or view_id,
            previous_view_id=previous,
            external_id=external_id,
        )
        self._ws.views[view_id] = view
        return view

    def _check_external_id(self, external_id: str, except_view: str | None) -> None:
        if not external_id:
            return
        for view in self._ws.views.values():
            if view.external_id == external_id and view.id != except_view:
                raise ApiError("duplicate_external_id")

    def open(self, user: str, payload: dict[str, Any]) -> View:
        """views.open: a new root modal (an open stack is replaced)."""
        self.clear(user, touch=False)
        view = self._new_view(user, payload, root=None, previous=None)
        self._stack(user).append(view.id)
        self._ws.touch()
        return view

    def push(self, user: str, payload: dict[str, Any]) -> View:
        stack = self._stack(user)
        if not stack:
            return self.open(user, payload)
        if len(stack) >= MAX_VIEW_STACK:
            raise ApiError("push_limit_reached")
        top = self._ws.views[stack[-1]]
        view = self._new_view(user, payload, root=top.root_view_id, previous=top.id)
        stack.append(view.id)
        self._ws.touch()
        return view

    def publish_home(self, user: str, payload: dict[str, Any], hash_: str | None) -> View:
        """views.publish: the user's Home tab, created or replaced."""
        for view in self._ws.views.values():
            if view.user == user and view.payload.get("type") == "home":
                return self.update(view, payload, hash_)
        view = self._new_view(user, payload, root=None, previous=None)
        self._ws.touch()
        return view

    def find(self, view_id: str | None, external_id: str | None) -> View:
        if view_id:
            view = self._ws.views.get(view_id)
        elif external_id:
            view = next((v for v in self._ws.views.values() if v.external_id == external_id), None)
        else:
            raise invalid_arguments("must provide either `view_id` or `external_id`")
        if view is None or not view.is_open:
            raise ApiError("not_found")
        return view

    def update(self, view: View, payload: dict[str, Any], hash_: str | None) -> View:
        """views.update (or response_action "update"): same id, new content and hash."""
        if hash_ and hash_ != view.hash:
            raise ApiError("hash_conflict")
        return self._replace(view, payload)

    def _replace(self, view: View, payload: dict[str, Any]) -> View:
        external_id = str(payload.get("external_id", view.external_id))
        self._check_external_id(external_id, except_view=view.id)
        stored = copy.deepcopy(payload)
        stored["blocks"] = with_generated_ids(stored.get("blocks", []), lambda: self._ids.secret(5))
        kept_blocks = {b["block_id"] for b in stored["blocks"]}
        view.payload = stored
        view.external_id = external_id
        view.hash = self._ids.view_hash(self._clock.now())
        view.state_values = {k: v for k, v in view.state_values.items() if k in kept_blocks}
        self._ws.touch()
        return view

    def close(self, view: View) -> None:
        """Close this view and any pushed above it."""
        stack = self._stack(view.user)
        if view.id in stack:
            for closed in stack[stack.index(view.id) :]:
                self._ws.views[closed].is_open = False
            del stack[stack.index(view.id) :]
        view.is_open = False
        self._ws.touch()

    def clear(self, user: str, *, touch: bool = True) -> None:
        stack = self._stack(user)
        for view_id in stack:
            self._ws.views[view_id].is_open = False
        stack.clear()
        if touch:
            self._ws.touch()

    def top(self, user: str) -> View | None:
        stack = self._ws.view_stacks.get(user, [])
        return self._ws.views[stack[-1]] if stack else None
