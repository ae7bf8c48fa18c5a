"""Every page, and the API's `message` fields, read as words for people: no stretch id, rule
id or source id in running text, and no `--option` (ids stay in links, attributes and JSON)."""

from __future__ import annotations

from html.parser import HTMLParser

from supple.data.loader import shipped
from tests.web.conftest import clear_answers, report_pain
from tests.words import assert_words


class _Text(HTMLParser):
    """The text a person reads: outside <script>, <style> and <details> (where rule ids may
    be shown on purpose)."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "details", "svg"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "details", "svg"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def readable(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


PAGES = [
    "/",
    "/screen",
    "/screen/result",
    "/plan?minutes=12&places=floor",
    "/plan?minutes=1",
    "/session",
    "/history",
    "/catalog",
    "/learn",
    "/sources",
    "/profile",
    "/settings",
    "/routines",
    "/reminders",
    "/data",
]


def test_every_page_reads_in_names_not_ids(client):
    assert_words(readable(client.get("/").text), "/ (no screen)")
    assert_words(readable(client.get("/plan?minutes=10").text), "/plan (refused)")
    client.write("POST", "/api/v1/screening", json=clear_answers())
    pages = PAGES + [f"/catalog/{s.id}" for s in shipped().catalog]
    for path in pages:
        assert_words(readable(client.get(path).text), path)
    report_pain(client)
    for path in ("/", "/history", "/plan?minutes=10", "/screen/result"):
        assert_words(readable(client.get(path).text), path + " after pain")


def test_api_messages_read_in_names_not_ids(client):
    answers = [
        client.write("POST", "/api/v1/plan", json={"minutes": 10}),  # no screen
        client.write("POST", "/api/v1/plan", json={"minutes": "x"}),
        client.get("/api/v1/catalog/supine-figure-for"),
        client.get("/api/v1/catalog", params={"place": "sofa"}),
    ]
    client.write("POST", "/api/v1/screening", json=clear_answers())
    answers.append(
        client.write("POST", "/api/v1/plan", json={"minutes": 10, "avoid": ["cat-cows"]})
    )
    for r in answers:
        body = r.json()
        assert_words(body["message"], r.url.path)
        for reason in body.get("reasons", []):
            assert_words(reason, r.url.path)
