"""Presenter links over HTTP: the API that shares, shows and revokes them, and /screen/<token>."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from tests.conftest import Clock, StaffMember
from tests.web.conftest import Roundtable, error_of, sign_in


def link_api(
    roundtable: Roundtable, method: str, member: StaffMember | None = None, **kwargs: Any
) -> TestResponse:
    member = member or roundtable.staff
    kwargs.setdefault("headers", member.headers)
    client = roundtable.app.test_client()
    call: Callable[..., TestResponse] = getattr(client, method)
    return call(f"/api/roundtables/{roundtable.id}/presenter-link", **kwargs)


def token_of(response: TestResponse) -> str:
    url: str = response.get_json()["url"]
    return url.rsplit("/", 1)[-1]


def test_creating_a_link_answers_its_url(roundtable: Roundtable) -> None:
    response = link_api(roundtable, "post")
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {"url", "created_at"}
    assert body["url"].startswith("http://localhost/screen/")
    assert body["created_at"].endswith("Z")


def test_the_link_is_shown_again_until_rotated(roundtable: Roundtable) -> None:
    created = link_api(roundtable, "post").get_json()
    assert link_api(roundtable, "get").get_json() == created
    rotated = link_api(roundtable, "post").get_json()
    assert rotated["url"] != created["url"]
    assert link_api(roundtable, "get").get_json() == rotated


def test_without_a_link_the_api_says_so(roundtable: Roundtable) -> None:
    response = link_api(roundtable, "get")
    assert response.status_code == 404
    assert error_of(response)["code"] == "no_presenter_link"


def test_revoking_answers_no_content_and_leaves_no_link(roundtable: Roundtable) -> None:
    link_api(roundtable, "post")
    response = link_api(roundtable, "delete")
    assert response.status_code == 204
    assert response.get_data() == b""
    assert error_of(link_api(roundtable, "get"))["code"] == "no_presenter_link"
    assert link_api(roundtable, "delete").status_code == 204  # again: nothing to revoke


def test_an_unknown_roundtable_is_not_found(roundtable: Roundtable) -> None:
    client = roundtable.app.test_client()
    for method in ("get", "post", "delete"):
        response = getattr(client, method)(
            "/api/roundtables/9999/presenter-link", headers=roundtable.staff.headers
        )
        assert response.status_code == 404, method
        assert error_of(response)["code"] == "not_found"


def test_a_rapporteur_may_not_share_the_screen(
    roundtable: Roundtable, make_staff: Callable[[str], StaffMember]
) -> None:
    rapporteur = make_staff("rapporteur")
    link_api(roundtable, "post")
    for method in ("get", "post", "delete"):
        response = link_api(roundtable, method, rapporteur)
        assert response.status_code == 403, method
        assert error_of(response)["code"] == "forbidden"
    assert link_api(roundtable, "get").status_code == 200  # nothing was revoked


def test_an_organizer_may(roundtable: Roundtable, make_staff: Callable[[str], StaffMember]) -> None:
    assert link_api(roundtable, "post", make_staff("organizer")).status_code == 201


def test_the_api_needs_a_staff_identity(roundtable: Roundtable) -> None:
    for method in ("get", "post", "delete"):
        response = link_api(roundtable, method, headers={})
        assert response.status_code == 401, method
        assert error_of(response)["code"] == "unauthenticated"


def test_a_signed_in_browser_may_use_the_api(roundtable: Roundtable) -> None:
    browser = roundtable.app.test_client()
    sign_in(browser, roundtable.staff)
    response = browser.post(f"/api/roundtables/{roundtable.id}/presenter-link")
    assert response.status_code == 201


def test_the_screen_page_is_the_big_screen_without_a_sign_in(roundtable: Roundtable) -> None:
    token = token_of(link_api(roundtable, "post"))
    page = roundtable.app.test_client().get(f"/screen/{token}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="presenter"' in html
    assert roundtable.join_code in html
    assert f'data-screen-token="{token}"' in html
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["Cache-Control"] == "no-store"


def test_the_staff_big_screen_carries_no_token(roundtable: Roundtable) -> None:
    link_api(roundtable, "post")
    browser = roundtable.app.test_client()
    sign_in(browser, roundtable.staff)
    html = browser.get(f"/roundtables/{roundtable.id}/present").get_data(as_text=True)
    assert 'id="presenter"' in html and "data-screen-token" not in html


def test_a_revoked_link_is_not_found(roundtable: Roundtable) -> None:
    token = token_of(link_api(roundtable, "post"))
    link_api(roundtable, "delete")
    page = roundtable.app.test_client().get(f"/screen/{token}")
    assert page.status_code == 404
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer"


def test_a_rotated_link_is_not_found(roundtable: Roundtable) -> None:
    old = token_of(link_api(roundtable, "post"))
    new = token_of(link_api(roundtable, "post"))
    client = roundtable.app.test_client()
    assert client.get(f"/screen/{old}").status_code == 404
    assert client.get(f"/screen/{new}").status_code == 200


def test_revoked_and_unknown_links_look_alike(roundtable: Roundtable) -> None:
    token = token_of(link_api(roundtable, "post"))
    link_api(roundtable, "delete")
    client = roundtable.app.test_client()
    revoked = client.get(f"/screen/{token}")
    unknown = client.get("/screen/" + "0" * len(token))
    elsewhere = client.get("/no-such-page")
    assert revoked.status_code == unknown.status_code == elsewhere.status_code == 404
    assert revoked.get_data() == unknown.get_data() == elsewhere.get_data()
    assert roundtable.title not in revoked.get_data(as_text=True)


def test_wrong_tokens_are_limited_per_address(
    roundtable: Roundtable, limit: Any, clock: Clock
) -> None:
    token = token_of(link_api(roundtable, "post"))
    limit(join_attempts=3)
    client = roundtable.app.test_client()
    for n in range(3):
        assert client.get(f"/screen/wrong-{n}").status_code == 404
    refused = client.get(f"/screen/{token}")
    assert refused.status_code == 429
    wait = int(refused.headers["Retry-After"])
    assert refused.headers["Cache-Control"] == "no-store"
    other = roundtable.app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.0.0.7"
    assert other.get(f"/screen/{token}").status_code == 200
    clock.now += wait
    assert client.get(f"/screen/{token}").status_code == 200


def test_the_right_token_costs_nothing(roundtable: Roundtable, limit: Any) -> None:
    token = token_of(link_api(roundtable, "post"))
    limit(join_attempts=2)
    client = roundtable.app.test_client()
    for _ in range(6):
        assert client.get(f"/screen/{token}").status_code == 200


@pytest.mark.parametrize("role", ["facilitator", "organizer"])
def test_the_console_offers_the_presenter_link(
    app: Flask, roundtable: Roundtable, make_staff: Callable[[str], StaffMember], role: str
) -> None:
    browser = app.test_client()
    sign_in(browser, make_staff(role))
    html = browser.get(f"/roundtables/{roundtable.id}").get_data(as_text=True)
    assert 'id="presenter-link"' in html
    assert "Anyone with this link sees the big screen, read-only." in html


def test_the_console_of_a_rapporteur_does_not(
    app: Flask, roundtable: Roundtable, make_staff: Callable[[str], StaffMember]
) -> None:
    browser = app.test_client()
    sign_in(browser, make_staff("rapporteur"))
    html = browser.get(f"/roundtables/{roundtable.id}").get_data(as_text=True)
    assert 'id="presenter-link"' not in html


def test_the_console_shows_the_current_link_and_is_not_cached(
    app: Flask, roundtable: Roundtable
) -> None:
    url = link_api(roundtable, "post").get_json()["url"]
    browser = app.test_client()
    sign_in(browser, roundtable.staff)
    page = browser.get(f"/roundtables/{roundtable.id}")
    assert f'data-url="{url}"' in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
