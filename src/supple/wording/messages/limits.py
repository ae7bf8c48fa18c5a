"""Bounds on a routine a client sends or a file holds (supple.domain.limits)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "routine.no-stretch": Message(
        N_("The routine has no stretch to play; plan one and use that routine.")
    ),
    "routine.too-many-steps": Message(
        N_("The routine has {steps} steps; it can have at most {most}. Plan a shorter one.")
    ),
    "routine.step-too-long": Message(
        N_("Step {step} lasts {seconds} seconds; a step lasts at most {most}. Shorten it.")
    ),
    "routine.step-reps-range": Message(N_("Step {step} has {reps} repetitions; use 0 to {most}.")),
    "routine.step-hold-range": Message(N_("Step {step} holds {seconds} seconds; use 0 to {most}.")),
}
