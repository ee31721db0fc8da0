"""Which language people see: their choice, kept in a cookie; else their browser's; else English."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from facilitation.web.language import local_date
from tests.conftest import StaffMember
from tests.rooms import Room
from tests.web.conftest import error_of, sign_in


def html_lang(page: str) -> str:
    found = re.search(r'<html lang="([^"]+)"', page)
    assert found, page[:200]
    return found.group(1)


@pytest.mark.parametrize(
    ("accept", "lang"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"),
        ("zh-Hans", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("fr-CA,fr;q=0.9", "fr"),
        ("es-MX", "es"),
        ("de-DE,es;q=0.5", "es"),
        ("de-DE", "en"),
        ("zh-TW", "en"),
        ("", "en"),
    ],
)
def test_the_browsers_preference_chooses_the_language(app: Flask, accept: str, lang: str) -> None:
    page = app.test_client().get("/", headers={"Accept-Language": accept} if accept else {})
    assert html_lang(page.get_data(as_text=True)) == lang


def test_chinese_browser_sees_the_home_page_in_chinese(app: Flask) -> None:
    page = app.test_client().get("/", headers={"Accept-Language": "zh-CN"})
    assert "<title>加入圆桌会议 · Roundtable</title>" in page.get_data(as_text=True)


def choose(browser: FlaskClient, language: str, next: str = "/") -> Any:
    return browser.post("/language", data={"language": language, "next": next})


def test_a_chosen_language_sticks_for_a_year_over_the_browsers_preference(app: Flask) -> None:
    browser = app.test_client()
    response = choose(browser, "fr", next="/join?code=abc")
    assert response.status_code == 303
    assert response.headers["Location"] == "/join?code=abc"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("language=fr;")
    assert "Max-Age=31536000" in cookie
    assert "SameSite=Lax" in cookie
    later = browser.get("/", headers={"Accept-Language": "es"})
    assert html_lang(later.get_data(as_text=True)) == "fr"
    choose(browser, "zh_Hans")
    assert html_lang(browser.get("/login").get_data(as_text=True)) == "zh-Hans"


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/path", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_the_switch_goes_back_only_to_a_page_of_this_site(app: Flask, target: str) -> None:
    response = choose(app.test_client(), "es", next=target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_an_unknown_language_is_not_remembered(app: Flask) -> None:
    response = choose(app.test_client(), "klingon")
    assert response.status_code == 303
    assert "Set-Cookie" not in response.headers


def pages_of(room: Room) -> dict[str, str]:
    """Every kind of page, as `path: what the page is`, for a signed-in browser."""
    return {
        "/": "dashboard",
        "/login": "sign in",
        "/join": "join",
        f"/join/{room.join_code}": "participant",
        "/join/NOSUCH": "not found",
        f"/roundtables/{room.id}": "console",
        f"/roundtables/{room.id}/present": "presenter",
    }


@pytest.mark.parametrize(("language", "lang"), [("fr", "fr"), ("zh_Hans", "zh-Hans")])
def test_every_page_speaks_the_chosen_language_and_offers_the_switch(
    roundtable: Room, facilitator: StaffMember, language: str, lang: str
) -> None:
    anonymous = roundtable.app.test_client()
    staff = roundtable.app.test_client()
    sign_in(staff, facilitator)
    for browser in (anonymous, staff):
        choose(browser, language)
    for path in ("/", "/login", "/join"):
        page = anonymous.get(path).get_data(as_text=True)
        assert html_lang(page) == lang, path
    for path in pages_of(roundtable):
        response = staff.get(path)
        assert response.status_code in (200, 404), path
        page = response.get_data(as_text=True)
        assert html_lang(page) == lang, path
        assert 'action="/language"' in page, path
        assert f'value="{language}" lang="{lang}" aria-current="true"' in page, path
        for other in ("en", "zh_Hans", "fr", "es"):
            assert f'name="language" value="{other}"' in page, path


def client_strings(browser: FlaskClient, path: str) -> dict[str, Any]:
    page = browser.get(path).get_data(as_text=True)
    block = re.search(r'<script type="application/json" id="i18n">(.*?)</script>', page, re.S)
    assert block
    strings: dict[str, Any] = json.loads(block.group(1))
    return strings


def test_the_pages_dictionary_is_in_their_language_with_plural_forms(roundtable: Room) -> None:
    browser = roundtable.app.test_client()
    choose(browser, "fr")
    strings = client_strings(browser, f"/join/{roundtable.join_code}")
    assert strings["votes"] == {
        "one": "%(n)s vote",
        "many": "%(n)s votes",
        "other": "%(n)s votes",
    }
    assert strings["status_open"] == "Ouverte"
    assert strings["open_prompt"] == "Ouvrir"
    choose(browser, "zh_Hans")
    strings = client_strings(browser, f"/join/{roundtable.join_code}")
    assert strings["votes"] == {"other": "%(n)s 票"}
    assert strings["count_ideas"] == {"other": "%(n)s 条想法"}


def test_a_french_connection_is_refused_in_french_with_the_same_code(roundtable: Room) -> None:
    socketio = roundtable.app.extensions["socketio"]
    client = socketio.test_client(roundtable.app, headers={"Accept-Language": "fr-FR"})
    prompt_id = roundtable.open_prompt()
    joined = client.emit(
        "roundtable.join", {"join_code": roundtable.join_code, "name": "Amélie"}, callback=True
    )
    assert joined["ok"] is True
    ack = client.emit(
        "idea.create", {"prompt_id": prompt_id, "text": "  ", "client_id": "a1"}, callback=True
    )
    assert ack == {
        "ok": False,
        "error": {"code": "text_empty", "message": "Écrivez d'abord quelque chose."},
    }


def test_a_chosen_language_in_the_cookie_speaks_on_the_socket_too(roundtable: Room) -> None:
    socketio = roundtable.app.extensions["socketio"]
    client = socketio.test_client(
        roundtable.app, headers={"Accept-Language": "fr", "Cookie": "language=zh_Hans"}
    )
    ack = client.emit("no.such.event", {}, callback=True)
    assert ack["error"]["code"] == "unknown_event"
    assert ack["error"]["message"] == "服务器无法识别该事件。"


def test_an_english_connection_keeps_the_domains_own_message(roundtable: Room) -> None:
    member = roundtable.participant("Ann")
    prompt_id = roundtable.open_prompt()
    ack = member.emit("idea.create", {"prompt_id": prompt_id, "text": "", "client_id": "b1"})
    assert ack["error"]["code"] == "text_empty"
    assert ack["error"]["message"] == "The idea is empty."


def test_http_errors_are_in_chinese_with_the_same_codes(
    roundtable: Room, facilitator: StaffMember, limit: Any
) -> None:
    api = roundtable.app.test_client()
    chinese = {"Accept-Language": "zh-CN"}
    missing = api.get("/api/roundtables/999999", headers={**facilitator.headers, **chinese})
    assert missing.status_code == 404
    assert error_of(missing) == {"code": "not_found", "message": "该内容不存在或已不存在。"}
    no_path = api.get("/api/no-such-thing", headers=chinese)
    assert no_path.status_code == 404
    assert error_of(no_path) == {"code": "not_found", "message": "该内容不存在或已不存在。"}

    limit(logins=1)
    wrong = {"Authorization": "Bearer wrong", **chinese}
    api.get(f"/api/roundtables/{roundtable.id}", headers=wrong)
    refused = api.get(f"/api/roundtables/{roundtable.id}", headers=wrong)
    assert refused.status_code == 429
    body = refused.get_json()["error"]
    wait = int(refused.headers["Retry-After"])
    assert body == {
        "code": "rate_limited",
        "message": f"此处尝试次数过多，请在 {wait} 秒后重试。",
        "retry_after": wait,
    }


@pytest.mark.parametrize(
    ("accept", "written"),
    [("en", "Jun 3, 2025"), ("fr", "3 juin 2025"), ("zh-CN", "2025年6月3日"), ("es", "3 jun 2025")],
)
def test_dates_are_written_the_way_the_language_writes_them(
    app: Flask, accept: str, written: str
) -> None:
    with app.test_request_context(headers={"Accept-Language": accept}):
        assert local_date("2025-06-03") == written
        assert local_date("early June") == "early June"
