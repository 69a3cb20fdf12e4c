from typing import Any

import pytest
from slack_sdk.models.blocks import ActionsBlock, ButtonElement, HeaderBlock, SectionBlock
from slack_sdk.models.views import View as SdkView

from slack_standin import validate_message_blocks, validate_view
from slack_standin.blockkit import with_generated_ids


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn(text), **extra}


def button(label: str, action_id: str, **extra: Any) -> dict[str, Any]:
    return {"type": "button", "text": plain(label), "action_id": action_id, **extra}


def modal(blocks: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"type": "modal", "title": plain("Declare"), "blocks": blocks, **extra}


def only(problems: list[str]) -> str:
    assert len(problems) == 1, problems
    return problems[0]


def test_a_typical_incident_message_is_valid() -> None:
    blocks = [
        {"type": "header", "text": plain("SEV1 · Checkout API returning 500s")},
        section(
            "*Commander:* <@U0ALICE>",
            fields=[mrkdwn("*Severity*\nSEV1"), mrkdwn("*Status*\nInvestigating")],
        ),
        {"type": "context", "elements": [mrkdwn("Declared 12:00 UTC")]},
        {"type": "divider"},
        {
            "type": "actions",
            "elements": [button("Acknowledge", "ack", value="INC-1", style="primary")],
        },
    ]
    assert validate_message_blocks(blocks) == []


def test_slack_sdk_models_serialised_are_valid() -> None:
    blocks = [
        HeaderBlock(text="SEV2").to_dict(),
        SectionBlock(text="hello").to_dict(),
        ActionsBlock(elements=[ButtonElement(text="Go", action_id="go")]).to_dict(),
    ]
    assert validate_message_blocks(blocks) == []


def test_more_than_50_blocks_in_a_message() -> None:
    problem = only(validate_message_blocks([{"type": "divider"}] * 51))
    assert problem == "no more than 50 items allowed [json-pointer:/blocks]"


def test_section_text_over_3000_characters_reads_like_slack() -> None:
    problem = only(validate_message_blocks([section("x" * 3001)]))
    assert problem == "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"


def test_section_needs_text_or_fields() -> None:
    assert "must define either `text` or `fields`" in only(
        validate_message_blocks([{"type": "section"}])
    )


def test_section_fields_limits() -> None:
    too_many = validate_message_blocks([{"type": "section", "fields": [mrkdwn("a")] * 11}])
    assert only(too_many) == "no more than 10 items allowed [json-pointer:/blocks/0/fields]"
    too_long = validate_message_blocks([{"type": "section", "fields": [mrkdwn("a" * 2001)]}])
    assert "/blocks/0/fields/0/text" in only(too_long)


def test_header_must_be_plain_text_of_at_most_150() -> None:
    assert "plain_text" in only(validate_message_blocks([{"type": "header", "text": mrkdwn("x")}]))
    assert "151" in only(validate_message_blocks([{"type": "header", "text": plain("x" * 151)}]))


def test_button_limits() -> None:
    assert "/text/text" in only(
        validate_message_blocks([{"type": "actions", "elements": [button("x" * 76, "a")]}])
    )
    assert "/value" in only(
        validate_message_blocks(
            [{"type": "actions", "elements": [button("x", "a", value="v" * 2001)]}]
        )
    )
    assert "/url" in only(
        validate_message_blocks(
            [{"type": "actions", "elements": [button("x", "a", url="u" * 3001)]}]
        )
    )
    assert "/text/type" in only(
        validate_message_blocks(
            [
                {
                    "type": "actions",
                    "elements": [{"type": "button", "text": mrkdwn("x"), "action_id": "a"}],
                }
            ]
        )
    )


def test_actions_and_context_element_counts() -> None:
    buttons = [button(str(i), f"b{i}") for i in range(26)]
    assert "no more than 25" in only(
        validate_message_blocks([{"type": "actions", "elements": buttons}])
    )
    context = {"type": "context", "elements": [mrkdwn("c")] * 11}
    assert "no more than 10" in only(validate_message_blocks([context]))


def test_ids_are_at_most_255_and_block_ids_unique() -> None:
    long_id = [{"type": "divider", "block_id": "b" * 256}]
    assert "/blocks/0/block_id" in only(validate_message_blocks(long_id))
    long_action = [{"type": "actions", "elements": [button("x", "a" * 256)]}]
    assert "/action_id" in only(validate_message_blocks(long_action))
    duplicated = [{"type": "divider", "block_id": "same"}, {"type": "divider", "block_id": "same"}]
    assert "duplicate block_id" in only(validate_message_blocks(duplicated))


def test_unknown_block_types_and_misplaced_elements_are_rejected() -> None:
    assert (
        only(validate_message_blocks([{"type": "banner"}]))
        == "unsupported type: banner [json-pointer:/blocks/0/type]"
    )
    text_input_in_actions = [
        {"type": "actions", "elements": [{"type": "plain_text_input", "action_id": "t"}]}
    ]
    assert "unsupported type: plain_text_input" in only(
        validate_message_blocks(text_input_in_actions)
    )


def test_text_objects_must_have_a_known_type_and_text() -> None:
    assert "unsupported type: markdown" in only(
        validate_message_blocks([{"type": "section", "text": {"type": "markdown", "text": "x"}}])
    )
    assert "must be more than 0 characters" in only(validate_message_blocks([section("")]))


def test_blocks_must_be_objects_in_a_list() -> None:
    assert validate_message_blocks({"type": "divider"}) == [
        "must provide an array [json-pointer:/blocks]"
    ]
    assert "must provide an object" in only(validate_message_blocks(["divider"]))


def test_static_select_options() -> None:
    select = {
        "type": "static_select",
        "action_id": "sev",
        "placeholder": plain("Severity"),
        "options": [{"text": plain("SEV1"), "value": "sev1"}],
    }
    assert validate_message_blocks([{"type": "actions", "elements": [select]}]) == []
    no_options = {**select, "options": []}
    assert "at least 1" in only(
        validate_message_blocks([{"type": "actions", "elements": [no_options]}])
    )


def test_input_block_needs_label_and_element() -> None:
    problems = validate_view(modal([{"type": "input"}], submit=plain("Go")))
    assert "missing required field: label [json-pointer:/view/blocks/0]" in problems
    assert "missing required field: element [json-pointer:/view/blocks/0]" in problems


def test_a_declare_modal_is_valid() -> None:
    view = modal(
        [
            {
                "type": "input",
                "block_id": "title",
                "label": plain("Title"),
                "element": {"type": "plain_text_input", "action_id": "value"},
            },
            {
                "type": "input",
                "block_id": "ic",
                "label": plain("Commander"),
                "element": {"type": "users_select", "action_id": "user"},
            },
        ],
        submit=plain("Declare"),
        close=plain("Cancel"),
        callback_id="declare",
        private_metadata='{"channel": "C0GENERAL"}',
    )
    assert validate_view(view) == []


def test_view_limits() -> None:
    assert "missing required field: title [json-pointer:/view]" in validate_view(
        {"type": "modal", "blocks": []}
    )
    assert "must be less than 25 characters [json-pointer:/view/title/text]" in validate_view(
        {"type": "modal", "title": plain("x" * 25), "blocks": []}
    )
    assert "/view/submit/text" in only(validate_view(modal([], submit=plain("s" * 25))))
    assert "/view/close/text" in only(validate_view(modal([], close=plain("c" * 25))))
    assert (
        "must be less than 3001 characters [json-pointer:/view/private_metadata]"
        in validate_view(modal([], private_metadata="m" * 3001))
    )
    assert "/view/callback_id" in only(validate_view(modal([], callback_id="c" * 256)))
    assert "no more than 100 items allowed [json-pointer:/view/blocks]" in validate_view(
        modal([{"type": "divider"}] * 101)
    )
    assert "unsupported type: page" in only(validate_view({"type": "page", "blocks": []}))


def test_input_blocks_in_a_modal_need_submit() -> None:
    view = modal(
        [
            {
                "type": "input",
                "label": plain("Title"),
                "element": {"type": "plain_text_input", "action_id": "t"},
            }
        ]
    )
    assert (
        only(validate_view(view))
        == "must define `submit` to use an `input` block in modals [json-pointer:/view/blocks/0]"
    )


def test_modal_title_must_be_plain_text() -> None:
    assert "plain_text" in only(
        validate_view({"type": "modal", "title": mrkdwn("x"), "blocks": []})
    )


def test_sdk_view_model_serialised_is_valid() -> None:
    view = SdkView(type="modal", title="Declare", blocks=[SectionBlock(text="hi")]).to_dict()
    assert validate_view(view) == []


@pytest.mark.parametrize("surface_only_block", [{"type": "markdown", "text": "**hi**"}])
def test_message_only_blocks_are_refused_in_modals(surface_only_block: dict[str, Any]) -> None:
    assert validate_message_blocks([surface_only_block]) == []
    assert "not allowed in a modal" in only(validate_view(modal([surface_only_block])))


def test_generated_ids_fill_only_what_is_missing() -> None:
    counter = iter(range(100))
    blocks = [
        section("a"),
        {
            "type": "actions",
            "block_id": "mine",
            "elements": [button("x", "keep"), {"type": "button", "text": plain("y")}],
        },
    ]
    filled = with_generated_ids(blocks, lambda: f"gen{next(counter)}")
    assert filled[0]["block_id"] == "gen0"
    assert filled[1]["block_id"] == "mine"
    assert [e["action_id"] for e in filled[1]["elements"]] == ["keep", "gen1"]
    assert "block_id" not in blocks[0]
