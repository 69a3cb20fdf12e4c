"""The postmortem's story parts: pure functions of the record."""

from datetime import timedelta

from bot.incident.model import EventKind, TimelineEvent
from bot.postmortem import story
from tests.unit.test_blocks import NOW, _incident

NAMES = {"U0ALICE": "Alice", "U0BOB": "Bob"}


def _event(minutes: float, kind: EventKind, text: str, actor: str | None = None, **extra) -> TimelineEvent:
    return TimelineEvent(at=NOW + timedelta(minutes=minutes), kind=kind, actor=actor, text=text, **extra)


def test_a_burst_of_agent_answers_is_one_timeline_line_and_people_have_names_and_roles():
    incident = _incident(roles={"incident_commander": "U0ALICE", "tech_lead": "U0BOB"})
    events = [_event(0, EventKind.DECLARED, "declared SEV1", "U0ALICE")]
    events += [_event(5, EventKind.STEP_COMPLETED, f"Step {n}: headline") for n in range(13)]
    events += [_event(6, EventKind.NOTE, "ping <@U0BOB>", "U0BOB")]
    lines = story.timeline(events, NAMES, story.role_of(incident))
    assert len(lines) == 3
    assert lines[0].endswith("· Alice (incident commander)")
    assert "AI agents answered 13 steps (step 0, step 1" in lines[1]
    assert lines[2] == f"{NOW + timedelta(minutes=6):%H:%M} · ping Bob · Bob (tech lead)"


def test_detection_counts_from_the_first_alert_and_a_report_says_it_is_unknown():
    incident = _incident(declared_at=NOW + timedelta(minutes=12))
    alert = _event(0, EventKind.ALERT_FIRING, "HighErrorRate on checkout-api")
    said = story.detection(incident, [alert], NAMES)
    assert "Time to detect: 12m 0s" in said and "through an alert" in said and "Alice" in said
    reported = story.detection(_incident(), [], NAMES)
    assert "from a report" in reported and "not known" in reported


def test_the_trigger_is_the_change_a_person_named():
    events = [_event(3, EventKind.STATUS_CHANGED, "status investigating → identified", "U0BOB",
                     reason="deploy 4312 of checkout-svc", data={"to": "identified"})]
    incident = _incident(roles={"tech_lead": "U0BOB"})
    assert story.trigger(events, NAMES, story.role_of(incident)).startswith(
        "deploy 4312 of checkout-svc (named by Bob (tech lead)")
    assert story.trigger([], NAMES, {}).startswith("Not known")


def test_resolution_prefers_the_summary_given_on_resolve():
    assert story.resolution(_incident(resolution="rolled back 4312"), [], NAMES) == "rolled back 4312"
    update = _event(9, EventKind.STATUS_UPDATE, "status update: errors back to baseline")
    assert "errors back to baseline" in story.resolution(_incident(), [update], NAMES)


def test_queries_leave_the_prose_for_the_appendix():
    prose, queries = story.without_queries(
        'failed: Not measured. Compute: sum(increase(http_requests_total{code=~"5.."}[31m])) over the incident window')
    assert prose == "failed: Not measured; query 1 in the appendix measures it"
    assert queries == ['sum(increase(http_requests_total{code=~"5.."}[31m]))']


def test_where_we_got_lucky_says_only_what_the_record_shows():
    named = _event(3, EventKind.STATUS_CHANGED, "status investigating → identified", "U0BOB",
                   reason="deploy 2026.11.25-3 of checkout-svc broke payments", data={"to": "identified"})
    lucky = story.got_lucky(_incident(), [named])
    assert lucky[0].startswith("A person noticed and reported it")
    assert "change suspected of causing it" in lucky[1]  # suspected, as the root cause says
    alert = _event(0, EventKind.ALERT_FIRING, "HighErrorRate on checkout-api")
    deploy = _event(-5, EventKind.DEPLOY, "checkout-svc 4312 deployed")
    assert story.got_lucky(_incident(), [alert, named, deploy]) == []
    vague = _event(3, EventKind.STATUS_CHANGED, "status investigating → identified", "U0BOB",
                   reason="we know what it is", data={"to": "identified"})
    assert story.got_lucky(_incident(), [alert, vague]) == []  # no change named: nothing lucky
