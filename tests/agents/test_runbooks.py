"""Runbooks: shipped files load, the matcher ranks them and explains why."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents import AlertInfo, RunbookError, load_runbooks, match_runbooks
from agents.runbooks import default_runbook_dir, parse_runbook
from tests.agents.conftest import bare_incident

SHIPPED = {
    "runbooks/http-5xx-after-deploy.md",
    "runbooks/db-connection-pool-exhaustion.md",
    "runbooks/tls-certificate-expiry.md",
    "runbooks/third-party-outage.md",
    "runbooks/leaked-credential.md",
    "runbooks/disk-full.md",
    "runbooks/latency-cpu-saturation.md",
}


def test_runbooks_are_found_through_the_installed_package():
    folder = default_runbook_dir()
    assert (folder / "__init__.py").exists()
    assert {f"runbooks/{p.name}" for p in folder.glob("*.md")} >= SHIPPED


def test_every_shipped_runbook_has_complete_front_matter_and_a_real_body():
    books = {b.path: b for b in load_runbooks()}
    assert set(books) >= SHIPPED
    for book in books.values():
        assert book.title and book.incident_types and book.keywords and book.severity_hint
        assert len(book.mitigations) >= 2 and len(book.checks) >= 3 and book.escalation
        assert book.alerts and book.hardening and book.causes
        assert len(book.body) > 800 and "## " in book.body


@pytest.mark.parametrize(("title", "path"), [
    ("Checkout API returning 500s after deploy", "runbooks/http-5xx-after-deploy.md"),
    ("Leaked AWS key on GitHub", "runbooks/leaked-credential.md"),
    ("Database disk full on orders-db", "runbooks/disk-full.md"),
    ("Stripe API timeouts", "runbooks/third-party-outage.md"),
    ("TLS certificate expired on api.example.com", "runbooks/tls-certificate-expiry.md"),
    ("Orders API: too many connections to postgres", "runbooks/db-connection-pool-exhaustion.md"),
    ("Search p99 latency high, CPU throttling", "runbooks/latency-cpu-saturation.md"),
    ("訂單資料庫磁碟已滿", "runbooks/disk-full.md"),
    ("GitHub 上的 AWS 金鑰外洩", "runbooks/leaked-credential.md"),
])
def test_the_matching_runbook_ranks_first(title, path):
    matches = match_runbooks(bare_incident(title))
    assert matches and matches[0].path == path, [(m.path, m.reason) for m in matches]
    assert "keywords:" in matches[0].reason


def test_alert_names_and_type_and_services_add_to_the_score_and_the_reason():
    alert = AlertInfo(source="prometheus", name="KubePersistentVolumeFillingUp",
                      labels={"service": "orders-db"})
    match = match_runbooks(bare_incident("orders-db volume", alerts=[alert]),
                           incident_type="infrastructure_failure")[0]
    assert match.path == "runbooks/disk-full.md"
    assert "alerts: KubePersistentVolumeFillingUp" in match.reason
    assert "type infrastructure_failure" in match.reason and "services:" in match.reason


def test_a_typo_matches_no_runbook():
    assert match_runbooks(bare_incident("Typo on pricing page")) == []


def test_runner_up_with_a_stray_keyword_is_dropped():
    matches = match_runbooks(bare_incident("Checkout API 500s after deploy, error rate 20%",
                                           services=["checkout-api"]))
    assert [m.path for m in matches] == ["runbooks/http-5xx-after-deploy.md"]


def test_a_runbook_without_front_matter_is_refused_with_its_name():
    with pytest.raises(RunbookError, match="runbooks/bad.md: no YAML front matter"):
        parse_runbook("# Just a body\n", "runbooks/bad.md")


def test_a_runbook_with_an_unknown_type_is_refused_with_the_field(tmp_path: Path):
    (tmp_path / "x.md").write_text("---\ntitle: X\nincident_types: [oops]\n---\nbody\n")
    pattern = "(?s)runbooks/x.md: invalid front matter.*incident_types"
    with pytest.raises(RunbookError, match=pattern):
        load_runbooks(tmp_path)


def test_team_runbooks_load_from_another_folder_and_plain_string_actions_get_a_kind(
    tmp_path: Path,
):
    (tmp_path / "cache.md").write_text(
        "---\ntitle: Redis down\nincident_types: [infrastructure_failure]\n"
        "keywords: [redis]\nmitigations: [Fail over to the replica, Roll back the client]\n"
        "---\n# Redis down\n")
    (book,) = load_runbooks(tmp_path)
    assert [m.kind for m in book.mitigations] == ["failover", "rollback"]
    assert match_runbooks(bare_incident("redis is down"), (book,))[0].path == "runbooks/cache.md"
