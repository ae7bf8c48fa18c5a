"""A routine that cannot be timed (supple.domain.timeline)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "timeline.step-too-short": Message(
        N_(
            "Step {step} ({stretch}): {given} s is shorter than its holds ({holds} s); give the "
            "step at least {holds} s or fewer repetitions."
        )
    ),
    "timeline.unknown-stretch": Message(
        N_('Step {step}: there is no stretch "{given}" here; plan the routine again.'),
        tails={"suggestions": N_("Did you mean {suggestions}?")},
    ),
    "timeline.no-hold": Message(
        N_("Step {step} ({stretch}) says no hold time; plan the routine again.")
    ),
    "timeline.no-tempo": Message(
        N_("Step {step} ({stretch}) is a movement with no breathing tempo; plan it again.")
    ),
    "timeline.no-stretch-id": Message(
        N_("Step {step} is a stretch step with no stretch named; plan the routine again.")
    ),
    "timeline.time-scale": Message(
        N_("{opt[time_scale]} must be a positive number (e.g. 0.1); {given} is not.")
    ),
}
