"""Reminder days given as a list (the web form's day boxes; services.reminders)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "reminders.no-days": Message(N_("Choose at least one day in {opt[days]}.")),
}
