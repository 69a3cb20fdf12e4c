"""The message catalogues: complete in every locale, every key used, placeholders alike, and
the checker that says so can fail."""

from pathlib import Path

import pytest

from i18n import LOCALES, Catalogue, MissingMessage, Translator, supported_locale, t
from i18n.check import check_catalogues


def test_the_shipped_catalogues_are_complete_used_and_agree():
    assert check_catalogues() == []


def test_both_locales_ship():
    assert set(LOCALES) == {"en", "zh-TW"}
    root = Path(__file__).resolve().parents[2] / "i18n" / "locales"
    assert {p.name for p in root.iterdir() if p.is_dir()} == set(LOCALES)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")


def test_the_checker_reports_each_kind_of_problem(tmp_path):
    locales, code = tmp_path / "locales", tmp_path / "code"
    _write(locales, {
        "en/area.ftl": "greet = Hello {$name}\nonly-en = x\nunused-key = y\nbad-args = {$a} and {$b}\n",
        "zh-TW/area.ftl": "greet = 你好 {$name}\nunused-key = 乙\nbad-args = {$a}\n",
        "zh-TW/broken.ftl": "this is not fluent\n",
    })
    _write(code, {"m.py": 't("greet", name="x")\nt("only-en")\nt("bad-args")\nt("never-written")\n'})
    problems = check_catalogues(locales, [code])
    joined = "\n".join(problems)
    assert "`only-en` is missing in zh-TW" in joined
    assert "`bad-args` has different placeholders" in joined
    assert "`unused-key` is in the catalogues but no code names it" in joined
    assert "`never-written` (m.py:4) is in no catalogue" in joined
    assert "zh-TW/broken.ftl: does not parse" in joined
    assert not any("`greet`" in p for p in problems)
    assert len(problems) == 5


def test_the_checker_passes_a_sound_pair(tmp_path):
    locales, code = tmp_path / "locales", tmp_path / "code"
    _write(locales, {"en/a.ftl": "k-one = {$n} items\n", "zh-TW/a.ftl": "k-one = {$n} 個項目\n"})
    _write(code, {"m.py": 'KEYS = ("k-one",)\n'})
    assert check_catalogues(locales, [code]) == []


def test_a_key_named_twice_in_one_locale_is_reported(tmp_path):
    locales, code = tmp_path / "locales", tmp_path / "code"
    _write(locales, {"en/a.ftl": "k-one = a\n", "en/b.ftl": "k-one = b\n", "zh-TW/a.ftl": "k-one = 甲\n"})
    _write(code, {"m.py": 'x = "k-one"\n'})
    assert check_catalogues(locales, [code]) == ["en/b.ftl: `k-one` is also in en/a.ftl"]


def test_messages_format_in_each_locale_with_fallback_and_no_isolation_marks(tmp_path):
    _write(tmp_path, {"en/a.ftl": "hi = Hi <@{$user}>\nonly-en = English\n", "zh-TW/a.ftl": "hi = 嗨 <@{$user}>\n"})
    catalogue = Catalogue(tmp_path)
    assert catalogue.format("hi", "zh-TW", user="U1") == "嗨 <@U1>"  # no U+2068/2069 around U1
    assert catalogue.format("only-en", "zh-TW") == "English"
    with pytest.raises(MissingMessage):
        catalogue.format("nowhere", "en")


def test_t_and_translator_read_the_shipped_catalogue():
    assert "/incident help" in t("usage-hint", "en", message="m")
    assert "/incident 說明" in Translator("zh-TW")("usage-hint", message="m")
    assert Translator.for_tag("zh-HK").locale == "zh-TW"
    assert Translator.for_tag("fr-FR", default="zh-TW").locale == "zh-TW"


@pytest.mark.parametrize(
    "tag, expected",
    [("en", "en"), ("en-US", "en"), ("en_GB", "en"), ("zh-TW", "zh-TW"), ("zh-tw", "zh-TW"),
     ("zh-HK", "zh-TW"), ("zh-Hant-TW", "zh-TW"), ("zh-CN", None), ("fr-FR", None), ("", None), (None, None)],
)
def test_slack_locale_tags_map_to_catalogue_locales(tag, expected):
    assert supported_locale(tag) == expected
