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

MESSAGES |= {
    "transfer.incomplete": Message(
        N_(
            "{file} is incomplete: it holds {found} of the {written} {what} its export wrote, "
            "so it was cut short (by a full disk or a copy that stopped, say)."
        ),
        tails={
            "others": N_("Also short: {others}."),
            "line": N_("It ends in the middle of line {line}."),
        },
    ),
    "transfer.uncounted": Message(
        N_(
            "{file} does not say how many records it holds (it was made by an older supple, "
            "or its counts were removed), so supple cannot tell whether it is complete; every "
            "entry in it was checked and imported."
        )
    ),
    "transfer.changed": Message(
        N_(
            "{file} was changed after it was exported (its checksum or its counts do not "
            "match); every entry in it was checked as usual and imported."
        )
    ),
}
