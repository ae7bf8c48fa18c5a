"""supple — an open-source stretching coach for the lower back and upper glutes."""

__version__ = "0.1.0"
