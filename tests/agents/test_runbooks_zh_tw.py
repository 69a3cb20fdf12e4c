"""The runbooks in Traditional Chinese (runbooks/zh-TW/<file>.md): every English runbook has one
with the same sections, commands and PromQL; the loader and matcher pick the runbook in the
current locale and cite the file actually used; English answers are unchanged."""

from __future__ import annotations

import asyncio
import re
from collections import Counter

import frontmatter
import pytest

from agents import STEP_KEYS, OfflineBackend, run_steps
from agents.render import render_markdown
from agents.runbooks import default_runbook_dir, load_runbooks, match_runbooks
from i18n import reading_in
from tests.agents.conftest import bare_incident, checkout_incident

FOLDER = default_runbook_dir()
ENGLISH = sorted(p.name for p in FOLDER.glob("*.md"))


def _post(path):
    return frontmatter.loads(path.read_text(encoding="utf-8"))


def _sections(body: str) -> list[str]:
    """Each heading's level and number ("## 1."), in order, outside fenced code."""
    body = re.sub(r"```.*?```", "", body, flags=re.DOTALL)
    return [m.group(1) + (" " + m.group(2) if m.group(2) else "")
            for m in re.finditer(r"^(#+)\s+(\d+\.)?", body, re.MULTILINE)]


def _inline(text: str) -> Counter[str]:
    """The inline `code` spans outside fenced code."""
    return Counter(re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.DOTALL)))


def test_there_are_runbooks_to_translate():
    assert len(ENGLISH) >= 7


@pytest.mark.parametrize("name", ENGLISH)
def test_every_runbook_has_a_zh_tw_version(name):
    assert (FOLDER / "zh-TW" / name).is_file(), f"runbooks/zh-TW/{name} is missing"


@pytest.mark.parametrize("name", ENGLISH)
def test_the_zh_tw_runbook_has_the_same_sections_commands_and_promql(name):
    english, chinese = _post(FOLDER / name), _post(FOLDER / "zh-TW" / name)
    assert _sections(chinese.content) == _sections(english.content)
    assert len(_sections(english.content)) >= 4
    # Fenced code and inline `code` (commands, error messages, identifiers) unchanged.
    assert re.findall(r"```.*?```", chinese.content, re.DOTALL) == \
        re.findall(r"```.*?```", english.content, re.DOTALL)
    assert _inline(chinese.content) == _inline(english.content)
    # The front matter's lists have the same items, in the same order.
    for field in ("causes", "mitigations", "checks", "alerts", "monitoring", "hardening"):
        en_items, zh_items = english.metadata.get(field) or [], chinese.metadata.get(field) or []
        assert len(zh_items) == len(en_items), field
    assert [(a["name"], a["action"]) for a in chinese.metadata.get("alerts") or []] == \
        [(a["name"], a["action"]) for a in english.metadata.get("alerts") or []]
    for en_check, zh_check in zip(english.metadata.get("checks") or [], chinese.metadata["checks"]):
        if en_check.startswith(("SELECT", "openssl")):
            assert zh_check == en_check
        if en_check.startswith("PromQL:"):
            query = en_check.split(" - ")[0].split(" to ")[0].rstrip(".")
            assert zh_check.startswith(query), (en_check, zh_check)
    # What decides a match is never translated: the loader takes it from the English file.
    for field in ("incident_types", "services", "keywords", "alert_names", "severity_hint"):
        assert field not in chinese.metadata, f"{field} belongs to the English runbook only"
    assert re.search(r"[\u4e00-\u9fff]", chinese.content)


def test_the_loader_picks_the_current_locale_and_cites_the_file_used():
    english = load_runbooks(locale="en")
    assert [b.path for b in english] == [f"runbooks/{n}" for n in ENGLISH]
    assert [b.path for b in load_runbooks()] == [b.path for b in english]
    with reading_in("zh-TW"):
        chinese = load_runbooks()
    assert [b.path for b in chinese] == [f"runbooks/zh-TW/{n}" for n in ENGLISH]
    for en, zh in zip(english, chinese):
        assert (zh.incident_types, zh.services, zh.keywords, zh.alert_names, zh.severity_hint) == \
            (en.incident_types, en.services, en.keywords, en.alert_names, en.severity_hint)
        assert [m.kind for m in zh.mitigations] == [m.kind for m in en.mitigations]
        assert zh.title != en.title and re.search(r"[\u4e00-\u9fff]", zh.title)
        assert zh.localized("en") is en and en.localized("zh-TW") is zh


def test_a_missing_translation_falls_back_to_english(tmp_path):
    for name in ENGLISH[:2]:
        (tmp_path / name).write_text((FOLDER / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "zh-TW").mkdir()
    (tmp_path / "zh-TW" / ENGLISH[0]).write_text(
        (FOLDER / "zh-TW" / ENGLISH[0]).read_text(encoding="utf-8"), encoding="utf-8")
    books = load_runbooks(tmp_path, locale="zh-TW")
    assert [b.path for b in books] == [f"runbooks/zh-TW/{ENGLISH[0]}", f"runbooks/{ENGLISH[1]}"]


@pytest.mark.parametrize("title", ["Checkout API returning 500s after deploy of v2.3.1",
                                   "orders-db disk full, no space left on device",
                                   "TLS certificate has expired on api.example.com"])
def test_the_same_runbooks_match_in_both_languages(title):
    context = bare_incident(title)
    english = match_runbooks(context)
    with reading_in("zh-TW"):
        chinese = match_runbooks(context)
    assert english, title
    assert [(m.path.replace("runbooks/zh-TW/", "runbooks/"), m.score, m.reasons) for m in chinese] \
        == [(m.path, m.score, m.reasons) for m in english]
    assert all(m.path.startswith("runbooks/zh-TW/") for m in chinese)


def _run(locale: str):
    context = checkout_incident().model_copy(update={"locale": locale})
    results = asyncio.run(run_steps(STEP_KEYS, context, OfflineBackend()))
    with reading_in(locale):
        return "\n".join(render_markdown(r) for r in results.values())


def test_zh_tw_offline_answers_quote_the_chinese_runbook():
    text = _run("zh-TW")
    en_book = next(b for b in load_runbooks(locale="en")
                   if b.path.endswith("http-5xx-after-deploy.md"))
    zh_book = en_book.localized("zh-TW")
    assert "runbooks/zh-TW/http-5xx-after-deploy.md" in text
    assert "runbooks/http-5xx-after-deploy.md" not in text
    quoted = [m.action for m in zh_book.mitigations if m.action in text]
    assert quoted, "no zh-TW runbook mitigation is quoted"
    assert not [m.action for m in en_book.mitigations if m.action in text]


def test_english_offline_answers_still_quote_the_english_runbook():
    text = _run("en")
    assert "runbooks/http-5xx-after-deploy.md" in text
    assert "runbooks/zh-TW/" not in text
