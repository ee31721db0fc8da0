"""A participant whose browser prefers Chinese takes part in Chinese; a chosen language sticks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_room_flow import PROMPT, assert_no_script_errors, expect, idea, open_room

pytestmark = pytest.mark.browser

# What people write stays as written, whatever the page's language.
MIXED = "在每个公交站种树 — shade trees, de l'ombre, árboles 🌳"


def test_participant_takes_part_in_chinese(server: Server, new_page: Any, output_dir: Path) -> None:
    facilitator, join_link = open_room(server, new_page)
    li = new_page(phone=True, locale="zh-CN")
    li.goto(join_link)
    expect(li.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(li.get_by_role("button", name="简体中文")).to_have_attribute("aria-current", "true")
    li.get_by_label("您的姓名").fill("李雷")
    li.get_by_label("城市或机构").fill("上海 Shanghai")
    li.get_by_role("button", name="加入", exact=True).click()
    expect(li.locator("#whoami")).to_contain_text("李雷")
    expect(li.locator("#connection")).to_have_text("实时")
    expect(li.locator("#participants")).to_have_text("1 位参与者")
    expect(li.get_by_role("heading", name=PROMPT)).to_be_visible()
    expect(li.locator(".budget")).to_have_text("剩余 3 票")
    # Two Chinese sentences follow each other without the space English puts between them.
    expect(li.locator(".credit-note").first).to_contain_text("上海 Shanghai。您发布")

    li.get_by_label("您的想法").fill(MIXED)
    li.get_by_role("button", name="发布想法").click()
    mine = idea(li, MIXED)
    expect(mine).to_contain_text("李雷 · 上海 Shanghai")
    expect(mine.locator(".mine-note")).to_have_text("我的")
    mine.get_by_role("button", name="投票", exact=True).click()
    expect(mine.get_by_role("button", name="撤回投票")).to_be_visible()
    expect(mine.locator(".votes")).to_have_text("1 票")
    expect(li.locator(".budget")).to_have_text("剩余 2 票")
    # The facilitator's English console shows the same idea, as it was written.
    expect(facilitator.locator("li.idea").filter(has_text=MIXED)).to_contain_text("1 vote")
    li.screenshot(path=str(output_dir / "participant-zh.png"), full_page=True)
    assert_no_script_errors(facilitator, li)


def test_a_language_chosen_on_the_page_sticks_after_reload(
    server: Server, new_page: Any, output_dir: Path
) -> None:
    page = new_page(locale="zh-CN")
    page.goto(server.url("/"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", name="加入圆桌会议")).to_be_visible()
    page.get_by_role("button", name="Français").focus()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Rejoindre une table ronde")).to_be_visible()
    expect(page.get_by_role("button", name="Français")).to_have_attribute("aria-current", "true")
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.goto(server.url("/login"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("button", name="Español").click()
    expect(page).to_have_url(server.url("/login"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.screenshot(path=str(output_dir / "login-es.png"), full_page=True)
    assert_no_script_errors(page)
