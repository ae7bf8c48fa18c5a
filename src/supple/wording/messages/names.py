"""Problems with names people type (supple.domain.names)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "names.too-long": Message(
        N_("{field} can be at most {limit} characters; this one has {length}. Shorten it.")
    ),
    "names.empty": Message(N_("{field} cannot be empty; give a name.")),
    "names.bad-character": Message(
        N_("{field} cannot hold {characters}; use letters, digits, spaces and punctuation.")
    ),
}
