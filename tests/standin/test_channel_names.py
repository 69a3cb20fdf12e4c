import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slack_standin import channel_name_error


@pytest.mark.parametrize(
    "name",
    ["inc-42-checkout-api", "a", "x" * 80, "sev1_db", "2024-outage", "a-", "_a"],
)
def test_valid_names_pass(name: str) -> None:
    assert channel_name_error(name) is None


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("", "invalid_name_required"),
        ("x" * 81, "invalid_name_maxlength"),
        ("Inc-42", "invalid_name_specials"),
        ("inc 42", "invalid_name_specials"),
        ("inc.42", "invalid_name_specials"),
        ("結帳服務故障", "invalid_name_specials"),
        ("café", "invalid_name_specials"),
        ("#inc-42", "invalid_name_specials"),
        ("---", "invalid_name_punctuation"),
        ("_-_", "invalid_name_punctuation"),
    ],
)
def test_each_error_is_reported(name: str, error: str) -> None:
    assert channel_name_error(name) == error


def test_upper_case_is_rejected_not_lowered() -> None:
    assert channel_name_error("INCIDENT") == "invalid_name_specials"


_VALID = re.compile(r"[a-z0-9_-]{1,80}")


@given(st.text(max_size=100))
def test_accepts_exactly_slacks_alphabet_up_to_80_characters(name: str) -> None:
    valid = bool(_VALID.fullmatch(name)) and not set(name) <= {"-", "_"}
    assert (channel_name_error(name) is None) == valid


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=81, max_size=200))
def test_long_names_are_too_long_whatever_their_letters(name: str) -> None:
    assert channel_name_error(name) == "invalid_name_maxlength"


@given(
    st.from_regex(r"[a-z0-9_-]*[^a-z0-9_-][a-z0-9_-]*", fullmatch=True).filter(
        lambda s: 0 < len(s) <= 80
    )
)
def test_any_other_character_is_a_special(name: str) -> None:
    assert channel_name_error(name) == "invalid_name_specials"
