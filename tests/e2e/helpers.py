"""Steps the browser tests share."""


def sign_in(page, handle, password="a-long-passphrase"):
    page.goto("/accounts/login/")
    page.get_by_label("Handle").fill(handle)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()


def wait_until(page, expression, timeout=10.0):
    """Poll `expression` with page.evaluate until it is true.

    (Playwright's wait_for_function compiles the string inside the page,
    which the site's Content-Security-Policy rightly forbids.)
    """
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout}s: {expression}")
        time.sleep(0.05)


def eventually(check, timeout=10.0):
    """Wait until `check()` is true on the server's side (a row written by a socket...)."""
    import time

    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout}s: {check}")
        time.sleep(0.05)
