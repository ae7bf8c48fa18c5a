"""The planner's problems (supple.domain.planner_model)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "plan.minutes-range": Message(
        N_("{opt[minutes]} must be a whole number from {low} to {high}; {given} is not.")
    ),
    "plan.no-place": Message(N_("Choose at least one place for {opt[places]}: {choices}.")),
    "plan.no-focus": Message(N_("Choose at least one region for {opt[focus]}: {choices}.")),
    "plan.unknown-focus": Message(
        N_('There is no region called "{given}" for {opt[focus]}; choose from {choices}.')
    ),
    "plan.unknown-avoid": Message(
        N_('No stretch is called "{given}" (in {opt[avoid]}); {opt[catalog-list]} lists them.'),
        tails={"suggestions": N_("Did you mean {suggestions}?")},
    ),
    "plan.no-stretches": Message(
        N_(
            "No stretch fits the places you chose ({places}) with the focus {focus}. "
            "Add a place in {opt[places]} or widen {opt[focus]}."
        ),
        tails={"left_out": N_("Left out for you: {left_out}.")},
    ),
    "plan.too-short-with-warmup": Message(
        N_(
            "{given} minute is too short for a {warmup}-minute warm-up and one stretch. "
            "Set {opt[minutes]} to at least {need}, or choose {opt[warm]} if you are "
            "already warm after activity or a warm shower."
        ),
        plural=N_(
            "{given} minutes is too short for a {warmup}-minute warm-up and one stretch. "
            "Set {opt[minutes]} to at least {need}, or choose {opt[warm]} if you are "
            "already warm after activity or a warm shower."
        ),
        count="given",
    ),
    "plan.too-short": Message(
        N_(
            "{given} minute is too short for one stretch on both sides. "
            "Set {opt[minutes]} to at least {need}."
        ),
        plural=N_(
            "{given} minutes is too short for one stretch on both sides. "
            "Set {opt[minutes]} to at least {need}."
        ),
        count="given",
    ),
    "plan.no-fit": Message(
        N_(
            "No routine of these stretches fits between {low} and {given} minutes. "
            "Try a few minutes more or fewer in {opt[minutes]}, or add a place."
        )
    ),
}
