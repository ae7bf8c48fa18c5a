"""Problems with profile, reminder and catalog-filter values (services.profile, reminders,
catalog)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "profile.no-places": Message(
        N_("Give at least one place for {opt[places]}: {choices} (several, separated by commas).")
    ),
    "profile.unknown-places": Message(
        N_('"{given}" is not a place; use {choices} (several: separated by commas).'),
        plural=N_('"{given}" are not places; use {choices} (several: separated by commas).'),
        count="count",
    ),
    "reminders.bad-days": Message(
        N_('"{given}" in {opt[days]} is not a day of the week; use {choices} (or full names).'),
        tails={"bad": N_("Not understood: {bad}.")},
    ),
    "reminders.bad-time": Message(
        N_('"{given}" in {opt[time]} is not a time of day; use 24-hour HH:MM, for example 07:30.')
    ),
    "reminders.minutes-range": Message(
        N_("{opt[minutes]} must be a whole number from {low} to {high}; {given} is not.")
    ),
    "reminders.unknown-routine": Message(
        N_('No routine is saved as "{given}" ({opt[routine]}); {opt[routines-list]} lists them.')
    ),
    "reminders.minutes-mismatch": Message(
        N_(
            'The routine "{routine}" takes {length} minutes, not {given}: leave out '
            "{opt[minutes]} (the routine sets the length), or plan a routine of that length."
        )
    ),
    "catalog.unknown-stretch": Message(
        N_('No stretch is called "{given}"; {opt[catalog-list]} lists them.'),
        tails={"suggestions": N_("Did you mean {suggestions}?")},
    ),
    "catalog.bad-place": Message(
        N_('"{given}" in {opt[place]} is not a place; use one of {choices}.')
    ),
    "catalog.bad-style": Message(
        N_('"{given}" in {opt[style]} is not a style; use one of {choices}.')
    ),
    "catalog.bad-region": Message(
        N_('"{given}" in {opt[region]} is not a region; use one of {choices}.')
    ),
}
