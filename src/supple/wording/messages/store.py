"""Problems opening the data (services.context)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "store.home-is-file": Message(
        N_(
            "The data directory {home} is a file, not a folder. Point {opt[home]} at a folder; "
            "supple creates it when it is missing."
        )
    ),
    "store.home-unusable": Message(
        N_(
            "supple cannot use the data directory {home} ({detail}). Check its permissions, "
            "or point {opt[home]} at another folder."
        )
    ),
    "store.bad-url": Message(
        N_(
            "{detail} Fix {opt[database]}, or unset {opt[database]} to use the SQLite file "
            "in the data directory."
        )
    ),
    "store.too-new": Message(
        N_(
            "The database at {where} was last opened by a newer supple (schema revision "
            "{revision}). Upgrade supple rather than running an older one against it."
        )
    ),
    "store.not-a-database": Message(
        N_(
            "The file {file} cannot be read as a supple database ({detail}). Move it aside "
            "(supple then starts a new database), or point {opt[home]} at another folder."
        )
    ),
    "store.cannot-connect": Message(
        N_(
            "supple cannot open the database at {opt[database]} '{url}' ({detail}). Check that "
            "the server is running and the URL is right, or unset {opt[database]} to use the "
            "SQLite file in the data directory."
        )
    ),
}
