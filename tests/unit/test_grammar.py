import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.commands.grammar import (
    AssignRole,
    Declare,
    Help,
    ListOpen,
    Resolve,
    SetSeverity,
    SetStatus,
    ShowStatus,
    ShowTimeline,
    UsageError,
    parse_command,
)
from bot.incident.kinds import Role, Status
from bot.incident.severity import Severity


@pytest.mark.parametrize(
    "text, severity",
    [("sev1", Severity.SEV1), ("SEV-1", Severity.SEV1), ("Sev_2", Severity.SEV2), ("P0", Severity.SEV1),
     ("p3", Severity.SEV4), ("sev4", Severity.SEV4)],
)
def test_declare_accepts_every_severity_spelling(text, severity):
    command = parse_command(f"declare {text} Checkout API returning 500s")
    assert command == Declare(severity=severity, title="Checkout API returning 500s")


def test_declare_is_case_insensitive_and_squeezes_spaces():
    assert parse_command("  DECLARE   sev2   Payments   slow ") == Declare(severity=Severity.SEV2, title="Payments slow")


def test_declare_without_arguments_asks_for_the_form():
    assert parse_command("declare").needs_modal


def test_declare_without_severity_keeps_the_title_for_the_form():
    command = parse_command("declare 結帳 API 回傳 500 錯誤")
    assert command == Declare(title="結帳 API 回傳 500 錯誤") and command.needs_modal


@pytest.mark.parametrize("text", ["declare sev9 boom", "declare p4 boom", "declare sev0 boom"])
def test_unknown_severity_is_refused_with_the_valid_ones(text):
    with pytest.raises(UsageError, match="sev1..sev4"):
        parse_command(text)


def test_declare_with_severity_but_no_title_names_the_missing_title():
    with pytest.raises(UsageError, match="title is missing"):
        parse_command("declare sev1")


def test_overlong_title_is_refused():
    with pytest.raises(UsageError, match="under 150"):
        parse_command("declare sev1 " + "x" * 151)


def test_status_alone_shows_and_with_a_word_changes():
    assert parse_command("status") == ShowStatus()
    assert parse_command("status Identified bad deploy 4312") == SetStatus(
        status=Status.IDENTIFIED, reason="bad deploy 4312"
    )
    assert parse_command("status resolved rolled back") == Resolve(summary="rolled back")


def test_unknown_status_lists_the_valid_ones():
    with pytest.raises(UsageError, match="investigating, identified, monitoring, resolved"):
        parse_command("status fixed")


def test_severity_change_with_reason():
    assert parse_command("severity p1 EU only") == SetSeverity(severity=Severity.SEV2, reason="EU only")
    with pytest.raises(UsageError, match="Which severity"):
        parse_command("severity")


@pytest.mark.parametrize(
    "text, role",
    [("role ic <@U0ALICE>", Role.INCIDENT_COMMANDER), ("role tech <@U0BOB|bob>", Role.TECH_LEAD),
     ("role Comms <@U0CAROL|carol>", Role.COMMS_LEAD), ("role sme <@W0DAVE>", Role.SME)],
)
def test_role_shortcut_takes_escaped_mentions(text, role):
    command = parse_command(text)
    assert isinstance(command, AssignRole) and command.role is role


@pytest.mark.parametrize(
    "text, message",
    [("role", "Which role"), ("role janitor <@U1>", "not a role"), ("role tech bob", "Mention exactly one"),
     ("role tech <@U1> <@U2>", "Mention exactly one")],
)
def test_role_mistakes_are_explained(text, message):
    with pytest.raises(UsageError, match=message):
        parse_command(text)


def test_simple_subcommands():
    assert parse_command("") == Help()
    assert parse_command("help") == Help()
    assert parse_command("timeline") == ShowTimeline()
    assert parse_command("list") == ListOpen()
    assert parse_command("resolve  rolled back v2.3 ") == Resolve(summary="rolled back v2.3")


def test_unknown_subcommand_lists_the_known_ones():
    with pytest.raises(UsageError, match="I don't know `frobnicate`.*declare, status"):
        parse_command("frobnicate now")


@given(st.text(max_size=400))
def test_any_text_is_a_command_or_a_usage_error(text):
    try:
        parse_command(text)
    except UsageError as exc:
        assert str(exc)


@pytest.mark.parametrize("text", ["status identified ", "severity sev2 ", "resolve ", "status resolved "])
def test_overlong_reasons_are_refused_like_updates(text):
    with pytest.raises(UsageError, match="keep it under 2900"):
        parse_command(text + "x" * 3000)


def test_stats_window_and_service():
    from bot.commands.grammar import ShowStats

    assert parse_command("stats") == ShowStats(days=30)
    assert parse_command("stats 90D checkout") == ShowStats(days=90, service="checkout")
    assert parse_command("stats payments") == ShowStats(days=30, service="payments")
    with pytest.raises(UsageError):
        parse_command("stats 90d a b")
