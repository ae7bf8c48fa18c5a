"""The planner's rules and numbers: one named entry per rule, each with the source it rests on.

`supple plan --explain` prints the entries that shaped a routine, so every choice the planner
makes can be traced back to one of these. Rules whose source is ``supple`` are the project's
own planning choices (ordering, transition costs, the time budget), not facts from the literature.
"""

from __future__ import annotations

from supple.domain.routine import RuleNote
from supple.domain.rule_notes import rule
from supple.domain.words import N_

#: Seconds counted for moving from one position to another (standing up, getting down to the
#: floor, rolling onto your back). A measured guess for an unhurried adult; shown in --explain.
TRANSITION_SECONDS = 15
#: Seconds between the last hold on one side and the first hold on the other side.
SWITCH_SECONDS = 5
#: Seconds of easing off between two holds on the same side.
REST_SECONDS = 5
#: Seconds of "get ready" before a stretch's first hold: get into position, breathe in
#: (seed-002: breathe in before the stretch). The timeline plays it as prepare + breathe-in.
PREPARE_SECONDS = 8

#: Warm-up length in whole minutes (seed-002: 5-10 minutes of light cardio).
WARMUP_MINUTES = (5, 10)
#: The walking warm-up: used when no movement warm-up fits the places (older catalogs).
WARMUP_ID = "light-cardio-warmup"
#: Which warm-up a routine opens with: the first of these whose place you chose (a warm-up is
#: never in a place you did not choose), then any other warm-up entry at a chosen place.
#: Marching standing is nearest the light cardio the sources name (nhs-warm-up, mayo-warmup);
#: seated marching next; the lying movement warm-up only when the floor is the only place.
WARMUP_PREFERENCE = ("standing-warm-up", "seated-warm-up", "floor-warm-up", WARMUP_ID)

#: Static hold ranges in seconds by age band: the seeds' 20-30 s; acsm-2021's 30-60 s from 65.
HOLD_UNDER_65 = (20, 30)
HOLD_65_PLUS = (30, 60)
#: Repetitions per side of a static stretch (garber-2011: 2-4 repetitions; 1 when time is short).
MAX_REPS = 4
#: Total hold per stretch and side to build toward (garber-2011).
TARGET_SECONDS_PER_SIDE = 60

#: For sessions of FILL_FROM_MINUTES or more the routine uses at least this share of the time.
FILL_SHARE = 0.8
FILL_FROM_MINUTES = 10

#: Home programmes of 2-4 exercises are followed better (bachmann-2018).
FEW_EXERCISES = 4

#: With --seed, a routine may be picked among selections scoring within this share of the best
#: one (the default, no seed, is always the best). On the shipped catalog a static hold brought
#: into a short routine in place of a full-dose movement costs about 4-6 %; 8 % lets every
#: stretch that fits a 10-minute request take its turn within two weeks of daily seeds
#: (planner_variety, docs/planner.md "Variety").
VARIETY_TOLERANCE = 0.08

#: The order positions flow in: standing, chair, kneeling/all-fours, seated, lying.
POSITION_ORDER = ("standing", "chair", "kneeling", "all-fours", "seated", "lying")

# Weights of the objective (see docs/planner.md). Coverage of a focus region dwarfs everything
# else, so the regions are covered first; dose adequacy outweighs covering one more muscle, so
# short sessions prefer fuller doses of fewer stretches; time use only breaks ties and fills.
REGION_WEIGHT = 20.0
MUSCLE_WEIGHT = 1.0
DOSE_WEIGHT = 6.0
STRETCH_COST = 1.0
EXTRA_STRETCH_COST = 3.0
DYNAMIC_BEFORE_BONUS = 4.0
#: Outside the time before activity, the share of a full dose a dynamic movement is worth: the
#: flexibility dose is built by held stretches (garber-2011); movement loosens on the way.
DYNAMIC_ANYTIME_SHARE = 0.8
TIME_WEIGHT = 2.0


RULES: dict[str, RuleNote] = {
    r.id: r
    for r in [
        rule(
            "warm-up",
            "seed-002",
            N_(
                "Muscles are warmed before any stretch: the routine opens with 5 to 10 minutes of "
                "light cardio such as walking or easy cycling."
            ),
        ),
        rule(
            "warm-up-place",
            "mayo-minute-flex",
            N_(
                "The warm-up is gentle movement done where you chose to be (marching on the spot "
                "standing, marching and rocking on a chair, or pelvic rocking and knee rolls lying "
                "on the floor), never in a place you did not choose."
            ),
        ),
        rule(
            "movement-only",
            "harvard-dynamic",
            N_(
                "When the minutes leave no room for a 5-minute warm-up and a stretch after it, the "
                "routine is gentle dynamic movement only, which warms the muscles as it goes; "
                "static holds wait for warm muscles."
            ),
        ),
        rule(
            "already-warm",
            "seed-002",
            N_(
                "No warm-up is added because your muscles are already warm (after activity, or you "
                "said you are already warm)."
            ),
        ),
        rule(
            "hold-time",
            "seed-002",
            N_("Static holds last 20 to 30 seconds each for adults under 65."),
        ),
        rule(
            "hold-time-older",
            "acsm-2021",
            N_("From age 65 static holds are longer: 30 to 60 seconds each."),
        ),
        rule(
            "total-dose",
            "garber-2011",
            N_(
                "Each stretch builds toward about {seconds} seconds of holding per "
                "side, spread over 2 to {most} repetitions when the time allows; when time is "
                "short, fewer stretches get a fuller dose, once every focus region is covered."
            ),
            seconds=TARGET_SECONDS_PER_SIDE,
            most=MAX_REPS,
        ),
        rule(
            "few-exercises",
            "bachmann-2018",
            N_(
                "Short programmes of 2 to {few} exercises are kept up better, so each "
                "stretch beyond {few} must earn its place."
            ),
            few=FEW_EXERCISES,
        ),
        rule(
            "equal-sides",
            "seed-002",
            N_(
                "A one-sided stretch is done on the left and the right with the same hold and "
                "repetitions, with {switch} seconds to switch sides."
            ),
            switch=SWITCH_SECONDS,
        ),
        rule(
            "context-before",
            "seed-002",
            N_(
                "Before activity, dynamic movement (cat-cow) comes before any static hold, and "
                "static holds stay at the short end of their range."
            ),
        ),
        rule(
            "context-after",
            "seed-002",
            N_(
                "After activity the muscles are warm and static holds form the core of the routine."
            ),
        ),
        rule(
            "place-fit",
            "seed-000",
            N_("Only stretches that can be done at the places you chose are used."),
        ),
        rule(
            "position-flow",
            "supple",
            N_(
                "Stretches are grouped by position and flow standing, chair, kneeling or all "
                "fours, seated, lying, never going back to a position already left."
            ),
        ),
        rule(
            "transitions",
            "supple",
            N_(
                "Each change of position is counted as {transition} seconds, each "
                "stretch starts with {prepare} seconds to get ready and breathe in, and "
                "{rest} seconds of rest separate two holds on the same side."
            ),
            transition=TRANSITION_SECONDS,
            prepare=PREPARE_SECONDS,
            rest=REST_SECONDS,
        ),
        rule(
            "focus",
            "seed-002",
            N_("Every stretch has a main target in the region you chose to focus on."),
        ),
        rule(
            "focus-both",
            "seed-002",
            N_(
                "The lower back and the upper glutes are covered first; tightness in one pulls on "
                "the other through the pelvis."
            ),
        ),
        rule(
            "time-budget",
            "supple",
            N_(
                "The routine never runs longer than the minutes you gave, and from "
                "{minutes} minutes it uses at least {share} % of them, "
                "or, when every stretch that fits your places and focus cannot fill that much at "
                "its fullest dose, at least {share} % of what they can fill: "
                "longer routines add distinct stretches, never repeats."
            ),
            minutes=FILL_FROM_MINUTES,
            share=round(FILL_SHARE * 100),
        ),
        rule(
            "screening",
            "seed-002",
            N_(
                "Stretches your screening rules out are left out, and the ones it changes carry "
                "the change to make."
            ),
        ),
        rule(
            "avoid",
            "supple",
            N_("Stretches you asked to avoid are left out."),
        ),
        rule(
            "pain-history",
            "seed-002",
            N_(
                "A warm-up that gave you sharp pain is done in its easier version, never left "
                "out; any other stretch that did is left out until you mark it checked."
            ),
        ),
        rule(
            "variety",
            "supple",
            N_(
                "Successive variations of a plan (a day number) rotate through routines that score "
                "within {tolerance} % of the best one, each bringing in "
                "stretches not met yet, and through the orders a position allows; the same "
                "variation always gives the same routine, and the first is the best one."
            ),
            tolerance=round(VARIETY_TOLERANCE * 100),
        ),
        rule(
            "imported-safety",
            "seed-002",
            N_(
                "An imported stretch carries no safety notes of its own, so when your screen names "
                "a condition it is left out, unless it is the same movement as a supple stretch, "
                "whose screening it then follows."
            ),
        ),
        rule(
            "complete-entry",
            "supple",
            N_(
                "An imported entry is planned only once it has what a routine needs: where it is "
                "done (places and position) and its main targets."
            ),
        ),
        rule(
            "same-movement",
            "supple",
            N_(
                "A routine never holds the same movement twice: an imported copy of a supple "
                "stretch is left out when the supple one can be used."
            ),
        ),
    ]
}
