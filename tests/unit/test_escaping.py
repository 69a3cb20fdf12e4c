"""The one escape out, the one unescape in (issue 8 §4)."""

from hypothesis import given, strategies as st

from bot.slack.text_in import from_slack
from bot.ui import text
from bot.ui.kit import escape, link


def test_links_only_from_validated_http_urls_with_the_label_escaped():
    assert link("https://grafana.example/d/1?a=1&b=2", "p99 <5s") == "<https://grafana.example/d/1?a=1&amp;b=2|p99 &lt;5s>"
    for bad in ("javascript:alert(1)", "slack://open", "https://x.example|Reset", "https://x.example>y", "ftp://x", ""):
        assert link(bad, "details") == "details"
    assert "<" not in text.deploy_noted("api", "v2", "bob", "https://evil.example|Reset your password")


def test_sentences_escape_what_they_are_given_and_keep_their_own_markup():
    said = text.role_assigned("U0ALICE", "U0BOB", "<!channel> lead", None)
    assert said.startswith(":busts_in_silhouette: <@U0ALICE> made <@U0BOB>") and "&lt;!channel&gt; lead" in said


@given(st.text(max_size=200))
def test_what_slack_escapes_comes_back_as_typed(typed):
    slack_sent = typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert from_slack(slack_sent) == typed
    assert from_slack(escape(typed)) == typed


def test_slack_entities_in_command_text():
    assert from_slack("role tech <@U0BOB|bob>") == "role tech <@U0BOB>"
    assert from_slack("see <#C0GENERAL|general> <!here> <https://x.example/a?b=1&amp;c=2>") == \
        "see #general @here https://x.example/a?b=1&c=2"


def test_a_refused_command_quotes_the_persons_words_escaped_in_both_languages():
    from bot.commands.grammar import UsageError, parse_command
    from bot.ui.help import usage_answer

    try:
        parse_command("<!channel> now")
    except UsageError as error:
        refused = error
    for locale in ("en", "zh-TW"):
        answer = usage_answer(refused, locale)
        assert "&lt;!channel&gt;" in answer and "<!channel>" not in answer
