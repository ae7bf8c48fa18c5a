"""Problems with saved routines' names (services.saved_routines)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "routines.name-empty": Message(
        N_("{opt[save]} is empty: give the routine a name, e.g. Morning.")
    ),
    "routines.name-too-long": Message(
        N_(
            "{opt[save]} may be at most {limit} characters long; this one has {length}. "
            "Give a shorter name."
        )
    ),
    "routines.name-bad-character": Message(
        N_('"{given}" in {opt[save]} holds a slash or a control character; leave them out.')
    ),
    "routines.name-taken": Message(
        N_('A routine is already saved as "{given}"; choose another {opt[save]}.')
    ),
    "routines.not-saved": Message(
        N_('No routine is saved as "{given}" ({opt[routine]}); {opt[routines-list]} lists them.')
    ),
}
