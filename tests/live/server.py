"""Running the real `facilitation` command in a subprocess: the server, and the staff CLI."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

VENV_BIN = Path(sys.executable).parent
START_TIMEOUT = 30.0
STOP_TIMEOUT = 20.0
CLI_TIMEOUT = 60.0
HTTP_TIMEOUT = 10.0
STAFF_PASSWORD = "a-long-password"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_env(
    *,
    database_url: str,
    instance_path: Path,
    async_mode: str = "gevent",
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    """The environment of a server or CLI run: this test's settings and nothing inherited."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATION_")}
    env.pop("PYTHONPATH", None)
    env.update(
        FACILITATION_DATABASE_URL=database_url,
        FACILITATION_SECRET_KEY="live-test-secret-key",
        FACILITATION_INSTANCE_PATH=str(instance_path),
        FACILITATION_ASYNC_MODE=async_mode,
        PYTHONUNBUFFERED="1",
    )
    env.update(extra or {})
    return env


def run_cli(
    env: dict[str, str],
    *args: str,
    stdin: str | None = None,
    bin_dir: Path = VENV_BIN,
    cwd: Path | None = None,
) -> str:
    """Run `facilitation ARGS`, failing the test on a non-zero exit; returns stdout."""
    done = subprocess.run(
        [str(bin_dir / "facilitation"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=CLI_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"facilitation {' '.join(args)}: {done.stderr}{done.stdout}"
    return done.stdout


def create_facilitator(
    env: dict[str, str],
    email: str = "facilitator@example.org",
    *,
    bin_dir: Path = VENV_BIN,
    cwd: Path | None = None,
) -> str:
    """A facilitator account made with the CLI; returns its API token."""
    run_cli(
        env,
        "user",
        "create",
        email,
        "--name",
        "Fay Facilitator",
        "--role",
        "facilitator",
        "--password-stdin",
        stdin=STAFF_PASSWORD + "\n",
        bin_dir=bin_dir,
        cwd=cwd,
    )
    out = run_cli(env, "token", "create", email, bin_dir=bin_dir, cwd=cwd)
    return out.strip().splitlines()[-1]


@dataclass
class LiveServer:
    """One `facilitation serve` process and how to reach it."""

    port: int
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log_path: Path
    token: str | None = None
    roundtables: list[dict[str, Any]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def wait_healthy(self, timeout: float = START_TIMEOUT) -> None:
        """Block until GET /healthz answers 200; fail if the process dies or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"server exited with {self.process.returncode} before it was healthy:\n"
                    + self.log()
                )
            try:
                if requests.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=0.1)  # wakes at once if the process dies
        raise AssertionError(f"server not healthy after {timeout}s:\n{self.log()}")

    def stop(self, timeout: float = STOP_TIMEOUT) -> int:
        """SIGTERM, then the exit status (the process is killed if it does not stop in time)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=timeout)
            raise AssertionError(f"server ignored SIGTERM for {timeout}s:\n{self.log()}") from None

    def headers(self) -> dict[str, str]:
        assert self.token, "no staff token: call staff_token() first"
        return {"Authorization": f"Bearer {self.token}"}

    def staff_token(self, email: str = "facilitator@example.org") -> str:
        self.token = create_facilitator(self.env, email)
        return self.token

    def create_roundtable(self, title: str = "Shade and water") -> dict[str, Any]:
        """POST /api/roundtables as the staff member; returns id, title, join_code, join_url."""
        response = requests.post(
            f"{self.url}/api/roundtables",
            json={"title": title},
            headers=self.headers(),
            timeout=HTTP_TIMEOUT,
        )
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        self.roundtables.append(body)
        return body

    def get_json(self, path: str) -> Any:
        response = requests.get(f"{self.url}{path}", headers=self.headers(), timeout=HTTP_TIMEOUT)
        assert response.status_code == 200, f"GET {path}: {response.status_code} {response.text}"
        return response.json()


def spawn_server(
    env: dict[str, str],
    log_path: Path,
    *,
    port: int | None = None,
    bin_dir: Path = VENV_BIN,
    cwd: Path | None = None,
    host: str = "127.0.0.1",
) -> LiveServer:
    """Start `facilitation serve` (on 127.0.0.1 unless told) without waiting for it to be ready."""
    port = port or free_port()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(bin_dir / "facilitation"), "serve", "--host", host, "--port", str(port)],
            env=env,
            cwd=cwd or log_path.parent,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    return LiveServer(port=port, env=env, process=process, log_path=log_path)
