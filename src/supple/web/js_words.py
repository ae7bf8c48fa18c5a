"""The words the pages' scripts write (the player, the plan's start button, the screen's
one-question-at-a-time form, the settings' voice test), marked here for translation like every
other string and sent to the browser already translated.

Every page carries them in `<script type="application/json" id="supple-words">` (base.html): data,
not code, so the Content-Security-Policy stays `script-src 'self'`. `app.js` reads the block and
gives the scripts `supple.t(key, {name: …})` and `supple.tn(key, n)`. A message with a count is
sent with all of the language's forms and the plural rule as a table (the form for each count
0–199; gettext's rules repeat every hundred above that), so a language with three or six forms
is chosen right without evaluating the catalog's rule as code in the page.

A key is what the script asks for; the English text is the message id translators see. Values
come in as named fields (`{name}`), never glued to the words, so a translation can move them.
"""

from __future__ import annotations

from typing import Any

from supple.wording import i18n
from supple.wording.i18n import N_, N_ngettext

#: Plain messages, by the key the scripts use.
WORDS: dict[str, str] = {
    # plan.js: the start button under a plan
    "plan.starting": N_("Starting…"),
    "plan.could-not-start": N_("Could not start: {reason}"),
    "plan.no-server": N_("Could not reach supple: is the server still running?"),
    # screen.js: one question at a time
    "screen.answer-first": N_(
        "Please answer this question to go on (question {number} of {count})."
    ),
    # settings.js and the player: the voice
    "voice.browser": N_("your browser's speech synthesis"),
    "voice.none": N_("chimes and on-screen text (this browser has no voice)"),
    "voice.test-cue": N_("Breathe in. Then breathe out as you ease into the stretch."),
    # player.js: what the player shows and says
    "player.complete-spoken": N_("Session complete. Well done."),
    "player.ended-spoken": N_("Session ended."),
    "player.paused": N_("Paused. Press space or Resume to go on."),
    "player.welcome-back": N_(
        "Welcome back: the session is paused where you left it. Press space or Resume."
    ),
    "player.rate": N_("Rate how {name} felt, from 0 to 10."),
    "side.left": N_("Left side"),
    "side.right": N_("Right side"),
    "next.side.left": N_("switch to the left side"),
    "next.side.right": N_("switch to the right side"),
    "next.end": N_("the end of the session"),
    "next": N_("Next: {what}"),
    "part.warmup": N_("Warm-up"),
    "part.transition": N_("Change position"),
    "part.prepare": N_("Get ready"),
    "part.breathe-in": N_("Breathe in"),
    "part.hold": N_("Hold"),
    "part.breathe-out": N_("Breathe out"),
    "part.switch": N_("Switch sides"),
    "part.rest": N_("Rest"),
    "part.numbered": N_("{part} {number}"),
    "player.note": N_("Do it this way: {note}"),
    "player.elapsed": N_("{elapsed} of {total}"),
    "player.resume": N_("Resume"),
    "player.pause": N_("Pause"),
    "player.minutes-seconds": N_("{minutes} min {seconds} s"),
    "player.start-summary": N_(
        "{stretches} in {length}. Keep the screen where you can see it; the cues will tell you"
        " when to change."
    ),
    "done.complete": N_("Session complete"),
    "done.ended": N_("Session ended"),
    "done.saving": N_("Saving your session…"),
    "done.offline": N_("Kept on this device: it reaches your history once the server is back."),
    "done.saved": N_("Well done. Every stretch you finished is saved in your history."),
    "done.stopped": N_("The session was stopped. What you did is saved in your history."),
    "load.failed": N_("Session {id} could not be loaded ({reason}). Make a new plan."),
    "load.no-server": N_("Could not reach supple to load the session."),
}

#: Messages with a count `{n}`, by key: (singular, plural) in English.
COUNTED: dict[str, tuple[str, str]] = {
    "screen.question": N_ngettext("Question {number} of {n}", "Question {number} of {n}"),
    "seconds": N_ngettext("{n} second", "{n} seconds"),
    "minutes": N_ngettext("{n} minute", "{n} minutes"),
    "seconds-left": N_ngettext("{n} second left", "{n} seconds left"),
    "stretches": N_ngettext("{n} stretch", "{n} stretches"),
}

#: Counts the plural table covers; above it the rule repeats every hundred (app.js).
TABLE_SIZE = 200


def browser_words() -> dict[str, Any]:
    """Every script's words in the reader's language: `words` (key → text), `counted` (key →
    the forms in the catalog's order) and `plural` (count → which form, for 0–199)."""
    t = i18n.translations()
    plural = [i18n.plural_index(n) for n in range(TABLE_SIZE)]
    # One count per form, to ask gettext for that form by the public API.
    example = {form: plural.index(form) for form in set(plural)}
    forms = range(max(example) + 1)
    return {
        "words": {key: t.gettext(text) for key, text in WORDS.items()},
        "counted": {
            key: [t.ngettext(one, many, example[f]) if f in example else many for f in forms]
            for key, (one, many) in COUNTED.items()
        },
        "plural": plural,
    }
