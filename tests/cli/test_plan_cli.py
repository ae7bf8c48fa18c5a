"""`supple plan` and `supple routine` as a user meets them: routines, refusals, bad input."""

from __future__ import annotations

import pytest

from tests.cli.factories import screened

CONTRACT = {"total_seconds", "warmed_up", "context", "steps", "excluded", "cautions", "rules"}


def test_plan_json_follows_the_contract_and_fits_the_minutes(cli):
    screened(cli)
    r = cli("plan", "--minutes", "14", "--place", "floor,chair", "--json")
    assert r.code == 0, r.err
    plan = r.json()
    assert set(plan) >= CONTRACT
    assert 0.8 * 14 * 60 <= plan["total_seconds"] <= 14 * 60
    assert plan["steps"][0]["kind"] == "warmup" and not plan["warmed_up"]
    for step in plan["steps"]:
        assert step["kind"] in ("warmup", "stretch", "transition")
        if step["kind"] == "stretch":
            assert step["why"] and step["targets"] and step["hold_seconds"] and step["reps"]
            assert step["sides"] in (["left", "right"], ["both"])
    assert sum(s["seconds"] for s in plan["steps"]) == plan["total_seconds"]


def test_same_inputs_and_seed_give_the_same_routine_and_avoid_is_respected(cli):
    screened(cli)
    args = ("plan", "--minutes", "12", "--warm", "--json", "--seed", "4")
    assert cli(*args).json() == cli(*args).json()
    plan = cli(*args, "--avoid", "cat-cow", "--avoid", "childs-pose").json()
    used = {s["id"] for s in plan["steps"]}
    assert not used & {"cat-cow", "childs-pose"}
    assert {"cat-cow", "childs-pose"} <= {e["id"] for e in plan["excluded"]}


def test_text_output_names_why_left_out_and_explain_names_rules(cli):
    screened(cli)
    r = cli("plan", "--minutes", "12", "--explain")
    assert r.code == 0
    for part in ("Why each step", "Left out", "Rules that shaped this plan", "garber-2011"):
        assert part in r.out


def test_older_adults_get_longer_holds(cli):
    screened(cli, age=72)
    plan = cli("plan", "--minutes", "15", "--warm", "--json").json()
    holds = [s["hold_seconds"] for s in plan["steps"] if s.get("style") == "static"]
    assert holds and all(30 <= h <= 60 for h in holds)


def test_screening_exclusions_never_appear_and_modifications_are_carried(cli):
    screened(cli, **{"hip-replacement": "posterior", "wrist-problem": True})
    plan = cli("plan", "--minutes", "20", "--place", "floor,chair,standing", "--json").json()
    used = {s["id"]: s for s in plan["steps"] if s["kind"] == "stretch"}
    for sid in (
        "seated-figure-four",
        "supine-figure-four",
        "standing-glute-stretch",
        "knee-to-chest",
        "seated-glute-stretch",
    ):
        assert sid not in used
    if "cat-cow" in used:
        assert used["cat-cow"]["modification"]


def test_no_screen_consult_and_urgent_refuse_with_exit_3(cli):
    r = cli("plan", "--minutes", "10")
    assert r.code == 3 and "supple screen" in r.err
    screened(cli, **{"severe-pain": True})
    r = cli("plan", "--minutes", "10")
    assert r.code == 3 and r.out == ""
    screened(cli, **{"saddle-numbness": True})
    r = cli("plan", "--minutes", "10")
    assert r.code == 3 and "emergency" in r.err.lower()


def test_professional_clearance_turns_consult_into_a_plan(cli):
    screened(cli, **{"spinal-condition": True, "cleared-by-professional": True})
    assert cli("plan", "--minutes", "10").code == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--minutes", "5"), "--warm"),
        (("--minutes", "0"), "--minutes"),
        (("--minutes", "10", "--place", "bed"), "bed"),
        (("--minutes", "10", "--context", "during"), "--context"),
        (("--minutes", "10", "--focus", "neck"), "--focus"),
        (("--minutes", "10", "--avoid", "cat-cows"), "cat-cow"),
        ((), "--minutes"),
    ],
)
def test_bad_input_exits_2_naming_it(cli, args, needle):
    screened(cli)
    r = cli("plan", *args)
    assert r.code == 2, r.out
    assert needle in r.err


def test_too_short_says_how_many_minutes_are_needed(cli):
    screened(cli)
    r = cli("plan", "--minutes", "5")
    assert r.code == 2 and "at least --minutes" in r.err
    assert cli("plan", "--minutes", "5", "--warm").code == 0


def test_save_list_show_and_duplicate_names(cli):
    screened(cli)
    made = cli("plan", "--minutes", "10", "--save", "morning", "--json").json()
    assert cli("routine", "list", "--json").json()[0]["name"] == "morning"
    assert cli("routine", "show", "morning", "--json").json() == made
    r = cli("plan", "--minutes", "12", "--save", "morning")
    assert r.code == 2 and "--force" in r.err
    assert cli("plan", "--minutes", "12", "--save", "morning", "--force").code == 0
    assert cli("routine", "show", "morning", "--json").json()["total_seconds"] > 600
    r = cli("routine", "show", "evening")
    assert r.code == 2 and "morning" in r.err
