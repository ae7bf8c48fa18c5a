from __future__ import annotations


def test_learn_prints_every_topic_with_sources(cli):
    r = cli("learn")
    assert r.code == 0, r.err
    assert "Sources" in r.out and "seed-002" in r.out


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
