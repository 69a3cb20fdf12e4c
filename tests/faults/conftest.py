"""The integration harness (real bot, real redis-server, the Slack stand-in), shared here."""

from tests.integration.conftest import harness, slack  # noqa: F401
