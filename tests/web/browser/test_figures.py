"""Pose figures in the browser at 1280 x 900 and 390 x 844: every stretch page draws its
figures inside their frames, the player draws the current stretch inside its box and moves it
(start, then the stretch; the other side mirrored), the right side is the mirror image of the
left, and no request leaves 127.0.0.1 (the `sized_page` fixture checks that when it closes)."""

from __future__ import annotations

import re
from typing import Any

from supple.data.loader import shipped
from tests.web.browser.conftest import shot
from tests.web.browser.flows import take_screen

#: The drawn pose (the group marked fig-on) inside its frame, and the frame inside the window
#: across (1 px of rounding allowed). Returns what is wrong, or "".
DRAWN_INSIDE = """([figSel, boxSel]) => {
  const out = [];
  document.querySelectorAll(boxSel).forEach((box, i) => {
    const svg = box.querySelector(figSel);
    if (!svg) { out.push(`box ${i}: no figure`); return; }
    const b = box.getBoundingClientRect();
    const s = svg.getBoundingClientRect();
    const g = svg.querySelector('g.fig-on').getBoundingClientRect();
    if (s.width < 40 || s.height < 30) out.push(`box ${i}: figure only ${s.width}x${s.height}`);
    if (g.width < 10 || g.height < 10) out.push(`box ${i}: nothing drawn`);
    if (g.left < b.left - 1 || g.right > b.right + 1 || g.top < b.top - 1
        || g.bottom > b.bottom + 1)
      out.push(`box ${i}: drawing ${JSON.stringify(g)} outside ${JSON.stringify(b)}`);
    if (b.left < -1 || b.right > innerWidth + 1) out.push(`box ${i}: outside the window`);
  });
  return out.join("; ");
}"""

#: A drawing's geometry: every line and circle, and the viewBox.
GEOMETRY = """(svg) => ({
  viewBox: svg.getAttribute('viewBox').split(' ').map(Number),
  lines: [...svg.querySelectorAll('line')].map(l =>
    ['x1', 'y1', 'x2', 'y2'].map(a => Number(l.getAttribute(a)))),
  circles: [...svg.querySelectorAll('circle')].map(c =>
    ['cx', 'cy', 'r'].map(a => Number(c.getAttribute(a)))),
})"""


def _segments(lines: list[list[float]], flip: bool) -> list[tuple[float, ...]]:
    """Lines as sorted end points (a line has no direction), x negated when `flip`."""
    sign = -1.0 if flip else 1.0
    out = []
    for x1, y1, x2, y2 in lines:
        a, b = (round(sign * x1, 1), y1), (round(sign * x2, 1), y2)
        out.append((*min(a, b), *max(a, b)))
    return sorted(out)


def _close(a: list[tuple[float, ...]], b: list[tuple[float, ...]]) -> bool:
    return len(a) == len(b) and all(
        abs(p - q) <= 0.11 for ra, rb in zip(a, b, strict=True) for p, q in zip(ra, rb, strict=True)
    )


def _breathing() -> Any:
    """A dynamic stretch whose breath in has a pose of its own (the cow of cat-cow), so a test
    can tell the breath's pose from get ready's start and stretch."""
    return next(
        s
        for s in shipped().catalog
        if s.figure is not None
        and s.figure.cycle is not None
        and s.figure.cycle.inhale not in ("start", "stretch")
    )


def test_every_stretch_page_draws_its_figures_inside_their_frames(sized_page: Any) -> None:
    wrong = {}
    for stretch in shipped().catalog:
        sized_page.goto(f"/catalog/{stretch.id}")
        frames = sized_page.locator(".fig-frame")
        expected = 1 if stretch.figure is None else 3 if stretch.one_sided else 2
        assert frames.count() == expected, stretch.id
        problem = sized_page.evaluate(DRAWN_INSIDE, ["svg.supple-figure", ".fig-frame"])
        if problem:
            wrong[stretch.id] = problem
        title = sized_page.locator(".fig-frame svg title").first.text_content() or ""
        assert stretch.name in title, "the drawing says in words what it shows"
    size = sized_page.viewport_size["width"]
    shot(sized_page, f"figure-stretch-page-{size}")
    assert not wrong, wrong


def test_the_right_side_is_the_mirror_of_the_left(sized_page: Any) -> None:
    sided = [s for s in shipped().catalog if s.figure is not None and s.one_sided]
    assert sided, "a one-sided stretch with a figure"
    for stretch in sided:
        sized_page.goto(f"/catalog/{stretch.id}")
        svgs = sized_page.locator(".fig-frame svg")
        left, right = (svgs.nth(i).evaluate(GEOMETRY) for i in (1, 2))
        assert "fig-side-left" in (svgs.nth(1).get_attribute("class") or ""), stretch.id
        assert "fig-side-right" in (svgs.nth(2).get_attribute("class") or ""), stretch.id
        lx, ly, lw, lh = left["viewBox"]
        rx, ry, rw, rh = right["viewBox"]
        assert (rw, rh, ry) == (lw, lh, ly) and abs(rx + lx + lw) < 0.11, stretch.id
        assert _close(_segments(left["lines"], False), _segments(right["lines"], True)), stretch.id
        mirrored_heads = sorted((round(-x, 1), y, r) for x, y, r in right["circles"])
        assert _close(sorted(map(tuple, left["circles"])), mirrored_heads), stretch.id
        # And as the browser lays it out (in the drawing's own units, as the frames differ in
        # width): the space left of one drawing is the space right of the other.
        margins = sized_page.evaluate(
            """() => [...document.querySelectorAll('.fig-frame svg')].slice(1).map(s => {
                 const v = s.viewBox.baseVal, g = s.querySelector('g.fig-pose-stretch').getBBox();
                 return [g.x - v.x, v.x + v.width - g.x - g.width]; })"""
        )
        (left_l, left_r), (right_l, right_r) = margins
        assert abs(left_l - right_r) <= 0.5 and abs(left_r - right_l) <= 0.5, margins


#: Every pose the player shows, in order, with whether it is mirrored (the other side).
WATCH_POSES = """() => {
  window.poses = [];
  new MutationObserver(() => {
    const box = document.querySelector('#figure .player-fig:not([hidden])');
    if (!box) return;
    const seen = box.dataset.pose + (box.classList.contains('fig-mirror') ? ' mirrored' : '');
    if (window.poses[window.poses.length - 1] !== seen) window.poses.push(seen);
  }).observe(document.getElementById('figure'),
             {subtree: true, attributes: true, attributeFilter: ['data-pose', 'class', 'hidden']});
}"""


def test_the_player_draws_the_stretch_and_moves_it(sized_page: Any) -> None:
    stretch = shipped().catalog.get("supine-figure-four")
    assert stretch.figure is not None and stretch.one_sided
    take_screen(sized_page)
    sized_page.goto(f"/catalog/{stretch.id}?scale=0.1")
    sized_page.check("#stretch-now input[name=warm]")
    sized_page.click("#do-it-now")
    sized_page.wait_for_url(re.compile(r"/session\?id="))
    sized_page.locator("#player-start").wait_for(state="visible")
    sized_page.locator("#figure .player-fig").first.wait_for(state="attached")
    sized_page.evaluate(WATCH_POSES)
    sized_page.click("#btn-start")
    sized_page.wait_for_function(
        "() => document.getElementById('now-side').textContent.startsWith('Hold')"
    )
    problem = sized_page.evaluate(
        DRAWN_INSIDE, [".player-fig:not([hidden]) svg.supple-figure", "#figure"]
    )
    assert not problem, problem
    # Above the dock of buttons, so nothing covers it.
    figure_bottom = sized_page.evaluate(
        "() => document.getElementById('figure').getBoundingClientRect().bottom"
    )
    dock_top = sized_page.evaluate(
        "() => document.getElementById('dock').getBoundingClientRect().top"
    )
    assert figure_bottom <= dock_top + 1
    shot(sized_page, f"figure-player-hold-{sized_page.viewport_size['width']}")
    sized_page.wait_for_function("() => window.poses.includes('stretch mirrored')", timeout=30_000)
    poses = sized_page.evaluate("() => window.poses")
    assert poses[:2] == ["start", "stretch"], f"get ready moves from start to stretch: {poses}"
    sized_page.click("#btn-quit")
    sized_page.locator("#player-done").wait_for(state="visible")


def test_a_dynamic_move_breathes_in_the_player(sized_page: Any) -> None:
    stretch = _breathing()
    take_screen(sized_page)
    sized_page.goto(f"/catalog/{stretch.id}?scale=0.2")
    sized_page.check("#stretch-now input[name=warm]")
    sized_page.click("#do-it-now")
    sized_page.locator("#player-start").wait_for(state="visible")
    sized_page.locator("#figure .player-fig").first.wait_for(state="attached")
    sized_page.evaluate(WATCH_POSES)
    sized_page.click("#btn-start")
    cycle = stretch.figure.cycle
    sized_page.wait_for_function(
        f"() => window.poses.filter(p => p === {cycle.inhale!r}).length >= 2", timeout=30_000
    )
    poses = sized_page.evaluate("() => window.poses")
    first = poses.index(cycle.inhale)
    assert poses[first : first + 3] == [cycle.inhale, cycle.exhale, cycle.inhale], poses
    sized_page.click("#btn-quit")


def test_with_reduced_motion_the_breath_does_not_move_the_figure(page: Any) -> None:
    stretch = _breathing()
    page.emulate_media(reduced_motion="reduce")
    take_screen(page)
    page.goto(f"/catalog/{stretch.id}?scale=0.2")
    page.check("#stretch-now input[name=warm]")
    page.click("#do-it-now")
    page.locator("#player-start").wait_for(state="visible")
    page.locator("#figure .player-fig").first.wait_for(state="attached")
    page.evaluate(WATCH_POSES)
    page.click("#btn-start")
    page.wait_for_function(
        "() => document.getElementById('now-side').textContent.startsWith('Breathe out')"
    )
    page.wait_for_function(
        "() => document.getElementById('now-side').textContent.startsWith('Breathe in')"
    )
    poses = page.evaluate("() => window.poses")
    assert stretch.figure is not None and stretch.figure.cycle is not None
    inhale = stretch.figure.cycle.inhale
    assert inhale not in poses, f"the breath does not move the figure: {poses}"
    fade = page.evaluate(
        "() => getComputedStyle(document.querySelector('#figure .fig-pose')).transitionDuration"
    )
    assert fade in ("0s", ""), fade
    page.keyboard.press("q")


def test_a_dynamic_stretch_page_moves_with_the_breath_unless_motion_is_reduced(
    page: Any,
) -> None:
    stretch = _breathing()
    assert stretch.figure is not None and stretch.figure.cycle is not None
    inhale = f".fig-frame svg[data-inhale] g.fig-pose-{stretch.figure.cycle.inhale}.fig-on"
    page.goto(f"/catalog/{stretch.id}")
    assert "Moving with the breath" in page.locator(".stretch-figs").inner_text()
    page.locator(inhale).first.wait_for(state="attached")
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"/catalog/{stretch.id}")
    page.wait_for_timeout(1000 * (stretch.tempo.inhale_seconds if stretch.tempo else 3) + 500)
    assert page.locator(".fig-frame svg[data-inhale] g.fig-pose-stretch.fig-on").count() >= 1
    assert page.locator(inhale).count() == 0, "with reduced motion the figure keeps still"
