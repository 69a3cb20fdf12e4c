"""Every step in the table has what the README's "Add a step" checklist asks for, so a missed
entry fails here instead of raising a KeyError while an incident runs."""

from __future__ import annotations

from agents import PHASES, STEP_KEYS, STEPS
from agents.models import StepOutput
from agents.offline import STEP_FUNCTIONS
from agents.prompts import STEP_PROMPTS


def test_every_step_has_a_prompt_and_an_offline_answer_and_nothing_else_does():
    assert list(STEP_PROMPTS) == list(STEP_KEYS)
    assert list(STEP_FUNCTIONS) == list(STEP_KEYS)
    assert all(STEP_PROMPTS[key].strip() for key in STEP_KEYS)


def test_steps_are_numbered_in_order_and_need_only_earlier_steps():
    for position, key in enumerate(STEP_KEYS, 1):
        spec = STEPS[key]
        assert spec.number == position, key
        assert spec.phase in PHASES, key
        assert all(STEP_KEYS.index(need) < STEP_KEYS.index(key) for need in spec.needs), key


def test_every_output_model_has_its_own_headline():
    for key in STEP_KEYS:
        model = STEPS[key].output_model
        assert issubclass(model, StepOutput), key
        assert model.headline is not StepOutput.headline, f"{key}: {model.__name__}.headline"
