"""Forward kinematics of the 2D body model: joint angles in, segment end points out.

Segment lengths, thicknesses and mass shares are supple's drawing choice for a 170 cm reference
body (source `supple`): close to common adult proportions, not a measurement of anyone.
Rotations follow the sign conventions in docs/data-format.md ("Figures"): in the side view, hip,
shoulder, elbow and wrist angles turn their segment toward the front, a knee angle turns the
shin back, and trunk, spine and neck angles bend forward.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from supple.domain.figure import Keyframe, Side, View

Point = tuple[float, float]

LOWER_TRUNK = 20.0
UPPER_TRUNK = 30.0
NECK = 9.0
HEAD_RADIUS = 11.0
UPPER_ARM = 31.0
FOREARM = 25.0
HAND = 15.0
THIGH = 42.0
SHIN = 42.0
SHOULDER_DROP = 3.0
"""The shoulder joints sit this far below the base of the neck."""
HALF_SHOULDERS = 18.0
HALF_HIPS = 9.0
"""Half the distance between the two shoulder (hip) joints, seen from the front or above."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One body part as a thick line from `a` to `b` (`radius` is half its thickness)."""

    name: str
    side: Side | None
    a: Point
    b: Point
    radius: float
    mass: float
    """Its rough share of body mass, for the centre of mass."""

    @property
    def part(self) -> str:
        return self.name.removesuffix(f"_{self.side}") if self.side else self.name


@dataclass(frozen=True, slots=True)
class Body:
    """A posed body: named points and the segments between them, far side first."""

    points: dict[str, Point]
    segments: tuple[Segment, ...]
    head: Point
    face: Point
    """Unit vector from the head's centre toward the face."""
    front: Point
    """Unit vector toward the front of the lower trunk (the belly side)."""

    def centre_of_mass(self) -> Point:
        total = sum(s.mass for s in self.segments)
        x = sum(s.mass * (s.a[0] + s.b[0]) / 2 for s in self.segments) / total
        y = sum(s.mass * (s.a[1] + s.b[1]) / 2 for s in self.segments) / total
        return x, y


def rotate(v: Point, degrees: float) -> Point:
    """`v` turned counter-clockwise (with y up) by `degrees`."""
    r = math.radians(degrees)
    c, s = math.cos(r), math.sin(r)
    return v[0] * c - v[1] * s, v[0] * s + v[1] * c


def _add(p: Point, v: Point, k: float = 1.0) -> Point:
    return p[0] + k * v[0], p[1] + k * v[1]


def _neg(v: Point) -> Point:
    return -v[0], -v[1]


def pose(frame: Keyframe, view: View = "side") -> Body:
    """Where every body part is for `frame` seen in `view`."""
    hip = (float(frame.at[0]), float(frame.at[1]))
    up0 = rotate((0.0, 1.0), -frame.trunk)
    waist = _add(hip, up0, LOWER_TRUNK)
    up1 = rotate(up0, -frame.spine)
    neck_base = _add(waist, up1, UPPER_TRUNK)
    up2 = rotate(up1, -frame.neck)
    neck_top = _add(neck_base, up2, NECK)
    head = _add(neck_top, up2, HEAD_RADIUS)
    side_view = view == "side"
    # Toward the person's left as seen from the front or above; the front of the body in the
    # side view (where the figure faces +x).
    across0 = rotate(up0, -90)
    across1 = rotate(up1, -90)
    points: dict[str, Point] = {"hip_centre": hip, "waist": waist, "neck_base": neck_base}
    points["head"] = head
    axial = [
        Segment("trunk_lower", None, hip, waist, 11.0, 0.25),
        Segment("trunk_upper", None, waist, neck_base, 12.0, 0.25),
        Segment("neck", None, neck_base, neck_top, 4.5, 0.02),
    ]
    limbs: dict[Side, list[Segment]] = {}
    for side in ("left", "right"):
        # Side view: both sides turn the same way. Front and top views: mirror images, and a
        # positive angle turns a limb away from the midline (a knee: back toward it).
        turn = 1.0 if side_view or side == "left" else -1.0
        out = 0.0 if side_view else (1.0 if side == "left" else -1.0)

        def seen(part: str, length: float, side: Side = side) -> float:
            share = {str(k): v for k, v in frame.seen.items()}.get(f"{part}_{side}", 1.0)
            return length * share

        # A turn brings one shoulder forward and the other back: seen from the front the
        # shoulders draw closer together; seen from the side they part along the chest.
        turned = math.radians(frame.turn)
        width = HALF_SHOULDERS * (out * math.cos(turned) if not side_view else 0.0)
        depth = HALF_SHOULDERS * math.sin(turned) * (-1.0 if side == "left" else 1.0)
        shoulder = _add(_add(neck_base, up1, -SHOULDER_DROP), across1, width)
        if side_view:
            shoulder = _add(shoulder, rotate(up1, -90), depth)
        arm = rotate(_neg(up1), turn * frame.angle(f"shoulder_{side}"))
        elbow = _add(shoulder, arm, seen("upper_arm", UPPER_ARM))
        fore = rotate(arm, turn * frame.angle(f"elbow_{side}"))
        wrist = _add(elbow, fore, seen("forearm", FOREARM))
        hand = rotate(fore, turn * frame.angle(f"wrist_{side}"))
        fingers = _add(wrist, hand, HAND)
        hip_joint = _add(hip, across0, out * HALF_HIPS)
        thigh = rotate(_neg(up0), turn * frame.angle(f"hip_{side}"))
        knee = _add(hip_joint, thigh, seen("thigh", THIGH))
        shin = rotate(thigh, -turn * frame.angle(f"knee_{side}"))
        ankle = _add(knee, shin, seen("shin", SHIN))
        if side_view:
            foot = rotate(shin, 90 + frame.angle(f"ankle_{side}"))
            heel = _add(_add(ankle, foot, -4), shin, 6)
            toe = _add(_add(ankle, foot, 18), shin, 4)
        else:  # seen end-on, a foot is short
            heel = _add(ankle, shin, 2)
            toe = _add(ankle, rotate(shin, turn * 30), 9)
        points.update(
            {
                f"elbow_{side}": elbow,
                f"wrist_{side}": wrist,
                f"fingers_{side}": fingers,
                f"knee_{side}": knee,
                f"ankle_{side}": ankle,
                f"heel_{side}": heel,
                f"toe_{side}": toe,
            }
        )
        limbs[side] = [
            Segment(f"thigh_{side}", side, hip_joint, knee, 7.0, 0.10),
            Segment(f"shin_{side}", side, knee, ankle, 5.0, 0.045),
            Segment(f"foot_{side}", side, heel, toe, 2.5, 0.015),
            Segment(f"upper_arm_{side}", side, shoulder, elbow, 4.5, 0.03),
            Segment(f"forearm_{side}", side, elbow, wrist, 3.5, 0.02),
            Segment(f"hand_{side}", side, wrist, fingers, 2.5, 0.006),
        ]
    head_seg = Segment("head", None, head, head, HEAD_RADIUS, 0.07)
    # The far (right) side is drawn first so the near one covers it.
    segments = (*limbs["right"][:3], *axial, head_seg, *limbs["left"][:3])
    segments = (*limbs["right"][3:], *segments, *limbs["left"][3:])
    # Seen from the front a turned head shows its nose to one side (toward the person's left
    # for a positive turn), by the share of the turn the viewer can see.
    turned = math.sin(math.radians(frame.turn))
    face = rotate(up2, -90) if side_view else (across1[0] * turned, across1[1] * turned)
    return Body(points, segments, head, face, across0)


def mirrored(body: Body) -> Body:
    """The body reflected left to right (x to -x), the two sides' names exchanged."""

    def m(p: Point) -> Point:
        return -p[0], p[1]

    def other(name: str) -> str:
        for a, b in (("_left", "_right"), ("_right", "_left")):
            if name.endswith(a):
                return name.removesuffix(a) + b
        return name

    segs = tuple(
        Segment(
            other(s.name),
            None if s.side is None else ("right" if s.side == "left" else "left"),
            m(s.a),
            m(s.b),
            s.radius,
            s.mass,
        )
        for s in body.segments
    )
    points = {other(k): m(v) for k, v in body.points.items()}
    return Body(points, segs, m(body.head), m(body.face), m(body.front))
