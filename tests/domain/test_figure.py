"""The body model: forward kinematics puts parts where a person would see them, and the
keyframe checks refuse poses a body cannot take (an impossible joint, a part under the floor
or through the chair, a body nothing holds up)."""

from __future__ import annotations

import pytest

from supple.data.loader import shipped
from supple.domain.figure import JOINTS, Figure, Keyframe
from supple.domain.figure_check import Fault, check_figure, check_keyframe
from supple.domain.figure_kinematics import mirrored, pose
from supple.domain.figure_rom import SIDE_VIEW, sources

STANDING = {"at": [0, 92.5]}


def figure(frame: dict[str, object], **extra: object) -> Figure:
    return Figure.model_validate({"keyframes": {"start": frame, "stretch": frame}, **extra})


def faults(frame: dict[str, object], **extra: object) -> list[Fault]:
    fig = figure(frame, **extra)
    return check_keyframe(fig, "stretch", fig.keyframes["stretch"])


@pytest.mark.parametrize("stretch", list(shipped().catalog), ids=lambda s: s.id)
def test_every_shipped_stretch_has_a_figure_that_validates(stretch) -> None:
    assert stretch.figure is not None
    assert check_figure(stretch.figure) == []
    assert {"start", "stretch"} <= set(stretch.figure.keyframes)


def test_a_dynamic_stretch_figure_breathes_between_two_keyframes() -> None:
    cat_cow = shipped().catalog.get("cat-cow").figure
    assert cat_cow is not None and cat_cow.cycle is not None
    cow, cat = (cat_cow.keyframes[k] for k in (cat_cow.cycle.inhale, cat_cow.cycle.exhale))
    assert cow.spine < 0 < cat.spine  # the back hollows breathing in and rounds breathing out
    assert cat.neck > 0 > cow.neck  # the head drops, then lifts


def test_standing_straight_is_about_170_cm_with_the_feet_on_the_floor() -> None:
    body = pose(Keyframe.model_validate(STANDING))
    head_top = body.head[1] + 11
    assert 165 <= head_top <= 175
    lowest = min(min(s.a[1], s.b[1]) - s.radius for s in body.segments)
    assert -1 <= lowest <= 1
    assert body.points["toe_left"][0] > body.points["heel_left"][0]  # the feet point ahead


def test_joint_angles_turn_the_limbs_the_documented_way() -> None:
    body = pose(Keyframe.model_validate({**STANDING, "hip_left": 90, "knee_left": 90}))
    hip, knee, ankle = (body.points[p] for p in ("hip_centre", "knee_left", "ankle_left"))
    assert knee[0] - hip[0] == pytest.approx(42) and knee[1] == pytest.approx(hip[1])
    assert ankle[0] == pytest.approx(knee[0]) and ankle[1] < knee[1]  # the shin hangs down
    arm = pose(Keyframe.model_validate({**STANDING, "shoulder": 180})).points["wrist_left"]
    assert arm[1] > 180  # arms overhead
    leaning = pose(Keyframe.model_validate({**STANDING, "trunk": 30})).points["neck_base"]
    assert leaning[0] > 0  # a positive trunk angle leans forward (the figure faces +x)


def test_the_other_side_swaps_left_and_right_angles() -> None:
    k = Keyframe.model_validate(
        {**STANDING, "knee": 20, "knee_left": 90, "seen": {"shin_left": 0.5}}
    )
    s = k.swapped()
    assert (s.angle("knee_left"), s.angle("knee_right")) == (20, 90)
    assert s.seen == {"shin_right": 0.5}


def test_mirroring_reflects_every_point_and_renames_the_sides() -> None:
    body = pose(Keyframe.model_validate({**STANDING, "hip_left": 60, "knee_left": 70}))
    m = mirrored(body)
    assert m.points["knee_right"] == (-body.points["knee_left"][0], body.points["knee_left"][1])
    assert [s.name for s in m.segments if s.side == "right"] == [
        s.name.replace("left", "right") for s in body.segments if s.side == "left"
    ]


def test_a_knee_bent_backwards_is_refused_naming_the_joint() -> None:
    (f,) = faults({**STANDING, "knee_left": -30})
    assert (f.where, f.kind) == ("knee_left", "range")
    assert f.params["low"] == 0 and f.params["source"] == "merck-rom"


def test_every_joint_has_a_sourced_limit() -> None:
    known = {s for s in shipped().sources}
    assert sources() <= known
    for joint in JOINTS:
        assert joint.rsplit("_", 1)[0] in SIDE_VIEW or joint in SIDE_VIEW


def test_a_foot_under_the_floor_is_refused() -> None:
    found = faults({"at": [0, 80]})
    assert {(f.where, f.kind) for f in found} >= {("foot_left", "below-floor")}
    assert all(f.params["depth"] >= 1 for f in found)


def test_a_floating_body_is_refused() -> None:
    (f,) = faults({"at": [0, 130]})
    assert (f.where, f.kind) == ("body", "unsupported")
    assert f.params["height"] == pytest.approx(37, abs=2)


def test_a_body_leaning_far_past_its_feet_would_tip_over() -> None:
    # Bent flat forward at the hips with the arms reaching ahead: nothing in front to hold.
    (f,) = faults({**STANDING, "trunk": 90, "hip": 90, "shoulder": 180, "neck": -30})
    assert (f.where, f.kind) == ("body", "off-balance")
    assert f.params["centre"] > f.params["high"]


def test_a_hand_on_a_wall_holds_the_same_lean_up() -> None:
    lean = {"at": [0, 92.5], "trunk": 90, "hip": 90, "shoulder": 180, "neck": -30}
    fig = figure(lean, props=["floor", "wall"], wall_x=500)
    assert [f.kind for f in check_keyframe(fig, "x", fig.keyframes["start"])] == ["off-balance"]
    wrist = pose(Keyframe.model_validate(lean)).points["fingers_left"][0]
    fig = figure(lean, props=["floor", "wall"], wall_x=wrist + 2)
    assert check_keyframe(fig, "x", fig.keyframes["start"]) == []


def test_sitting_through_the_chair_seat_is_refused() -> None:
    seat = {"at": [-24, 50], "hip": 82, "knee": 82, "shoulder": 40}
    found = faults(seat, props=["floor", "chair"], chair={"x": 0})
    assert ("in-chair", "seat") in {(f.kind, f.params.get("part")) for f in found}
    assert faults({**seat, "at": [-24, 56]}, props=["floor", "chair"], chair={"x": 0}) == []


def test_a_foreshortened_segment_is_not_held_to_a_joint_range() -> None:
    # A crossed leg seen from the side is drawn short and its angle is as seen, not the knee's.
    frame = {**STANDING, "hip_left": 100, "knee_left": -40, "seen": {"shin_left": 0.4}}
    assert [f.kind for f in faults(frame)] != ["range"]


def test_the_figure_model_names_what_is_missing() -> None:
    with pytest.raises(ValueError, match="`stretch` keyframe"):
        Figure.model_validate({"keyframes": {"start": STANDING}})
    with pytest.raises(ValueError, match="cycle"):
        Figure.model_validate(
            {
                "keyframes": {"start": STANDING, "stretch": STANDING},
                "cycle": {"inhale": "cow", "exhale": "stretch"},
            }
        )
    with pytest.raises(ValueError, match="chair"):
        Figure.model_validate(
            {"props": ["floor", "chair"], "keyframes": {"start": STANDING, "stretch": STANDING}}
        )


@pytest.mark.parametrize(
    "stretch", [s for s in shipped().catalog if s.style == "dynamic"], ids=lambda s: s.id
)
def test_every_dynamic_figure_moves_with_the_breath(stretch) -> None:
    fig = stretch.figure
    assert fig is not None and fig.cycle is not None
    inhale, exhale = (fig.keyframes[k] for k in (fig.cycle.inhale, fig.cycle.exhale))
    assert inhale.angles() != exhale.angles() or inhale.at != exhale.at


def test_a_turn_narrows_the_shoulders_seen_from_the_front_and_shows_the_nose_aside() -> None:
    ahead = pose(Keyframe.model_validate({**STANDING, "shoulder": 10}), "front")
    turned = pose(Keyframe.model_validate({**STANDING, "shoulder": 10, "turn": 40}), "front")

    def shoulders(b):  # the upper arms' top ends
        return [s.a[0] for s in b.segments if s.part == "upper_arm"]

    assert max(shoulders(turned)) - min(shoulders(turned)) < 0.8 * (
        max(shoulders(ahead)) - min(shoulders(ahead))
    )
    assert ahead.face == (0.0, 0.0) and turned.face[0] > 0.5  # toward the person's left
    k = Keyframe.model_validate({**STANDING, "turn": 30})
    assert k.swapped().turn == -30  # the other side turns the other way


def test_a_turn_past_its_drawing_range_is_refused() -> None:
    (f,) = faults({**STANDING, "turn": 70}, view="front")
    assert (f.where, f.kind, f.params["source"]) == ("turn", "range", "supple")


def test_seen_from_the_front_the_chair_seat_holds_a_sitter_up() -> None:
    # Feet dangling: only the seat holds the body (legs pass in front of it, so no clash).
    seen = {"thigh_left": 0.2, "thigh_right": 0.2, "shin_left": 0.6, "shin_right": 0.6}
    sitting = {"at": [0, 57], "seen": seen}
    assert faults(sitting, view="front", props=["floor", "chair"], chair={"x": 0}) == []
    (f,) = faults(sitting, view="front")
    assert (f.where, f.kind) == ("body", "unsupported")


def test_a_stool_is_a_chair_without_a_backrest() -> None:
    from supple.domain.figure import Chair
    from supple.domain.figure_check import chair_parts

    names = {b.name for b in chair_parts(Chair(x=50, seat_height=30, backrest=False))}
    assert "backrest" not in names and "seat" in names
    # Leaning back where a backrest would be: only the chair with one holds you.
    lean = {"at": [-24, 56], "trunk": -30, "hip": 112, "knee": 82}
    with_back = faults(lean, props=["floor", "chair"], chair={"x": 0})
    stool = faults(lean, props=["floor", "chair"], chair={"x": 0, "backrest": False})
    assert with_back != stool
