"""`supple catalog` and `supple catalog show` as a user meets them."""

from __future__ import annotations

from supple.data.loader import shipped

#: The first ten entries; the catalog has grown around them (issue 12).
FIRST_TEN = {
    "seated-figure-four",
    "supine-figure-four",
    "standing-glute-stretch",
    "deep-lunge-glute-stretch",
    "knee-to-chest",
    "seated-glute-stretch",
    "cat-cow",
    "supine-spinal-twist",
    "childs-pose",
    "light-cardio-warmup",
}
SHIPPED = {s.id for s in shipped().catalog}


def test_catalog_json_lists_every_shipped_stretch_with_contract_fields(cli):
    r = cli("catalog", "--json")
    assert r.code == 0, r.err
    items = r.json()
    assert {s["id"] for s in items} == SHIPPED and FIRST_TEN <= SHIPPED and len(SHIPPED) >= 30
    for s in items:
        for field in (
            "id",
            "name",
            "aliases",
            "style",
            "places",
            "position",
            "sides",
            "targets",
            "steps",
            "tips",
            "cues",
            "modifications",
            "cautions",
            "sources",
        ):
            assert field in s, (s["id"], field)


def test_catalog_filters_by_place_region_and_style(cli):
    chair = cli("catalog", "--json", "--place", "chair").json()
    assert "seated-figure-four" in {s["id"] for s in chair}
    assert all("chair" in s["places"] for s in chair)
    dynamic = cli("catalog", "--json", "--style", "dynamic").json()
    assert "cat-cow" in {s["id"] for s in dynamic} and all(s["style"] == "dynamic" for s in dynamic)
    back = cli("catalog", "--json", "--region", "lower-back").json()
    lower_back = {"erector-spinae", "quadratus-lumborum", "obliques"}
    assert back and all(lower_back & set(s["targets"]["primary"]) for s in back)
    assert "seated-figure-four" not in {s["id"] for s in back}


def test_bad_filter_exits_2_and_lists_the_allowed_values(cli):
    r = cli("catalog", "--place", "pool")
    assert r.code == 2
    assert '"pool" in --place is not a place' in r.err and "floor" in r.err


def test_catalog_table_shows_names(cli):
    r = cli("catalog")
    assert r.code == 0
    assert "Cat-cow" in r.out and "catalog show" in r.out


def test_show_prints_steps_variations_cautions_and_sources(cli):
    r = cli("catalog", "show", "supine-figure-four")
    assert r.code == 0, r.err
    for heading in ("Steps", "Variations", "Cautions", "Sources"):
        assert heading in r.out
    # Sources by title, cautions by condition name: no ids in what a person reads.
    assert "Lower back and upper glute stretches" in r.out and "seed-002" not in r.out
    assert "With a hip replacement (back approach):" in r.out
    assert "hip-replacement-posterior" not in r.out and "supine-figure-four" not in r.out


def test_show_takes_a_name_as_a_person_writes_it(cli):
    by_id = cli("catalog", "show", "childs-pose").out
    assert by_id and cli("catalog", "show", "Child's pose").out == by_id
    assert cli("catalog", "show", "childs pose").out == by_id


def test_show_json_has_dose_fields(cli):
    s = cli("catalog", "show", "cat-cow", "--json").json()
    assert s["style"] == "dynamic" and s["tempo"]["inhale_seconds"] > 0
    s = cli("catalog", "show", "knee-to-chest", "--json").json()
    assert s["hold_seconds"] == {"min": 20, "max": 30}
    assert s["sides"] == "each"


def _suggested(err: str) -> list[str]:
    """The ids of the names after "Did you mean" in an error (empty when none is offered)."""
    if "Did you mean " not in err:
        return []
    listed = " ".join(err.split("Did you mean ", 1)[1].split("?", 1)[0].split())
    by_name = {s.name: s.id for s in shipped().catalog}
    return [by_name[x.strip()] for x in listed.split(",")]


def test_unknown_id_exits_2_and_suggests_the_closest(cli):
    r = cli("catalog", "show", "cat-cows")
    assert r.code == 2
    assert _suggested(r.err)[0] == "cat-cow"
    r = cli("catalog", "show", "figure-for")
    assert r.code == 2
    got = _suggested(r.err)
    assert {"supine-figure-four", "seated-figure-four"} <= set(got)
    assert set(got) <= SHIPPED
    r = cli("catalog", "show", "xyzzy")
    assert r.code == 2 and _suggested(r.err) == [] and "supple catalog" in r.err


def test_filters_are_read_in_any_case(cli):
    upper = cli("catalog", "--json", "--place", "FLOOR", "--style", "Static").json()
    lower = cli("catalog", "--json", "--place", "floor", "--style", "static").json()
    assert upper == lower and upper
    assert cli("catalog", "--json", "--region", "Lower-Back").code == 0


def test_a_narrow_terminal_never_breaks_a_word(supple):
    import re

    r = supple("catalog", env={"COLUMNS": "80"})
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    cells = " ".join(re.split(r"[│┃]", r.out))
    for word in (
        "Cat-cow",
        "dynamic",
        "standing",
        "breaths",
        "Child's",
    ):
        assert re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", cells), word
    for broken in ("Cat-c ", "dynami ", "dynam "):
        assert broken not in r.out
    wide = supple("catalog", env={"COLUMNS": "120"}).out
    assert "Quadratus" in wide and "targets" in wide
