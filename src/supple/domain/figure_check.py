"""What is wrong with a figure's keyframe, as data: a joint out of its normal range, a body part
under the floor or through the chair, a body nothing holds up or that would tip over.

`check_figure` returns faults (never sentences); the data loader words them with the file,
keyframe and joint they concern.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from supple.domain.figure import JOINTS, Chair, Figure, Keyframe, View
from supple.domain.figure_kinematics import Body, Point, Segment, pose
from supple.domain.figure_rom import TOLERANCE, joint_kind, limits

SINK = 1.5
"""Centimetres a body part may press into the floor or a chair (soft tissue and drawing)."""
TOUCH = 3.0
"""A body part this close to a surface rests on it."""
BALANCE = 6.0
"""How far the centre of mass may lie beyond the outermost support (feet are wider than points)."""
SAMPLE_STEP = 3.0


@dataclass(frozen=True, slots=True)
class Fault:
    keyframe: str
    where: str
    """The joint (`knee_left`), body part (`foot_left`) or `body` the fault is about."""
    kind: str
    """`range`, `below-floor`, `in-chair`, `unsupported` or `off-balance`."""
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Box:
    name: str
    x0: float
    y0: float
    x1: float
    y1: float

    def distance(self, p: Point) -> float:
        dx = max(self.x0 - p[0], 0.0, p[0] - self.x1)
        dy = max(self.y0 - p[1], 0.0, p[1] - self.y1)
        return math.hypot(dx, dy)


SEAT_WIDTH = 44.0


def chair_parts(chair: Chair, view: View = "side") -> list[_Box]:
    """The solid parts of the chair (seat, back and legs) as `view` shows them. Seen from the
    front the backrest is behind the person, so only the seat and its legs count."""
    if view != "side":
        left, right, h = chair.x - SEAT_WIDTH / 2, chair.x + SEAT_WIDTH / 2, chair.seat_height
        return [
            _Box("seat", left, h - 5, right, h),
            _Box("left legs", left, 0, left + 4, h - 5),
            _Box("right legs", right - 4, 0, right, h - 5),
        ]
    front, back, h = chair.x, chair.x - chair.seat_depth, chair.seat_height
    parts = [
        _Box("seat", back, h - 5, front, h),
        _Box("backrest", back - 4, h, back, h + 45),
        _Box("front legs", front - 4, 0, front, h - 5),
        _Box("back legs", back - 4, 0, back, h - 5),
    ]
    return [p for p in parts if chair.backrest or p.name != "backrest"]


def samples(seg: Segment) -> Iterator[Point]:
    n = max(1, math.ceil(math.dist(seg.a, seg.b) / SAMPLE_STEP))
    for i in range(n + 1):
        t = i / n
        yield seg.a[0] + t * (seg.b[0] - seg.a[0]), seg.a[1] + t * (seg.b[1] - seg.a[1])


def check_figure(fig: Figure) -> list[Fault]:
    """Every fault of every keyframe, in keyframe order (empty when the figure is sound)."""
    out: list[Fault] = []
    for name in fig.poses():
        out += check_keyframe(fig, name, fig.keyframes[name])
    return out


def check_keyframe(fig: Figure, name: str, frame: Keyframe) -> list[Fault]:
    faults = _range_faults(fig, name, frame)
    if faults:  # the points of an impossible pose say nothing more
        return faults
    body = pose(frame, fig.view)
    if fig.view == "top":  # lying seen from above: the floor is the page itself
        return []
    return _contact_faults(fig, name, body)


def _range_faults(fig: Figure, name: str, frame: Keyframe) -> list[Fault]:
    table = limits(fig.view)
    out = []
    for joint in JOINTS:
        if _moves_seen(frame, joint):  # an angle as seen is no joint's own angle
            continue
        lim = table[joint_kind(joint)]
        a = frame.angle(joint)
        if a < lim.low - TOLERANCE or a > lim.high + TOLERANCE:
            params = {
                "angle": a,
                "low": lim.low,
                "high": lim.high,
                "movement": lim.movement,
                "source": lim.source,
            }
            out.append(Fault(name, joint, "range", params))
    return out


MOVED = {"hip": "thigh", "knee": "shin", "shoulder": "upper_arm", "elbow": "forearm"}


def _moves_seen(frame: Keyframe, joint: str) -> bool:
    kind = joint_kind(joint)
    if kind not in MOVED:
        return False
    return f"{MOVED[kind]}_{joint.rsplit('_', 1)[1]}" in frame.seen


def _contact_faults(fig: Figure, name: str, body: Body) -> list[Fault]:
    out: list[Fault] = []
    parts = chair_parts(fig.chair, fig.view) if fig.chair else []
    support: list[float] = []
    touching = False
    for seg in body.segments:
        lowest = min(p[1] for p in samples(seg)) - seg.radius
        if lowest < -SINK:
            out.append(Fault(name, seg.name, "below-floor", {"depth": round(-lowest)}))
            continue
        # Seen from the front, legs and arms pass in front of the chair: only its support counts.
        for box in parts if fig.view == "side" else []:
            if any(box.distance(p) < seg.radius - SINK for p in samples(seg)):
                out.append(Fault(name, seg.name, "in-chair", {"part": box.name}))
                break
        for p in samples(seg):
            on_floor = p[1] - seg.radius <= TOUCH
            on_chair = any(b.distance(p) <= seg.radius + TOUCH for b in parts)
            on_wall = fig.wall_x is not None and abs(p[0] - fig.wall_x) <= seg.radius + TOUCH
            if on_floor or on_chair or on_wall:
                touching = True
                support.append(p[0])
    if out:
        return out
    if not touching:
        return [Fault(name, "body", "unsupported", {"height": round(_lowest(body))})]
    com = body.centre_of_mass()[0]
    if not min(support) - BALANCE <= com <= max(support) + BALANCE:
        params = {"centre": round(com), "low": round(min(support)), "high": round(max(support))}
        return [Fault(name, "body", "off-balance", params)]
    return []


def _lowest(body: Body) -> float:
    return min(p[1] - s.radius for s in body.segments for p in samples(s))
