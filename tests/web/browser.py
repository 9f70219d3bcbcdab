"""A real server on a free loopback port and headless Debian Chromium driven by Selenium, for the
browser tests (and for taking the screenshots of docs/web.md: see ``python -m tests.web.browser``).
"""

from __future__ import annotations

import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from eventwire.web import create_app

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
# The flags of the brief: no sandbox (root in a container), no GPU, nothing fetched from the
# network in the background.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
)  # fmt: skip


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The app over ``db`` served by uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


PAGES = {
    "overview": "/",
    "events": "/events?min_confidence=0&modality=all",
    "event": None,  # the first event of the explorer
    "actor": "/actors/{actor}",
    "dyad": "/dyads?a={a}&b={b}",
    "network": "/network",
    "treaties": "/treaties?attacked=EST",
    "search": "/search?q={query}",
}


def screenshots(db: Path, folder: Path, **names: str) -> None:
    """Save a screenshot of each page of ``PAGES`` over ``db`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    with serving(db) as base, chromium() as driver:
        driver.get(base + "/events?min_confidence=0")
        first = driver.find_element("css selector", "tr.event-row td a").get_attribute("href")
        for name, path in PAGES.items():
            driver.get(str(first) if path is None else base + path.format(**names))
            height = driver.execute_script("return document.body.scrollHeight")
            driver.set_window_size(1400, min(max(int(height) + 40, 600), 2400))
            driver.save_screenshot(str(folder / f"{name}.png"))


if (
    __name__ == "__main__"
):  # python -m tests.web.browser DB FOLDER actor=IRN a=IRN b=DEU query=sanctions
    screenshots(Path(sys.argv[1]), Path(sys.argv[2]),
                **dict(arg.split("=", 1) for arg in sys.argv[3:]))  # fmt: skip
