"""Each method's documented error codes, so an injected fault is one Slack can really answer.

From each method's reference page, "Errors" table (https://api.slack.com/methods/<name>); the
errors every method can answer (auth, transport, server) are on every page and listed once here.
`FaultPlan.fail` refuses an error a catalogued method does not document.
"""

from __future__ import annotations

# On every method page: authentication, request shape and server-side failures.
COMMON = frozenset({
    "not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired",
    "no_permission", "org_login_required", "missing_scope", "not_allowed_token_type",
    "ekm_access_denied", "access_denied", "accesslimited", "invalid_arguments", "invalid_arg_name",
    "invalid_array_arg", "invalid_charset", "invalid_form_data", "invalid_post_type",
    "missing_post_type", "team_added_to_org", "deprecated_endpoint", "two_factor_setup_required",
    "enterprise_is_restricted", "request_timeout", "fatal_error", "internal_error",
    "service_unavailable", "ratelimited",
})

DOCUMENTED: dict[str, frozenset[str]] = {
    # https://docs.slack.dev/reference/methods/files.delete
    "files.delete": frozenset({"cant_delete_file", "file_deleted", "file_not_found"}),
    # https://api.slack.com/methods/conversations.invite
    "conversations.invite": frozenset({
        "already_in_channel", "cant_invite", "cant_invite_self", "channel_not_found",
        "is_archived", "method_not_supported_for_channel_type", "no_user", "not_in_channel",
        "too_many_users", "user_not_found", "user_is_bot", "ura_max_channels",
        "user_is_restricted", "user_is_ultra_restricted", "restricted_action",
        "org_user_not_in_team", "no_external_invite_permission", "missing_channel",
        "not_allowed_by_team_policy", "cant_invite_app_user", "failed_for_some_users",
        "is_bot", "user_team_not_in_channel", "team_not_found", "invalid_channel_type",
    }),
    # https://api.slack.com/methods/conversations.create
    "conversations.create": frozenset({
        "name_taken", "restricted_action", "no_channel", "invalid_name",
        "invalid_name_maxlength", "invalid_name_punctuation", "invalid_name_required",
        "invalid_name_specials", "missing_argument", "team_not_found", "user_is_restricted",
        "is_bot", "invalid_team",
    }),
    # https://api.slack.com/methods/chat.postMessage
    "chat.postMessage": frozenset({
        "as_user_not_supported", "channel_not_found", "duplicate_channel_not_found",
        "duplicate_message_not_found", "invalid_blocks", "invalid_blocks_format",
        "invalid_metadata_format", "invalid_metadata_schema", "is_archived", "is_inactive",
        "message_limit_exceeded", "messages_tab_disabled", "metadata_must_be_sent_from_app",
        "metadata_too_large", "msg_too_long", "no_text", "not_in_channel", "rate_limited",
        "restricted_action", "restricted_action_non_threadable_channel",
        "restricted_action_read_only_channel", "restricted_action_thread_locked",
        "restricted_action_thread_only_channel", "team_access_not_granted",
        "too_many_attachments", "too_many_contact_cards", "user_is_restricted",
        "thread_not_found",
    }),
    # https://api.slack.com/methods/chat.update
    "chat.update": frozenset({
        "cant_update_message", "channel_not_found", "edit_window_closed", "is_archived",
        "is_inactive", "message_not_found", "msg_too_long", "no_text", "too_many_attachments",
        "invalid_blocks", "invalid_blocks_format", "invalid_metadata_format",
        "invalid_metadata_schema", "metadata_too_large", "metadata_must_be_sent_from_app",
        "not_in_channel", "restricted_action", "team_access_not_granted",
        "update_failed", "block_mismatch", "too_many_contact_cards",
    }),
    # https://api.slack.com/methods/chat.postEphemeral
    "chat.postEphemeral": frozenset({
        "channel_not_found", "is_archived", "is_inactive", "msg_too_long", "no_text",
        "restricted_action", "restricted_action_non_threadable_channel",
        "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
        "too_many_attachments", "user_not_in_channel", "not_in_channel", "invalid_blocks",
        "invalid_blocks_format", "messages_tab_disabled", "team_access_not_granted",
    }),
}


def is_documented(method: str, error: str) -> bool:
    """True when `method` is not catalogued here or documents `error`."""
    errors = DOCUMENTED.get(method)
    return errors is None or error in errors or error in COMMON
