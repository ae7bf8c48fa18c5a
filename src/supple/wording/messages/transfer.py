"""Import of a data file (supple.services.transfer), beside the first codes in safety.py:
nothing is imported when one of these occurs."""

from supple.wording.i18n import N_
from supple.wording.render import Message

#: Said after an entry's problem when the file is CSV: the line a spreadsheet shows.
LINE = N_("That is line {line} of the file.")

MESSAGES = {
    "transfer.nul": Message(
        N_(
            "{file}: {where}: the text holds a NUL character, which supple cannot store; "
            "remove it and import the file again."
        ),
        tails={"label": N_("The entry is {label}."), "line": LINE},
    ),
    "transfer.text-too-long": Message(
        N_(
            "{file}: {where}: the text is {length} characters long, more than the {limit} an "
            "export ever holds; shorten it and import the file again."
        ),
        tails={"label": N_("The entry is {label}."), "line": LINE},
    ),
    "transfer.unplayable": Message(
        N_(
            "{file}: {where}: this routine cannot be played, so it cannot be saved; remove it "
            "or plan it again."
        ),
        tails={
            "problem": N_("The reason: {problem}."),
            "label": N_("The entry is {label}."),
            "line": LINE,
        },
    ),
}
