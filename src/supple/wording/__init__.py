"""Words for people: how each front end says a problem (`supple.domain.problems`).

One English template per problem code (`messages/`), marked for translation and read through
gettext (`i18n`); each front end (`fronts`) fills in its own name for every field a template
mentions: the terminal's `--options`, the JSON body's `"fields"`, the web form's labels.
"""

from supple.wording.fronts import API, CLI, FORM, Front
from supple.wording.render import word, word_all

__all__ = ["API", "CLI", "FORM", "Front", "word", "word_all"]
