"""Back in without email, in a real browser: join, keep the codes, forget, use one."""

import re

import pytest

from tests.e2e.helpers import sign_in

PASSWORD = "a-long-passphrase"
NEW_PASSWORD = "a-brand-new-passphrase"
CODE = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")


def join_and_keep_the_codes(page, handle):
    page.goto("/accounts/signup/")
    page.get_by_label("Handle").fill(handle)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Join").click()
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    codes = page.get_by_role("list", name="Recovery codes").locator("code").all_inner_texts()
    assert len(codes) == 10 and all(CODE.match(code) for code in codes)
    assert "Each code works once" in page.inner_text("main")
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").first.wait_for()
    return codes


def try_code(page, handle, code, password=NEW_PASSWORD):
    page.get_by_label("Handle").fill(handle)
    page.get_by_label("Recovery code").fill(code)
    page.get_by_label("New password", exact=True).fill(password)
    page.get_by_label("New password again").fill(password)
    page.get_by_role("button", name="Set my new password").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_member_without_email_gets_back_in_with_a_recovery_code(new_page, javascript):
    page = new_page(javascript=javascript)
    codes = join_and_keep_the_codes(page, "river")

    # The password is forgotten: the sign-in page leads to the recovery code page.
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").first.click()
    page.get_by_role("link", name="Use a recovery code").click()
    page.get_by_role("heading", name="Use a recovery code").wait_for()
    try_code(page, "river", codes[0].lower().replace("-", " "))

    page.get_by_text("Your new password is set. You have 9 recovery codes left.").wait_for()
    assert "You have 9 of 10 codes left." in page.inner_text("main")

    # Signed in already; signing out and in again works with the new password only.
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").first.wait_for()
    page.goto("/accounts/login/")
    page.get_by_label("Handle").fill("river")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("That handle and password don't match").wait_for()
    sign_in(page, "river", NEW_PASSWORD)

    # A spent code is refused, kindly, and the new password stays.
    page.get_by_role("button", name="Sign out").click()
    page.goto("/members/recover/code/")
    try_code(page, "river", codes[0], password="yet-another-passphrase")
    page.get_by_text("That recovery code has been used already.").wait_for()
    sign_in(page, "river", NEW_PASSWORD)


def test_too_many_wrong_codes_are_throttled_in_the_browser(new_page):
    page = new_page()
    codes = join_and_keep_the_codes(page, "sky")
    page.goto("/members/recover/code/")

    for _ in range(5):
        try_code(page, "sky", "AAAA-BBBB-CCCC")
        page.get_by_text("That handle and recovery code don't match.").wait_for()
    # Even the right code waits now: guesses are slowed down for this handle.
    try_code(page, "sky", codes[1])
    page.get_by_text("please wait a few minutes and try again").wait_for()
    # A fresh browser is held up too: the limit is on the handle, not the browser.
    other = new_page()
    other.goto("/members/recover/code/")
    try_code(other, "sky", codes[1])
    other.get_by_text("please wait a few minutes and try again").wait_for()
    sign_in(other, "sky", PASSWORD)


def test_a_new_set_from_settings_replaces_the_old_codes(new_page):
    page = new_page()
    old = join_and_keep_the_codes(page, "wren")
    sign_in(page, "wren", PASSWORD)

    page.goto("/members/settings/")
    page.get_by_role("link", name="Recovery codes, to get back in without email").click()
    page.get_by_text("You have 10 of 10 codes left.").wait_for()
    page.get_by_role("button", name="Make a new set").click()
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    new = page.get_by_role("list", name="Recovery codes").locator("code").all_inner_texts()
    assert len(new) == 10 and not set(new) & set(old)
    page.get_by_role("button", name="Sign out").click()

    page.goto("/members/recover/code/")
    try_code(page, "wren", old[0])
    page.get_by_text("That handle and recovery code don't match.").wait_for()
    try_code(page, "wren", new[0])
    page.get_by_text("You have 9 recovery codes left.").wait_for()
