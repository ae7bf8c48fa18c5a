"""Which voice the player uses for these settings: SUPPLE_VOICE, else the profile's choice,
and espeak-ng when it is installed (the player page and the settings page both show it)."""

from __future__ import annotations

from supple.config import Settings
from supple.services.profile import get_profile
from supple.web import audio


def voice_mode(settings: Settings) -> str:
    """'espeak', 'browser' or 'off' (audio.voice_mode)."""
    voice_on = settings.voice if settings.voice is not None else get_profile(settings).voice
    return audio.voice_mode(audio.espeak_path() is not None, voice_on)
