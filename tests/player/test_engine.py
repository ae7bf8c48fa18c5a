"""The player on a fake clock: every event lands when the schedule says, whatever the user does."""

from __future__ import annotations

import pytest

from supple.player.clock import FakeClock
from supple.player.engine import PAIN_ADVICE, Player

from .helpers import T0, Recorder, sample_timeline, scripted


def test_an_untouched_session_announces_every_segment_on_time_and_finishes():
    tl = sample_timeline()
    rec, player = scripted({})
    starts = rec.of("segment-start")
    assert [e.data["kind"] for e in starts] == [s.kind for s in tl.segments]
    # On a fake clock nothing is ever late: each segment starts exactly at its offset.
    assert [e.t for e in starts] == [s.start for s in tl.segments]
    assert all(e.t == e.scheduled for e in rec.events)
    assert rec.names()[0] == "started" and rec.names()[-1] == "finished"
    assert rec.events[-1].t == tl.total
    assert player.state == "done"


@pytest.mark.parametrize(
    "kind",
    ["warmup", "transition", "prepare", "breathe-in", "breathe-out", "hold", "switch", "rest"],
)
def test_every_segment_kind_is_announced_with_its_cue(kind: str):
    tl = sample_timeline()
    rec, _ = scripted({})
    seg = next(s for s in tl.segments if s.kind == kind)
    event = next(e for e in rec.of("segment-start") if e.data["segment"] == seg.index)
    assert (event.step, event.id, event.side) == (seg.step, seg.id, seg.side)
    assert event.data["cue"] == seg.cue and event.data["source"] == seg.source


def test_each_completed_hold_is_reported_with_held_and_planned_seconds():
    rec, _ = scripted({})
    done = [
        (e.id, e.side, e.data["held_seconds"], e.data["planned_seconds"])
        for e in rec.of("hold-complete")
    ]
    assert done == [
        ("light-cardio-warmup", "both", 60.0, 60.0),
        ("cat-cow", "both", 32.0, 32.0),  # the 4 breath cycles as one movement
        ("supine-figure-four", "left", 30.0, 30.0),
        ("supine-figure-four", "left", 30.0, 30.0),
        ("supine-figure-four", "right", 30.0, 30.0),
        ("supine-figure-four", "right", 30.0, 30.0),
        ("supine-spinal-twist", "left", 20.0, 20.0),
        ("supine-spinal-twist", "right", 20.0, 20.0),
    ]


def test_pause_shifts_everything_after_it_by_the_paused_time():
    tl = sample_timeline()
    rec, _ = scripted({140.0: "pause", 200.0: "resume"})  # 60 s pause inside the first hold
    paused, resumed = rec.of("paused")[0], rec.of("resumed")[0]
    assert (paused.t, resumed.t, resumed.data["paused_seconds"]) == (140.0, 200.0, 60.0)
    starts = {e.data["segment"]: e for e in rec.of("segment-start")}
    for seg in tl.segments:
        expected = seg.start + (60.0 if seg.start > 140 else 0.0)
        assert starts[seg.index].t == starts[seg.index].scheduled == expected
    first_hold = next(e for e in rec.of("hold-complete") if e.id == "supine-figure-four")
    assert first_hold.data["held_seconds"] == 30.0  # the pause does not count as holding
    assert rec.events[-1].event == "finished" and rec.events[-1].t == tl.total + 60


def test_a_second_pause_or_a_resume_while_running_is_an_error_not_a_crash():
    rec, _ = scripted({10.0: "resume", 20.0: "pause", 21.0: "pause", 30.0: "resume"})
    errors = rec.of("error")
    assert [e.data["command"] for e in errors] == ["resume", "pause"]
    assert rec.names()[-1] == "finished"


def test_skip_moves_to_the_next_step_at_once_and_reports_the_partial_hold():
    tl = sample_timeline()
    rec, _ = scripted({145.0: "skip"})  # 10 s into the first figure-four hold
    skipped = rec.of("skipped")[0]
    assert (skipped.id, skipped.side, skipped.data["held_seconds"]) == (
        "supine-figure-four",
        "left",
        10.0,
    )
    # The hold in progress was planned for 30 s; the side's two holds together are 60 s.
    assert skipped.data["planned_seconds"] == 30.0
    after = [e for e in rec.of("segment-start") if e.t >= 145.0]
    assert after[0].id == "supine-spinal-twist" and after[0].data["kind"] == "prepare"
    assert after[0].t == after[0].scheduled == 145.0
    assert not [e for e in rec.of("hold-complete") if e.id == "supine-figure-four"]
    twist = tl.first_of_step(5)
    assert twist is not None
    assert rec.events[-1].t == 145.0 + (tl.total - twist.start)


def test_skip_during_the_last_step_finishes_the_session():
    rec, _ = scripted({290.0: "skip"})
    assert rec.names()[-2:] == ["skipped", "finished"]


def test_back_early_in_a_step_goes_to_the_previous_stretch_and_later_restarts_this_one():
    rec, _ = scripted({272.0: "back"})  # 2 s into the twist: back to the figure-four
    back = rec.of("back")[0]
    assert back.data["to_step"] == 4
    nxt = next(e for e in rec.of("segment-start") if e.t >= 272.0)
    assert (nxt.id, nxt.data["kind"], nxt.side) == ("supine-figure-four", "prepare", "left")

    rec, _ = scripted({290.0: "back"})  # well into the twist: start it again
    assert rec.of("back")[0].data["to_step"] == 5
    nxt = next(e for e in rec.of("segment-start") if e.t >= 290.0)
    assert (nxt.id, nxt.data["kind"]) == ("supine-spinal-twist", "prepare")
    assert rec.names()[-1] == "finished"


def test_back_skips_over_transitions():
    rec, _ = scripted({128.0: "back"})  # just into figure-four: back over the transition
    assert rec.of("back")[0].data["to_step"] == 2


def test_pain_stops_at_once_then_waits_for_skip_to_the_next_stretch():
    rec, player = scripted({150.0: "pain", 400.0: "pause", 500.0: "skip"})
    pain = rec.of("pain")[0]
    assert (pain.t, pain.id, pain.side, pain.data["held_seconds"]) == (
        150.0,
        "supine-figure-four",
        "left",
        15.0,
    )
    assert pain.data["planned_seconds"] == 30.0
    assert pain.data["advice"] == PAIN_ADVICE
    between = [e for e in rec.events if 150.0 < e.t < 500.0]
    assert [e.event for e in between] == ["error"]  # nothing plays; pause is refused
    resumed = next(e for e in rec.of("segment-start") if e.t >= 500.0)
    assert resumed.id == "supine-spinal-twist"
    assert not [e for e in rec.of("hold-complete") if e.id == "supine-figure-four"]
    assert player.state == "done" and rec.names()[-1] == "finished"


def test_pain_then_quit_stops_the_session():
    rec, _ = scripted({150.0: "pain", 160.0: "quit"})
    assert rec.names()[-2:] == ["pain", "stopped"]


def test_rate_scores_the_last_stretch_and_refuses_bad_numbers():
    rec, _ = scripted(
        {
            5.0: "rate 2",
            150.0: "rate 3",
            151.0: "rate 11",
            152.0: "rate x",
            275.0: "rate 4",
            276.0: "rate 1 2",
            277.0: "rate 1 1",
        }
    )
    rated = [(e.id, e.data["discomfort"]) for e in rec.of("rated")]
    assert rated == [("supine-figure-four", 3), ("supine-spinal-twist", 4), ("cat-cow", 1)]
    # Before any stretch, out of range, not a number, a transition: each refused by name.
    errors = ["rate 2", "rate 11", "rate x", "rate 1 1"]
    assert [e.data["command"] for e in rec.of("error")] == errors


@pytest.mark.parametrize(
    "text", ["rate ²", "rate ٣", "rate 3 ²", "rate ³ 2", "rate -1", "rate 3.5"]
)
def test_rate_with_digits_int_cannot_read_is_an_error_not_a_crash(text: str):
    # str.isdigit() says yes to superscripts and Arabic-Indic digits; int() does not.
    rec, _ = scripted({150.0: text, 151.0: "rate 3"})
    assert [e.data["command"] for e in rec.of("error")] == [text]
    assert [e.data["discomfort"] for e in rec.of("rated")] == [3]
    assert rec.names()[-1] == "finished"


def test_after_the_end_only_a_rating_is_taken_and_at_once():
    rec, player = scripted({})
    assert player.state == "done" and rec.names()[-1] == "finished"
    player.post("skip")  # nothing runs any more: ignored
    player.post("rate 11")
    player.post("rate 2")
    assert rec.names()[-3:] == ["finished", "error", "rated"]
    assert (rec.events[-1].id, rec.events[-1].data["discomfort"]) == ("supine-spinal-twist", 2)


def test_a_pain_event_carries_the_red_flags_it_was_given():
    clock = FakeClock(T0)
    rec = Recorder()
    player = Player(sample_timeline(), clock, rec, red_flags=["Numb saddle area."])
    clock.call_at(T0 + 150.0, lambda: player.post("pain"))
    clock.call_at(T0 + 151.0, lambda: player.post("quit"))
    player.run()
    (pain,) = rec.of("pain")
    assert pain.data["red_flags"] == ["Numb saddle area."]


def test_quit_stops_with_the_hold_in_progress():
    rec, _ = scripted({150.0: "quit"})
    stop = rec.events[-1]
    assert (stop.event, stop.t, stop.id, stop.data["held_seconds"]) == (
        "stopped",
        150.0,
        "supine-figure-four",
        15.0,
    )


def test_unknown_commands_are_reported_by_name():
    rec, _ = scripted({3.0: "jump", 4.0: "skip now"})
    assert [e.data["command"] for e in rec.of("error")] == ["jump", "skip now"]
    assert "unknown command" in str(rec.of("error")[0].data["message"])
    assert rec.names()[-1] == "finished"


def test_time_scale_shrinks_the_real_schedule():
    tl = sample_timeline()
    rec, _ = scripted({}, scale=0.1)
    assert rec.events[-1].t == pytest.approx(tl.total * 0.1)
    holds = rec.of("hold-complete")
    assert holds[2].data["planned_seconds"] == pytest.approx(3.0)


def test_status_gives_a_view_the_segment_and_time_left():
    clock = FakeClock(T0)
    rec = Recorder()
    player = Player(sample_timeline(), clock, rec)
    player.start()
    clock.advance(140.0)
    player.tick()
    st = player.status()
    assert st.segment is not None and st.segment.kind == "hold"
    assert st.remaining == pytest.approx(25.0)
    assert st.next_segment is not None and st.next_segment.kind == "rest"
    assert st.elapsed == pytest.approx(140.0)
    player.handle("pause")
    clock.advance(30.0)
    assert player.status().remaining == pytest.approx(25.0)  # a pause freezes the countdown
    assert player.next_deadline() is None
