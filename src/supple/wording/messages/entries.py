"""Problems completing an imported catalog entry (services.user_catalog)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "entry.shipped": Message(
        N_(
            "{name} comes with supple and cannot be changed; only imported entries can "
            "({opt[import-catalog]} adds them)."
        )
    ),
    "entry.unknown": Message(
        N_('No imported entry is called "{given}".'),
        tails={"incomplete": N_("Entries that still need a place or position: {incomplete}.")},
    ),
    "entry.bad-place": Message(N_('"{given}" in {opt[places]} is not a place; use {choices}.')),
    "entry.bad-position": Message(
        N_('"{given}" in {opt[position]} is not a position; use one of {choices}.')
    ),
    "entry.bad-sides": Message(
        N_(
            '"{given}" in {opt[sides]} is not a choice; use each (one side, then the other) '
            "or both."
        )
    ),
    "entry.still-missing": Message(
        N_('"{given}" would still miss {missing}: give {opt[places]} and {opt[position]} too.')
    ),
    "entry.nothing-to-set": Message(
        N_('Nothing to set for "{given}": give {opt[places]}, {opt[position]} or {opt[sides]}.')
    ),
    "entry.invalid": Message(N_('"{given}" cannot be saved like this: {detail}.')),
}
