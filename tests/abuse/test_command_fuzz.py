"""`/incident` with any text, through the real HTTP endpoint, signed, as Slack sends it.

Whatever is typed: HTTP 200 within Slack's 3 s, a clear answer the person sees (an ephemeral
reply, the declare form, or the change announced in the war room), never a stack trace, an
exception or a source path, and nothing half-made (no war room without its pinned card, no
record left declaring). The pure parser has its own property tests (tests/unit/test_grammar.py);
these go through Bolt, the flows, Redis and the stand-in.
"""

from __future__ import annotations


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands.grammar import SUBCOMMANDS
from bot.incident.model import Lifecycle
from tests.abuse.support import (
    assert_clean_text,
    assert_nothing_half_made,
    command,
    incident_records,
)

# Each example is a batch of commands against one bot: the harness is built once per test, and
# the invariants checked hold however many batches ran before.
FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANSWER_TEXT_LIMIT = 4000  # a usage answer or an acknowledgement is a few lines, never an echo

_MENTIONS = st.sampled_from(
    [
        "<@U0BOB>",
        "<@U0BOB|bob>",
        "<@U0NOBODY>",
        "<@W0ENTERPRISE|someone>",
        "<@U0BOB|" + "b" * 300 + ">",
        "<!channel>",
        "<!here>",
        "<!subteam^S0ONCALL|@oncall>",
        "<#C0GENERAL|general>",
        "@bob",
        "<@>",
        "<@U0BOB",
        "<https://status.example.com|status page>",
    ]
)
_KEYWORDS = st.sampled_from(
    [
        "sev1", "SEV-2", "Sev_3", "p0", "P3", "sev0", "sev5", "p9", "sev", "sev" + "9" * 5000,
        "p" + "1" * 5000, "sev²", "p٣", "²", "٣", "1" * 5000, "phase", "phase ²",
        "identified", "monitoring", "resolved", "investigating", "fixed",
        "ic", "tech", "comms", "sme", "janitor", "all", "phase", "1", "9", "triage",
        "because", "since", "why:", "*bold*", "`code`", "```", "~strike~", "> quote", "&amp;",
    ]
)
_ODD_CHARACTERS = st.sampled_from(
    ["\x00", "\x07", "\x1b[31m", "\x7f", "\u200b", "\u202e", "\ufeff", "\u2028", "\u0301", "\ufffd"]
)
_CONTROL = st.lists(
    st.characters(max_codepoint=0x1F) | _ODD_CHARACTERS, min_size=1, max_size=6
).map("".join)
_LONG_WORD = st.builds(
    lambda character, n: character * n,
    st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")),
    st.integers(min_value=151, max_value=6000),
)
_SHORT_WORD = st.one_of(
    st.text(max_size=24),  # any Unicode (no lone surrogates: Slack sends UTF-8)
    _CONTROL,
    _MENTIONS,
    _KEYWORDS,
)
_WORD = st.one_of(_SHORT_WORD, _LONG_WORD)
_SEPARATOR = st.sampled_from([" ", "  ", "\t", "\n", "\u3000", "\xa0"])


@st.composite
def _tail(draw, max_words: int = 8, word=_WORD) -> str:
    words = draw(st.lists(word, max_size=max_words))
    return "".join(word + draw(_SEPARATOR) for word in words).strip(" ")


_SUBCOMMAND = st.sampled_from([*SUBCOMMANDS, "sev", "-h", "?", "DECLARE", "Status", "ROLE"])


@st.composite
def command_text(draw) -> str:
    """Anything at all, or a subcommand (in any case) with a random tail."""
    kind = draw(st.sampled_from(["anything", "subcommand", "subcommand", "declare", "form"]))
    if kind == "anything":
        return draw(st.one_of(st.text(max_size=400), _tail()))
    if kind == "declare":  # a severity and a title of any shape: some declare for real
        severity = draw(st.sampled_from(["sev1", "SEV-2", "p2", "sev4", "sev7", "p9"]))
        title = draw(st.one_of(_tail(max_words=5, word=_SHORT_WORD), _tail(max_words=3)))
        return f"declare {severity} {title}"
    if kind == "form":  # a title without a severity: the declare form opens, pre-filled
        return f"declare {draw(_tail(max_words=4))}"
    return f"{draw(_SUBCOMMAND)}{draw(_SEPARATOR)}{draw(_tail())}"


PEOPLE = st.sampled_from(["alice", "bob", "carol"])


def _clean_answer(texts: list[str], typed: str) -> None:
    for text in texts:
        # The person's own words may come back (a title, an unknown word): they are not leaks.
        scrubbed = text
        for word in sorted(set(typed.split()), key=len, reverse=True):
            scrubbed = scrubbed.replace(word, " ")
        assert_clean_text(scrubbed or "(echo only)", typed[:200])
        first_line = text.split("\n", 1)[0]
        assert len(first_line) < ANSWER_TEXT_LIMIT, (
            f"a {len(first_line)}-character answer to {typed[:80]!r}"
        )


async def _close_forms(harness) -> None:
    for who in ("alice", "bob", "carol"):
        while (view := harness.slack.open_view(who)) is not None:
            await harness.slack.user(who).close_view(view.id)


async def _declarers_were_told(harness) -> None:
    """Everyone whose declare went through was told where its war room is."""
    for record in await incident_records(harness):
        who = harness.slack.workspace.user(record.declared_by).name
        if record.lifecycle is Lifecycle.READY:
            await harness.slack.wait_for(
                lambda r=record, w=who: [t for t in harness.replies(w, f"*{r.id}* declared")],
                description=f"{record.id}'s war-room reply",
            )


@FUZZ
@given(batch=st.lists(st.tuples(PEOPLE, command_text()), min_size=4, max_size=8))
async def test_any_command_text_in_a_channel_gets_a_clear_answer_and_nothing_half_made(
    harness, batch
):
    for who, typed in batch:
        _, texts = await command(harness, who, typed)
        _clean_answer(texts, typed)
        await _close_forms(harness)
    await assert_nothing_half_made(harness)
    await _declarers_were_told(harness)


_WAR_ROOM_SUBCOMMAND = st.sampled_from(
    [
        "status", "update", "severity", "sev", "role", "decision", "note", "resolve",
        "timeline", "actions", "run", "list", "help",
    ]
)


@st.composite
def war_room_text(draw) -> str:
    sub = draw(_WAR_ROOM_SUBCOMMAND)
    sep = draw(_SEPARATOR)
    if sub == "status":
        lead = draw(st.sampled_from(["identified", "monitoring", "investigating", "fixed", ""]))
        return f"status{sep}{lead} {draw(_tail(max_words=4))}".rstrip()
    if sub in ("severity", "sev"):
        lead = draw(st.sampled_from(["sev1", "sev2", "p3", "sev9", ""]))
        return f"{sub}{sep}{lead} {draw(_tail(max_words=4))}".rstrip()
    if sub == "role":
        role = draw(st.sampled_from(["tech", "comms", "sme", "janitor", ""]))
        extra = draw(st.sampled_from(["", "and more"]))
        return f"role{sep}{role} {draw(_MENTIONS)} {extra}".rstrip()
    if sub == "run":
        lead = draw(st.sampled_from(["", "phase ", "all ", "triage "]))
        return f"run{sep}{lead}{draw(_tail(max_words=2))}"
    return f"{sub}{sep}{draw(_tail(max_words=6))}".rstrip()


@FUZZ
@given(batch=st.lists(st.tuples(PEOPLE, war_room_text()), min_size=4, max_size=8))
async def test_any_command_text_in_a_war_room_gets_a_clear_answer_and_a_consistent_record(
    harness, batch
):
    rooms = [r for r in await incident_records(harness) if r.lifecycle is Lifecycle.READY]
    if rooms:
        incident = rooms[0]
    else:
        incident = await harness.declare("declare sev2 Checkout API returning 500s")
    for who in ("bob", "carol"):
        await harness.slack.user(who).join(incident.channel_id)
    for who, typed in batch:
        _, texts = await command(harness, who, typed, incident.channel_id)
        _clean_answer(texts, typed)
        await _close_forms(harness)
    [record] = await assert_nothing_half_made(harness)
    timeline = await harness.store.timeline(record.id)  # every event still reads back
    assert timeline[0].kind.value == "declared"
    for message in harness.slack.find_messages(record.channel_id):
        assert not message.text.startswith(":warning: Something went wrong"), message.text
    card = harness.slack.message(record.channel_id, record.card_ts)
    assert card is not None and card.blocks, "the card is still there"


HAND_PICKED = [
    "run phase ²",  # a digit int() refuses
    "run phase " + "1" * 5000,  # more digits than int() converts
    "declare sev" + "9" * 5000 + " Checkout down",
    "severity p" + "1" * 5000,
    "sev SEV-" + "0" * 5000,
    "declare p٣ Arabic-Indic digit severity",
    "declare sev1 \x00\x07\x1b[31m control characters",
    "declare sev1 \u202eRTL override\u200b zero width",
    "declare sev1 <!channel> <!here> <@U0BOB|bob> ``` *",
    "declare sev1 中文标题 only",
    "declare sev1 " + "𝕏" * 150,
    "declare sev1 " + "\u0301" * 150,
    "declare " + "\u3000".join(["sev2", "ideographic", "spaces"]),
    "\x00",
    "\u3000",
    "role tech <@U0BOB|" + "b" * 5000 + ">",
    "status " + "\ufeff",
    "update " + "\n" * 5000,
]


async def test_hand_picked_command_texts_get_a_clear_answer(harness):
    """Inputs the fuzzer reaches only by luck, each once, anywhere a person could type them."""
    for typed in HAND_PICKED:
        _, texts = await command(harness, "alice", typed)
        _clean_answer(texts, typed)
        await _close_forms(harness)
    await assert_nothing_half_made(harness)
    await _declarers_were_told(harness)
