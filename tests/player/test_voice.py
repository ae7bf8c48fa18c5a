"""Voice: spoken when espeak-ng is there, otherwise said once that cues are text only."""

from __future__ import annotations

import io
import shutil

import pytest

from supple.player.voice import NO_VOICE, Voice


def test_without_espeak_ng_the_user_is_told_once_and_cues_stay_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path
):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no espeak-ng on PATH
    voice = Voice(enabled=True)
    assert not voice.speaking
    assert voice.unavailable_reason() == NO_VOICE == "espeak-ng not installed: text cues only"
    assert voice.unavailable_reason() is None  # said once
    voice.say("Breathe in.")  # does nothing, and does not fail


def test_voice_off_says_nothing_about_espeak():
    voice = Voice(enabled=False)
    assert not voice.speaking


def test_the_bell_rings_at_each_cue():
    out = io.StringIO()
    voice = Voice(enabled=False, bell=True, out=out)
    voice.say("Switch sides.")
    voice.say("Breathe in.")
    assert out.getvalue() == "\a\a"


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_with_espeak_ng_a_cue_is_spoken_in_the_background():
    voice = Voice(enabled=True)
    assert voice.speaking and voice.unavailable_reason() is None
    voice.say("Breathe in.")
    voice.stop()


def test_the_bell_rings_by_default_only_when_cues_are_not_spoken():
    from supple.player.view import rings_bell

    assert rings_bell(None, speaking=False) is True
    assert rings_bell(None, speaking=True) is False
    assert rings_bell(True, speaking=True) is True
    assert rings_bell(False, speaking=False) is False
