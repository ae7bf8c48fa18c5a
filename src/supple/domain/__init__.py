"""Pure domain logic: stdlib and pydantic only (a test enforces it)."""
