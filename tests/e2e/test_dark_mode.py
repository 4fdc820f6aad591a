"""Dark mode in Chromium: the system's setting, a member's own choice, phones too.

The colours themselves are checked by axe-core in test_accessibility.py (light
and dark, every page); here, that the right palette reaches the right people.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.models import User
from forum.models import Thread
from tests.e2e.helpers import sign_in

# --bg in static/css/site.css and static/css/dark.css.
LIGHT = "rgb(246, 243, 236)"
DARK = "rgb(19, 26, 25)"


def background(page) -> str:
    page.wait_for_load_state()  # the stylesheets are in
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_dark_mode_follows_the_system_setting(new_page, transactional_db):
    call_command("seed")
    for system, expected in (("light", LIGHT), ("dark", DARK)):
        page = new_page()
        page.emulate_media(color_scheme=system)
        page.goto("/")
        assert background(page) == expected
        assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == system

    # A visitor whose phone turns dark at sunset sees the page follow, no reload.
    page.emulate_media(color_scheme="light")
    assert background(page) == LIGHT


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_members_own_choice_wins_over_the_system(new_page, transactional_db, javascript):
    call_command("seed")
    User.objects.create_user("night_owl", password="a-long-passphrase", theme="dark")
    User.objects.create_user("early_bird", password="a-long-passphrase", theme="light")
    for handle, system, expected in (("night_owl", "light", DARK), ("early_bird", "dark", LIGHT)):
        page = new_page(javascript=javascript)
        page.emulate_media(color_scheme=system)
        sign_in(page, handle)
        page.goto("/prompts/")
        assert background(page) == expected, handle
        # The very first paint is already right: the server wrote the choice.
        assert page.locator("html").get_attribute("data-theme") == (
            "dark" if expected == DARK else "light"
        )


def test_a_member_turns_dark_mode_on_in_settings(new_page, transactional_db):
    User.objects.create_user("river", password="a-long-passphrase")
    page = new_page()
    page.emulate_media(color_scheme="light")
    sign_in(page, "river")
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("heading", name="Your settings").wait_for()
    assert background(page) == LIGHT
    page.get_by_role("group", name="Colours").get_by_label("Dark").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your settings are saved.").wait_for()
    assert background(page) == DARK
    assert page.get_by_role("group", name="Colours").get_by_label("Dark").is_checked()
    assert User.objects.get(handle="river").theme == "dark"


def test_dark_thread_page_fits_a_phone_screen(new_page, transactional_db):
    call_command("seed", "--demo")
    thread = Thread.objects.get(title="Where to get naloxone without a prescription?")
    desktop = new_page(width=1100, height=1000)
    phone = new_page(width=390, height=844)
    for page in (desktop, phone):
        page.emulate_media(color_scheme="dark")
        page.goto(thread.get_absolute_url())
        page.locator("article.post").first.wait_for()
        assert background(page) == DARK
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"page is {overflow}px wider than the screen"

    # `make screenshots` saves these beside the light ones (test_first_visit.py).
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        desktop.screenshot(path=f"{folder}/thread-dark.png", full_page=True)
        phone.screenshot(path=f"{folder}/thread-phone-dark.png", full_page=True)
