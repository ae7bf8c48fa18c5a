"""Whole numbers as clients and files send them.

Strict, so a JSON `true` is not the number 1 and the text "6" is not 6; but 6.0 is 6, because
JSON Schema's "integer" (the API's published schema) calls 6.0 an integer too, and a request
the schema allows must not be refused as malformed. 6.5 stays refused.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Strict


def _integral(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: Put last in an `Annotated[int, Strict(), Field(ge=..., le=...), WHOLE]`: bounds must come
#: before it, or pydantic cannot show them in the schema as minimum/maximum (it writes ge/le).
WHOLE = BeforeValidator(_integral)
#: A whole number: an int, or a float with nothing after the point; never a boolean or text.
WholeNumber = Annotated[int, Strict(), WHOLE]
