"""Joining, signing in and out, passwords: a handle and a password are enough."""

import re

import pytest
from django.core import mail

from accounts.models import User

PASSWORD = "a-long-passphrase"


def sign_up(client, handle, email="", password=PASSWORD):
    return client.post(
        "/accounts/signup/",
        {"username": handle, "email": email, "password1": password, "password2": password},
    )


@pytest.mark.django_db
def test_signup_needs_only_a_handle_and_a_password(client):
    response = sign_up(client, "river")

    assert response.status_code == 302
    user = User.objects.get()
    assert user.handle == "river"
    assert user.email == ""
    assert user.check_password(PASSWORD)
    home = client.get("/").content.decode()
    assert "river" in home and "Sign out" in home


@pytest.mark.django_db
def test_signup_form_asks_for_no_real_name_and_says_email_is_optional(client):
    html = client.get("/accounts/signup/").content.decode()

    form = html.split('action="/accounts/signup/"')[1].split("</form>")[0]
    inputs = set(re.findall(r'<input[^>]*name="([^"]+)"', form))
    assert inputs == {"csrfmiddlewaretoken", "username", "email", "password1", "password2"}
    assert "first_name" not in html and "last_name" not in html
    assert re.search(r'<label for="id_username">Handle', html)
    assert re.search(r'<label for="id_email">Email <span class="optional">\(optional\)', html)
    assert "We never ask for your real name" in html
    email_input = re.search(r'<input[^>]*name="email"[^>]*>', html).group(0)
    assert "required" not in email_input


@pytest.mark.django_db
def test_handles_are_unique_whatever_their_case(client, make_member):
    make_member("River")

    response = sign_up(client, "river")

    assert response.status_code == 200
    assert "already" in response.content.decode().lower()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_handle_with_spaces_is_refused_with_a_reason(client):
    response = sign_up(client, "my name")
    assert "letters, numbers, dots, dashes and underscores" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_signup_with_optional_email_keeps_it_for_recovery(client):
    sign_up(client, "sam", email="sam@example.org")
    assert User.objects.get().email == "sam@example.org"


@pytest.mark.django_db
def test_sign_in_by_handle_any_case_and_sign_out(client, make_member):
    make_member("River", password=PASSWORD)

    response = client.post("/accounts/login/", {"login": "river", "password": PASSWORD})
    assert response.status_code == 302
    assert "Sign out" in client.get("/").content.decode()

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "Sign in" in client.get("/").content.decode()


@pytest.mark.django_db
def test_wrong_password_is_refused_kindly(client, make_member):
    make_member("river", password=PASSWORD)
    response = client.post("/accounts/login/", {"login": "river", "password": "not-it"})
    assert response.status_code == 200
    assert "handle and password don&#x27;t match" in response.content.decode()
    assert "Sign out" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_repeated_failed_sign_ins_are_rate_limited(client, make_member):
    make_member("river", password=PASSWORD)
    for n in range(5):
        response = client.post("/accounts/login/", {"login": "river", "password": f"guess-{n}"})
        assert "Too many failed" not in response.content.decode()

    # After five wrong guesses even the right password waits.
    response = client.post("/accounts/login/", {"login": "river", "password": PASSWORD})

    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "Sign out" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_password_change(client, make_member):
    user = make_member("river", password=PASSWORD)
    client.force_login(user)

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "another-long-one", "password2": "another-long-one"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-one")


@pytest.mark.django_db
def test_password_reset_by_email_for_members_who_gave_one(client, make_member):
    user = make_member("sam", password=PASSWORD, email="sam@example.org")

    response = client.post("/accounts/password/reset/", {"email": "sam@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    form_url = client.get(link.group(1)).url  # allauth moves the key into the session
    response = client.post(
        form_url, {"password1": "a-brand-new-one", "password2": "a-brand-new-one"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-one")


@pytest.mark.django_db
def test_profile_lists_public_posts_but_never_anonymous_ones(client, make_member, make_thread):
    author = make_member("river")
    make_thread(author=author, title="Open thread", body="Signed with my handle")
    make_thread(author=author, title="Private thread", body="Posted anonymously", anonymous=True)

    html = client.get("/members/river/").content.decode()

    assert "Signed with my handle" in html
    assert "Posted anonymously" not in html
    assert "Private thread" not in html
