"""`supple screen`: answers from a file, the JSON contract, the questions list, every way an
answers file can be wrong (exit 2, naming the problem), and the interactive screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.factories import clear_answers


def write(tmp_path: Path, content: str | bytes, name: str = "answers.json") -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def answers_file(tmp_path: Path, **overrides: object) -> str:
    return write(tmp_path, json.dumps(clear_answers(**overrides)))


# --- the JSON result -----------------------------------------------------------------------------


def test_result_json_has_the_contract_fields(cli, tmp_path: Path):
    r = cli(
        "screen",
        "--answers",
        answers_file(tmp_path, **{"hip-replacement": "posterior", "knee-problem": True}),
        "--json",
    )
    assert r.code == 0, r.err
    got = r.json()
    assert got["outcome"] == "caution"
    assert got["reasons"] and all(set(x) >= {"question", "text", "source"} for x in got["reasons"])
    assert {x["question"] for x in got["reasons"]} == {"hip-replacement", "knee-problem"}
    assert "supine-figure-four" in got["excluded"]
    assert got["modified"] and all(set(m) >= {"id", "text"} for m in got["modified"])
    assert got["valid_until"][:4] == str(int(got["screened_on"][:4]) + 1)
    assert got["answers"]["knee-problem"] is True


def test_questions_json_lists_id_text_kind_options_and_category(cli):
    r = cli("screen", "--questions", "--json")
    assert r.code == 0
    qs = {q["id"]: q for q in r.json()}
    for q in qs.values():
        assert set(q) >= {"id", "text", "kind", "options", "category"}
        assert q["kind"] in ("yes-no", "choice", "number")
    assert qs["hip-replacement"]["options"][:3] == ["none", "posterior", "anterior"]
    assert qs["age"]["kind"] == "number" and qs["fever"]["category"] == "red-flag"


def test_questions_and_answers_together_exit_2(cli, tmp_path: Path):
    r = cli("screen", "--questions", "--answers", answers_file(tmp_path))
    assert r.code == 2
    assert "--questions and --answers" in r.err


# --- bad answer files ----------------------------------------------------------------------------


def test_a_missing_file(cli, tmp_path: Path):
    r = cli("screen", "--answers", str(tmp_path / "nope.json"))
    assert r.code == 2 and "nope.json" in r.err and "cannot read" in r.err


def test_invalid_json_names_the_line(cli, tmp_path: Path):
    r = cli("screen", "--answers", write(tmp_path, '{"age": 40,\n "fever": }'))
    assert r.code == 2 and "not valid JSON" in r.err and "line 2" in r.err


def test_a_json_array_is_not_an_answers_object(cli, tmp_path: Path):
    r = cli("screen", "--answers", write(tmp_path, '["age", 40]'))
    assert r.code == 2 and "expected a JSON object" in r.err and "list" in r.err


def test_unknown_id_and_wrong_type_are_each_named(cli, tmp_path: Path):
    answers = {**clear_answers(), "fevr": True, "age": "forty", "osteoporosis": 3}
    r = cli("screen", "--answers", write(tmp_path, json.dumps(answers)))
    assert r.code == 2
    assert 'fevr: unknown question id; did you mean "fever"?' in r.err
    assert "age: expected a whole number" in r.err and '"forty"' in r.err
    assert "osteoporosis: expected yes or no" in r.err
    assert cli("profile", "--json").json()["screening"] is None  # nothing stored


def test_yes_no_words_and_a_byte_order_mark_are_accepted(cli, tmp_path: Path):
    answers = {**clear_answers(), "osteoporosis": "Y", "knee-problem": "true", "fever": "n"}
    text = json.dumps(answers).encode("utf-8")
    r = cli("screen", "--answers", write(tmp_path, b"\xef\xbb\xbf" + text), "--json")
    assert r.code == 0, r.err
    got = r.json()["answers"]
    assert got["osteoporosis"] is True and got["knee-problem"] is True and got["fever"] is False


def test_an_urgent_answer_needs_no_other_answer(cli, tmp_path: Path):
    r = cli("screen", "--answers", write(tmp_path, '{"saddle-numbness": "yes"}'), "--json")
    assert r.code == 0, r.err
    assert r.json()["outcome"] == "urgent"
    r = cli("screen", "--answers", write(tmp_path, '{"saddle-numbness": "no"}'), "--json")
    assert r.code == 2 and "bladder-bowel: missing answer" in r.err


# --- interactive ---------------------------------------------------------------------------------


def _replies(**overrides: str) -> str:
    """One typed line per question, in order: no to everything, 44 for the age."""
    from supple.data.loader import shipped

    lines = []
    for q in shipped().questions:
        default = {"yes-no": "n", "number": "44"}.get(q.kind, "1")
        lines.append(overrides.get(q.id.replace("-", "_"), default))
    return "\n".join(lines) + "\n"


def test_interactive_json_keeps_stdout_for_the_json(supple):
    r = supple("screen", "--json", input=_replies(osteoporosis="y"))
    assert r.code == 0, r.err
    assert r.json()["outcome"] == "caution"  # stdout is nothing but the JSON
    assert "[1/" in r.err  # the questions went to stderr


def test_interactive_screen_stops_at_the_urgent_answer_and_stores_it(supple):
    r = supple("screen", input="44\nn\ny\n")  # age, bladder-bowel, saddle-numbness: yes
    assert r.code == 0, r.err
    assert "URGENT" in r.out and "emergency" in r.out
    assert "[4/" not in r.out, "asked on after the urgent answer"
    stored = supple("profile", "--json").json()["screening"]
    assert stored["outcome"] == "urgent"


@pytest.mark.parametrize(("reply", "hint"), [("maybe", "yes or no"), ("7", "(or its number")])
def test_interactive_reprompts_on_a_reply_that_does_not_fit(supple, reply: str, hint: str):
    if hint == "yes or no":
        typed = f"44\n{reply}\n" + _replies().split("\n", 1)[1]
    else:  # a choice out of range: the hip replacement question
        from supple.data.loader import shipped

        ids = [q.id for q in shipped().questions]
        lines = _replies().splitlines()
        at = ids.index("hip-replacement")
        typed = "\n".join([*lines[:at], reply, *lines[at:]]) + "\n"
    r = supple("screen", input=typed)
    assert r.code == 0, r.err
    assert "Please answer with" in r.out and hint in r.out


def test_an_urgent_answer_is_shown_first_even_next_to_a_typo_and_nothing_is_stored(cli, tmp_path):
    import json as _json

    from tests.cli.factories import clear_answers

    path = tmp_path / "a.json"
    path.write_text(_json.dumps(clear_answers(**{"saddle-numbness": True, "age": "forty"})))
    r = cli("screen", "--answers", str(path))
    assert r.code == 3
    flat = " ".join(r.err.split())
    assert "emergency" in flat.lower() and "age" in flat
    assert flat.lower().index("emergency") < flat.index("age:")
    assert cli("profile", "--json").json().get("screening") in (None, {})


def test_after_a_sharp_pain_the_screen_asks_only_the_warning_signs_and_keeps_the_rest(
    cli, tmp_path
):
    from datetime import UTC, datetime, timedelta

    from supple.config import get_settings
    from supple.services import screening
    from tests.cli.factories import log_session, screened

    screened(cli, age=67, osteoporosis=True)
    # The item is recorded a minute after the session starts: just after the screen.
    log_session(datetime.now(UTC) - timedelta(seconds=59), [("cat-cow", "both", 5.0, None, True)])
    import time

    time.sleep(1.2)
    due = screening.follow_up(get_settings())
    assert due is not None and due["name"] == "Cat-cow"
    asked = set(due["questions"])
    assert {"bladder-bowel", "fever", "severe-pain"} <= asked and "age" not in asked
    assert due["kept"]["age"] == 67 and due["kept"]["osteoporosis"] is True
    # Interactive: only those questions, each answered no.
    r = cli("screen", "--json", input="n\n" * len(asked))
    assert r.code == 0, r.err
    result = r.json()
    assert result["answers"]["age"] == 67 and "osteoporosis" in result["conditions"]
    assert screening.follow_up(get_settings()) is None
