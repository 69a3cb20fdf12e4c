"""Block Kit validation against Slack's documented limits.

Pure functions over plain dicts (what goes over the wire), so `slack_sdk.models` objects must
be serialised first (`.to_dict()`). Each problem reads like Slack's own
`response_metadata.messages`, e.g.
"must be less than 3001 characters [json-pointer:/blocks/0/text/text]". An empty list means
valid.

Only what Slack documents is enforced; properties this module does not know are let through,
so that new Block Kit features do not make the stand-in stricter than Slack.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal, TypeGuard

Surface = Literal["message", "modal", "home"]

MAX_BLOCKS: dict[Surface, int] = {"message": 50, "modal": 100, "home": 100}
MAX_ID_LENGTH = 255
MAX_PRIVATE_METADATA = 3000
MAX_VIEW_TITLE = 24  # title, submit and close

_TEXT_TYPES = ("plain_text", "mrkdwn")

# Block types and where Slack allows them.
_BLOCK_SURFACES: dict[str, frozenset[Surface]] = {
    "actions": frozenset({"message", "modal", "home"}),
    "context": frozenset({"message", "modal", "home"}),
    "divider": frozenset({"message", "modal", "home"}),
    "file": frozenset({"message"}),
    "header": frozenset({"message", "modal", "home"}),
    "image": frozenset({"message", "modal", "home"}),
    "input": frozenset({"message", "modal", "home"}),
    "markdown": frozenset({"message"}),
    "rich_text": frozenset({"message", "modal", "home"}),
    "section": frozenset({"message", "modal", "home"}),
    "table": frozenset({"message"}),
    "video": frozenset({"message", "modal", "home"}),
}

_SELECTS = (
    "static_select",
    "external_select",
    "users_select",
    "conversations_select",
    "channels_select",
)
_MULTI_SELECTS = tuple("multi_" + s for s in _SELECTS)
_PICKERS = ("datepicker", "timepicker", "datetimepicker")

_ACTIONS_ELEMENTS = frozenset(
    {"button", "checkboxes", "overflow", "radio_buttons", "workflow_button"}
    | set(_SELECTS)
    | set(_MULTI_SELECTS)
    | set(_PICKERS)
)
_SECTION_ACCESSORIES = frozenset(
    {"button", "checkboxes", "image", "overflow", "radio_buttons", "workflow_button"}
    | set(_SELECTS)
    | set(_MULTI_SELECTS)
    | {"datepicker", "timepicker"}
)
_INPUT_ELEMENTS = frozenset(
    {
        "checkboxes",
        "email_text_input",
        "file_input",
        "number_input",
        "plain_text_input",
        "radio_buttons",
        "rich_text_input",
        "url_text_input",
    }
    | set(_SELECTS)
    | set(_MULTI_SELECTS)
    | set(_PICKERS)
)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def problem(message: str, pointer: str) -> str:
    return f"{message} [json-pointer:{pointer}]"


def _too_long(limit: int) -> str:
    return f"must be less than {limit + 1} characters"


class _Checker:
    """Collects problems while walking one payload."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, message: str, pointer: str) -> None:
        self.problems.append(problem(message, pointer))

    # --- primitives -------------------------------------------------------------------------

    def string(
        self,
        value: Any,
        ptr: str,
        *,
        max_len: int | None = None,
        min_len: int = 0,
    ) -> bool:
        if not isinstance(value, str):
            self.add("must be a string", ptr)
            return False
        if len(value) < min_len:
            self.add(f"must be more than {min_len - 1} characters", ptr)
            return False
        if max_len is not None and len(value) > max_len:
            self.add(_too_long(max_len), ptr)
            return False
        return True

    def identifier(self, value: Any, ptr: str, seen: set[str], label: str) -> None:
        """A block_id or action_id: 1 to 255 characters, unique where it must be."""
        if not self.string(value, ptr, max_len=MAX_ID_LENGTH, min_len=1):
            return
        if value in seen:
            self.add(f"duplicate {label}: {value}", ptr)
        seen.add(value)

    def optional_string(self, obj: dict[str, Any], key: str, ptr: str, max_len: int) -> None:
        if key in obj and obj[key] is not None:
            self.string(obj[key], f"{ptr}/{key}", max_len=max_len)

    def boolean(self, obj: dict[str, Any], key: str, ptr: str) -> None:
        if key in obj and not isinstance(obj[key], bool):
            self.add("must be a boolean", f"{ptr}/{key}")

    def obj(self, value: Any, ptr: str) -> bool:
        if not isinstance(value, dict):
            self.add("must provide an object", ptr)
            return False
        return True

    def array(
        self, value: Any, ptr: str, *, max_items: int, min_items: int = 1
    ) -> TypeGuard[list[Any]]:
        if not isinstance(value, list):
            self.add("must provide an array", ptr)
            return False
        if len(value) < min_items:
            self.add(f"must provide at least {min_items} items", ptr)
            return False
        if len(value) > max_items:
            self.add(f"no more than {max_items} items allowed", ptr)
            return False
        return True

    def text(
        self,
        value: Any,
        ptr: str,
        *,
        max_len: int,
        plain_only: bool = False,
    ) -> None:
        """A composition text object: {"type": "plain_text"|"mrkdwn", "text": ...}."""
        if not self.obj(value, ptr):
            return
        kind = value.get("type")
        if kind not in _TEXT_TYPES:
            self.add(f"unsupported type: {kind}", f"{ptr}/type")
            return
        if plain_only and kind != "plain_text":
            self.add("must be a plain_text object, not mrkdwn", f"{ptr}/type")
        if "text" not in value:
            self.add("missing required field: text", ptr)
            return
        self.string(value["text"], f"{ptr}/text", max_len=max_len, min_len=1)
        if kind == "mrkdwn" and "emoji" in value:
            self.add("emoji is only allowed on plain_text", f"{ptr}/emoji")
        if kind == "plain_text" and "verbatim" in value:
            self.add("verbatim is only allowed on mrkdwn", f"{ptr}/verbatim")
        self.boolean(value, "emoji", ptr)
        self.boolean(value, "verbatim", ptr)

    def required_text(
        self, obj: dict[str, Any], key: str, ptr: str, *, max_len: int, plain_only: bool = False
    ) -> None:
        if key not in obj or obj[key] is None:
            self.add(f"missing required field: {key}", ptr)
            return
        self.text(obj[key], f"{ptr}/{key}", max_len=max_len, plain_only=plain_only)

    def optional_text(
        self, obj: dict[str, Any], key: str, ptr: str, *, max_len: int, plain_only: bool = False
    ) -> None:
        if key in obj and obj[key] is not None:
            self.text(obj[key], f"{ptr}/{key}", max_len=max_len, plain_only=plain_only)

    # --- composition objects ----------------------------------------------------------------

    def confirm(self, value: Any, ptr: str) -> None:
        if not self.obj(value, ptr):
            return
        self.optional_text(value, "title", ptr, max_len=100, plain_only=True)
        self.required_text(value, "text", ptr, max_len=300)
        self.optional_text(value, "confirm", ptr, max_len=30, plain_only=True)
        self.optional_text(value, "deny", ptr, max_len=30, plain_only=True)
        if "style" in value and value["style"] not in ("primary", "danger"):
            self.add(f"unsupported style: {value['style']}", f"{ptr}/style")

    def option(self, value: Any, ptr: str, *, plain_only: bool, text_max: int = 75) -> None:
        if not self.obj(value, ptr):
            return
        self.required_text(value, "text", ptr, max_len=text_max, plain_only=plain_only)
        if "value" not in value:
            self.add("missing required field: value", ptr)
        else:
            self.string(value["value"], f"{ptr}/value", max_len=150, min_len=1)
        self.optional_text(value, "description", ptr, max_len=75, plain_only=plain_only)
        self.optional_string(value, "url", ptr, 3000)

    def options(
        self, value: Any, ptr: str, *, max_items: int, plain_only: bool, min_items: int = 1
    ) -> None:
        if self.array(value, ptr, max_items=max_items, min_items=min_items):
            for i, opt in enumerate(value):
                self.option(opt, f"{ptr}/{i}", plain_only=plain_only)

    # --- elements ---------------------------------------------------------------------------

    def element(
        self, value: Any, ptr: str, allowed: frozenset[str], seen_actions: set[str]
    ) -> None:
        if not self.obj(value, ptr):
            return
        kind = value.get("type")
        if kind not in allowed:
            self.add(f"unsupported type: {kind}", f"{ptr}/type")
            return
        if kind == "image":
            self.image_element(value, ptr)
            return
        if value.get("action_id") is not None:
            self.identifier(value["action_id"], f"{ptr}/action_id", seen_actions, "action_id")
        if "confirm" in value:
            self.confirm(value["confirm"], f"{ptr}/confirm")
        if "placeholder" in value:
            self.text(value["placeholder"], f"{ptr}/placeholder", max_len=150, plain_only=True)
        self.boolean(value, "focus_on_load", ptr)
        check = getattr(self, f"_element_{kind}", None)
        if check is not None:
            check(value, ptr)

    def image_element(self, value: dict[str, Any], ptr: str) -> None:
        if "image_url" in value:
            self.string(value["image_url"], f"{ptr}/image_url", max_len=3000, min_len=1)
        elif "slack_file" not in value:
            self.add("must define either `image_url` or `slack_file`", ptr)
        else:
            self.slack_file(value["slack_file"], f"{ptr}/slack_file")
        if "alt_text" not in value:
            self.add("missing required field: alt_text", ptr)
        else:
            self.string(value["alt_text"], f"{ptr}/alt_text", max_len=2000, min_len=1)

    def slack_file(self, value: Any, ptr: str) -> None:
        """Exactly one of `url` or `id`: "you must provide either the URL or ID ... If both are
        provided then the payload will be rejected."
        (https://docs.slack.dev/reference/block-kit/composition-objects/slack-file-object)
        Whether the file exists and is an image is checked where the workspace is known
        (slack_standin/slack_files.py)."""
        if not self.obj(value, ptr):
            return
        given = [key for key in ("url", "id") if key in value]
        if len(given) != 1:
            self.add("must provide exactly one of `url` or `id`", ptr)
            return
        self.string(value[given[0]], f"{ptr}/{given[0]}", min_len=1)

    def _element_button(self, value: dict[str, Any], ptr: str) -> None:
        self.required_text(value, "text", ptr, max_len=75, plain_only=True)
        self.optional_string(value, "value", ptr, 2000)
        self.optional_string(value, "url", ptr, 3000)
        self.optional_string(value, "accessibility_label", ptr, 75)
        if "style" in value and value["style"] not in ("primary", "danger"):
            self.add(f"unsupported style: {value['style']}", f"{ptr}/style")

    def _select_options(self, value: dict[str, Any], ptr: str) -> None:
        has_options = "options" in value
        has_groups = "option_groups" in value
        if has_options == has_groups:
            self.add("must define exactly one of `options` or `option_groups`", ptr)
            return
        if has_options:
            self.options(value["options"], f"{ptr}/options", max_items=100, plain_only=True)
        else:
            groups = value["option_groups"]
            if self.array(groups, f"{ptr}/option_groups", max_items=100):
                for i, group in enumerate(groups):
                    gptr = f"{ptr}/option_groups/{i}"
                    if self.obj(group, gptr):
                        self.required_text(group, "label", gptr, max_len=75, plain_only=True)
                        self.options(
                            group.get("options"), f"{gptr}/options", max_items=100, plain_only=True
                        )

    def _element_static_select(self, value: dict[str, Any], ptr: str) -> None:
        self._select_options(value, ptr)
        if "initial_option" in value:
            self.option(value["initial_option"], f"{ptr}/initial_option", plain_only=True)

    def _element_multi_static_select(self, value: dict[str, Any], ptr: str) -> None:
        self._select_options(value, ptr)
        if "initial_options" in value:
            self.options(
                value["initial_options"], f"{ptr}/initial_options", max_items=100, plain_only=True
            )

    def _element_overflow(self, value: dict[str, Any], ptr: str) -> None:
        self.options(value.get("options"), f"{ptr}/options", max_items=5, plain_only=True)

    def _element_checkboxes(self, value: dict[str, Any], ptr: str) -> None:
        self.options(value.get("options"), f"{ptr}/options", max_items=10, plain_only=False)

    def _element_radio_buttons(self, value: dict[str, Any], ptr: str) -> None:
        self.options(value.get("options"), f"{ptr}/options", max_items=10, plain_only=False)

    def _element_datepicker(self, value: dict[str, Any], ptr: str) -> None:
        date = value.get("initial_date")
        if date is not None and not (isinstance(date, str) and _DATE.fullmatch(date)):
            self.add("must be a date in the format YYYY-MM-DD", f"{ptr}/initial_date")

    def _element_timepicker(self, value: dict[str, Any], ptr: str) -> None:
        time = value.get("initial_time")
        if time is not None and not (isinstance(time, str) and _TIME.fullmatch(time)):
            self.add("must be a time in the format HH:mm", f"{ptr}/initial_time")

    def _element_plain_text_input(self, value: dict[str, Any], ptr: str) -> None:
        self.boolean(value, "multiline", ptr)
        for key, low, high in (("min_length", 0, 3000), ("max_length", 1, 3000)):
            if key in value:
                n = value[key]
                if not isinstance(n, int) or isinstance(n, bool) or not low <= n <= high:
                    self.add(f"must be an integer between {low} and {high}", f"{ptr}/{key}")
        if "initial_value" in value:
            self.string(value["initial_value"], f"{ptr}/initial_value", max_len=3000)

    # --- blocks -----------------------------------------------------------------------------

    def blocks(self, blocks: Any, ptr: str, surface: Surface) -> None:
        if not isinstance(blocks, list):
            self.add("must provide an array", ptr)
            return
        limit = MAX_BLOCKS[surface]
        if len(blocks) > limit:
            self.add(f"no more than {limit} items allowed", ptr)
        seen_block_ids: set[str] = set()
        for i, block in enumerate(blocks):
            self.block(block, f"{ptr}/{i}", surface, seen_block_ids)

    def block(self, block: Any, ptr: str, surface: Surface, seen_block_ids: set[str]) -> None:
        if not self.obj(block, ptr):
            return
        kind = block.get("type")
        if kind not in _BLOCK_SURFACES:
            self.add(f"unsupported type: {kind}", f"{ptr}/type")
            return
        if surface not in _BLOCK_SURFACES[kind]:
            self.add(f"unsupported type: {kind} (not allowed in a {surface})", f"{ptr}/type")
            return
        if block.get("block_id") is not None:
            self.identifier(block["block_id"], f"{ptr}/block_id", seen_block_ids, "block_id")
        getattr(self, f"_block_{kind}")(block, ptr)

    def _block_section(self, block: dict[str, Any], ptr: str) -> None:
        has_text = block.get("text") is not None
        has_fields = block.get("fields") is not None
        if not has_text and not has_fields:
            self.add("must define either `text` or `fields`", ptr)
        if has_text:
            self.text(block["text"], f"{ptr}/text", max_len=3000)
        if has_fields:
            fields = block["fields"]
            if self.array(fields, f"{ptr}/fields", max_items=10):
                for i, field in enumerate(fields):
                    self.text(field, f"{ptr}/fields/{i}", max_len=2000)
        if block.get("accessory") is not None:
            self.element(block["accessory"], f"{ptr}/accessory", _SECTION_ACCESSORIES, set())
        self.boolean(block, "expand", ptr)

    def _block_header(self, block: dict[str, Any], ptr: str) -> None:
        self.required_text(block, "text", ptr, max_len=150, plain_only=True)

    def _block_divider(self, block: dict[str, Any], ptr: str) -> None:
        return None

    def _block_context(self, block: dict[str, Any], ptr: str) -> None:
        elements = block.get("elements")
        if not self.array(elements, f"{ptr}/elements", max_items=10):
            return
        for i, element in enumerate(elements):
            eptr = f"{ptr}/elements/{i}"
            if not self.obj(element, eptr):
                continue
            if element.get("type") == "image":
                self.image_element(element, eptr)
            else:
                self.text(element, eptr, max_len=3000)

    def _block_actions(self, block: dict[str, Any], ptr: str) -> None:
        elements = block.get("elements")
        if not self.array(elements, f"{ptr}/elements", max_items=25):
            return
        seen: set[str] = set()
        for i, element in enumerate(elements):
            self.element(element, f"{ptr}/elements/{i}", _ACTIONS_ELEMENTS, seen)

    def _block_input(self, block: dict[str, Any], ptr: str) -> None:
        self.required_text(block, "label", ptr, max_len=2000, plain_only=True)
        self.optional_text(block, "hint", ptr, max_len=2000, plain_only=True)
        if block.get("element") is None:
            self.add("missing required field: element", ptr)
        else:
            self.element(block["element"], f"{ptr}/element", _INPUT_ELEMENTS, set())
        self.boolean(block, "optional", ptr)
        self.boolean(block, "dispatch_action", ptr)

    def _block_image(self, block: dict[str, Any], ptr: str) -> None:
        self.image_element(block, ptr)
        self.optional_text(block, "title", ptr, max_len=2000, plain_only=True)

    def _block_rich_text(self, block: dict[str, Any], ptr: str) -> None:
        self.array(block.get("elements"), f"{ptr}/elements", max_items=10_000, min_items=0)

    def _block_markdown(self, block: dict[str, Any], ptr: str) -> None:
        if "text" not in block:
            self.add("missing required field: text", ptr)
        else:
            self.string(block["text"], f"{ptr}/text", max_len=12000, min_len=1)

    def _block_file(self, block: dict[str, Any], ptr: str) -> None:
        for key in ("external_id", "source"):
            if key not in block:
                self.add(f"missing required field: {key}", ptr)

    def _block_video(self, block: dict[str, Any], ptr: str) -> None:
        for key in ("alt_text", "thumbnail_url", "video_url"):
            if key not in block:
                self.add(f"missing required field: {key}", ptr)
        self.required_text(block, "title", ptr, max_len=199, plain_only=True)

    def _block_table(self, block: dict[str, Any], ptr: str) -> None:
        self.array(block.get("rows"), f"{ptr}/rows", max_items=100)

    # --- views ------------------------------------------------------------------------------

    def view(self, view: Any, ptr: str) -> None:
        if not self.obj(view, ptr):
            return
        kind = view.get("type")
        if kind not in ("modal", "home"):
            self.add(f"unsupported type: {kind}", f"{ptr}/type")
            return
        surface: Surface = kind
        if kind == "modal":
            self.required_text(view, "title", ptr, max_len=MAX_VIEW_TITLE, plain_only=True)
            self.optional_text(view, "submit", ptr, max_len=MAX_VIEW_TITLE, plain_only=True)
            self.optional_text(view, "close", ptr, max_len=MAX_VIEW_TITLE, plain_only=True)
        if "blocks" not in view:
            self.add("missing required field: blocks", ptr)
        else:
            self.blocks(view["blocks"], f"{ptr}/blocks", surface)
        self.optional_string(view, "private_metadata", ptr, MAX_PRIVATE_METADATA)
        self.optional_string(view, "callback_id", ptr, MAX_ID_LENGTH)
        self.optional_string(view, "external_id", ptr, MAX_ID_LENGTH)
        for key in ("clear_on_close", "notify_on_close", "submit_disabled"):
            self.boolean(view, key, ptr)
        if kind == "modal" and view.get("submit") is None and isinstance(view.get("blocks"), list):
            for i, block in enumerate(view["blocks"]):
                if isinstance(block, dict) and block.get("type") == "input":
                    self.add(
                        "must define `submit` to use an `input` block in modals",
                        f"{ptr}/blocks/{i}",
                    )
                    break


def validate_blocks(
    blocks: Any, surface: Surface = "message", pointer: str = "/blocks"
) -> list[str]:
    """Problems with a list of blocks on the given surface; empty when valid."""
    checker = _Checker()
    checker.blocks(blocks, pointer, surface)
    return checker.problems


def validate_message_blocks(blocks: Any) -> list[str]:
    """Problems with the `blocks` of a message (chat.postMessage, chat.update, response_url)."""
    return validate_blocks(blocks, "message", "/blocks")


def validate_view(view: Any) -> list[str]:
    """Problems with a view payload (views.open/push/update/publish)."""
    checker = _Checker()
    checker.view(view, "/view")
    return checker.problems


def as_slack_messages(problems: Iterable[str]) -> list[str]:
    """The `response_metadata.messages` form: each problem prefixed with "[ERROR] "."""
    return [f"[ERROR] {p}" for p in problems]


def with_generated_ids(
    blocks: list[dict[str, Any]], make_id: Callable[[], str]
) -> list[dict[str, Any]]:
    """A copy of valid blocks with a `block_id` on every block and an `action_id` on every
    interactive element, as Slack stores them (it fills in the ones the app left out)."""
    filled = copy.deepcopy(blocks)
    for block in filled:
        if "block_id" not in block:
            block["block_id"] = make_id()
        for element in _interactive_elements(block):
            if "action_id" not in element:
                element["action_id"] = make_id()
    return filled


def _interactive_elements(block: dict[str, Any]) -> list[dict[str, Any]]:
    kind = block.get("type")
    if kind == "actions":
        return [e for e in block.get("elements", []) if isinstance(e, dict)]
    if kind == "section" and isinstance(block.get("accessory"), dict):
        accessory = block["accessory"]
        return [] if accessory.get("type") == "image" else [accessory]
    if kind == "input" and isinstance(block.get("element"), dict):
        return [block["element"]]
    return []


def interactive_elements(
    blocks: list[dict[str, Any]],
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(block, element) for every interactive element in these blocks, in reading order."""
    for block in blocks:
        for element in _interactive_elements(block):
            yield block, element
