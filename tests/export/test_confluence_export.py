"""The Confluence exporter against the stand-in, over real HTTP."""

from __future__ import annotations

import base64
import logging
import socket
import time
from collections.abc import Callable

import pytest

from bot.postmortem.export import (
    ConfluenceExporter,
    DirectoryExporter,
    ExportFailed,
    PostmortemDocument,
    publish_all,
)
from tests.export.conftest import TOKEN, USER, make_doc
from tests.support.confluence_standin import ConfluenceStandIn

Factory = Callable[..., ConfluenceExporter]


async def test_first_publish_creates_the_page_in_the_space(wiki: ConfluenceStandIn, confluence: Factory,
                                                           doc: PostmortemDocument):
    result = await confluence().publish(doc)

    [page] = wiki.pages.values()
    assert (page.title, page.space_id, page.version, page.representation) == (
        doc.title, "98305", 1, "storage")
    assert "<h2>Action items</h2>" in page.body
    assert result.exporter == "confluence" and result.created is True
    assert result.location == (f"{wiki.base_url}/wiki/spaces/OPS/pages/{page.id}/"
                               "INC+42+postmortem+Checkout+API+returning+500s")
    [create] = wiki.calls("POST")
    assert create.body["spaceId"] == "98305" and create.body["status"] == "current"
    assert "parentId" not in create.body
    expected = "Basic " + base64.b64encode(f"{USER}:{TOKEN}".encode()).decode()
    assert {r.headers["authorization"] for r in wiki.requests} == {expected}


async def test_the_page_goes_under_the_parent_page_when_one_is_configured(
    wiki: ConfluenceStandIn, confluence: Factory, doc: PostmortemDocument
):
    parent = wiki.add_page("OPS", "Postmortems")
    await confluence(parent_page_id=parent.id).publish(doc)
    assert wiki.page_titled(doc.title).parent_id == parent.id


async def test_publishing_again_finds_the_page_by_title_and_bumps_its_version(
    wiki: ConfluenceStandIn, confluence: Factory, doc: PostmortemDocument
):
    first = await confluence().publish(make_doc("# draft"))
    second = await confluence().publish(doc)

    [page] = wiki.pages.values()
    assert page.version == 2 and "<h1>INC-42 postmortem" in page.body
    assert page.version_message == "Updated by incident-commander"
    assert second.created is False and second.location == first.location
    lookup = wiki.calls("GET", "/pages")[-1]
    assert lookup.query == {"space-id": "98305", "title": doc.title, "status": "current", "limit": "25"}
    [update] = wiki.calls("PUT")
    assert update.path == f"/wiki/api/v2/pages/{page.id}"
    assert update.body["version"]["number"] == 2 and update.body["id"] == page.id


async def test_a_page_a_person_wrote_with_that_title_is_updated_not_duplicated(
    wiki: ConfluenceStandIn, confluence: Factory, doc: PostmortemDocument
):
    existing = wiki.add_page("OPS", doc.title)
    wiki.edit_page(existing.id)  # now at version 2
    result = await confluence().publish(doc)
    assert result.created is False
    assert list(wiki.pages) == [existing.id] and existing.version == 3


async def test_a_version_conflict_is_retried_once_with_the_fresh_version(
    wiki: ConfluenceStandIn, confluence: Factory, doc: PostmortemDocument
):
    await confluence().publish(make_doc("# draft"))
    wiki.conflict_next_put()  # someone saves the page between our read and our write

    result = await confluence().publish(doc)

    assert result.created is False
    assert [r.body["version"]["number"] for r in wiki.calls("PUT")] == [2, 3]
    assert wiki.page_titled(doc.title).version == 3


async def test_a_second_version_conflict_is_a_clear_failure(
    wiki: ConfluenceStandIn, confluence: Factory, doc: PostmortemDocument
):
    await confluence().publish(make_doc("# draft"))
    wiki.conflict_next_put(times=2)
    with pytest.raises(ExportFailed) as failure:
        await confluence().publish(doc)
    assert "version conflict" in str(failure.value) and "HTTP 409" in str(failure.value)
    assert len(wiki.calls("PUT")) == 2


async def test_a_page_created_by_someone_else_meanwhile_is_updated_instead(
    wiki: ConfluenceStandIn, confluence: Factory, doc: PostmortemDocument
):
    wiki.on_next("POST", "/pages", lambda: wiki.add_page("OPS", doc.title))
    result = await confluence().publish(doc)
    assert result.created is False
    [page] = wiki.pages.values()
    assert page.version == 2 and "<h1>INC-42 postmortem" in page.body


async def test_an_archived_page_holding_the_title_is_explained(
    wiki: ConfluenceStandIn, confluence: Factory, doc: PostmortemDocument
):
    wiki.add_page("OPS", doc.title, status="archived")
    with pytest.raises(ExportFailed) as failure:
        await confluence().publish(doc)
    assert str(failure.value) == (
        "confluence export failed: Confluence refused to create the page (HTTP 400): A page with "
        "this title already exists: A page already exists with the same TITLE in this space (an "
        "archived or trashed page with this title blocks it; restore or rename it)")


# --- errors ----------------------------------------------------------------------------------


async def test_wrong_credentials_say_so_and_name_the_settings(wiki: ConfluenceStandIn,
                                                              confluence: Factory, doc):
    with pytest.raises(ExportFailed) as failure:
        await confluence(api_token="ATATT-expired").publish(doc)
    assert str(failure.value) == (
        "confluence export failed: Confluence rejected the credentials of ic-bot@example.com "
        "(HTTP 401); check CONFLUENCE_USER and CONFLUENCE_API_TOKEN (tokens expire)")
    assert failure.value.exporter == "confluence"


async def test_a_user_without_permission_in_the_space_is_told_so(doc):
    async with ConfluenceStandIn(user="owner@example.com", token=TOKEN,
                                 read_only_users={USER}) as wiki:
        exporter = ConfluenceExporter(wiki.base_url, "OPS", USER, TOKEN)
        with pytest.raises(ExportFailed) as failure:
            await exporter.publish(doc)
    assert str(failure.value) == (
        "confluence export failed: ic-bot@example.com may not create the page in space OPS "
        "(HTTP 403); the account needs permission to add and edit pages there")


async def test_an_unknown_space_is_named(confluence: Factory, doc):
    with pytest.raises(ExportFailed) as failure:
        await confluence(space_key="NOPE").publish(doc)
    assert str(failure.value).startswith("confluence export failed: space NOPE not found at http://")
    assert str(failure.value).endswith("or ic-bot@example.com may not view it")


async def test_an_unknown_parent_page_is_named(confluence: Factory, doc):
    with pytest.raises(ExportFailed) as failure:
        await confluence(parent_page_id="424242").publish(doc)
    assert str(failure.value) == (
        "confluence export failed: space OPS or parent page 424242 not found, or "
        "ic-bot@example.com may not add pages there (HTTP 404): Parent page not found")


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_a_server_error_is_reported_as_unavailable(wiki: ConfluenceStandIn, confluence: Factory,
                                                        doc, status: int):
    wiki.fail_next(status, method="POST")
    with pytest.raises(ExportFailed) as failure:
        await confluence().publish(doc)
    assert str(failure.value).startswith(
        f"confluence export failed: Confluence is unavailable (HTTP {status}), trying to create the page")


async def test_rate_limiting_says_when_to_retry(wiki: ConfluenceStandIn, confluence: Factory, doc):
    wiki.fail_next(429, headers={"Retry-After": "30"})
    with pytest.raises(ExportFailed, match=r"rate limited by Confluence \(HTTP 429\); retry after 30s"):
        await confluence().publish(doc)


async def test_a_slow_confluence_times_out_with_a_clear_message(wiki: ConfluenceStandIn,
                                                               confluence: Factory, doc):
    wiki.slow_next(2.0, method="POST")
    started = time.monotonic()
    with pytest.raises(ExportFailed) as failure:
        await confluence(timeout=0.3).publish(doc)
    assert time.monotonic() - started < 1.5
    assert str(failure.value) == (
        f"confluence export failed: Confluence at {wiki.base_url} did not answer within 0.3s "
        "(trying to create the page)")


async def test_an_unreachable_confluence_is_a_clear_failure(doc):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    exporter = ConfluenceExporter(f"http://127.0.0.1:{port}", "OPS", USER, TOKEN, timeout=1)
    with pytest.raises(ExportFailed, match=r"could not reach Confluence at http://127\.0\.0\.1:\d+ "
                                           r"\(trying to look up space OPS\): ConnectError"):
        await exporter.publish(doc)


async def test_the_token_never_appears_in_failures_or_logs(
    wiki: ConfluenceStandIn, confluence: Factory, doc, caplog: pytest.LogCaptureFixture
):
    basic = base64.b64encode(f"{USER}:{TOKEN}".encode()).decode()
    faults = [  # a hostile or buggy server echoing the credentials back must not leak them
        lambda: wiki.fail_next(400, f"bad request from {USER}:{TOKEN} (Basic {basic})", method="POST"),
        lambda: wiki.fail_next(500, f"token={TOKEN}", method="POST"),
        lambda: wiki.fail_next(401),
        lambda: wiki.slow_next(1.0),
    ]
    messages: list[str] = []
    with caplog.at_level(logging.DEBUG):
        for script_fault, timeout in zip(faults, (2.0, 2.0, 2.0, 0.2), strict=True):
            script_fault()
            with pytest.raises(ExportFailed) as failure:
                await confluence(timeout=timeout).publish(doc)
            messages.append(str(failure.value))
        await confluence().publish(doc)  # and a success

    assert "[REDACTED]" in messages[0]
    logged = [r.getMessage() + " " + repr(vars(r)) for r in caplog.records]
    assert any("postmortem exported" in line for line in logged)
    assert any("postmortem export failed" in line for line in logged)
    for text in [*messages, *logged, repr(confluence())]:
        assert TOKEN not in text and basic not in text


async def test_one_failing_exporter_does_not_stop_the_others(wiki: ConfluenceStandIn, confluence: Factory,
                                                            doc, tmp_path):
    wiki.fail_next(503)
    results, failures = await publish_all([DirectoryExporter(tmp_path), confluence()], doc)
    assert [r.exporter for r in results] == ["directory"]
    assert [f.exporter for f in failures] == ["confluence"]
    assert (tmp_path / "INC-42-postmortem.md").exists()


@pytest.mark.parametrize(("base_url", "api_url"), [
    ("https://example.atlassian.net", "https://example.atlassian.net/wiki/api/v2"),
    ("https://example.atlassian.net/wiki/", "https://example.atlassian.net/wiki/api/v2"),
])
def test_the_site_url_may_be_given_with_or_without_wiki(base_url: str, api_url: str):
    assert ConfluenceExporter(base_url, "OPS", USER, TOKEN).api_url == api_url


@pytest.mark.parametrize("base_url", ["example.atlassian.net", "https://me:pw@example.atlassian.net"])
def test_a_bad_site_url_is_refused_at_construction(base_url: str):
    with pytest.raises(ValueError, match="CONFLUENCE_URL"):
        ConfluenceExporter(base_url, "OPS", USER, TOKEN)


async def test_a_refused_space_lookup_is_not_mistaken_for_a_missing_space(
    wiki: ConfluenceStandIn, confluence: Factory, doc
):
    wiki.fail_next(400, "Invalid keys parameter", path_contains="/spaces")
    with pytest.raises(ExportFailed) as failure:
        await confluence().publish(doc)
    assert str(failure.value) == ("confluence export failed: Confluence refused to look up space "
                                  "OPS (HTTP 400): Invalid keys parameter")


async def test_a_long_or_multi_line_title_is_stored_so_that_it_is_found_again(
    wiki: ConfluenceStandIn, confluence: Factory
):
    title = "INC-7 postmortem:  " + "very long title " * 30 + "\n"
    first = await confluence().publish(make_doc("# one", incident_id="INC-7", title=title))
    second = await confluence().publish(make_doc("# two", incident_id="INC-7", title=title))
    [page] = wiki.pages.values()
    assert len(page.title) == 255 and page.title.endswith("…") and "  " not in page.title
    assert (first.created, second.created, page.version) == (True, False, 2)
