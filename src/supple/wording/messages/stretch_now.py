"""Problems with doing one stretch on its own (services.stretch_now)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "stretch-now.left-out": Message(
        N_("{name} is left out for you: {reason}. Plan a routine to get the stretches you can do.")
    ),
    "stretch-now.not-a-stretch": Message(
        N_("{name} is the warm-up, not a stretch: plan a routine and it comes first.")
    ),
}
