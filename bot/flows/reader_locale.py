"""Which language to answer a person in: their Slack locale (users.info with include_locale,
cached for INCIDENT_USER_LOCALE_TTL_SECONDS), else INCIDENT_LOCALE.

Shared messages (war room, broadcast, postmortem) use `shared_locale`: a war room stays in one
language whoever typed the command.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import cast

from bot.flows.context import FlowContext
from bot.slack.gateway import SlackFailure
from i18n import Locale, reading_in, supported_locale

log = logging.getLogger(__name__)


def shared_locale(ctx: FlowContext) -> Locale:
    """INCIDENT_LOCALE (also the process-wide default of `i18n.t`, set in build_context)."""
    return cast(Locale, supported_locale(ctx.settings.locale) or "en")


async def reader_locale(ctx: FlowContext, user_id: str | None) -> Locale:
    """The catalogue locale for this person's replies, ephemeral messages and forms."""
    if not user_id:
        return shared_locale(ctx)
    now = ctx.clock().timestamp()
    cached = ctx.user_locales.get(user_id)
    if cached is None or now - cached[1] >= ctx.settings.user_locale_ttl_seconds:
        try:
            tag = await ctx.slack.user_locale(user_id) or ""
        except SlackFailure as failure:  # the answer still goes out, in the shared language
            log.info("no locale for a user", extra={"user": user_id, "error": failure.error})
            return shared_locale(ctx)
        cached = (tag, now)
        ctx.user_locales[user_id] = cached
    return supported_locale(cached[0]) or shared_locale(ctx)


@asynccontextmanager
async def words_for(ctx: FlowContext, user_id: str | None) -> AsyncIterator[None]:
    """Build what is inside for one reader (a form they open, an answer only they see):
    `async with words_for(ctx, user): ...` is `reading_in(await reader_locale(ctx, user))`."""
    with reading_in(await reader_locale(ctx, user_id)):
        yield
