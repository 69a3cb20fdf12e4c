"""`/incident page` and `/incident statuspage` in the command grammar."""

import pytest

from bot.commands.grammar import PageOnCall, ShowStatusPage, UsageError, parse_command


@pytest.mark.parametrize(("text", "target", "message"), [
    ("page", "", ""),
    ("page checkout", "checkout", ""),
    ("page checkout card payments fail", "checkout", "card payments fail"),
    ("page -- everything is on fire", "", "everything is on fire"),
])
def test_page_reads_a_target_and_a_message(text: str, target: str, message: str) -> None:
    assert parse_command(text) == PageOnCall(target=target, message=message)


def test_page_refuses_a_target_that_is_no_name() -> None:
    with pytest.raises(UsageError, match="not a service or team name"):
        parse_command("page <@U123> now")


def test_statuspage() -> None:
    assert parse_command("statuspage") == ShowStatusPage()
