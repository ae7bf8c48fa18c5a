"""Problems with saved routines' names (services.saved_routines)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "routines.name-taken": Message(
        N_('A routine is already saved as "{given}"; choose another {opt[save]}.')
    ),
    "routines.not-saved": Message(
        N_('No routine is saved as "{given}" ({opt[routine]}); {opt[routines-list]} lists them.')
    ),
}
