"""`SlackUser`: one person in the workspace, doing what people do in Slack.

Each interaction is sent to the app exactly as Slack sends it (signed, form-encoded
`payload=` or slash-command fields, JSON for events), with a fresh trigger id and response URL.
What Slack does with the answer is applied too: a command's acknowledgement text becomes an
ephemeral message, a view submission's `response_action` updates/pushes/clears the modal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any, Protocol
from urllib.parse import urlencode

from slack_standin.app_config import AppConfig, escape_command_text
from slack_standin import payloads
from slack_standin.clock import WorkspaceClock
from slack_standin.delivery import DeliveryResult, Signing
from slack_standin.errors import ApiError
from slack_standin.ids import IdFactory
from slack_standin.modals import Modals, TriggerRegistry, check_view
from slack_standin.responses import Responses
from slack_standin.seed import GENERAL_CHANNEL_ID
from slack_standin.state import Channel, Ephemeral, Message, User, View, Workspace

_FORM = "application/x-www-form-urlencoded"


class SlackForUsers(Protocol):
    """What a person needs of the stand-in (SlackStandIn is one): the workspace, its clock and
    ids, the trigger/response/modal registries an interaction adds to, and delivery to the app.
    Typed as a protocol so this module does not import the stand-in that creates its users."""

    workspace: Workspace
    clock: WorkspaceClock
    ids: IdFactory
    triggers: TriggerRegistry
    responses: Responses
    modals: Modals
    verification_token: str

    @property
    def bot(self) -> User: ...

    @property
    def team_id(self) -> str: ...

    async def deliver(
        self,
        *,
        kind: str,
        payload: Any,
        body: str,
        content_type: str,
        signing: Signing = Signing.VALID,
        extra_headers: dict[str, str] | None = None,
        trigger_id: str | None = None,
        response_url: str | None = None,
    ) -> DeliveryResult: ...

    async def deliver_event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str = "http_timeout",
        signing: Signing = Signing.VALID,
    ) -> DeliveryResult: ...


@dataclass(frozen=True)
class ViewSubmissionResult(DeliveryResult):
    """A submission's delivery plus what Slack made of the app's answer."""

    response_action: str | None = None
    errors: dict[str, str] | None = None
    problems: tuple[str, ...] = ()
    view_closed: bool = False


def _interaction_body(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


class SlackUser:
    def __init__(self, standin: SlackForUsers, user_id: str) -> None:
        self._slack = standin
        self.id = user_id

    @property
    def user(self) -> User:
        user = self._slack.workspace.user(self.id)
        assert user is not None
        return user

    @property
    def name(self) -> str:
        return self.user.name

    def __repr__(self) -> str:
        return f"SlackUser({self.name!r}, {self.id!r})"

    def _visible_channel(self, channel_id: str) -> Channel:
        channel = self._slack.workspace.channel(channel_id)
        if channel is None:
            raise KeyError(f"no channel {channel_id!r}")
        if channel.is_private and not channel.has_member(self.id):
            raise PermissionError(f"{self.name} cannot see private channel {channel.name}")
        return channel

    def _ts(self) -> str:
        return f"{self._slack.clock.now():.6f}"

    # --- slash commands ---------------------------------------------------------------------

    async def command(
        self,
        command: str,
        text: str = "",
        channel_id: str = GENERAL_CHANNEL_ID,
        *,
        signing: Signing = Signing.VALID,
    ) -> DeliveryResult:
        """Type `/command text` in a channel. A non-empty acknowledgement is shown to the user
        (`standin.ephemerals(...)`); a failed or late one becomes Slack's error notice."""
        if not command.startswith("/"):
            raise ValueError("a slash command starts with '/'")
        slack = self._slack
        channel = self._visible_channel(channel_id)
        trigger_id = slack.triggers.issue(self.id)
        target = slack.responses.issue(user=self.id, channel=channel.id, source="slash_command")
        response_url = slack.responses.url(target)
        form = payloads.slash_command(
            slack.workspace,
            user=self.user,
            channel=channel,
            command=command,
            text=escape_command_text(
                text, slack.workspace.app or AppConfig(), {u.id: u.name for u in slack.workspace.users.values()}
            ),
            response_url=response_url,
            trigger_id=trigger_id,
            verification_token=slack.verification_token,
        )
        result = await slack.deliver(
            kind="slash_command",
            payload=form,
            body=urlencode(form),
            content_type=_FORM,
            signing=signing,
            trigger_id=trigger_id,
            response_url=response_url,
        )
        if result.ok and result.text.strip():
            body = result.json
            slack.responses.apply_ack(
                target, body if isinstance(body, dict) else {"text": result.text}
            )
        elif not result.ok:
            error = "operation_timeout" if result.timed_out else "dispatch_failed"
            self._slack_notice(channel, f'{command} failed with the error "{error}"')
        return result

    def _slack_notice(self, channel: Channel, text: str) -> None:
        self._slack.workspace.ephemerals.append(
            Ephemeral(
                channel=channel.id,
                user=self.id,
                ts=self._slack.ids.ts(self._slack.clock.now()),
                text=text,
                source="slack",
            )
        )
        self._slack.workspace.touch()

    # --- block actions ----------------------------------------------------------------------

    async def click(
        self,
        channel_id: str,
        message_ts: str,
        action_id: str,
        *,
        option: Any = None,
        block_id: str | None = None,
        signing: Signing = Signing.VALID,
    ) -> DeliveryResult:
        """Click a button (or pick `option`, an option's value, in a select) in a message:
        a channel message or one of this user's ephemeral messages."""
        slack = self._slack
        channel = self._visible_channel(channel_id)
        message = slack.workspace.message(channel.id, message_ts)
        ephemeral = None
        if message is None:
            ephemeral = next(
                (
                    e
                    for e in slack.workspace.ephemerals
                    if e.channel == channel.id
                    and e.ts == message_ts
                    and e.user == self.id
                    and not e.deleted
                ),
                None,
            )
            if ephemeral is None:
                raise LookupError(
                    f"no message {message_ts} in {channel.name} visible to {self.name}"
                )
        source = message or ephemeral
        assert source is not None
        block, element = payloads.find_element(source.blocks or [], action_id, block_id)
        trigger_id = slack.triggers.issue(self.id)
        target = slack.responses.issue(
            user=self.id,
            channel=channel.id,
            source="block_actions",
            message_ts=message_ts,
            message_is_ephemeral=ephemeral is not None,
        )
        response_url = slack.responses.url(target)
        payload = payloads.block_actions(
            slack.workspace,
            user=self.user,
            actions=[payloads.action(block, element, action_ts=self._ts(), option=option)],
            trigger_id=trigger_id,
            verification_token=slack.verification_token,
            container={
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel.id,
                "is_ephemeral": ephemeral is not None,
            },
            channel=channel,
            # Slack leaves `message` out of payloads from ephemeral messages.
            message=slack.workspace.message_to_api(message) if message is not None else None,
            response_url=response_url,
        )
        return await slack.deliver(
            kind="block_actions",
            payload=payload,
            body=_interaction_body(payload),
            content_type=_FORM,
            signing=signing,
            trigger_id=trigger_id,
            response_url=response_url,
        )

    async def click_in_view(
        self,
        view_id: str,
        action_id: str,
        *,
        option: Any = None,
        block_id: str | None = None,
        signing: Signing = Signing.VALID,
    ) -> DeliveryResult:
        """Click a button or pick an option inside an open modal."""
        slack = self._slack
        view = self._open_view(view_id)
        block, element = payloads.find_element(view.payload.get("blocks", []), action_id, block_id)
        entry = payloads.action(block, element, action_ts=self._ts(), option=option)
        if element.get("type") != "button":
            state = {
                k: v
                for k, v in entry.items()
                if k not in ("action_id", "block_id", "action_ts", "placeholder")
            }
            view.state_values.setdefault(str(block.get("block_id")), {})[action_id] = state
        trigger_id = slack.triggers.issue(self.id, view.id)
        payload = payloads.block_actions(
            slack.workspace,
            user=self.user,
            actions=[entry],
            trigger_id=trigger_id,
            verification_token=slack.verification_token,
            container={"type": "view", "view_id": view.id},
            view=self._view_body(view),
        )
        return await slack.deliver(
            kind="block_actions",
            payload=payload,
            body=_interaction_body(payload),
            content_type=_FORM,
            signing=signing,
            trigger_id=trigger_id,
        )

    # --- modals -----------------------------------------------------------------------------

    def _open_view(self, view_id: str) -> View:
        view = self._slack.workspace.views.get(view_id)
        if view is None or view.user != self.id or not view.is_open:
            raise LookupError(f"{self.name} has no open view {view_id}")
        return view

    def _view_body(self, view: View) -> dict[str, Any]:
        ws = self._slack.workspace
        return view.to_api(ws.team.id, ws.app_id, ws.bot.bot_id or "")

    async def submit_view(
        self,
        view_id: str,
        values: dict[str, dict[str, Any]] | None = None,
        *,
        signing: Signing = Signing.VALID,
    ) -> ViewSubmissionResult:
        """Fill the modal's inputs ({block_id: {action_id: value}}) and press its submit
        button. Values per element: text for text inputs, a user id for users_select, a list
        of ids for multi_users_select, an option's value for static_select, "YYYY-MM-DD" for
        datepicker. Raises ValueError where Slack's client would refuse to submit."""
        slack = self._slack
        view = self._open_view(view_id)
        if slack.modals.top(self.id) is not view:
            raise ValueError(f"view {view_id} is not the top of {self.name}'s modal stack")
        if view.payload.get("submit") is None:
            raise ValueError(f"view {view_id} has no submit button")
        view.state_values = payloads.state_values(view, values or {})
        trigger_id = slack.triggers.issue(self.id, view.id)
        payload = payloads.view_submission(
            slack.workspace,
            user=self.user,
            view=self._view_body(view),
            trigger_id=trigger_id,
            verification_token=slack.verification_token,
        )
        result = await slack.deliver(
            kind="view_submission",
            payload=payload,
            body=_interaction_body(payload),
            content_type=_FORM,
            signing=signing,
            trigger_id=trigger_id,
        )
        return self._apply_submission_answer(view, result)

    def _apply_submission_answer(self, view: View, result: DeliveryResult) -> ViewSubmissionResult:
        base = {f.name: getattr(result, f.name) for f in fields(DeliveryResult)}
        if not result.ok:
            problem = (
                "no acknowledgement within 3 s" if result.timed_out else f"HTTP {result.status}"
            )
            return ViewSubmissionResult(**base, problems=(problem,))
        body = result.json if isinstance(result.json, dict) else {}
        action = body.get("response_action")
        modals = self._slack.modals
        problems: list[str] = []
        errors = None
        try:
            if action is None:
                modals.close(view)
            elif action == "errors":
                errors = body.get("errors")
                problems.extend(self._error_problems(view, errors))
            elif action == "update":
                modals.update(view, check_view(body.get("view")), None)
            elif action == "push":
                modals.push(self.id, check_view(body.get("view")))
            elif action == "clear":
                modals.clear(self.id)
            else:
                problems.append(f"unknown response_action {action!r}")
        except ApiError as error:
            messages = error.extra.get("response_metadata", {}).get("messages", [])
            problems.append(f"{action}: {error.error} {messages}".strip())
        return ViewSubmissionResult(
            **base,
            response_action=action,
            errors=errors,
            problems=tuple(problems),
            view_closed=not view.is_open,
        )

    @staticmethod
    def _error_problems(view: View, errors: Any) -> list[str]:
        if not isinstance(errors, dict) or not errors:
            return ["response_action errors needs a non-empty `errors` object"]
        inputs = {
            b.get("block_id") for b in view.payload.get("blocks", []) if b.get("type") == "input"
        }
        return [
            f"errors names {key!r}, which is not an input block"
            for key in errors
            if key not in inputs
        ]

    async def close_view(
        self, view_id: str, *, signing: Signing = Signing.VALID
    ) -> DeliveryResult | None:
        """Press the modal's close button. The app hears of it (`view_closed`) only if the view
        asked with `notify_on_close`; then the delivery result is returned, else None."""
        slack = self._slack
        view = self._open_view(view_id)
        body = self._view_body(view)
        notify = bool(view.payload.get("notify_on_close"))
        if view.payload.get("clear_on_close"):
            slack.modals.clear(self.id)
        else:
            slack.modals.close(view)
        if not notify:
            return None
        payload = payloads.view_closed(
            slack.workspace,
            user=self.user,
            view=body,
            verification_token=slack.verification_token,
            is_cleared=bool(view.payload.get("clear_on_close")),
        )
        return await slack.deliver(
            kind="view_closed",
            payload=payload,
            body=_interaction_body(payload),
            content_type=_FORM,
            signing=signing,
        )

    # --- conversation -----------------------------------------------------------------------

    async def say(self, channel_id: str, text: str, thread_ts: str | None = None) -> Message:
        """Post a message. If the app is in the channel it gets the `message` event (and
        `app_mention` when mentioned), as with the Events API subscriptions."""
        slack = self._slack
        channel = self._visible_channel(channel_id)
        if not channel.has_member(self.id):
            raise PermissionError(f"{self.name} is not a member of {channel.name}")
        message = slack.workspace.store_message(
            Message(
                channel=channel.id,
                ts=slack.ids.ts(slack.clock.now()),
                user=self.id,
                text=text,
                thread_ts=thread_ts,
            )
        )
        if channel.has_member(slack.bot.id):
            event: dict[str, Any] = {
                "type": "message",
                "channel": channel.id,
                "user": self.id,
                "text": text,
                "ts": message.ts,
                "event_ts": message.ts,
                "team": slack.team_id,
                "channel_type": "im"
                if channel.is_im
                else "group"
                if channel.is_private
                else "channel",
            }
            if thread_ts:
                event["thread_ts"] = thread_ts
            await slack.deliver_event(event)
            if f"<@{slack.bot.id}>" in text:
                mention = {k: v for k, v in event.items() if k != "channel_type"}
                await slack.deliver_event({**mention, "type": "app_mention"})
        return message

    async def react(self, channel_id: str, ts: str, reaction: str) -> DeliveryResult | None:
        """Add an emoji reaction; the app gets `reaction_added` if it is in the channel."""
        slack = self._slack
        channel = self._visible_channel(channel_id)
        message = slack.workspace.message(channel.id, ts)
        if message is None:
            raise LookupError(f"no message {ts} in {channel.name}")
        if not channel.has_member(slack.bot.id):
            return None
        return await slack.deliver_event(
            {
                "type": "reaction_added",
                "user": self.id,
                "reaction": reaction,
                "item": {"type": "message", "channel": channel.id, "ts": ts},
                "item_user": message.user,
            }
        )

    async def join(self, channel_id: str) -> DeliveryResult | None:
        """Join a public channel; the app gets `member_joined_channel` if it is in it."""
        slack = self._slack
        channel = self._visible_channel(channel_id)
        if channel.is_private:
            raise PermissionError("private channels are joined by invitation only")
        if channel.has_member(self.id):
            return None
        slack.workspace.add_members(channel, [self.id])
        slack.workspace.store_message(
            Message(
                channel=channel.id,
                ts=slack.ids.ts(slack.clock.now()),
                user=self.id,
                text=f"<@{self.id}> has joined the channel",
                subtype="channel_join",
            )
        )
        if not channel.has_member(slack.bot.id):
            return None
        return await slack.deliver_event(
            {
                "type": "member_joined_channel",
                "user": self.id,
                "channel": channel.id,
                "channel_type": "C",
                "team": slack.team_id,
            }
        )

    # --- App Home -----------------------------------------------------------------------------

    def home_view(self) -> View | None:
        """The Home tab the app last published for this person (views.publish), if any."""
        ws = self._slack.workspace
        return next((v for v in ws.views.values() if v.user == self.id and v.payload.get("type") == "home"), None)

    async def open_home(self, tab: str = "home") -> DeliveryResult:
        """Open the app's App Home: the app gets `app_home_opened` with the tab, the person's
        DM channel with the app, and, when a Home tab was published before, its current view.
        (https://docs.slack.dev/reference/events/app_home_opened)"""
        if tab not in ("home", "messages"):
            raise ValueError("tab is `home` or `messages`")
        slack = self._slack
        app = slack.workspace.app
        # https://api.slack.com/surfaces/tabs/using: a tab the app has not enabled is not shown,
        # so it cannot be opened and Slack sends no event for it
        if app is not None and tab == "home" and not app.home_tab_enabled:
            raise ValueError("the app's manifest has the Home tab off: there is no Home tab to open")
        if app is not None and tab == "messages" and not app.messages_tab_enabled:
            raise ValueError("the app's manifest has the Messages tab off: there is no Messages tab to open")
        ws = slack.workspace
        channel = ws.im_with(self.id)
        if channel is None:
            channel = ws.add_channel(
                Channel(
                    id=slack.ids.im(),
                    name=self.id,
                    created=int(slack.clock.now()),
                    creator=slack.bot.id,
                    is_private=True,
                    is_im=True,
                    im_user=self.id,
                    members=[slack.bot.id, self.id],
                )
            )
        event: dict[str, Any] = {"type": "app_home_opened", "user": self.id, "channel": channel.id, "tab": tab}
        published = self.home_view()
        if published is not None:
            event["view"] = self._view_body(published)
        return await slack.deliver_event(event)
