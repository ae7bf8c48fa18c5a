"""Problems with taking a suggested weekly goal (services.sessions.accept_goal)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "goal.no-suggestion": Message(
        N_(
            "No new weekly goal is suggested right now, so your goal stays at {goal}; set one "
            "yourself with {opt[goal]} if you like."
        )
    ),
}
