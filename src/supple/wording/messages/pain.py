"""Problems with marking a stretch checked after sharp pain (services.pain)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "pain.no-report": Message(
        N_(
            "{stretch} has no sharp-pain report waiting to be checked, so it is planned as "
            "usual; nothing to do."
        )
    ),
    "pain.same-day": Message(
        N_(
            "You reported sharp pain in {stretch} today ({day}); it can be marked checked from "
            "tomorrow, once a professional has looked at it or it has settled."
        )
    ),
    "pain.reason": Message(
        N_('"{given}" is not a reason for {opt[reason]}; use one of: {choices}.')
    ),
}
