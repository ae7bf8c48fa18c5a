"""The safety screen: the shipped questions, the outcome rules, answer checking and validity.

Everything runs against the real questions.toml and the real catalog the package ships; a few
tests build tiny stretches with the Stretch model where a rule needs a case the catalog lacks.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.data.loader import DataSet, shipped
from supple.domain.catalog import Stretch
from supple.domain.questions import Question
from supple.domain.screening import (
    RULES,
    SEVERITY,
    AnswersError,
    ScreeningResult,
    add_months,
    is_valid,
    screen,
    triggered,
    validate_answers,
)
from tests.data.test_catalog_data import copied
from tests.fixtures.make_seed_hashes import seed_fingerprints, shipped_fingerprints

TODAY = date(2026, 11, 25)


REFUSED_OUTCOME = ("safety.urgent", "safety.urgent-same-day", "safety.consult")


def refusal(r: ScreeningResult | None, today: date) -> str | None:
    """The gate's refusal code for this result on `today` (no pain reports), or None."""
    from supple.domain.gate import SafetyRefusal, may_start

    taken = (
        datetime(r.screened_on.year, r.screened_on.month, r.screened_on.day, tzinfo=UTC)
        if r
        else None
    )
    try:
        may_start(r, taken, [], today)
    except SafetyRefusal as e:
        return e.code.id
    return None


EMERGENCY = ["bladder-bowel", "saddle-numbness", "leg-weakness", "both-legs-pain"]
SAME_DAY = ["fever", "weakened-immunity", "injected-drugs"]
URGENT = [*EMERGENCY, *SAME_DAY]
RED_FLAG_CONSULT = [
    "cancer-history",
    "weight-loss",
    "night-pain",
    "no-improvement-month",
    "major-trauma",
]
SEED_CONDITIONS = ["acute-injury", "severe-pain", "spinal-condition"]
READINESS = [
    "heart-condition",
    "chest-pain",
    "dizziness",
    "chronic-condition",
    "medication",
    "joint-problem",
    "supervised-only",
]
CAUTION_YES_NO = ["osteoporosis", "knee-problem", "wrist-problem", "balance-problem", "pregnancy"]
CAUTIONS = [*CAUTION_YES_NO, "hip-replacement"]
FOLLOW_UPS = {"pregnancy-stage": "pregnancy"}


@pytest.fixture(scope="module")
def data() -> DataSet:
    return shipped()


@pytest.fixture(scope="module")
def qs(data: DataSet) -> list[Question]:
    return data.questions


def nothing_to_report(questions: list[Question], age: int = 40) -> dict[str, Any]:
    """Answers a healthy 40-year-old would give: no to everything, no hip replacement."""
    out: dict[str, Any] = {}
    for q in questions:
        if not q.required:
            continue
        out[q.id] = {"yes-no": False, "number": age}.get(q.kind, q.options[0] if q.options else 0)
    return out


def judge(data: DataSet, today: date = TODAY, **changes: Any) -> ScreeningResult:
    answers = nothing_to_report(data.questions)
    answers.update({k.replace("_", "-"): v for k, v in changes.items()})
    return screen(data.questions, data.catalog, answers, today)


def avoided_for(data: DataSet, condition: str) -> set[str]:
    return {
        s.id
        for s in data.catalog
        if any(c.condition == condition and c.action == "avoid" for c in s.cautions)
    }


# --- the questions as data -----------------------------------------------------------------------


def test_every_named_question_is_there_with_its_outcome_and_source(qs: list[Question]) -> None:
    by_id = {q.id: q for q in qs}
    expected: dict[str, tuple[str, str | None, str]] = {
        **{i: ("red-flag", "urgent", "nice-ng59") for i in URGENT},
        **{i: ("red-flag", "consult", "nice-ng59") for i in RED_FLAG_CONSULT},
        **{i: ("seed-condition", "consult", "seed-002") for i in SEED_CONDITIONS},
        **{i: ("readiness", "consult", "parq-plus") for i in READINESS},
        **{
            i: ("caution", "caution", by_id[i].source)
            for i in [*CAUTION_YES_NO, "hip-replacement", *FOLLOW_UPS]
        },
        "age": ("profile", None, by_id["age"].source),
        "cleared-by-professional": ("profile", None, "parq-plus"),
    }
    for qid, (category, outcome, source) in expected.items():
        assert qid in by_id, f"question {qid} is missing from questions.toml"
        q = by_id[qid]
        assert (q.category, q.outcome, q.source) == (category, outcome, source), qid
    assert {q.id for q in qs if q.care == "same-day"} == set(SAME_DAY)
    assert {q.id: q.follow_up_of for q in qs if q.follow_up_of} == FOLLOW_UPS


def test_questions_explain_themselves(qs: list[Question]) -> None:
    for q in qs:
        assert q.text.endswith("?"), q.id
        assert len(q.help) > 20, f"{q.id} needs help text explaining its terms"
        if q.outcome is not None:
            assert len(q.reason) > 20, f"{q.id} needs the reason shown when it triggers"
    saddle = next(q for q in qs if q.id == "saddle-numbness")
    assert "saddle area is" in saddle.help


def test_special_questions_have_their_shape(qs: list[Question]) -> None:
    by_id = {q.id: q for q in qs}
    hip = by_id["hip-replacement"]
    assert (hip.kind, hip.options) == ("choice", ["none", "posterior", "anterior", "unsure"])
    assert hip.conditions == {
        "posterior": ["hip-replacement-posterior"],
        "anterior": ["hip-replacement-anterior"],
        "unsure": ["hip-replacement-posterior", "hip-replacement-anterior"],
    }
    for qid in CAUTION_YES_NO:
        assert by_id[qid].condition == qid
    assert by_id["spinal-condition"].condition == "spinal-condition"
    age = by_id["age"]
    assert (age.kind, age.minimum, age.maximum, age.required) == ("number", 5, 120, True)
    cleared = by_id["cleared-by-professional"]
    assert (cleared.kind, cleared.required) == ("yes-no", False)


def test_question_wording_is_our_own(qs: list[Question]) -> None:
    seed = shipped_fingerprints() | seed_fingerprints()
    for q in qs:
        for field in ("text", "help", "reason"):
            assert copied(getattr(q, field), seed) == [], f"{q.id}.{field} copies a seed"
        for option, text in q.option_reasons.items():
            assert copied(text, seed) == [], f"{q.id}.option_reasons.{option} copies a seed"


def test_every_rule_names_a_known_source(data: DataSet) -> None:
    for rule in RULES.values():
        assert rule.sources and set(rule.sources) <= set(data.sources), rule.id


# --- outcomes ------------------------------------------------------------------------------------


def test_nothing_to_report_is_clear(data: DataSet) -> None:
    r = judge(data)
    assert r.outcome == "clear"
    assert (r.reasons, r.excluded, r.modified, r.conditions) == ([], [], [], [])
    assert "go ahead" in r.message
    assert refusal(r, TODAY) is None


@pytest.mark.parametrize("qid", URGENT)
def test_each_urgent_red_flag_means_urgent_care_and_no_routine(data: DataSet, qid: str) -> None:
    r = judge(data, **{qid: True})
    assert r.outcome == "urgent"
    assert [x.question for x in r.reasons] == [qid]
    assert r.reasons[0].source == "nice-ng59"
    assert "emergency" in r.message and "today" in r.message
    assert "will not plan a routine" in r.message
    assert (r.excluded, r.modified) == ([], [])
    assert refusal(r, TODAY) in REFUSED_OUTCOME


@pytest.mark.parametrize("qid", [*RED_FLAG_CONSULT, "new-pain-age", *SEED_CONDITIONS, *READINESS])
def test_each_consult_question_means_see_a_professional_first(data: DataSet, qid: str) -> None:
    r = judge(data, **{qid: True})
    assert r.outcome == "consult"
    assert [x.question for x in r.reasons] == [qid]
    # The clearance question by its words, never its id.
    assert '"Has a doctor or physiotherapist seen your answers' in r.message
    assert "cleared-by-professional" not in r.message
    assert refusal(r, TODAY) in REFUSED_OUTCOME


def test_red_flags_ask_to_see_a_doctor_soon_but_readiness_does_not(data: DataSet) -> None:
    assert "soon" in judge(data, night_pain=True).message
    assert "soon" not in judge(data, medication=True).message


def test_clearance_turns_consult_into_caution(data: DataSet) -> None:
    r = judge(data, heart_condition=True, cleared_by_professional=True)
    assert r.outcome == "caution"
    assert [x.question for x in r.reasons] == ["heart-condition", "cleared-by-professional"]
    assert r.reasons[1].source == "parq-plus"
    assert "cleared you to start after reviewing the points above" in r.reasons[1].text
    assert "heart-condition" not in r.reasons[1].text  # the question by its words, above it
    assert refusal(r, TODAY) is None


def test_cleared_spinal_condition_keeps_its_cautions(data: DataSet) -> None:
    r = judge(data, spinal_condition=True, cleared_by_professional="yes")
    assert r.outcome == "caution"
    assert r.conditions == ["spinal-condition"]
    with_caution = {
        s.id for s in data.catalog if any(c.condition == "spinal-condition" for c in s.cautions)
    }
    assert {m.id for m in r.modified} == with_caution
    assert "cautions for your conditions still apply" in r.reasons[-1].text


@pytest.mark.parametrize("qid", URGENT)
def test_clearance_never_lowers_urgent(data: DataSet, qid: str) -> None:
    r = judge(data, **{qid: True, "cleared-by-professional": True, "fever": True})
    assert r.outcome == "urgent"


def test_clearance_with_nothing_to_clear_stays_clear(data: DataSet) -> None:
    assert judge(data, cleared_by_professional=True).outcome == "clear"


def test_posterior_hip_replacement_leaves_out_the_stretches_that_say_so(data: DataSet) -> None:
    r = judge(data, hip_replacement="posterior")
    assert r.outcome == "caution"
    assert set(r.excluded) == avoided_for(data, "hip-replacement-posterior")
    # The list of hip-flexing and leg-crossing stretches.
    assert {
        "seated-figure-four",
        "supine-figure-four",
        "standing-glute-stretch",
        "knee-to-chest",
        "seated-glute-stretch",
    } <= set(r.excluded)
    assert "deep-lunge-glute-stretch" not in r.excluded
    assert "Knee-to-chest" in r.message
    assert [e.id for e in r.exclusions] == r.excluded
    assert all(e.conditions == ["hip-replacement-posterior"] for e in r.exclusions)


def test_anterior_hip_replacement_leaves_out_the_deep_lunge(data: DataSet) -> None:
    r = judge(data, hip_replacement="anterior")
    assert "deep-lunge-glute-stretch" in r.excluded
    assert set(r.excluded) == avoided_for(data, "hip-replacement-anterior")
    assert r.conditions == ["hip-replacement-anterior"]


def test_unsure_hip_approach_leaves_out_what_either_approach_rules_out(data: DataSet) -> None:
    r = judge(data, hip_replacement="unsure")
    either = avoided_for(data, "hip-replacement-posterior") | avoided_for(
        data, "hip-replacement-anterior"
    )
    assert r.outcome == "caution"
    assert set(r.excluded) == either
    assert {"supine-figure-four", "deep-lunge-glute-stretch"} <= set(r.excluded)
    assert r.conditions == ["hip-replacement-posterior", "hip-replacement-anterior"]
    (reason,) = r.reasons
    assert reason.question == "hip-replacement" and "not known" in reason.text
    assert reason.text != judge(data, hip_replacement="posterior").reasons[0].text


def test_the_infection_warning_signs_ask_for_a_same_day_assessment(data: DataSet) -> None:
    # nice-ng59 treats a possible spinal infection as needing assessment the same day.
    for qid in SAME_DAY:
        r = judge(data, **{qid: True})
        assert r.outcome == "urgent" and [x.question for x in r.reasons] == [qid]
        assert r.reasons[0].rule == "same-day-infection" and r.reasons[0].source == "nice-ng59"
        assert "infection" in r.reasons[0].text and "today" in r.reasons[0].text
        assert "same day" in r.message and "soon" not in r.message
        assert refusal(r, TODAY) == "safety.urgent-same-day"
    both = judge(data, fever=True, bladder_bowel=True)
    assert "emergency department" in both.message
    assert refusal(both, TODAY) == "safety.urgent"


def test_an_urgent_answer_makes_the_other_answers_optional(qs: list[Question]) -> None:
    clean = validate_answers(qs, {"age": 50, "bladder-bowel": True})
    assert clean["bladder-bowel"] is True and "fever" not in clean
    r = screen(qs, [], {"leg-weakness": "y"}, TODAY)
    assert r.outcome == "urgent" and [x.question for x in r.reasons] == ["leg-weakness"]
    # Not urgent: every missing answer is still named.
    got = problems(qs, {"age": 50, "bladder-bowel": False})
    assert "saddle-numbness" in got and "fever" in got
    # A wrong value is still a problem next to an urgent answer.
    assert set(problems(qs, {"bladder-bowel": True, "age": "old"})) == {"age"}


def test_balance_problem_leaves_out_the_standing_stretch(data: DataSet) -> None:
    r = judge(data, balance_problem=True)
    assert "standing-glute-stretch" in r.excluded
    assert "seated-figure-four" not in r.excluded


@pytest.mark.parametrize("qid", CAUTION_YES_NO)
def test_each_caution_gives_caution_with_its_stretches(data: DataSet, qid: str) -> None:
    r = judge(data, **{qid: True})
    assert r.outcome == "caution"
    assert r.conditions == [qid]
    assert set(r.excluded) == avoided_for(data, qid)
    modify = {
        s.id
        for s in data.catalog
        if any(c.condition == qid and c.action == "modify" for c in s.cautions)
    } - set(r.excluded)
    assert {m.id for m in r.modified} == modify
    texts = {c.text for s in data.catalog for c in s.cautions if c.condition == qid}
    assert all(m.text in texts for m in r.modified)
    assert refusal(r, TODAY) is None


def _stretch(sid: str, *cautions: tuple[str, str]) -> Stretch:
    return Stretch(
        id=sid,
        name=sid.replace("-", " ").capitalize(),
        style="static",
        places=["floor"],
        position="lying",
        sides="each",
        targets={"primary": ["piriformis"]},
        hold_seconds={"min": 20, "max": 30},
        steps=["Lie down.", "Move the leg.", "Hold and breathe."],
        cues=["Breathe out."],
        cautions=[
            {"condition": c, "action": a, "text": f"{a} for {c}.", "source": "general-anatomy"}
            for c, a in cautions
        ],
        sources=["general-anatomy"],
    )


def test_avoid_wins_over_modify_for_one_stretch(qs: list[Question]) -> None:
    stretches = [
        _stretch("both-ways", ("knee-problem", "modify"), ("pregnancy", "avoid")),
        _stretch("only-modified", ("knee-problem", "modify"), ("osteoporosis", "modify")),
        _stretch("untouched", ("wrist-problem", "avoid")),
    ]
    answers = {
        **nothing_to_report(qs),
        "knee-problem": True,
        "pregnancy": True,
        "osteoporosis": "yes",
    }
    r = screen(qs, stretches, answers, TODAY)
    assert r.excluded == ["both-ways"]
    assert r.exclusions[0].text == "avoid for pregnancy."
    assert [m.id for m in r.modified] == ["only-modified"]
    # Two modify cautions for one stretch: both texts are shown, both conditions named.
    assert r.modified[0].text == "modify for knee-problem. modify for osteoporosis."
    assert r.modified[0].conditions == ["knee-problem", "osteoporosis"]


# --- validity ------------------------------------------------------------------------------------


def test_a_screen_lasts_twelve_months(data: DataSet) -> None:
    r = judge(data)
    assert (r.screened_on, r.valid_until) == (TODAY, date(2027, 11, 25))
    assert is_valid(r, date(2027, 11, 25))
    assert not is_valid(r, date(2027, 11, 26))
    assert refusal(r, date(2027, 11, 26)) == "safety.screen-expired"


def test_a_leap_day_screen_lasts_until_the_end_of_february(data: DataSet) -> None:
    assert judge(data, today=date(2024, 2, 29)).valid_until == date(2025, 2, 28)
    assert add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)


def test_no_screen_is_a_refusal() -> None:
    assert refusal(None, TODAY) == "safety.no-screen"


def test_result_survives_a_json_round_trip(data: DataSet) -> None:
    r = judge(data, hip_replacement="posterior", age=70)
    back = ScreeningResult.model_validate_json(r.model_dump_json())
    assert back == r
    assert back.answers["age"] == 70 and back.answers["fever"] is False


# --- answer errors -------------------------------------------------------------------------------


def problems(qs: list[Question], answers: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(AnswersError) as e:
        validate_answers(qs, answers)
    return {p.question: p.problem for p in e.value.problems}


def test_unknown_id_suggests_the_closest(qs: list[Question]) -> None:
    got = problems(qs, {**nothing_to_report(qs), "saddle-numbnes": True})
    assert list(got) == ["saddle-numbnes"]
    assert 'did you mean "saddle-numbness"' in got["saddle-numbnes"]


def test_wrong_types_are_named(qs: list[Question]) -> None:
    got = problems(
        qs, {**nothing_to_report(qs), "fever": 1, "age": "forty", "hip-replacement": "back"}
    )
    assert got["fever"] == "expected yes or no (y/n, true/false), got 1"
    assert "whole number from 5 to 120" in got["age"] and '"forty"' in got["age"]
    assert '"none", "posterior", "anterior"' in got["hip-replacement"]


def test_age_must_be_in_range(qs: list[Question]) -> None:
    for bad in (4, 121, -1):
        got = problems(qs, {**nothing_to_report(qs), "age": bad})
        assert got == {"age": f"{bad} is out of range: expected a whole number from 5 to 120"}
    assert "age" in problems(qs, {**nothing_to_report(qs), "age": True})
    assert "age" in problems(qs, {**nothing_to_report(qs), "age": 40.5})


def test_missing_required_answers_are_all_listed_at_once(qs: list[Question]) -> None:
    answers = nothing_to_report(qs)
    del answers["bladder-bowel"], answers["age"]
    answers["typo"] = True
    got = problems(qs, answers)
    assert set(got) == {"bladder-bowel", "age", "typo"}
    assert got["bladder-bowel"].startswith("missing answer")
    with pytest.raises(AnswersError) as e:
        validate_answers(qs, answers)
    assert "3 problems" in str(e.value) and "bladder-bowel" in str(e.value)


def test_yes_no_strings_and_defaults_are_accepted(qs: list[Question]) -> None:
    answers = {
        **nothing_to_report(qs),
        "fever": "Yes",
        "osteoporosis": " no ",
        "hip-replacement": "Posterior",
        "knee-problem": "Y",
        "wrist-problem": "false",
        "pregnancy": "TRUE",
        "balance-problem": "n",
    }
    clean = validate_answers(qs, answers)
    assert clean["fever"] is True and clean["osteoporosis"] is False
    assert clean["knee-problem"] is True and clean["wrist-problem"] is False
    assert clean["pregnancy"] is True and clean["balance-problem"] is False
    for word in ("yeah", "1", "", "nope"):
        assert "fever" in problems(qs, {**nothing_to_report(qs), "fever": word})
    assert clean["hip-replacement"] == "posterior"
    assert clean["cleared-by-professional"] is False
    assert validate_answers(qs, clean) == clean


# --- properties ----------------------------------------------------------------------------------


def _answer(q: Question) -> st.SearchStrategy[Any]:
    if q.kind == "yes-no":
        return st.booleans()
    if q.kind == "choice":
        return st.sampled_from(q.options)
    return st.integers(q.minimum or 0, q.maximum or 120)


RARE_YES = st.integers(0, 9).map(lambda n: n == 9)
"""True about one time in ten: with ~25 questions, even chances would make nearly all urgent."""


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, Any]:
    qs = shipped().questions
    out: dict[str, Any] = {}
    for q in qs:
        # Most people have nothing to report; weight towards "no" so every outcome shows up.
        if q.kind == "yes-no" and q.required:
            out[q.id] = draw(RARE_YES)
        elif q.required or draw(st.booleans()):
            out[q.id] = draw(_answer(q))
    return out


PROPS = settings(max_examples=150, deadline=None)


@PROPS
@given(answer_sets())
def test_urgent_iff_an_urgent_flag_is_yes(answers: dict[str, Any]) -> None:
    data = shipped()
    r = screen(data.questions, data.catalog, answers, TODAY)
    assert (r.outcome == "urgent") == any(answers[q] is True for q in URGENT)


@PROPS
@given(answer_sets(), st.data())
def test_adding_a_yes_never_lowers_the_outcome(
    answers: dict[str, Any], more: st.DataObject
) -> None:
    data = shipped()
    flags = [q for q in data.questions if q.outcome is not None]
    q = more.draw(st.sampled_from(flags))
    yes: Any = True if q.kind == "yes-no" else more.draw(st.sampled_from(q.options[1:]))
    before = screen(data.questions, data.catalog, answers, TODAY)
    parent = {q.follow_up_of: True} if q.follow_up_of else {}
    after = screen(data.questions, data.catalog, {**answers, **parent, q.id: yes}, TODAY)
    assert triggered(q, after.answers[q.id])
    assert SEVERITY[after.outcome] >= SEVERITY[before.outcome]


@PROPS
@given(answer_sets())
def test_clearance_lowers_only_consult_and_only_to_caution(answers: dict[str, Any]) -> None:
    data = shipped()
    plain = screen(
        data.questions, data.catalog, {**answers, "cleared-by-professional": False}, TODAY
    )
    cleared = screen(
        data.questions, data.catalog, {**answers, "cleared-by-professional": True}, TODAY
    )
    expected = "caution" if plain.outcome == "consult" else plain.outcome
    assert cleared.outcome == expected


@PROPS
@given(answer_sets())
def test_result_lists_are_consistent(answers: dict[str, Any]) -> None:
    data = shipped()
    r = screen(data.questions, data.catalog, answers, TODAY)
    modified = [m.id for m in r.modified]
    assert not set(r.excluded) & set(modified)
    assert set(r.excluded) | set(modified) <= set(data.catalog.ids())
    assert len(set(r.excluded)) == len(r.excluded)
    if r.outcome == "clear":
        assert r.reasons == [] and r.excluded == [] and r.modified == []
    else:
        assert r.reasons, "every non-clear outcome says why"
    if r.outcome in ("urgent", "consult"):
        assert r.excluded == [] and r.modified == []
        assert refusal(r, TODAY) in REFUSED_OUTCOME
    else:
        assert refusal(r, TODAY) is None
        assert refusal(r, r.valid_until + timedelta(days=1)) is not None
    assert all(x.rule in RULES for x in r.reasons)
    assert all(x.source in data.sources for x in r.reasons)


def test_every_question_and_rule_is_documented(qs: list[Question]) -> None:
    from tests.data.test_catalog_data import ROOT

    doc = (ROOT / "docs" / "screening.md").read_text(encoding="utf-8")
    for name in [*(q.id for q in qs), *RULES]:
        assert f"`{name}`" in doc, f"docs/screening.md does not mention {name}"
    assert "not medical advice" in doc
