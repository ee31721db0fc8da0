"""Over HTTP too: wrong passwords, wrong API tokens and wrong join codes are slowed per client
address, with 429 and Retry-After, and the right person is let in again within seconds."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from facilitation import create_app
from tests.conftest import Clock, StaffMember
from tests.web.conftest import Roundtable, sign_in

WRONG_CODE = "ZZZZZZ"


def limited(response: TestResponse) -> int:
    assert response.status_code == 429, response.status_code
    wait = int(response.headers["Retry-After"])
    assert wait >= 1
    return wait


def test_wrong_passwords_are_slowed_then_the_right_one_works_again(
    app: Flask, facilitator: StaffMember, limit: Any, clock: Clock
) -> None:
    limit(logins=3)
    browser = app.test_client()
    for _ in range(3):
        page = sign_in(browser, facilitator, password="wrong-password")
        assert page.status_code == 200
        assert "do not match" in page.get_data(as_text=True)
    page = sign_in(browser, facilitator)
    wait = limited(page)
    assert wait == 20
    assert "Too many sign-in attempts from here; try again in 20 seconds." in page.get_data(
        as_text=True
    )
    assert browser.get("/api/roundtables/1").status_code == 401  # not signed in
    clock.now += wait
    assert sign_in(browser, facilitator).status_code == 302


def test_signing_in_again_and_again_costs_nothing(
    app: Flask, facilitator: StaffMember, limit: Any
) -> None:
    limit(logins=2)
    for _ in range(6):
        assert sign_in(app.test_client(), facilitator).status_code == 302


def test_wrong_api_tokens_are_slowed(roundtable: Roundtable, limit: Any, clock: Clock) -> None:
    limit(logins=3)
    api = roundtable.app.test_client()
    path = f"/api/roundtables/{roundtable.id}"
    for _ in range(5):
        assert api.get(path, headers=roundtable.staff.headers).status_code == 200
    for _ in range(3):
        assert api.get(path, headers={"Authorization": "Bearer rt_guess"}).status_code == 401
    response = api.get(path, headers=roundtable.staff.headers)
    wait = limited(response)
    error = response.get_json()["error"]
    assert error == {"code": "rate_limited", "message": error["message"], "retry_after": wait}
    clock.now += wait
    assert api.get(path, headers=roundtable.staff.headers).status_code == 200


def test_wrong_join_codes_in_the_address_bar_are_slowed(
    roundtable: Roundtable, limit: Any, clock: Clock
) -> None:
    limit(join_attempts=4)
    browser = roundtable.app.test_client()
    for _ in range(6):  # the right code costs nothing
        assert browser.get(f"/join/{roundtable.join_code}").status_code == 200
    for _ in range(3):
        assert browser.get(f"/join/{WRONG_CODE}").status_code == 404
    assert browser.get(f"/join/{WRONG_CODE}/qr.svg").status_code == 404
    page = browser.get(f"/join/{roundtable.join_code}")
    wait = limited(page)
    assert "try again in 15 seconds" in page.get_data(as_text=True)
    clock.now += wait
    assert browser.get(f"/join/{roundtable.join_code}").status_code == 200


@pytest.fixture
def behind_proxy(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """The app as deployed behind one reverse proxy that sets X-Forwarded-For."""
    from facilitation.migrations import upgrade

    upgrade(database_url)
    proxied = create_app(
        {
            "database_url": database_url,
            "secret_key": "test-secret-" + uuid.uuid4().hex,
            "async_mode": "threading",
            "instance_path": tmp_path / "instance",
            "trusted_proxies": 1,
            "TESTING": True,
        }
    )
    yield proxied
    proxied.extensions["facilitation"].db.dispose()


def guesses_until_limited(app: Flask, forwarded_for: str | None) -> int:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    browser = app.test_client()
    for n in range(100):
        if browser.get(f"/join/{WRONG_CODE}", headers=headers).status_code == 429:
            return n
    return 100


def test_behind_a_trusted_proxy_each_client_address_has_its_own_allowance(
    behind_proxy: Flask,
) -> None:
    assert guesses_until_limited(behind_proxy, "203.0.113.7") == 30
    assert guesses_until_limited(behind_proxy, "203.0.113.8") == 30


def test_without_a_trusted_proxy_a_forged_header_does_not_buy_more_guesses(app: Flask) -> None:
    assert guesses_until_limited(app, "203.0.113.7") == 30
    assert guesses_until_limited(app, "203.0.113.8") == 0
