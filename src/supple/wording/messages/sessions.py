"""Problems with a session played in the browser and its events (services.web_sessions)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "session.unknown": Message(
        N_('No session has the id "{given}"; start one from a plan (POST /api/v1/sessions).')
    ),
    "session.event-needs-step": Message(N_('A "{event}" event needs the step it is about.')),
    "session.step-range": Message(
        N_("Step {given} is not in this routine; it has steps 0 to {high}.")
    ),
    "session.wrong-stretch": Message(
        N_('"{given}" is not the stretch of step {step} of this routine (that is {name}).')
    ),
    "session.wrong-side": Message(
        N_('The side "{given}" is not done in step {step}; it has {sides}.')
    ),
    "session.not-a-stretch": Message(
        N_('Step {given} is a change of position; a "{event}" event needs a stretch.')
    ),
    "session.needs-discomfort": Message(
        N_('A "rated" event needs the discomfort, a whole number from {low} to {high}.')
    ),
    "session.needs-stretch-id": Message(
        N_('A "{event}" event needs the id of the stretch of its step.')
    ),
}
