"""Problems with files a person names (services.files)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "files.not-a-regular-file": Message(
        N_("{given} is not a regular file (a folder or a device, say); give a file name instead.")
    ),
    "files.no-folder": Message(
        N_(
            "The folder {folder} does not exist; create it first, "
            "or give a file in a folder that does."
        )
    ),
}
