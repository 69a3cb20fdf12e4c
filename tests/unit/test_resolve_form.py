"""The resolve form: valid Block Kit, and a resolution is required."""

import pytest

from bot.ui import forms
from bot.ui.resolve_blocks import BLOCK_RESOLUTION, resolve_modal
from slack_standin import validate_view
from tests.unit.test_blocks import _incident


def _submitted(value: str) -> dict:
    view = resolve_modal(_incident())
    view["state"] = {"values": {BLOCK_RESOLUTION: {"value": {"type": "plain_text_input", "value": value}}}}
    return view


def test_the_resolve_form_is_valid_block_kit():
    assert validate_view(resolve_modal(_incident())) == []


def test_the_resolution_is_read_and_a_blank_one_is_refused_beside_the_field():
    assert forms.resolve_form(_submitted(" rolled back 4312 ")) == ("INC-7", "rolled back 4312")
    with pytest.raises(forms.FormInvalid) as refused:
        forms.resolve_form(_submitted("   "))
    assert BLOCK_RESOLUTION in refused.value.errors
