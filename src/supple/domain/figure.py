"""A stretch's figure as data: a view, props and keyframes of a 2D body model given as joint angles.

The angles are the pose a person should reach, so they are also the targets a later camera check
compares against (docs/data-format.md, "Figures"). This module only describes the shape of that
data; `figure_kinematics` turns angles into points and `figure_check` says what is wrong with them.

Conventions (all angles in degrees; lengths in centimetres of a 170 cm reference body):

- ``side`` view: the figure faces +x with its left side toward the viewer; left limbs are the near
  ones. ``front`` view: the person faces the viewer (their left is the viewer's right). ``top``
  view: seen from above, lying face up.
- ``at`` is where the hip centre (the point between the two hip joints) is; y = 0 is the floor.
- A joint with no angle given is at 0 (neutral: standing straight, arms by the sides). ``knee``
  sets both knees; ``knee_left`` or ``knee_right`` overrides one side.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

View = Literal["side", "front", "top"]
Prop = Literal["floor", "mat", "chair", "wall", "strap"]
Side = Literal["left", "right"]

SIDES: tuple[Side, ...] = ("left", "right")
AXIAL_JOINTS = ("trunk", "spine", "neck", "turn")
"""One per body: the lower trunk's tilt from upright, the bend between lower and upper trunk,
the bend of head and neck on the upper trunk, and the turn of the shoulders and head about the
trunk's long axis (a twist; positive toward the person's left)."""
LIMB_JOINTS = ("shoulder", "elbow", "wrist", "hip", "knee", "ankle")
"""One per side, each relative to the segment it hangs from."""
JOINTS: tuple[str, ...] = (*AXIAL_JOINTS, *(f"{j}_{s}" for j in LIMB_JOINTS for s in SIDES))
"""Every joint name a keyframe can set (the names a camera check reports against)."""
POINTS = (
    "hip_centre",
    "waist",
    "neck_base",
    "head",
    *(
        f"{p}_{s}"
        for p in ("elbow", "wrist", "fingers", "knee", "ankle", "heel", "toe")
        for s in SIDES
    ),
)
"""The named points forward kinematics returns (a strap joins two of them)."""

SeenPart = Literal[
    "thigh_left",
    "thigh_right",
    "shin_left",
    "shin_right",
    "upper_arm_left",
    "upper_arm_right",
    "forearm_left",
    "forearm_right",
]
Angle = Annotated[float, Field(ge=-360, le=360)]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)


class Keyframe(_Strict):
    """One pose: where the hip centre is and every joint angle (0 when not given)."""

    at: Annotated[list[float], Field(min_length=2, max_length=2)]
    trunk: Angle = 0
    spine: Angle = 0
    neck: Angle = 0
    turn: Angle = 0
    shoulder: Angle = 0
    shoulder_left: Angle | None = None
    shoulder_right: Angle | None = None
    elbow: Angle = 0
    elbow_left: Angle | None = None
    elbow_right: Angle | None = None
    wrist: Angle = 0
    wrist_left: Angle | None = None
    wrist_right: Angle | None = None
    hip: Angle = 0
    hip_left: Angle | None = None
    hip_right: Angle | None = None
    knee: Angle = 0
    knee_left: Angle | None = None
    knee_right: Angle | None = None
    ankle: Angle = 0
    ankle_left: Angle | None = None
    ankle_right: Angle | None = None
    seen: dict[SeenPart, Annotated[float, Field(ge=0.2, le=1)]] = {}
    """Limb segments that point partly toward or away from the viewer, with the share of their
    length that shows (a crossed leg seen from the side). Their angles are then as seen, not
    the joint's own: docs/data-format.md says which targets a camera check may use."""

    def angle(self, joint: str) -> float:
        """The angle of one joint by its full name (`knee_left`, `trunk`)."""
        if joint in AXIAL_JOINTS:
            return float(getattr(self, joint))
        own = getattr(self, joint)
        return float(own if own is not None else getattr(self, joint.rsplit("_", 1)[0]))

    def angles(self) -> dict[str, float]:
        return {j: self.angle(j) for j in JOINTS}

    def swapped(self) -> Keyframe:
        """The same pose with the two sides' angles exchanged (the other side's turn)."""
        values: dict[str, object] = {"at": self.at}
        values["seen"] = {_other_side(k): v for k, v in self.seen.items()}
        values.update({j: self.angle(j) for j in AXIAL_JOINTS})
        values["turn"] = -self.turn  # a twist to the left is, on the other side, to the right
        for j in LIMB_JOINTS:
            values[f"{j}_left"] = self.angle(f"{j}_right")
            values[f"{j}_right"] = self.angle(f"{j}_left")
        return Keyframe.model_validate(values)


def _other_side(name: str) -> str:
    base, side = name.rsplit("_", 1)
    return f"{base}_{'right' if side == 'left' else 'left'}"


class Chair(_Strict):
    """A steady chair seen from the side: the front edge of its seat at `x`, facing +x. In the
    front view it faces the viewer and `x` is the middle of its seat."""

    x: float = 0
    seat_height: float = Field(default=45, ge=30, le=60)
    seat_depth: float = Field(default=42, ge=30, le=60)
    backrest: bool = True
    """False for a stool or a step: a seat on legs and nothing behind it."""


class Cycle(_Strict):
    """A dynamic movement: the keyframe reached at the end of the breath in and of the breath out
    (the timing comes from the stretch's `tempo`)."""

    inhale: str
    exhale: str


class Figure(_Strict):
    view: View = "side"
    props: Annotated[list[Prop], Field(min_length=1)] = ["floor"]
    side: Side = "left"
    """The side the keyframes show doing the stretch (the stretched side, drawn highlighted)."""
    chair: Chair | None = None
    wall_x: float | None = None
    """Where the wall is (its face), for the `wall` prop."""
    strap: Annotated[list[str], Field(min_length=2, max_length=2)] | None = None
    """The two points a towel or strap joins, for the `strap` prop."""
    keyframes: dict[str, Keyframe]
    cycle: Cycle | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        for need in ("start", "stretch"):
            if need not in self.keyframes:
                raise ValueError(f"`keyframes` needs a `{need}` keyframe")
        if self.cycle:
            for phase in ("inhale", "exhale"):
                name = getattr(self.cycle, phase)
                if name not in self.keyframes:
                    raise ValueError(
                        f"`cycle` {phase} names the keyframe '{name}', which is not defined"
                    )
        if ("chair" in self.props) != (self.chair is not None):
            raise ValueError("`chair` is needed exactly when `props` lists a chair")
        if ("wall" in self.props) != (self.wall_x is not None):
            raise ValueError("`wall_x` is needed exactly when `props` lists a wall")
        if ("strap" in self.props) != (self.strap is not None):
            raise ValueError("`strap` is needed exactly when `props` lists a strap")
        if self.strap:
            for p in self.strap:
                if p not in POINTS:
                    raise ValueError(f"`strap` names '{p}', which is not a body point")
        if self.view == "top" and "floor" in self.props:
            raise ValueError("a `top` view looks down at the floor, so `props` has no floor line")
        return self

    def poses(self) -> list[str]:
        """Keyframe names in the order they are drawn and animated."""
        order = ["start", "stretch"]
        return [*order, *(k for k in self.keyframes if k not in order)]
