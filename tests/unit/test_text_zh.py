"""bot/ui/text.py and the flows' sentences (i18n/locales/*/text-*.ftl) in Traditional Chinese:
every sentence renders in zh-TW with no English sentence left, the English rendering is the one
the code wrote before the catalogue, and the words follow the reader's locale at call time."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from bot.ui import text
from i18n import reading_in, t
from i18n.catalogue import LOCALES_DIR
from i18n.check import read_catalogues
from tests.support.english_words import english_sentences


def test_the_checker_finds_english_and_passes_chinese():
    assert english_sentences("The war room is ready") == ["The war room is ready"]
    assert english_sentences(":white_check_mark: 已宣告 *INC-1*。戰情室：<#C0WAR>") == []
    assert english_sentences("請用 `/incident run all now` 呼叫 PagerDuty Jira Slack") == []
    assert english_sentences("戰情室 is_archived 已封存 with one word") == ["with one word"]


def _text_keys() -> dict[str, frozenset[str]]:
    entries = read_catalogues(LOCALES_DIR).entries["zh-TW"]
    return {key: entry.placeholders for key, entry in entries.items() if key.startswith("text-")}


def _value(name: str, count: int):
    if name in {"count", "limit", "cap", "minutes", "attempts", "done", "total", "more"}:
        return count
    return "甲"


@pytest.mark.parametrize("count", [1, 2])
def test_every_text_key_reads_as_chinese(count):
    keys = _text_keys()
    assert len(keys) > 150
    for key, names in keys.items():
        said = t(key, "zh-TW", **{name: _value(name, count) for name in names})
        assert not english_sentences(said), f"{key}: {said!r}"
        if key != "text-list-separator" and not key.startswith("text-state-"):
            assert said != t(key, "en", **{name: _value(name, count) for name in names}), key


def _argument(name: str, parameter: inspect.Parameter):
    annotation = str(parameter.annotation)
    if "bool" in annotation:
        return True
    if "int" in annotation:
        return 2
    if "list" in annotation:
        return ["分類", "溝通"]
    if name == "item":
        return SimpleNamespace(number=3, description="修正設定")
    if name == "at":
        return datetime(2026, 1, 1, tzinfo=UTC)
    if name == "url":
        return "https://status.example/incidents/1"
    if name in {"actor", "user", "user_id", "previous", "commander", "owner", "declared_by"}:
        return "U0ALICE"
    return "結帳"


def _sentences():
    for name, function in sorted(vars(text).items()):
        if inspect.isfunction(function) and function.__module__ == text.__name__ and not name.startswith("_"):
            yield name, function


# Times, not sentences: the same in both languages.
_SAME_IN_BOTH = {"slack_time", "clock_time"}


def test_every_sentence_function_speaks_the_readers_language():
    same = set()
    for name, function in _sentences():
        arguments = {n: _argument(n, p) for n, p in inspect.signature(function).parameters.items()}
        with reading_in("zh-TW"):
            chinese = function(**arguments)
        with reading_in("en"):
            english = function(**arguments)
        assert not english_sentences(chinese), f"{name}: {chinese!r}"
        if chinese == english:
            same.add(name)
    assert same == _SAME_IN_BOTH


def test_module_constants_follow_the_locale_at_each_use():
    with reading_in("zh-TW"):
        assert "戰情室" in text.NOT_IN_WAR_ROOM and "{ref}" in text.INTERNAL_ERROR
        assert text.RUN_TITLE == "AI 代理步驟"
    with reading_in("en"):
        assert text.NOT_IN_WAR_ROOM.startswith("This only works inside an incident's war-room channel.")
        assert text.INTERNAL_ERROR.format(ref="abc") == text.internal_error("abc")
    with pytest.raises(AttributeError):
        text.NO_SUCH_CONSTANT  # noqa: B018


def test_english_keeps_its_numbers_and_plurals():
    with reading_in("en"):
        assert text.steps_queued("all", 1).startswith(":robot_face: Running all (1 step);")
        assert "(2900 steps)" in text.steps_queued("all", 2900)
        assert text.more_alerts(2900) == "and 2,900 more alerts"
        assert text.more_alerts(10**40) == f"and {10**40:,} more alerts"  # a hostile count still reads
        assert f"({10**40} steps)" in text.steps_queued("all", 10**40)
        assert text.all_alerts_resolved("INC-1", 1).startswith(":information_source: The alert behind *INC-1*")
        assert text.all_alerts_resolved("INC-1", 3).startswith(":information_source: All 3 alerts behind *INC-1*")
        assert text.status_changed("U1", "Investigating", "Identified", "") .endswith("*Identified*.")
    with reading_in("zh-TW"):
        assert text.status_changed("U1", "調查中", "已確認", "找到原因").endswith("改為 *已確認*。原因：找到原因")


def test_chinese_sentences_still_escape_what_they_are_given():
    with reading_in("zh-TW"):
        said = text.role_assigned("U0ALICE", "U0BOB", "<!channel> 負責人", None)
    assert said.startswith(":busts_in_silhouette: <@U0ALICE> 指派 <@U0BOB>") and "&lt;!channel&gt;" in said


def test_a_sentence_can_be_said_again_in_the_askers_language():
    with reading_in("en"):
        refusal = text.update_on_resolved("INC-7")
    assert refusal.startswith(":information_source: INC-7 is resolved")
    with reading_in("zh-TW"):
        assert refusal.again() == ":information_source: INC-7 已解決；要發布狀態更新，請先重新開啟事件。"
        assert "「已解決」" in text.already_resolved().again()
