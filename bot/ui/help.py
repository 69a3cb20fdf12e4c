"""The `/incident help` reply and the answer to a command the grammar refused, in one locale."""

from __future__ import annotations

from bot.commands.aliases import SUBCOMMAND_ALIASES
from bot.commands.grammar import UsageError
from bot.ui.kit import escape
from i18n import t


def help_text(locale: str) -> str:
    """Every command, with the Chinese form of each subcommand (from the alias table, so a
    subcommand aliased elsewhere shows up here too)."""
    pairs = [t("help-alias", locale, alias=alias, command=english) for alias, english in SUBCOMMAND_ALIASES.items()]
    return t("help-text", locale, aliases=t("help-alias-separator", locale).join(pairs))


def usage_answer(error: UsageError, locale: str) -> str:
    """The person's own words quoted back are escaped (a `<!channel>` typed as a subcommand
    must not ping anyone)."""
    quoted = UsageError(error.key, **{name: escape(value) for name, value in error.params.items()})
    return t("usage-hint", locale, message=quoted.message(locale))
