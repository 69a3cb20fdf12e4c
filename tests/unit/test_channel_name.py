from datetime import date
from itertools import islice

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.incident.channel_name import (
    InvalidPrefix,
    channel_name_candidates,
    is_valid_channel_name,
    slugify,
    validate_prefix,
)

DAY = date(2026, 11, 25)


def test_title_becomes_a_readable_slug():
    first = next(channel_name_candidates("inc", DAY, "Checkout API returning 500s!", 42))
    assert first == "inc-20261125-checkout-api-returning-500s"


def test_accents_are_folded():
    assert slugify("Café Zürich outage") == "cafe-zurich-outage"


def test_chinese_titles_are_romanised_into_a_readable_slug():
    first = next(channel_name_candidates("inc", DAY, "結帳 API 回傳 500 錯誤", 7))
    assert first == "inc-20261125-jie-zhang-api-hui-chuan-500-cuo-wu"
    assert next(channel_name_candidates("inc", DAY, "結帳錯誤", 7)) == "inc-20261125-jie-zhang-cuo-wu"
    assert slugify("資料庫連線逾時（ＥＵ）") == "zi-liao-ku-lian-xian-yu-shi-eu"


def test_only_a_title_that_romanises_to_nothing_gets_the_number_alone():
    assert next(channel_name_candidates("inc", DAY, "🔥🔥🔥", 7)) == "inc-20261125-7"


def test_a_short_slug_from_the_form_wins_over_the_title():
    assert next(channel_name_candidates("inc", DAY, "結帳錯誤", 7, short_slug="Checkout 500s")) == "inc-20261125-checkout-500s"
    assert next(channel_name_candidates("inc", DAY, "結帳錯誤", 7, short_slug="🔥")) == "inc-20261125-jie-zhang-cuo-wu"


def test_later_candidates_add_the_number_then_a_counter():
    names = list(islice(channel_name_candidates("inc", DAY, "db down", 9), 4))
    assert names == ["inc-20261125-db-down", "inc-20261125-db-down-9", "inc-20261125-db-down-9-2",
                     "inc-20261125-db-down-9-3"]


def test_long_titles_are_cut_on_a_word_boundary_within_80():
    title = "the payment gateway is returning intermittent timeouts for european customers since deploy"
    name = next(channel_name_candidates("inc", DAY, title, 1))
    assert len(name) <= 80 and not name.endswith("-") and name.endswith("for")


@pytest.mark.parametrize("prefix", ["INC", "inc!", "", "a" * 21])
def test_bad_prefixes_are_refused(prefix):
    with pytest.raises(InvalidPrefix):
        validate_prefix(prefix)


@given(title=st.text(max_size=300), number=st.integers(min_value=1, max_value=10**9),
       prefix=st.from_regex(r"[a-z0-9][a-z0-9_-]{0,19}", fullmatch=True))
def test_every_candidate_is_a_valid_slack_name(title, number, prefix):
    names = list(islice(channel_name_candidates(prefix, DAY, title, number), 5))
    assert len(set(names)) == 5
    for name in names:
        assert is_valid_channel_name(name), name
