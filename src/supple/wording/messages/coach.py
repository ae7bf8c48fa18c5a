"""Problems of coach mode (services.coaching, domain.prescription)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "coach.not-a-coach": Message(
        N_("This page is for coaches. Go back to your own pages from the menu.")
    ),
    "coach.unknown-client": Message(
        N_("You have no client with that number. Pick one from your list of clients.")
    ),
    "coach.bad-invitation": Message(
        N_(
            "This invitation link has been used or has expired. Ask your coach for a new "
            "one, or log in if you already have an account."
        )
    ),
    "coach.no-prescription": Message(
        N_("Your coach has not given you a routine yet. Plan one yourself on the Plan page.")
    ),
    "coach.no-stretch": Message(N_("Choose at least one stretch in {opt[stretches]}.")),
    "coach.unknown-stretch": Message(
        N_("'{given}' is not a stretch of the catalog. Choose from the list in {opt[stretches]}.")
    ),
    "coach.days-range": Message(N_("{opt[days_per_week]} must be from 1 to 7.")),
}
