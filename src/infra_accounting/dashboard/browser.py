"""Run the dashboard on localhost and look at it in headless Chromium (tests, screenshots).

    python -m infra_accounting.dashboard.browser --snapshot S --out docs/screenshots

starts the app on 127.0.0.1 (a free port), loads every page in headless Chromium (Debian's
`chromium` + `chromium-driver`, see scripts/install-browser), waits for its tables and
charts, saves a PNG per page and stops the server. Every wait is bounded.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from infra_accounting.dashboard.pages import PAGES

APP = Path(__file__).with_name("app.py")
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)
TABLE_SELECTOR = '[data-testid="stDataFrame"]'
CHART_SELECTOR = '[data-testid="stVegaLiteChart"]'
NOT_BUILT_SELECTOR = '[data-testid="stAlertContentInfo"]'


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_dashboard(snapshot: Path, port: int | None = None, startup_seconds: float = 60.0):
    """The app served on 127.0.0.1:<port> for the duration of the block; yields its URL."""
    port = port or free_port()
    environment = dict(
        os.environ,
        INFRA_SNAPSHOT_PATH=str(snapshot),
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
    )
    server = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(APP),
            "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", "--client.toolbarMode", "viewer",
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"the dashboard exited: {server.stderr.read().decode(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"the dashboard did not start on {url} within {startup_seconds:.0f}s")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


@contextmanager
def chromium(width: int = 1400, height: int = 1000):
    """A headless Chromium driven by Debian's chromedriver (no driver download)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        raise FileNotFoundError("Chromium is not installed: run scripts/install-browser")
    with tempfile.TemporaryDirectory(prefix="dashboard-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={width},{height}")
        driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
        driver.set_page_load_timeout(60)
        try:
            yield driver
        finally:
            driver.quit()


@dataclass
class PageView:
    page: str
    title: str
    tables: int
    charts: int
    not_built: int
    exceptions: int
    screenshot: Path | None


def view_page(driver, url: str, page: str, screenshot_dir: Path | None, wait_seconds: float = 90.0) -> PageView:
    """Load one page, wait until it has finished running and drawn, count what is on it."""
    from selenium.webdriver.common.by import By

    title = PAGES[page][0]
    driver.get(f"{url}/?page={page}")
    deadline = time.monotonic() + wait_seconds
    while True:
        headings = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "h1")]
        running = driver.find_elements(By.CSS_SELECTOR, '[data-testid="stStatusWidget"]')
        drawn = driver.find_elements(By.CSS_SELECTOR, f"{TABLE_SELECTOR}, {CHART_SELECTOR}, {NOT_BUILT_SELECTOR}")
        charts_ready = all(
            chart.find_elements(By.CSS_SELECTOR, "canvas, svg") for chart in driver.find_elements(By.CSS_SELECTOR, CHART_SELECTOR)
        )
        if any(title in heading for heading in headings) and not running and drawn and charts_ready:
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"page {page!r} did not finish drawing within {wait_seconds:.0f}s (headings: {headings})")
        time.sleep(0.5)
    time.sleep(1.0)  # let the charts' transitions settle before the screenshot
    screenshot = None
    if screenshot_dir is not None:
        screenshot_dir.mkdir(parents=True, exist_ok=True)
        screenshot = screenshot_dir / f"{page}.png"
        driver.save_screenshot(str(screenshot))
    return PageView(
        page=page,
        title=title,
        tables=len(driver.find_elements(By.CSS_SELECTOR, TABLE_SELECTOR)),
        charts=len(driver.find_elements(By.CSS_SELECTOR, CHART_SELECTOR)),
        not_built=len(driver.find_elements(By.CSS_SELECTOR, NOT_BUILT_SELECTOR)),
        exceptions=len(driver.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')),
        screenshot=screenshot,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snapshot", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    arguments = parser.parse_args(argv)
    with running_dashboard(arguments.snapshot) as url, chromium(arguments.width, arguments.height) as driver:
        for page in PAGES:
            view = view_page(driver, url, page, arguments.out)
            print(f"{page}: {view.tables} tables, {view.charts} charts, {view.not_built} not built -> {view.screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
