"""The wheel carries templates and static assets, and an installed server serves them.

Slow (a build and an install into a fresh virtual environment), so it does only
what no other test can: everything else runs against the editable checkout.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import requests

from tests.conftest import unavailable
from tests.live.server import HTTP_TIMEOUT, create_facilitator, server_env, spawn_server

REPO = Path(__file__).resolve().parents[2]
VENDORED = "vendor/socket.io.esm.min.js"
BUILD_TIMEOUT = 600


def run(*command: str | Path, cwd: Path, with_stderr: bool = False) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr if with_stderr else done.stdout


def source_tree(into: Path) -> Path:
    """A copy of what the build reads, so the checkout gets no build/ or egg-info from us."""
    into.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, into / name)
    for name in ("facilitation", "templates", "static"):
        shutil.copytree(REPO / name, into / name, ignore=ignore)
    vendored = into / "static" / VENDORED
    if not vendored.exists():  # `make assets` has not run: take it from node_modules
        built = REPO / "node_modules/socket.io-client/dist/socket.io.esm.min.js"
        if not built.exists():
            unavailable("the Socket.IO client is missing: run `make assets` (npm ci)")
        vendored.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, vendored)
    return into


@pytest.mark.live
def test_the_installed_wheel_serves_pages_and_static_files(tmp_path: Path) -> None:
    if importlib.util.find_spec("build") is None:
        unavailable("the `build` package is missing (pip install -e '.[dev]')")
    source = source_tree(tmp_path / "source")
    log = run(
        *(sys.executable, "-m", "build", "--wheel", "--outdir", tmp_path / "dist", source),
        cwd=source,
        with_stderr=True,
    )
    # The project's own metadata is current: setuptools finds nothing in it to deprecate.
    assert "DeprecationWarning" not in log and "deprecated" not in log.lower(), log
    (wheel,) = (tmp_path / "dist").glob("*.whl")

    packed = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("templates", "static"):
        for path in (source / folder).rglob("*"):
            if path.is_file():
                inside = f"facilitation/{folder}/{path.relative_to(source / folder).as_posix()}"
                assert inside in packed, f"{inside} is not in the wheel"
    exports = source / "facilitation" / "exports" / "templates"
    for path in exports.iterdir():
        inside = f"facilitation/exports/templates/{path.name}"
        assert inside in packed, f"{inside} is not in the wheel"
    # The demo's agenda and sessions, and the templates that ship with the server.
    agendas = source / "facilitation" / "agendas"
    for path in agendas.rglob("*.yaml"):
        inside = f"facilitation/agendas/{path.relative_to(agendas).as_posix()}"
        assert inside in packed, f"{inside} is not in the wheel"
    assert any(name.startswith("facilitation/agendas/templates/") for name in packed)

    # A plain virtual environment: nothing from this checkout or its environment leaks in.
    venv = tmp_path / "venv"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run(sys.executable, "-m", "venv", venv, cwd=elsewhere)
    run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=elsewhere)
    where = run(
        venv / "bin" / "python",
        "-c",
        "import facilitation; print(facilitation.__file__)",
        cwd=elsewhere,
    )
    assert Path(where.strip()).is_relative_to(venv), where

    env = server_env(
        database_url=f"sqlite:///{elsewhere / 'roundtable.db'}",
        instance_path=elsewhere / "instance",
    )
    token = create_facilitator(env, bin_dir=venv / "bin", cwd=elsewhere)
    server = spawn_server(env, elsewhere / "server.log", bin_dir=venv / "bin", cwd=elsewhere)
    try:
        server.wait_healthy()
        server.token = token
        roundtable = server.create_roundtable()
        code = roundtable["join_code"]
        for path in ("/", f"/join/{code}"):
            page = requests.get(f"{server.url}{path}", timeout=HTTP_TIMEOUT)
            assert page.status_code == 200, f"GET {path}: {page.status_code}\n{server.log()}"
            assert "text/html" in page.headers["Content-Type"]
        for asset in ("js/live.js", "css/app.css", VENDORED):
            response = requests.get(f"{server.url}/static/{asset}", timeout=HTTP_TIMEOUT)
            assert response.status_code == 200, f"GET /static/{asset}: {response.status_code}"
            assert response.content == (source / "static" / asset).read_bytes()
        # The printable page and the PDF, from the wheel's own templates and dependencies.
        for name, starts in (("html", b"<!doctype html>"), ("pdf", b"%PDF")):
            response = requests.get(
                f"{server.url}/api/roundtables/{roundtable['id']}/export?format={name}",
                headers=server.headers(),
                timeout=HTTP_TIMEOUT,
            )
            assert response.status_code == 200, f"{name}: {response.text}\n{server.log()}"
            assert response.content.startswith(starts)
    finally:
        assert server.stop() == 0, server.log()
