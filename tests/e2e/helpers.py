"""Steps the browser tests share."""


def sign_in(page, handle, password="a-long-passphrase"):
    page.goto("/accounts/login/")
    page.get_by_label("Handle").fill(handle)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
