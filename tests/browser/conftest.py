"""Browser fixtures: the real server in a subprocess, the system Chromium, an output folder."""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import unavailable
from tests.live.server import (
    STAFF_PASSWORD,
    VENV_BIN,
    LiveServer,
    run_cli,
    server_env,
    spawn_server,
)

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
PASSWORD = STAFF_PASSWORD


@dataclass
class Server:
    """A running `facilitation serve` (the live tests' own) and the commands that share it."""

    live: LiveServer

    @property
    def base_url(self) -> str:
        return self.live.url

    @property
    def env(self) -> dict[str, str]:
        return self.live.env

    @property
    def log_path(self) -> Path:
        return self.live.log_path

    def command(self, *args: str, stdin: str = "") -> str:
        return run_cli(self.env, *args, stdin=stdin)

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
    if not (VENV_BIN / "facilitation").exists():
        unavailable(f"the facilitation command is not installed in {VENV_BIN}")
    if not (REPO / "static" / "vendor" / "socket.io.esm.min.js").exists():
        unavailable("the Socket.IO client is not in static/vendor; run `make assets`")
    env = server_env(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        instance_path=tmp_path,
        extra={"FACILITATION_SECRET_KEY": "browser-test-" + uuid.uuid4().hex},
    )
    live = spawn_server(env, tmp_path / "server.log")
    try:
        live.wait_healthy()
        yield Server(live)
    finally:
        live.stop()


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

    def make(*, phone: bool = False, locale: str = "en-GB") -> Any:
        options: dict[str, Any] = {"locale": locale}
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
