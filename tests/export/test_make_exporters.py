"""Settings choose the exporters: the directory unless off, Confluence when fully configured."""

from __future__ import annotations

import logging

import pytest

from bot.postmortem.export import ConfluenceExporter, DirectoryExporter, make_exporters
from bot.settings import ConfigError, Settings, load_settings

CONFLUENCE_ENV = {
    "CONFLUENCE_URL": "https://example.atlassian.net/wiki/",
    "CONFLUENCE_SPACE": "OPS",
    "CONFLUENCE_USER": "ic-bot@example.com",
    "CONFLUENCE_API_TOKEN": "ATATT-from-the-environment",
}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [*CONFLUENCE_ENV, "CONFLUENCE_PARENT_PAGE_ID", "CONFLUENCE_TIMEOUT_SECONDS",
                 "POSTMORTEM_DIR", "INCIDENT_CONFIG"]:
        monkeypatch.delenv(name, raising=False)


def test_by_default_postmortems_go_to_the_postmortems_directory_only():
    [exporter] = make_exporters(Settings())
    assert isinstance(exporter, DirectoryExporter)
    assert str(exporter.directory) == "postmortems"


def test_postmortem_dir_off_turns_the_directory_export_off(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("POSTMORTEM_DIR", "off")
    assert make_exporters(load_settings()) == []


def test_confluence_is_on_when_url_space_user_and_token_are_set(monkeypatch: pytest.MonkeyPatch):
    for name, value in CONFLUENCE_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CONFLUENCE_PARENT_PAGE_ID", "123456")
    monkeypatch.setenv("POSTMORTEM_DIR", "/var/lib/ic/postmortems")

    directory, confluence = make_exporters(load_settings())

    assert str(directory.directory) == "/var/lib/ic/postmortems"
    assert isinstance(confluence, ConfluenceExporter)
    assert confluence.api_url == "https://example.atlassian.net/wiki/api/v2"
    assert (confluence.space_key, confluence.user, confluence.parent_page_id, confluence.timeout) == (
        "OPS", "ic-bot@example.com", "123456", 10.0)
    assert "ATATT-from-the-environment" not in repr(confluence)


def test_partial_confluence_settings_keep_it_off_and_say_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    monkeypatch.setenv("CONFLUENCE_URL", CONFLUENCE_ENV["CONFLUENCE_URL"])
    monkeypatch.setenv("CONFLUENCE_SPACE", "OPS")
    monkeypatch.setenv("CONFLUENCE_API_TOKEN", "   ")  # blank counts as unset
    with caplog.at_level(logging.WARNING, logger="bot.postmortem.export"):
        exporters = make_exporters(load_settings())
    assert [type(e) for e in exporters] == [DirectoryExporter]
    [record] = caplog.records
    assert record.missing == ["CONFLUENCE_USER", "CONFLUENCE_API_TOKEN"]


@pytest.mark.parametrize(("name", "value", "message"), [
    ("CONFLUENCE_URL", "example.atlassian.net", "CONFLUENCE_URL: Value error, the site URL"),
    ("CONFLUENCE_PARENT_PAGE_ID", "Postmortems", "CONFLUENCE_PARENT_PAGE_ID: Value error, a page id"),
    ("CONFLUENCE_TIMEOUT_SECONDS", "0", "CONFLUENCE_TIMEOUT_SECONDS: Input should be greater than 0"),
    ("POSTMORTEM_DIR", " ", "POSTMORTEM_DIR: Value error, a directory for postmortem files, or off"),
])
def test_a_bad_export_setting_stops_start_up_naming_it(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        load_settings()


def test_the_config_file_keys_work_too(tmp_path, monkeypatch: pytest.MonkeyPatch):
    config = tmp_path / "incident.yml"
    config.write_text(
        "postmortem_dir: off\n"
        "confluence_url: https://example.atlassian.net\n"
        "confluence_space: OPS\n"
        "confluence_user: ic-bot@example.com\n"
        "confluence_api_token: ATATT-from-the-file\n"
        "confluence_parent_page_id: 98765\n"
    )
    monkeypatch.setenv("INCIDENT_CONFIG", str(config))
    [confluence] = make_exporters(load_settings())
    assert isinstance(confluence, ConfluenceExporter)
    assert confluence.parent_page_id == "98765"
