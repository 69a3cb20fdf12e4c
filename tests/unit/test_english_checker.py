"""tests/support/english.py: what counts as an English sentence in zh-TW text, and the
self-check that it catches the English the bot writes today."""

import pytest

from tests.support.english import english_lines, english_runs, group_by_source, readable, report, source_of


@pytest.mark.parametrize(
    "text",
    [
        "*INC-1* 嚴重度二（SEV2）已宣告：結帳 API 回傳 500",
        "<@U0BOB> 已被指派為 *技術負責人*",
        "狀態從 *調查中* 改為 *已確認*：`checkout-svc` 的部署 2026.11.25-3 讓付款呼叫失敗",
        "已透過 PagerDuty 呼叫值班人員 :rotating_light: <https://example.pagerduty.com/i/1|PD-1>",
        "參考 runbooks/http-5xx-after-deploy.md 與 https://status.example.com/incidents/abc",
        "| 指標 | 數值 | 達成 |",
        "@alice @carol #inc-20261125-jie-zhang · IC · MTTA 3m · MTTR 31m",
        "```\nsum(rate(http_requests_total{code=~\"5..\"}[5m])) by (service)\n```",
        "Slack、Jira、Claude 與 Statuspage",
        "[開啟](https://example.com/a/b) 事件 INC-1",
        "結帳 two words",  # beside Chinese, fewer than three is not a sentence
    ],
)
def test_chinese_with_identifiers_markup_and_names_is_not_english(text):
    assert english_lines(text) == [], readable(text)


@pytest.mark.parametrize(
    ("text", "run"),
    [
        ("結帳 Status update · INC-1 · SEV2", None),  # two words beside Chinese
        ("Card payments fail for ~30% of customers", "Card payments fail for ~30% of customers"),
        ("結帳 API 回傳 500，on-call was paged", "on-call was paged"),
        ("*Tech Lead* <@U0BOB> owns checkout now", "Tech Lead* <@U0BOB> owns checkout now"),
        ("| Criterion | Value | Met |", "Criterion | Value | Met"),
        ("<https://x.example/runbook|Open the runbook>", "Open the runbook"),
        ("Paged the on-call through PagerDuty", "Paged the on-call through"),
        ("事件 :fire: is now resolved", "is now resolved"),
    ],
)
def test_english_sentences_are_found_even_around_markup_and_identifiers(text, run):
    runs = english_runs(text)
    if run is None:
        assert runs == []
    else:
        assert len(runs) == 1
        assert runs[0].split() == [w for w in readable(run).split()]


def test_a_chinese_character_or_a_line_break_ends_a_run():
    assert english_runs("one two 中 three four") == []
    assert english_lines("one two 中 three four") == []
    assert english_lines("one 中\ntwo 中") == []


def test_a_line_without_chinese_is_english_from_two_words():
    assert [run for _, run in english_lines("## Root cause\nStatus update · INC-1 · SEV2")] == [
        "Root cause", "Status update"]
    assert [run for _, run in english_lines("[Tech Lead] [Comms Lead]")] == ["Tech Lead] [Comms Lead"]
    assert english_lines("API · INC-1 · `role tech`") == []  # one word, identifiers, code
    assert english_lines("one two three\n中文") == [("one two three", "one two three")]


def test_names_the_caller_allows_do_not_count_and_do_not_break_a_run():
    assert english_runs("checkout-svc 回滾") == []
    [run] = english_runs("rolled back checkout-svc now", names=["checkout-svc"])
    assert run.split() == ["rolled", "back", "now"]


def test_self_check_it_catches_the_english_the_bot_writes():
    """The English rendering of real sentences of bot/ui/text.py and the English drill's lines
    are caught; if the checker stopped finding them, every zh-TW test would pass for nothing."""
    from i18n import reading_in
    from bot.ui import text

    with reading_in("en"):
        sentences = [
            text.role_assigned("U0ALICE", "U0BOB", "Tech Lead", None),
            text.status_changed("U0BOB", "Investigating", "Identified", "deploy 4312"),
            text.nudge("INC-1", "U0CAROL", "10m"),
            text.escalation("INC-1", "U0ALICE", "6m 0s", "10:04"),
            "is due (every 10m at this severity). <@U0CAROL>, post an update",
            "Rolled checkout-svc back to 2026.11.25-2; payment errors back to baseline (0.2%).",
            "*What is happening:* Checkout API returning 500s",
            "## Success-criteria scorecard",
            "| Severity classified within 5 minutes | 0s | yes |",
        ]
    for sentence in filter(None, sentences):
        assert english_lines(sentence), sentence


def test_findings_are_grouped_by_the_source_that_holds_their_words():
    findings = english_lines("Status updates every cadence here\n結帳\nzzqx wqpl vvmr")
    grouped = group_by_source(findings)
    assert any("scorecard" in source for source in grouped), grouped
    assert "zzqx wqpl vvmr" in [f.line for fs in grouped.values() for f in fs]
    assert source_of("zzqx wqpl vvmr").startswith("(no source found")
    assert "2 English lines" in report(grouped)


def test_the_standin_transcript_frame_is_not_the_bots_words():
    from tests.support.english import transcript_body

    transcript = "\n".join([
        "#inc-1-jie-zhang (C0AB12) · public · topic: SEV1 · 已解決 · 結帳 · purpose: INC-1: 結帳 · members: @alice, @bob",
        "03:43:37  — @incident-commander has joined the channel",
        "03:43:37  — @incident-commander set the channel topic: SEV2 · 調查中 · 結帳",
        "03:43:37  @incident-commander [pinned] (edited):",
        "    ## INC-1 · 結帳",
        "    ↳ 04:20:37  @incident-commander: [file: INC-1 事後檢討]",
        "04:21:00  (only @carol sees this): 時間軸",
        "04:22:00  @incident-commander: The status update is overdue now",
    ])
    body = transcript_body(transcript)
    assert [run for _, run in english_lines(body)] == ["The status update is overdue now"]
    assert "SEV2 · 調查中 · 結帳" in body and "INC-1 事後檢討" in body and "members" not in body
