"""Words the domain writes for people (a screen's verdict, a cue), in the reader's language.

The domain stays free of gettext: it marks its sentences with `say()` / `say_n()` (collected by
`supple.wording.extract` like `_()` / `ngettext()`) and a front end's translation is installed
here once (`supple.wording.i18n` does it when imported). Until then, and in the domain's own
tests, the English of the source is said as it is. A sentence is a template with named fields
(`say("Left out: {names}.").format(names=...)`), so a translation can move the values.
"""

from __future__ import annotations

from collections.abc import Callable

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


def _english(message: str) -> str:
    return message


def _english_n(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


_gettext: Gettext = _english
_ngettext: Ngettext = _english_n


def install(gettext: Gettext, ngettext: Ngettext) -> None:
    """Say the domain's sentences through a front end's translation from now on."""
    global _gettext, _ngettext
    _gettext, _ngettext = gettext, ngettext


def say(message: str) -> str:
    """`message` in the reader's language."""
    return _gettext(message)


def say_n(singular: str, plural: str, n: int) -> str:
    """The form of a message for count `n`, in the reader's language."""
    return _ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a template for the catalog without saying it now (it is said when used)."""
    return message
