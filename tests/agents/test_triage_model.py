"""The triage corpus is well formed, and the triage model reads scope, magnitude and cause.

Accuracy on the held-out split is measured by bench/triage_accuracy.py, not here; these tests pin
behaviour: the corpus's shape, the split rule, reasons in words, the cases issue 13 names.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import numpy as np
import pytest

from agents.classify import classify
from agents.models import INCIDENT_TYPES, SEVERITIES
from agents.triage.classifier import triage
from agents.triage.corpus import CORPUS_PATH, SEED_PATH, CorpusItem, load_corpus, split_for
from agents.triage.features import extract
from agents.triage.model import TriageModel
from agents.triage.train import train
from tests.agents.conftest import bare_incident

CORPUS = load_corpus()
SEED = load_corpus(SEED_PATH)


# --- the corpus --------------------------------------------------------------------------------


def test_corpus_has_400_items_across_every_type_severity_and_language_in_both_splits():
    assert len(CORPUS) >= 400
    for split in ("dev", "heldout"):
        part = [i for i in CORPUS if i.split == split]
        assert set(Counter(i.type for i in part)) == set(INCIDENT_TYPES), split
        assert set(Counter(i.severity for i in part)) == set(SEVERITIES), split
        assert set(Counter(i.lang for i in part)) == {"en", "zh-TW"}, split
    types, severities = Counter(i.type for i in CORPUS), Counter(i.severity for i in CORPUS)
    assert min(types.values()) >= 40, types
    assert min(severities.values()) >= 40, severities
    assert Counter(i.lang for i in CORPUS)["zh-TW"] >= 100


def test_each_item_sits_in_the_split_its_text_hash_assigns_and_about_30_percent_are_held_out():
    assert all(item.split == split_for(item.text) for item in CORPUS)
    share = sum(i.split == "heldout" for i in CORPUS) / len(CORPUS)
    assert 0.25 <= share <= 0.40


def test_no_text_appears_twice_within_or_across_splits_or_in_the_seed():
    texts = [i.text.strip().lower() for i in CORPUS + SEED]
    assert [t for t, n in Counter(texts).items() if n > 1] == []
    assert len({i.id for i in CORPUS + SEED}) == len(CORPUS) + len(SEED)
    assert {i.split for i in SEED} == {"seed"}


def test_every_item_names_its_source_and_a_malformed_line_is_reported_with_its_number(tmp_path):
    assert all(item.source.strip() for item in CORPUS)
    bad = tmp_path / "bad.jsonl"
    good = CORPUS[0].model_dump()
    bad.write_text(json.dumps(good) + "\n" + json.dumps({**good, "severity": "SEV9"}) + "\n")
    with pytest.raises(ValueError, match="line 2"):
        load_corpus(bad)


def test_the_corpus_file_is_one_json_object_per_line():
    lines = CORPUS_PATH.read_text(encoding="utf-8").splitlines()
    assert [CorpusItem.model_validate(json.loads(line)).id for line in lines] == [
        i.id for i in CORPUS]


# --- cases issue 13 names ----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "severity", "itype"), [
    ("Memcache unavailable for applications in all regions", "SEV1", None),
    ("91% error rate in the US and 63% in the EU", "SEV1", None),
    ("Accidental deletion of the production database", "SEV1", "data_integrity"),
    ("replica promotion lost the last 6 hours of writes", "SEV1", "data_integrity"),
    ("whole us-east-1 region unreachable", "SEV1", "infrastructure_failure"),
])
def test_the_cases_the_issue_names(text, severity, itype):
    verdict = classify(bare_incident(text))
    assert verdict.severity == severity, verdict.reason
    if itype:
        assert verdict.incident_type == itype, verdict.reason


@pytest.mark.parametrize("text", [
    "Third-party applications cannot sign in with our OAuth",
    "Third-party apps cannot call our webhooks API",
    "串接我們 API 的第三方應用程式收到 401",
])
def test_third_party_applications_as_victims_are_not_a_third_party_outage(text):
    assert triage(text).incident_type != "third_party_outage"


def test_a_third_party_provider_as_the_cause_is_a_third_party_outage():
    verdict = triage("Our SMS provider Twilio is down; verification codes not delivered")
    assert verdict.incident_type == "third_party_outage"


# --- scope and magnitude -----------------------------------------------------------------------


def _rank(text: str) -> int:
    return SEVERITIES.index(triage(text).severity)


@pytest.mark.parametrize(("wider", "narrower"), [
    ("Image search failing for all users in all regions",
     "Image search failing for a limited subset of users"),
    ("Invoice service returning errors for 80% of requests",
     "Invoice service returning errors for 0.5% of requests"),
    ("Billing events lost for 20 minutes and cannot be recovered",
     "Billing events delayed by 20 minutes; nothing is lost"),
    ("所有區域的使用者都無法上傳檔案", "少數使用者間歇性無法上傳檔案"),
])
def test_wider_scope_or_greater_magnitude_is_the_more_severe(wider, narrower):
    assert _rank(wider) < _rank(narrower), (triage(wider).reason, triage(narrower).reason)


def test_data_lost_is_data_integrity_and_delayed_with_nothing_lost_is_performance():
    assert triage("Billing events lost for 20 minutes and cannot be recovered"
                  ).incident_type == "data_integrity"
    assert triage("Billing events delayed by 20 minutes; nothing is lost"
                  ).incident_type == "performance_degradation"


def test_half_failing_is_sev1_and_the_figure_is_the_reason():
    verdict = triage("Invoice service returning errors for 80% of requests")
    assert verdict.severity == "SEV1"
    assert verdict.severity_reason.startswith("SEV1: 80% affected and failing")


def test_a_resource_gauge_is_not_a_share_of_users():
    features = extract("NodeFilesystemAlmostOutOfSpace /var at 91%")
    assert "gauge_90_up" in features.values and "share_50_up" not in features.values
    assert triage("NodeFilesystemAlmostOutOfSpace /var at 91%").severity != "SEV1"


@pytest.mark.parametrize(("text", "named"), [
    ("5xx ratio 23% on checkout-api", {"share_10_50"}),
    ("CPU 95% on worker-3", {"gauge_90_up"}),
    ("deploy of v2.3.1 customers report failures", set()),
    ("about 40k users and 1,200 customers affected", {"count_1000_up"}),
    ("約 400 位客戶受影響", {"count_100_999"}),
])
def test_figures_are_read_as_shares_gauges_or_counts(text, named):
    values = extract(text).values
    assert {k for k in values if k.startswith(("share_", "gauge_", "count_"))} == named


def test_alert_names_in_camel_case_are_read_as_words():
    assert "w:filesystem" in extract("NodeFilesystemAlmostOutOfSpace").values


# --- reasons -----------------------------------------------------------------------------------

_INTERNAL = re.compile(r"\b(?:cue|w|b|c):|share_|count_|gauge_|[a-z]+_[a-z]+")


@pytest.mark.parametrize("item", CORPUS[::25], ids=lambda i: i.id)
def test_every_answer_gives_its_reason_in_words(item):
    verdict = triage(item.text)
    assert verdict.severity_reason.startswith(f"{verdict.severity}: ")
    assert verdict.type_reason.split(":")[0] in {
        "service outage", "performance degradation", "security incident", "data integrity",
        "infrastructure failure", "third-party outage"}
    for reason in (verdict.severity_reason, verdict.type_reason):
        body = reason.split(": ", 1)[1]
        assert body and not _INTERNAL.search(body), reason


def test_the_reason_names_the_scope_it_read():
    verdict = triage("Memcache unavailable for applications in all regions")
    assert "all regions" in verdict.severity_reason


def test_a_declared_severity_is_kept_and_the_models_verdict_shown():
    verdict = classify(bare_incident("Memcache unavailable for applications in all regions",
                                     severity="SEV3"))
    assert verdict.severity == "SEV3" and verdict.severity_source == "declared"
    assert verdict.rule_severity == "SEV1"
    assert "triage alone says SEV1" in verdict.reason and "all regions" in verdict.reason


# --- training ----------------------------------------------------------------------------------


def test_training_on_the_dev_split_and_seed_reproduces_the_shipped_weights():
    shipped = TriageModel.load()
    retrained = train(load_corpus(split="dev") + SEED)
    for old, new in ((shipped.severity, retrained.severity),
                     (shipped.incident_type, retrained.incident_type)):
        assert new.vocabulary == old.vocabulary and new.classes == old.classes
        assert np.allclose(new.weights, old.weights, atol=2e-3)
        assert np.allclose(new.bias, old.bias, atol=2e-3)
    assert shipped.trained_on == f"{len(load_corpus(split='dev')) + len(SEED)} items"
