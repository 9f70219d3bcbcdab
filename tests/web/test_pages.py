"""The dashboard's pages in-process (issue 17): each answers with its content, the map and the
charts are drawn, filters change what is shown, errors are pages with their status."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/?week=2024-06-19", "By country"),
        ("/events?min_confidence=0", "events; showing"),
        ("/actors", "person/vladimir-putin"),
        ("/actors/PRK", "Counterparts"),
        ("/actors/person/vladimir-putin", "Roles over time"),
        ("/dyads", "Busiest pairs"),
        ("/dyads?a=RUS&b=PRK", "share of all"),
        ("/network", "edges"),
        ("/treaties?as_of=2025-01-01&attacked=EST", "Who is committed to assist EST"),
        ("/treaties/nato", "Lifecycle"),
        ("/search?q=june", "1 articles match"),
        ("/api-docs", "/api/events"),
    ],
)
def test_each_page_answers(client: TestClient, url: str, words: str) -> None:
    answer = client.get(url)
    assert answer.status_code == 200, answer.text[:300]
    assert words in answer.text
    assert "<script>" not in answer.text  # no inline script: the CSP would block it


def test_the_map_colours_the_countries_of_the_week(client: TestClient) -> None:
    page = client.get("/", params={"week": "2024-06-19"}).text
    coloured = set(re.findall(r'class="country band-[a-z0-9]+" data-country="([A-Z]{3})"', page))
    assert {"RUS", "PRK"} <= coloured
    assert len(re.findall(r'class="country none"', page)) > 150  # the rest of the world
    assert 'href="/events?country=RUS&amp;since=2024-06-17&amp;until=2024-06-23' in page


def test_filters_change_what_the_explorer_shows(client: TestClient) -> None:
    def shown(**params: object) -> int:
        page = client.get("/events", params={"min_confidence": 0, **params}).text
        return len(re.findall(r'<tr class="event-row"', page))

    everything, signings = shown(modality="all"), shown(modality="all", cameo="057")
    assert everything > signings > 0
    assert shown(country="USA", plover="SANCTION") == 1


def test_the_event_page_marks_the_words(client: TestClient) -> None:
    event_id = client.get("/api/events", params={"cameo": "057"}).json()["events"][0]["event_id"]
    page = client.get(f"/events/{event_id}").text
    assert re.search(r'<mark class="trigger"[^>]*>signed</mark>', page)
    assert re.search(r'<mark class="source"[^>]*>(Putin|Russia)</mark>', page)


def test_bars_of_a_series_link_to_their_events(client: TestClient) -> None:
    page = client.get("/actors/PRK", params={"freq": "month"}).text
    links = re.findall(r'<a href="(/events\?actor=PRK[^"]*)" class="bar"', page)
    assert links and "since=2024-06-01&amp;until=2024-06-30" in " ".join(links)


def test_errors_are_pages(client: TestClient) -> None:
    assert client.get("/events/e0").status_code == 404
    bad = client.get("/events", params={"since": "June"})
    assert bad.status_code == 400 and "not a date" in bad.text
    assert client.get("/no/such/page").status_code == 404


def test_event_dates_keep_their_granularity(client: TestClient) -> None:
    """Issue 14: a month-level event reads 2024-11, not the made-up first day 2024-11-01."""
    page = client.get("/events", params={"min_confidence": 0, "modality": "all", "plover": "AID"})
    assert page.status_code == 200
    assert re.search(r'<a href="/events/[^"]+">2024-11</a>', page.text), page.text[-2000:]
    assert "2024-11-01</a>" not in page.text


def test_series_bars_are_labelled_by_their_period(client: TestClient) -> None:
    """Issue 14: the chart and the dyad table name weeks 2024-W25, not their Mondays."""
    page = client.get("/actors/PRK", params={"freq": "week"}).text
    labels = re.findall(r'class="bar" data-period="([^"]+)"', page)
    assert labels and all(re.fullmatch(r"\d{4}-W\d{2}", label) for label in labels), labels
    dyad = client.get("/dyads", params={"a": "RUS", "b": "PRK", "freq": "month"}).text
    assert re.search(r"<tr><td>\d{4}-\d{2}</td>", dyad)
    assert not re.search(r"<tr><td>\d{4}-\d{2}-\d{2}</td>", dyad)
