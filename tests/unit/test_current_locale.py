"""Which locale `t(key)` writes in when the caller does not say."""

import asyncio

from i18n import current_locale, reading_in, shared_words, t, use_shared_locale


def test_the_shared_locale_is_the_default_and_a_reader_block_overrides_it():
    use_shared_locale("zh-TW")
    try:
        assert current_locale() == "zh-TW"
        assert t("grammar-stats-usage") == t("grammar-stats-usage", "zh-TW")
        with reading_in("en-US"):
            assert current_locale() == "en"
            with shared_words():
                assert current_locale() == "zh-TW"
            assert current_locale() == "en"
        with reading_in("fr-FR"):  # unsupported: the shared one
            assert current_locale() == "zh-TW"
    finally:
        use_shared_locale("en")
    assert current_locale() == "en"


async def test_concurrent_readers_never_see_each_others_language():
    seen = {}

    async def reader(name: str, tag: str) -> None:
        with reading_in(tag):
            await asyncio.sleep(0)  # let the other reader run inside its own block
            seen[name] = current_locale()

    await asyncio.gather(reader("alice", "zh-TW"), reader("bob", "en-GB"))
    assert seen == {"alice": "zh-TW", "bob": "en"}
