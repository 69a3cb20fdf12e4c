"""The step models as Claude's structured output sees them.

1. Enum values come back case-proof: "sev1", "This Week", "Service Outage" are read as the
   schema's values instead of failing validation and dropping the step's answer to offline.
2. Every step model, run through the anthropic SDK's own schema transformation (the one
   `messages.parse(output_format=...)` uses) and sent as a strict tool's input schema (every
   request carries all steps' tools, agents/prompting.py), stays inside Anthropic's
   documented structured-output limits
   (https://docs.claude.com/en/docs/build-with-claude/structured-outputs, "JSON Schema
   limitations" and "Schema complexity limits"):
   - supported keywords only; `additionalProperties` false on every object; enums of primitives;
     no recursive definitions; string formats from the supported list; `minItems` 0 or 1;
   - at most 20 strict tools, 24 optional parameters and 16 parameters with union types
     (anyOf / type arrays) across all strict tools of one request.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, get_args

import pytest
from anthropic.lib._parse._transform import transform_schema
from pydantic import BaseModel, TypeAdapter

from agents import STEP_KEYS, STEPS, OfflineBackend, run_step, run_steps
from agents.models import HardeningOutput, TriageOutput
from agents.schema import _literal_values
from tests.agents.conftest import checkout_incident
from tests.agents.test_claude_backend import API_KEY, claude
from tests.support.anthropic_standin import Reply

ALLOWED_KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "enum",
                    "const", "anyOf", "allOf", "$ref", "$defs", "definitions", "description",
                    "title", "default", "format", "minItems"}
STRING_FORMATS = {"date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4",
                  "ipv6", "uuid"}
MAX_OPTIONAL = 24
MAX_UNION = 16


def sent_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The input schema of the step's tool, as every Claude request sends it."""
    from agents.prompting import step_tools

    spec = next(s for s in STEPS.values() if s.output_model is model)
    tools = {t["name"]: t for t in step_tools(spec)}
    schema = tools[f"answer_{spec.key}"]["input_schema"]
    assert transform_schema(TypeAdapter(model).json_schema())["properties"].keys() == \
        schema["properties"].keys()  # the SDK's transformation, every field kept
    return schema


def _counts(schema: dict[str, Any]) -> tuple[list[str], list[str]]:
    optional, unions = [], []
    for node in _objects(schema):
        if node.get("type") == "object":
            required = set(node.get("required", []))
            for name, prop in node.get("properties", {}).items():
                if name not in required:
                    optional.append(name)
                if "anyOf" in prop or isinstance(prop.get("type"), list):
                    unions.append(name)
    return optional, unions


def test_all_strict_tools_of_one_request_stay_inside_the_limits_together():
    from agents.prompting import step_tools
    from agents.summary import SUMMARY_SPEC

    for spec in (STEPS["triage"], SUMMARY_SPEC):
        tools = step_tools(spec)
        assert len(tools) <= 20 and all(t["strict"] for t in tools)
        optional, unions = [], []
        for tool in tools:
            o, u = _counts(tool["input_schema"])
            optional += o
            unions += u
        assert len(optional) <= MAX_OPTIONAL, optional
        assert len(unions) <= MAX_UNION, unions


def _objects(node: Any):
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key in ("properties", "$defs", "definitions"):
                for child in value.values():
                    yield from _objects(child)
            else:
                yield from _objects(value)
    elif isinstance(node, list):
        for item in node:
            yield from _objects(item)


def _refs(node: Any) -> set[str]:
    return {n["$ref"].rsplit("/", 1)[-1] for n in _objects(node) if "$ref" in n}


@pytest.mark.parametrize("key", STEP_KEYS)
def test_the_sent_schema_stays_inside_anthropics_documented_limits(key):
    schema = sent_schema(STEPS[key].output_model)
    optional, unions = [], []
    for node in _objects(schema):
        assert set(node) <= ALLOWED_KEYWORDS, (key, set(node) - ALLOWED_KEYWORDS)
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, key
            required = set(node.get("required", []))
            for name, prop in node.get("properties", {}).items():
                if name not in required:
                    optional.append(name)
                if "anyOf" in prop or isinstance(prop.get("type"), list):
                    unions.append(name)
        if "enum" in node:
            assert all(v is None or isinstance(v, str | int | float | bool)
                       for v in node["enum"]), key
        if "format" in node:
            assert node["format"] in STRING_FORMATS, (key, node["format"])
        if "minItems" in node:
            assert node["minItems"] in (0, 1), key
    assert len(optional) <= MAX_OPTIONAL, (key, optional)
    assert len(unions) <= MAX_UNION, (key, unions)
    # no recursive definitions: no definition reaches itself through $ref
    defs = schema.get("$defs", {})
    for name in defs:
        seen, stack = set(), list(_refs(defs[name]))
        while stack:
            ref = stack.pop()
            assert ref != name, f"{key}: {name} is recursive"
            if ref not in seen:
                seen.add(ref)
                stack.extend(_refs(defs.get(ref, {})))


# --- case-proof enums --------------------------------------------------------------------------

SPELLINGS = (str.upper, str.lower, str.title,
             lambda v: v.replace("_", " ").title(), lambda v: v.replace(" ", "_").upper())


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _nested_models(arg)]


def respell(model: type[BaseModel], data: Any, spell) -> Any:
    """`data` with every enum value of `model` (and nested models) spelled by `spell`."""
    if isinstance(data, list):
        return [respell(model, item, spell) for item in data]
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for name, field in model.model_fields.items():
        if name not in out or out[name] is None:
            continue
        if _literal_values(field.annotation):
            value = out[name]
            out[name] = [spell(v) for v in value] if isinstance(value, list) else spell(value)
        for nested in _nested_models(field.annotation):
            out[name] = respell(nested, out[name], spell)
    return out


@pytest.fixture(scope="module")
def answers() -> dict[str, dict]:
    results = asyncio.run(run_steps(STEP_KEYS, checkout_incident(), OfflineBackend()))
    return {key: result.output for key, result in results.items()}


@pytest.mark.parametrize("spell", SPELLINGS)
@pytest.mark.parametrize("key", STEP_KEYS)
def test_enum_values_in_any_capitalisation_validate_to_the_schema_values(key, spell, answers):
    model = STEPS[key].output_model
    original = model.model_validate(answers[key])
    respelt = respell(model, answers[key], spell)
    assert model.model_validate(respelt) == original


def test_a_value_that_is_no_enum_value_is_still_refused():
    with pytest.raises(ValueError, match="severity"):
        TriageOutput.model_validate({**_triage(), "severity": "SEV9"})


def _triage() -> dict:
    return {"severity": "SEV2", "incident_type": "service_outage", "reason": "r",
            "severity_source": "declared", "confidence": "high", "user_impact": "u",
            "business_risk": "b", "slo_status": {"status": "ok", "detail": "d",
                                                 "error_budget": "e"}}


async def test_claude_answers_with_other_capitalisation_are_kept_not_thrown_away(api):
    triage = {**_triage(), "severity": "sev1", "incident_type": "Service Outage",
              "confidence": "HIGH", "severity_source": "Classified"}
    api.reply_json(triage)
    result = await run_step("triage", checkout_incident(), claude(api))
    assert result.backend == "claude" and result.fallback_reason is None
    assert (result.output["severity"], result.output["incident_type"]) == ("SEV1",
                                                                          "service_outage")

    hardening = HardeningOutput.model_validate(
        (await run_step("hardening", checkout_incident(), OfflineBackend())).output)
    answer = json.loads(hardening.model_dump_json())
    for item in answer["roadmap"]:
        item["horizon"] = item["horizon"].title()  # "This Week"
    api.responder = lambda body: Reply(content=[{"type": "text", "text": json.dumps(answer)}])
    result = await run_step("hardening", checkout_incident(), claude(api))
    assert result.backend == "claude" and result.fallback_reason is None
    assert result.output == hardening.model_dump(mode="json")
    assert API_KEY not in json.dumps(result.output)
