"""free-exercise-db muscle names → supple muscle ids.

Their vocabulary has 17 coarse names; ours has eight muscles of the lower back and upper glutes.
Every mapping below is an inference from general anatomy (docs/importer.md gives the why of each).
The source's primary/secondary role is kept: a name listed as primary maps its `primary` ids to our
primary targets and its `secondary` ids to our secondary targets; a name listed as secondary maps
everything to secondary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The schema's enum (schema.json, primaryMuscles/secondaryMuscles).
FEDB_MUSCLES: frozenset[str] = frozenset(
    {
        "abdominals",
        "abductors",
        "adductors",
        "biceps",
        "calves",
        "chest",
        "forearms",
        "glutes",
        "hamstrings",
        "lats",
        "lower back",
        "middle back",
        "neck",
        "quadriceps",
        "shoulders",
        "traps",
        "triceps",
    }
)


@dataclass(frozen=True)
class MuscleMapping:
    primary: tuple[str, ...]
    secondary: tuple[str, ...] = ()
    why: str = ""


MAPPING: dict[str, MuscleMapping] = {
    "lower back": MuscleMapping(
        ("erector-spinae",),
        ("quadratus-lumborum",),
        "The lumbar extensors are the bulk of what 'lower back' names; the quadratus lumborum lies "
        "deeper and is only partly lengthened by rounding or side-bending, so it is secondary.",
    ),
    "glutes": MuscleMapping(
        ("gluteus-maximus",),
        ("gluteus-medius",),
        "'Glutes' without detail is mostly the gluteus maximus; hip flexion with rotation also "
        "reaches the upper, outer gluteus medius, so it is secondary.",
    ),
    "abductors": MuscleMapping(
        ("gluteus-medius", "gluteus-minimus"),
        (),
        "The hip abductors are chiefly gluteus medius and minimus (the tensor fasciae latae and "
        "IT band, also abductors, are not modelled).",
    ),
}

# 'abdominals' covers the rectus abdominis (not modelled) and the obliques. Only a side-bend or
# a twist lengthens the obliques, so they are mapped only when the text describes one.
OBLIQUE_MOTION = re.compile(
    r"\b(twist\w*|rotat\w*|incline your torso|bend to (one|the) side|side[- ]bend\w*|lateral)\b",
    re.IGNORECASE,
)
# 'quadriceps' includes rectus femoris, a hip flexor, but a quad stretch is not a hip-flexor stretch
# unless the text says so; a mention adds our `hip-flexors` as secondary.
HIP_FLEXOR_MENTION = re.compile(r"\bhip[- ]flexors?\b", re.IGNORECASE)


@dataclass(frozen=True)
class MappedTargets:
    primary: list[str]
    secondary: list[str]
    unmapped: list[str]
    """Their muscle names we do not model (kept out of targets, noted on the stretch)."""


def _add(out: list[str], ids: tuple[str, ...]) -> None:
    for m in ids:
        if m not in out:
            out.append(m)


def map_muscles(primary: list[str], secondary: list[str], text: str) -> MappedTargets:
    """Map an entry's muscle lists (and its instruction text, for the two text-gated rules)."""
    prim: list[str] = []
    sec: list[str] = []
    unmapped: list[str] = []
    for role, names in (("primary", primary), ("secondary", secondary)):
        for name in names:
            m = MAPPING.get(name)
            if name == "abdominals" and OBLIQUE_MOTION.search(text):
                m = MuscleMapping(("obliques",))
            if m is None:
                if name not in unmapped:
                    unmapped.append(name)
                continue
            if role == "primary":
                _add(prim, m.primary)
                _add(sec, m.secondary)
            else:
                _add(sec, (*m.primary, *m.secondary))
    if HIP_FLEXOR_MENTION.search(text):
        _add(sec, ("hip-flexors",))
    # A muscle that is primary through one name is not also listed as secondary.
    sec = [m for m in sec if m not in prim]
    return MappedTargets(prim, sec, unmapped)
