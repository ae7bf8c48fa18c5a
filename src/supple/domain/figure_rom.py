"""Normal range of motion for each joint of the figure, with the source of every limit.

Limits are in the figure's own sign conventions (docs/data-format.md, "Figures"): the first
number is the furthest a joint goes the negative way (extension, plantarflexion), the second the
furthest the positive way (flexion, dorsiflexion). A keyframe outside them is not a pose a
person with normal joints takes, so the loader refuses it.

- `merck-rom`: the Merck Manual table of normal values (hip, knee, ankle, elbow, wrist).
- `norkin-white-a1`: the AAOS column of Norkin and White's Table A.1 (shoulder complex).
- `supple`: limits no verified source gives, chosen wide enough for the shipped poses and
  marked as our choice; a camera check must not treat them as clinical norms.
"""

from __future__ import annotations

from dataclasses import dataclass

from supple.domain.figure import View


@dataclass(frozen=True, slots=True)
class Limit:
    low: float
    high: float
    source: str
    movement: str
    """What the positive and negative directions are, as data for the docs and the loader."""


TOLERANCE = 2.0
"""Degrees a drawn angle may pass a limit by (drawing precision, not anatomy)."""

SIDE_VIEW: dict[str, Limit] = {
    # Merck: hip flexion 0-125, hyperextension 0-15.
    "hip": Limit(-15, 125, "merck-rom", "flexion + / extension -"),
    # Merck: knee flexion 0-130, extension back to 0 (a knee does not bend backwards).
    "knee": Limit(0, 130, "merck-rom", "flexion + / extension -"),
    # Merck: dorsiflexion 0-20, plantar flexion 0-50.
    "ankle": Limit(-50, 20, "merck-rom", "dorsiflexion + / plantar flexion -"),
    # Norkin and White Table A.1, AAOS: shoulder flexion 180, extension 60.
    "shoulder": Limit(-60, 180, "norkin-white-a1", "flexion + / extension -"),
    # Merck: elbow flexion 0-160, extension back to 0.
    "elbow": Limit(0, 160, "merck-rom", "flexion + / extension -"),
    # Merck: wrist flexion 0-90, extension 0-70; the hand turns toward the front for a
    # positive angle, which with the palm on the floor is extension (so +70 at most).
    "wrist": Limit(-90, 70, "merck-rom", "hand toward the front + / toward the back -"),
    "trunk": Limit(-180, 180, "supple", "the lower trunk's tilt from upright: forward +"),
    "spine": Limit(-30, 45, "supple", "rounding forward + / arching back -"),
    "neck": Limit(-45, 60, "supple", "chin toward chest + / head back -"),
    "turn": Limit(-45, 45, "supple", "shoulders turned toward the left + / toward the right -"),
}

FRONTAL_VIEW: dict[str, Limit] = {
    # Norkin and White Table A.1, AAOS: shoulder abduction 180.
    "shoulder": Limit(-10, 180, "norkin-white-a1", "abduction + / adduction -"),
    "elbow": Limit(-160, 160, "merck-rom", "a bent elbow as seen, either way"),
    "wrist": Limit(-90, 90, "merck-rom", "a turned hand as seen, either way"),
    # Seen from the front or above, a bent hip or knee is foreshortened, so the drawn angle is
    # not the joint's own; these are wide drawing bounds (ours), checked again in no side view.
    "hip": Limit(-90, 90, "supple", "the thigh as seen: away from the midline +"),
    "knee": Limit(-170, 170, "supple", "the shin as seen, either way"),
    "ankle": Limit(-90, 90, "supple", "not drawn in this view"),
    "trunk": Limit(-180, 180, "supple", "the lower trunk's direction"),
    "spine": Limit(-35, 35, "supple", "side bend"),
    "neck": Limit(-45, 45, "supple", "side bend"),
    "turn": Limit(-45, 45, "supple", "shoulders turned toward the left + / toward the right -"),
}


def limits(view: View) -> dict[str, Limit]:
    return SIDE_VIEW if view == "side" else FRONTAL_VIEW


def joint_kind(joint: str) -> str:
    """`knee_left` -> `knee`; an axial joint is its own kind."""
    return joint.rsplit("_", 1)[0] if joint.endswith(("_left", "_right")) else joint


def sources() -> set[str]:
    return {lim.source for table in (SIDE_VIEW, FRONTAL_VIEW) for lim in table.values()}
