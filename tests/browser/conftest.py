"""Browser fixtures: the real server in a subprocess, the system Chromium, an output folder."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import unavailable

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("FACILITATION_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FACILITATION = Path(sys.executable).with_name("facilitation")
START_TIMEOUT_S = 30
PASSWORD = "a-long-password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    """A running `facilitation serve` and the environment its commands share."""

    base_url: str
    env: dict[str, str]
    log_path: Path

    def command(self, *args: str, stdin: str = "") -> str:
        done = subprocess.run(
            [str(FACILITATION), *args],
            input=stdin,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def create_staff(self, email: str, *, name: str, role: str = "facilitator") -> str:
        """A staff account that signs in with PASSWORD; returns the email."""
        self.command(
            "user",
            "create",
            email,
            "--name",
            name,
            "--role",
            role,
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
        return email

    def api_token(self, email: str) -> str:
        return self.command("token", "create", email).strip().splitlines()[-1]

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture
def output_dir(request: pytest.FixtureRequest) -> Path:
    """Where this test leaves its screenshots: test-output/browser/<test name>/."""
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    folder = REPO / "test-output" / "browser" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """The real server on a free port, with its own SQLite database, stopped afterwards."""
    if not FACILITATION.exists():
        unavailable(f"the facilitation command is not installed at {FACILITATION}")
    if not (REPO / "static" / "vendor" / "socket.io.esm.min.js").exists():
        unavailable("the Socket.IO client is not in static/vendor; run `make assets`")
    port = free_port()
    env = {
        **os.environ,
        "FACILITATION_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
        "FACILITATION_SECRET_KEY": "browser-test-" + uuid.uuid4().hex,
        "FACILITATION_INSTANCE_PATH": str(tmp_path),
        "FACILITATION_ASYNC_MODE": "gevent",
    }
    env.pop("FACILITATION_PUBLIC_URL", None)
    env.pop("FACILITATION_MESSAGE_QUEUE", None)
    env.pop("FACILITATION_ALLOWED_ORIGINS", None)
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(FACILITATION), "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base_url, process, log_path)
        yield Server(base_url, env, log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_healthy(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited early:\n{log_path.read_text(errors='replace')}")
        try:
            if requests.get(base_url + "/healthz", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    pytest.fail(f"the server did not answer /healthz:\n{log_path.read_text(errors='replace')}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium, driven by Playwright; never a downloaded browser build."""
    if not CHROMIUM.exists():
        unavailable(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    """Pages in separate browser contexts (separate cookies and storage), closed afterwards."""
    contexts: list[Any] = []

    def make(*, phone: bool = False) -> Any:
        options: dict[str, Any] = {"locale": "en-GB"}
        if phone:
            options.update(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        else:
            options.update(viewport={"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console",
            lambda message: errors.append(message.text) if message.type == "error" else None,
        )
        page.js_errors = errors
        return page

    yield make
    for context in contexts:
        context.close()
