"""The dashboard in a real browser (issue 17): headless Debian Chromium through Selenium. Every
page loads without a console error, the map and the charts are drawn, a bar opens the events
behind it, tables sort. (That filters change what is shown is tested in-process in
test_pages.py.) The Makefile installs chromium and chromium-driver when they are missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.web.browser import CHROMEDRIVER, CHROMIUM, chromium, serving

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or CHROMEDRIVER is None,
        reason="needs Debian's chromium and chromium-driver (make setup installs them)",
    ),
]


@pytest.fixture(scope="module")
def site(web_db: Path) -> Iterator[tuple[str, webdriver.Chrome]]:
    with serving(web_db) as base, chromium() as driver:
        yield base, driver


def _load(site: tuple[str, webdriver.Chrome], path: str) -> webdriver.Chrome:
    base, driver = site
    driver.get_log("browser")  # forget what earlier pages logged
    driver.get(base + path)
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors
    return driver


@pytest.mark.parametrize(
    "path",
    [
        "/?week=2024-06-19", "/events?min_confidence=0", "/actors", "/actors/PRK",
        "/actors/person/vladimir-putin", "/dyads", "/dyads?a=RUS&b=PRK", "/network",
        "/treaties?attacked=EST", "/treaties/nato", "/search?q=june", "/api-docs",
    ],
)  # fmt: skip
def test_pages_load_without_console_errors(site: tuple[str, webdriver.Chrome], path: str) -> None:
    driver = _load(site, path)
    assert driver.find_element(By.TAG_NAME, "h1").text


def test_the_map_is_drawn_in_colours(site: tuple[str, webdriver.Chrome]) -> None:
    driver = _load(site, "/?week=2024-06-19")
    russia = driver.find_element(By.CSS_SELECTOR, 'g[data-country="RUS"]')
    france = driver.find_element(By.CSS_SELECTOR, 'g[data-country="FRA"]')
    assert russia.value_of_css_property("fill") != france.value_of_css_property("fill")
    assert russia.size["width"] > 50  # a real shape on the page, not an empty group


def test_charts_are_drawn_and_bars_open_their_events(site: tuple[str, webdriver.Chrome]) -> None:
    driver = _load(site, "/actors/PRK")
    bars = driver.find_elements(By.CSS_SELECTOR, "svg.series a.bar rect")
    assert bars and all(bar.size["height"] > 0 for bar in bars)
    driver.find_element(By.CSS_SELECTOR, "svg.series a.bar").click()
    assert "/events?actor=PRK" in driver.current_url
    assert driver.find_elements(By.CSS_SELECTOR, "tr.event-row")
    network = _load(site, "/network")
    assert len(network.find_elements(By.CSS_SELECTOR, "svg.network line.edge")) > 0


def test_sorting_a_table_by_its_header(site: tuple[str, webdriver.Chrome]) -> None:
    driver = _load(site, "/actors")
    header = driver.find_elements(By.CSS_SELECTOR, "table.sortable th")[5]  # events
    header.click()  # the first click sorts from the largest down
    rows = driver.find_elements(By.CSS_SELECTOR, "table.sortable tbody tr")
    counts = [int(r.find_elements(By.TAG_NAME, "td")[5].text) for r in rows]
    assert counts == sorted(counts, reverse=True) and len(counts) > 1
