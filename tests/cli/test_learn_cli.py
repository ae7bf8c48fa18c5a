from __future__ import annotations


def test_learn_prints_every_topic_with_sources(cli):
    r = cli("learn")
    assert r.code == 0, r.err
    assert "Sources" in r.out and "seed-002" not in r.out
    assert "[1] Lower back and upper glute stretches" in r.out  # numbered notes, by title


def test_learn_json_points_all_name_a_known_source(cli):
    from supple.data.loader import shipped

    topics = cli("learn", "--json").json()
    ids = {t["id"] for t in topics}
    assert {"anatomy", "principles", "safety"} <= ids
    assert any(i.startswith("faq-") for i in ids)
    for t in topics:
        for p in t["points"]:
            assert p["source"] in shipped().sources


def test_learn_one_topic_and_unknown_topic(cli):
    r = cli("learn", "principles")
    assert r.code == 0 and "principles" not in {"x"}
    r = cli("learn", "principle")
    assert r.code == 2 and "principles" in r.err


def test_learn_faq_shows_every_faq_entry_and_nothing_else(cli):
    from supple.data.loader import shipped

    faq = [t for t in shipped().learn if t.id.startswith("faq-")]
    assert faq, "learn.toml has FAQ entries"
    r = cli("learn", "faq", "--json")
    assert r.code == 0, r.err
    assert [t["id"] for t in r.json()] == [t.id for t in faq]
    table = cli("learn", "FAQ").out
    assert all(t.title in table for t in faq)
    assert "Why stretch" not in table


def test_learn_takes_home_without_touching_it(cli, tmp_path):
    r = cli("learn", "principles", "--home", str(tmp_path / "elsewhere"))
    assert r.code == 0 and not (tmp_path / "elsewhere").exists()
