"""The safety gate's refusals (supple.domain.gate) and the dose rules of a routine someone made
(supple.domain.routine_dose). Each refusal's `reasons` (texts from the data, with sources) are
listed by the front end under the message; `next` names where to go (a key of fronts)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "safety.no-screen": Message(
        N_(
            "No safety screen on record: supple plans a routine only after a short screen that "
            "looks for conditions that rule stretches out or call for a professional first. "
            "Take it with {opt[screen-again]}."
        )
    ),
    "safety.screen-expired": Message(
        N_(
            "Your safety screen from {screened_on} expired on {valid_until}: a screen lasts 12 "
            "months, because health changes. Take it again with {opt[screen-again]}."
        )
    ),
    "safety.urgent": Message(
        N_(
            "Stop: do not stretch. What you described can be a sign of pressure on the nerves "
            "at the base of the spine, which needs an emergency assessment today. Go to an "
            "emergency department (A&E / ER) now, or call your local emergency number (999 in "
            "the UK, 112 in the EU, 911 in the US and Canada) if you cannot get there safely. "
            "supple will not plan a routine."
        )
    ),
    "safety.urgent-same-day": Message(
        N_(
            "Stop: do not stretch today. What you described can be a sign of an infection of "
            "the spine, which needs a doctor's assessment the same day: call your doctor's "
            "surgery and ask to be seen today, or go to an urgent care centre (in the UK you "
            "can also call 111). If you feel very unwell, call your local emergency number. "
            "supple will not plan a routine."
        )
    ),
    "safety.consult": Message(
        N_(
            "Please see a doctor or physiotherapist before you start, and tell them about the "
            "points below. Once they say you may begin, take the screen again with "
            "{opt[screen-again]} and say so in its last question."
        )
    ),
    "safety.pain-since-screen": Message(
        N_(
            "You reported sharp pain during {stretch} on {day}, after your last safety screen. "
            "Take the safety screen again before the next routine: {opt[screen-again]} asks "
            "only the warning signs and the pain questions and keeps your other answers."
        )
    ),
    "safety.routine-excluded": Message(
        N_(
            "Nothing of this routine may be played now: your latest screen or your pain reports "
            "leave out every stretch in it. Plan a new one with {opt[plan-again]}."
        )
    ),
    "routine.not-found": Message(
        N_('No saved routine is called "{given}" ({opt[routine]}).'),
        tails={"saved": N_("Saved: {saved}.")},
    ),
    "routine.unknown-stretch": Message(
        N_('Step {step} names a stretch that does not exist ("{given}").')
    ),
    "routine.hold-range": Message(
        N_(
            "Step {step} ({stretch}) holds for {given} s; for your age a hold lasts {low} to "
            "{high} seconds."
        )
    ),
    "routine.unequal-sides": Message(
        N_(
            "Step {step} ({stretch}) is a one-sided stretch and is done on both sides, the same "
            'dose each: its sides must be "left" and "right", not {given}.'
        )
    ),
    "routine.reps-range": Message(
        N_("Step {step} ({stretch}) has {given} repetitions; use {low} to {high}.")
    ),
    "routine.total-dose": Message(
        N_(
            "Step {step} ({stretch}) holds {reps} × {hold} s a side ({given} s): a stretch "
            "builds to about {target} seconds a side over 2 to 4 repetitions, and never more "
            "than {most} seconds."
        )
    ),
}

# Import of a data file (supple.services.transfer): nothing is imported when one of these occurs.
MESSAGES |= {
    "transfer.unreadable": Message(N_("{file}: cannot read the file ({problem}).")),
    "transfer.not-text": Message(
        N_("{file}: not a text file; a supple export is JSON or CSV text made by supple export.")
    ),
    "transfer.bad-json": Message(N_("{file}: not valid JSON (line {line}: {problem}).")),
    "transfer.bad-csv": Message(N_("{file}: not a supple CSV export ({problem}).")),
    "transfer.not-export": Message(N_("{file}: not a supple export (made by supple export).")),
    "transfer.newer": Message(
        N_("{file}: made by a newer supple (format {version}); update supple first.")
    ),
    "transfer.bad-entry": Message(
        N_("{file}: {where}: {problem}."),
        tails={
            "label": N_("The entry is {label}."),
            "line": N_("That is line {line} of the file."),
            "given": N_("It holds {given}."),
            "more": N_("There are {more} more problems after this one."),
        },
    ),
    "transfer.unknown-stretch": Message(
        N_(
            '{file}: {where}: there is no stretch "{given}" in supple\'s catalog, among your '
            "imported stretches or in the file's user_stretches. Import that stretch first "
            "({opt[import-catalog]}) or remove the entry."
        ),
        tails={
            "label": N_("The entry is {label}."),
            "line": N_("That is line {line} of the file."),
        },
    ),
    "transfer.bad-answers": Message(
        N_("{file}: {where}: these screening answers cannot be judged again: {answer_problems}."),
        tails={"label": N_("The entry is {label}.")},
    ),
    "transfer.text": Message(N_("{text}")),
}
