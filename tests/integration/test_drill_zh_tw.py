"""`incident-commander drill --locale zh-TW`: the whole incident with Chinese commands and a
Chinese title, INCIDENT_LOCALE=zh-TW, INCIDENT_TIMEZONE=Asia/Taipei, people whose Slack is in
zh-TW; its transcript and postmortem must hold no English sentence a person would read."""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

import pytest

from drill.run import run_drill
from drill.script import CHINESE
from tests.support.english import english_lines, group_by_source, report, source_of, transcript_body

# The scenario's own names: people, the service, the step keys typed in English by choice.
NAMES = ("alice", "bob", "carol", "dana", "Dana Diaz", "checkout-svc", "checkout-api", "triage", "comms")


@pytest.fixture(scope="module")
def played(tmp_path_factory) -> dict[str, str]:
    """The zh-TW drill played once for the module (about 20 s): what it printed and wrote."""
    out_dir: Path = tmp_path_factory.mktemp("drill-zh-tw")
    out = io.StringIO()
    code = asyncio.run(run_drill(out_dir, out, metrics=False, locale="zh-TW"))
    return {
        "code": str(code),
        "printed": out.getvalue(),
        "transcript": (out_dir / "transcript.txt").read_text(encoding="utf-8"),
        "postmortem": (out_dir / "postmortems" / "INC-1-postmortem.md").read_text(encoding="utf-8"),
    }


def test_the_zh_tw_drill_plays_the_whole_incident_in_chinese_commands(played):
    assert played["code"] == "0", played["printed"][-3000:]
    printed, transcript, document = played["printed"], played["transcript"], played["postmortem"]
    assert "演練通過" in printed
    # a Chinese title, and a war room named by its pinyin rather than a number
    assert "結帳 API 回傳 500" in transcript
    assert re.search(r"#inc-\d{8}-jie-zhang-api-hui-chuan-500", transcript)
    # what people typed in Chinese reached the record: the update form, the status reason,
    # the severity reason, the resolution
    for typed in (CHINESE.update_what, "讓付款呼叫失敗", "各區域的錯誤率都達到 40%", "錯誤率回到 0.2%",
                  "付款錯誤率回到基準"):
        assert typed in transcript + document, typed
    # 決策 … 因為 …: the rationale is split off from what was decided
    assert "在閘道完成前，checkout 的部署一律先走金絲雀發布" in document
    assert "4312 一次就推到 100%" in document and "金絲雀發布 因為 4312" not in document
    # times in Asia/Taipei
    assert "UTC+08:00" in transcript
    # the drill narrates in Chinese and prints the whole postmortem
    narration = [line for line in printed.splitlines() if re.match(r"  \d\d:\d\d → ", line)]
    assert len(narration) >= 20 and all(not english_lines(line, NAMES) for line in narration), narration
    assert "===== 事後檢討 =====" in printed and document.strip().splitlines()[0] in printed
    # vendors saw the incident through
    assert "PagerDuty：incident-commander/INC-1 resolved" in transcript and "Jira：OPS-1" in transcript


def _english(played: dict[str, str]) -> list[tuple[str, str]]:
    """English sentences in the transcript and the postmortem, but for Slack's own words in the
    stand-in's seed (#general's description), which Slack shows in each reader's language."""
    found = english_lines(transcript_body(played["transcript"]) + "\n" + played["postmortem"], NAMES)
    return [(line, run) for line, run in found if not source_of(run).startswith("slack_standin/")]


def test_the_zh_tw_transcript_and_postmortem_have_no_english_sentence(played):
    found = _english(played)
    listing = report(group_by_source(found))
    print("\n" + listing)  # by the source that holds the words: `pytest -s -rx` shows the to-do list
    assert found == [], listing
