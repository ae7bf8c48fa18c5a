"""The words of a reminder's calendar event: what the session is and how to start it. One text
for the terminal, the reminders page and the API; each says how to start in its own terms."""

from __future__ import annotations

from collections.abc import Sequence

from supple.wording.i18n import _, ngettext


def reminder_text(
    minutes: int, start: str, routine: str | None = None, steps: Sequence[str] = ()
) -> str:
    """The event's description: the session (a saved routine with its stretches, or minutes of
    stretching), then `start`, the way to begin it from where the reminder was made."""
    if routine is None:
        about = ngettext(
            "{n} minute of stretching for the lower back and upper glutes.",
            "{n} minutes of stretching for the lower back and upper glutes.",
            minutes,
        ).format(n=minutes)
        return f"{about}\n{start}"
    head = _("Routine '{name}' ({minutes} min):").format(name=routine, minutes=minutes)
    return "\n".join([head, *(f"- {name}" for name in steps), start])
