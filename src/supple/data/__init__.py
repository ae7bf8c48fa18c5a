"""Shipped data (stretches, questions, sources, anatomy, learn) and its validating loader."""
