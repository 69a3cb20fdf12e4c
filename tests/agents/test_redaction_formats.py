"""Every secret format the one redactor knows, each with near-misses that must stay as written.

Each row: the text as it arrives, the secret inside it (which must be gone, whole: no part of
it may survive), and what must still be there.
"""

from __future__ import annotations

import json
import logging

import pytest

from agents.redact import redact, redact_data
from bot.platform.logs import JsonFormatter

PEM_BODY = "MIIEowIBAAKCAQEA7bq9Zx1cQkO2n3P5s8vY0tW6uIhJkLmNoPqRsTuVwXyZ"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

SECRETS = [
    # (format, text, secret that must be gone, text that must stay)
    ("slack webhook url", "posting to https://hooks.slack.com/services/T0AAA1111/B0BBB2222/abcdEFGHijkl5678mnop now",
     "abcdEFGHijkl5678mnop", "posting to"),
    ("authorization basic", "curl -H 'Authorization: Basic dXNlcjpodW50ZXIy' https://api",
     "dXNlcjpodW50ZXIy", "https://api"),
    ("basic credential without the header", "the header was Basic YWRtaW46czNjcjN0 in the dump",
     "YWRtaW46czNjcjN0", "in the dump"),
    ("pgp private key block",
     f"-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n{PEM_BODY}\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----\nrotated",
     PEM_BODY, "rotated"),
    ("pem key without its END line", f"leaked: -----BEGIN RSA PRIVATE KEY-----\n{PEM_BODY}\n{PEM_BODY[::-1]}",
     PEM_BODY[-20:], "leaked:"),
    ("pem key with its END line", f"-----BEGIN PRIVATE KEY-----\n{PEM_BODY}\n-----END PRIVATE KEY-----\nafter",
     PEM_BODY, "after"),
    ("mysql -p", "ran mysql -h db -u root -pS3cr3tPw payments", "S3cr3tPw", "payments"),
    ("mysqldump --password=", "mysqldump --password=abc12 orders > x.sql", "abc12", "orders"),
    ("azure AccountKey=", "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=Zm9vYmFy+YmF6/cXV4==;EndpointSuffix=core",
     "Zm9vYmFy+YmF6/cXV4==", "EndpointSuffix=core"),
    ("sendgrid key", "SENDGRID=SG.aBcDeFgHiJkLmNoPqRsTuV.aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefg ok",
     "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefg", "ok"),
    ("npm token", "//registry/:_authToken=npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 x",
     "npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", " x"),
    ("npm token bare", "token npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 in CI",
     "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "in CI"),
    ("stripe webhook secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw leaked", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "leaked"),
    ("unlabelled aws secret key", f"the pair was AKIAIOSFODNN7EXAMPLE {AWS_SECRET} in a gist", AWS_SECRET, "in a gist"),
    ("short password", "password=abc then", "abc", "then"),
    ("all-digit password", "db_password: 123456 then", "123456", "then"),
    ("one-character pwd", "PWD=7 end", "=7", "end"),
    ("json password", '{"password": "hunter2", "user": "app"}', "hunter2", '"user": "app"'),
    ("json token", '{"db_token": "tok-9f8e7d6c"}', "tok-9f8e7d6c", "db_token"),
    ("json all-digit password", '{"password": 424242}', "424242", "password"),
    ("json-escaped quotes in a log line", r'"event": "login with \"password\": \"hunter2\" failed"',
     "hunter2", "failed"),
    ("quoted password with spaces", 'password: "correct horse battery staple" was set',
     "horse", "was set"),
    ("single-quoted secret", "client_secret='s p a c e d' here", "s p a c e d", "here"),
    ("url password with @", "postgres://u:p@ssw0rd@h:5432/db", "ssw0rd", "@h:5432/db"),
    ("password with & escaped by slack", "password=ab&amp;cdTAIL next", "cdTAIL", "next"),
    ("url password with & escaped by slack", "amqp://app:pa&amp;ssTAIL@mq/vhost", "ssTAIL", "@mq/vhost"),
    ("password cut off before its quote closes", 'password: "half a pass', "half a pass", "password"),
    # the shapes known before issue 9, in the same table
    ("anthropic key", "ANTHROPIC=sk-ant-api03-abcdefghijklmnop done", "abcdefghijklmnop", "done"),
    ("aws access key", "key AKIAIOSFODNN7EXAMPLE leaked", "AKIAIOSFODNN7EXAMP", "leaked"),
    ("github token", "ghp_" + "a1B2" * 9 + " in CI", "a1B2a1B2a1B2", "in CI"),
    ("slack token", "xoxb-123456789012-abcdefABCDEF ok", "123456789012-abcdef", "ok"),
    ("stripe key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc ok", "4eC39HqLyjWDarjtT1zd", "ok"),
    ("google api key", "AIzaSyA1234567890abcdefghijklmnopqrstuv ok", "SyA1234567890abcdefghijklmnopq", "ok"),
    ("jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N ok", "eyJzdWIiOiIxMjM0In0", "ok"),
    ("generic sk- key", "OPENAI=sk-abcdefghijklmnopqrstuvwx ok", "abcdefghijklmnopqrst", "ok"),
    ("bearer header", "Authorization: Bearer abcdefghijklmnop1234 ok", "abcdefghijklmnop1234", "ok"),
    ("url credentials", "redis://:s3cr3tpw@cache:6379/0", "s3cr3tpw", "@cache:6379/0"),
]


@pytest.mark.parametrize(("text", "secret", "kept"), [row[1:] for row in SECRETS], ids=[row[0] for row in SECRETS])
def test_each_secret_format_is_redacted_with_nothing_left_of_it(text, secret, kept):
    clean = redact(text)
    assert secret not in clean
    assert "REDACTED" in clean
    assert kept in clean
    assert redact(clean) == clean  # a second pass changes nothing


NEAR_MISSES = [
    ("a public key", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END PUBLIC KEY-----"),
    ("a certificate", "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----"),
    ("another slack url", "see https://hooks.slack.com/ and https://api.slack.com/messaging/webhooks"),
    ("the word basic", "basic troubleshooting came first, Basic plan customers"),
    ("basic with a value that is no credential", "Basic aGVsbG8gd29ybGQ= was the sample"),
    ("mysql asking for a password", "mysql -u root -p payments"),
    ("mysql's port flag", "mysql -P 3306 -h db"),
    ("a storage account name", "AccountName=payments;EndpointSuffix=core.windows.net"),
    ("SG. without a key", "SG.1 replied, see SG.example"),
    ("npm config names", "npm_config_cache and npm_lifecycle_event"),
    ("whsec_ alone", "the whsec_ prefix marks Stripe secrets"),
    ("a git sha", "deployed 3f786850e387550fdab836ed7e6dc881de23001b to prod"),
    ("forty lower-case letters", "abcdefghijklmnopqrstuvwxyzabcdefghijklmn"),
    ("a path of forty characters", "/var/lib/app/releases/2024/current/bin/x"),
    ("password talk", "password reset emails are delayed; passwords rotated"),
    ("password settings", "password_min_length=12 and password_file=/etc/app/pw"),
    ("token counts", "max_tokens=1024, tokens: 20"),
    ("a token that is a number", '{"token_count": 123456}'),
    ("a url without credentials", "https://grafana.example.com:3000/d/abc@v2 and http://host:8080/path"),
    ("already redacted", "password=[REDACTED] and [REDACTED aws-access-key ...MPLE]"),
]


@pytest.mark.parametrize("text", [row[1] for row in NEAR_MISSES], ids=[row[0] for row in NEAR_MISSES])
def test_near_misses_are_left_as_written(text):
    assert redact(text) == text


def test_a_value_under_a_secret_name_is_replaced_whole_in_data():
    labels = {"alertname": "DBDown", "db_password": "x", "api_token": "tok-9f8e7d6c", "max_tokens": 1024}
    assert redact_data({"labels": labels}) == {"labels": {
        "alertname": "DBDown", "db_password": "[REDACTED]", "api_token": "[REDACTED]", "max_tokens": 1024}}


def test_log_values_are_redacted_and_the_line_stays_json():
    record = logging.makeLogRecord({"msg": 'login with "password": "hunter2"', "levelname": "INFO",
                                    "name": "t", "body": {"db_password": "x9"},
                                    "key": f"-----BEGIN RSA PRIVATE KEY-----\n{PEM_BODY}"})
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "hunter2" not in line and PEM_BODY[:20] not in line
    assert entry["body"] == {"db_password": "[REDACTED]"}


def test_a_bare_password_keeps_its_inner_brackets_redacted_and_the_json_around_it_intact():
    assert redact('{"password": 424242}') == '{"password": [REDACTED]}'
    assert redact("password=a}b]c rest") == "password=[REDACTED] rest"


def test_a_megabyte_of_adversarial_text_is_redacted_whole():
    # Webhook bodies of up to a megabyte pass through here: every pattern must stay linear (a
    # quadratic one never finishes on these), and a very long value is still redacted whole.
    for text in ("mysql " * 100_000, "a_" * 100_000 + "password=x", "postgres://u:" + "@" * 100_000,
                 "password: " * 100_000, "-----BEGIN RSA PRIVATE KEY-----" * 20_000):
        redact(text)
    assert redact("password=" + "&amp;" * 200_000 + "TAIL") == "password=[REDACTED]"
