"""The dashboard in a real browser (issue 17): headless Debian Chromium through Selenium. Every
page loads without a console error, the map and the charts are drawn, a bar opens the events
behind it, tables sort, the explorer's filter form and a country of the map filter the events
(and the address carries the filter). Each navigation is awaited by an explicit condition
(the old page's table gone stale, the address changed), never by sleeping. The Makefile
installs chromium and chromium-driver when they are missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

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


def _rows(driver: webdriver.Chrome) -> list[list[str]]:
    """The cells of the explorer's event rows (day, source, target, event...)."""
    return [
        [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        for row in driver.find_elements(By.CSS_SELECTOR, "tr.event-row")
    ]


def _total(driver: webdriver.Chrome) -> int:
    return int(driver.find_element(By.ID, "event-total").text.split()[0])


def _after_navigation(driver: webdriver.Chrome, old: WebElement, address_part: str) -> None:
    """Wait until the page holding ``old`` is gone and the new address holds ``address_part``,
    and check that the new page logged no error."""
    wait = WebDriverWait(driver, 20)
    wait.until(ec.staleness_of(old))
    wait.until(ec.url_contains(address_part))
    wait.until(ec.presence_of_element_located((By.ID, "event-total")))
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


def test_the_filter_form_filters_the_events_and_the_address_carries_it(
    site: tuple[str, webdriver.Chrome],
) -> None:
    driver = _load(site, "/events?min_confidence=0")
    everything = _total(driver)
    form = driver.find_element(By.ID, "event-filters")
    form.find_element(By.NAME, "country").send_keys("PRK")
    Select(form.find_element(By.NAME, "plover")).select_by_visible_text("AGREE")
    table = driver.find_element(By.CSS_SELECTOR, "table.events")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _after_navigation(driver, table, "country=PRK")
    assert "plover=AGREE" in driver.current_url
    rows = _rows(driver)
    # The corpus's asserted agreements with North Korea: Russia's of June and December.
    assert len(rows) == _total(driver) == 2 < everything
    assert all("PRK" in (row[1][:3], row[2][:3]) and "AGREE" in row[3] for row in rows)
    # The form shows the filter it was sent with, so the next change keeps it.
    form = driver.find_element(By.ID, "event-filters")
    assert form.find_element(By.NAME, "country").get_attribute("value") == "PRK"
    selected = Select(form.find_element(By.NAME, "plover")).first_selected_option
    assert selected.text == "AGREE"


def test_a_country_on_the_map_opens_its_events(site: tuple[str, webdriver.Chrome]) -> None:
    driver = _load(site, "/?week=2024-06-19")
    russia = driver.find_element(By.CSS_SELECTOR, 'a.country-link g[data-country="RUS"]')
    russia.click()
    _after_navigation(driver, russia, "country=RUS")
    assert "since=2024-06-17" in driver.current_url and "until=2024-06-23" in driver.current_url
    rows = _rows(driver)
    # That week: Russia and North Korea's treaty of 19 June.
    assert len(rows) == _total(driver) == 1
    assert rows[0][0] == "2024-06-19" and rows[0][1][:3] == "RUS"
