"""Names people type: limits and characters, as problems the front ends word."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supple.domain.names import ROUTINE_NAME_MAX, person_name, routine_name
from supple.domain.problems import Problem
from supple.wording import CLI, FORM, word


def test_spaces_are_folded_and_a_fair_name_is_kept() -> None:
    assert person_name("  Ann   Lee ") == "Ann Lee"
    assert routine_name("desk & chair") == "desk & chair"


@pytest.mark.parametrize("bad", ["a/b", "two\nlines", "tab\there", "nul\0x", ""])
def test_a_routine_name_that_cannot_be_a_web_address_or_one_line_is_refused(bad: str) -> None:
    with pytest.raises(Problem) as e:
        routine_name(bad)
    assert e.value.field == "save"
    assert "--save" in word(e.value, CLI)


def test_a_long_name_is_refused_with_the_limit_and_the_message_stays_short() -> None:
    with pytest.raises(Problem) as e:
        routine_name("x" * 5_000_000, field="name")
    text = word(e.value, FORM)
    assert f"at most {ROUTINE_NAME_MAX} characters" in text and "5000000" in text
    assert len(text) < 200


@given(st.text(max_size=120))
def test_a_routine_name_is_either_refused_or_safe_to_address(text: str) -> None:
    try:
        name = routine_name(text)
    except Problem:
        return
    assert 0 < len(name) <= ROUTINE_NAME_MAX
    assert name.isprintable() and "/" not in name and name == name.strip()


def test_a_routine_name_from_the_api_field_still_refuses_a_slash() -> None:
    with pytest.raises(Problem) as e:
        routine_name("a/b", field="name")
    assert e.value.params["characters"] == ["a slash"]
