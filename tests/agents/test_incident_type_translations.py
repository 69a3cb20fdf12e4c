"""The incident-type data's human-readable fields in zh-TW (`translations: zh-TW:` in each
runbooks/types/*.yaml): complete for every type, Chinese, chosen by the current locale, and a bad
translation refused at start-up naming the field."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from agents import OfflineBackend, run_steps
from agents.errors import IncidentTypeError
from agents.incident_types import TRANSLATABLE, load_incident_types, localize, parse_profile, untranslated
from agents.models import INCIDENT_TYPES
from i18n import reading_in
from tests.agents.conftest import checkout_incident
from tests.agents.test_agents_zh_tw import english_runs


def _texts(value: Any, spec: Any) -> list[str]:
    if value is None:
        return []
    if spec is True:
        return [value]
    if isinstance(spec, list):
        return [text for item in value for text in _texts(item, spec[0])]
    return [text for key in spec for text in _texts(value.get(key), spec[key])]


@pytest.mark.parametrize("incident_type", INCIDENT_TYPES)
def test_every_type_has_every_readable_field_in_chinese(incident_type):
    profile = load_incident_types().profiles[incident_type]
    assert untranslated(profile, "zh-TW") == []
    chinese = _texts(localize(profile, "zh-TW").model_dump(), TRANSLATABLE)
    assert len(chinese) >= 15
    assert {text: english_runs(text) for text in chinese if english_runs(text)} == {}


def test_the_current_locale_chooses_the_words_and_english_is_unchanged():
    types = load_incident_types()
    english = types["service_outage"].fix.summary
    assert english == "Correct the failing code or configuration path in {svc} and ship it behind a flag"
    with reading_in("zh-TW"):
        assert types["service_outage"].fix.summary == "修正 {svc} 中出錯的程式碼或設定路徑，並以功能旗標保護後上線"
        assert types["security_incident"].impact.sla.startswith("目前沒有已知的可用性影響")
        assert types["service_outage"].mitigate.fallbacks[0].kind == "rollback"  # the data itself is shared
    assert types["service_outage"].fix.summary == english


def test_the_fix_step_in_chinese_uses_the_types_chinese_plan():
    context = checkout_incident().model_copy(update={"locale": "zh-TW"})
    results = asyncio.run(run_steps(["fix"], context, OfflineBackend()))
    fix = results["fix"].output
    assert "功能旗標" in str(fix) and "ship it behind a flag" not in str(fix)


_BASE = (load_incident_types().directory + "/third_party_outage.yaml")


@pytest.mark.parametrize(("change", "field"), [
    (("summary: 讓 {svc} 能承受", "summary: 讓服務能承受"), "translations.zh-TW.fix.summary"),
    (("      - 加上斷路器，並提供使用者看得到的備援訊息，或排入佇列稍後重試\n", ""), "translations.zh-TW.fix.changes"),
    (("    label: 第三方服務中斷\n", "    label: 第三方服務中斷\n    classifier: 不可翻譯\n"), "translations.zh-TW.classifier"),
])
def test_a_bad_translation_is_refused_naming_the_field(change, field):
    with open(_BASE, encoding="utf-8") as file:
        text = file.read()
    assert change[0] in text
    with pytest.raises(IncidentTypeError, match=field.replace(".", r"\.")):
        parse_profile(text.replace(change[0], change[1]), "third_party_outage.yaml")
