"""The commands' help in the reader's language.

Typer takes each command's help from its docstring and each option's from `help=`; those English
texts are the message ids (`supple.wording.extract` collects them from the command tree itself,
so what is collected is exactly what is shown). The root group translates a command when it is
looked up, and itself and its list of commands when its help is shown, so a run that shows no
help looks nothing up.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from supple.wording.i18n import _

#: The attributes of a command and of a parameter that people read in `--help`.
COMMAND_TEXTS = ("help", "short_help", "epilog")
PARAM_TEXTS = ("help",)


def _subcommands(command: Any) -> list[Any]:
    return list(getattr(command, "commands", {}).values())


def help_texts(command: Any) -> Iterator[str]:
    """Every help text of `command` and the commands under it, in the English of the source."""
    for attr in COMMAND_TEXTS:
        if text := getattr(command, attr, None):
            yield text
    for param in command.params:
        for attr in PARAM_TEXTS:
            if text := getattr(param, attr, None):
                yield text
    for sub in _subcommands(command):
        yield from help_texts(sub)


def translate_help(command: Any) -> Any:
    """`command` (and the commands under it) with its help texts looked up in the catalog; done
    once per command, so a text is never looked up in its own translation."""
    if getattr(command, "_supple_help_translated", False):
        return command
    for attr in COMMAND_TEXTS:
        if text := getattr(command, attr, None):
            setattr(command, attr, _(text))
    for param in command.params:
        for attr in PARAM_TEXTS:
            if text := getattr(param, attr, None):
                setattr(param, attr, _(text))
    command._supple_help_translated = True
    for sub in _subcommands(command):
        translate_help(sub)
    return command
