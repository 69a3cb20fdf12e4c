"""The message catalogue: every sentence a person reads, in English and Traditional Chinese.

Both bot/ and agents/ import it; it imports neither (so it adds no cycle). Catalogues are
Fluent files, one per area and locale: `i18n/locales/<locale>/<area>.ftl`.

    from i18n import t, Translator
    t("grammar-not-a-status", "zh-TW", word="done", valid="…")
    tr = Translator("zh-TW"); tr("help-title")
"""

from i18n.catalogue import (
    DEFAULT_LOCALE,
    LOCALES,
    Catalogue,
    Locale,
    MissingMessage,
    Translator,
    catalogue,
    supported_locale,
    t,
)
from i18n.current import current_locale, reading_in, shared_words, use_shared_locale

__all__ = [
    "DEFAULT_LOCALE",
    "LOCALES",
    "Catalogue",
    "Locale",
    "MissingMessage",
    "Translator",
    "catalogue",
    "supported_locale",
    "t",
    "current_locale",
    "reading_in",
    "shared_words",
    "use_shared_locale",
]
