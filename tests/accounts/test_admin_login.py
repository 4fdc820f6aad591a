"""The admin signs in through the site's own sign-in, so guesses are limited."""

import pytest
from django.test import Client

PASSWORD = "a-long-passphrase"


@pytest.mark.django_db
def test_the_admin_sends_visitors_to_the_sites_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # Posting a password to the admin's own form signs nobody in.
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_password_guesses_for_a_moderator_stop_after_a_few(make_member):
    make_member("mod_mo", password=PASSWORD, role="moderator", is_staff=True, is_superuser=True)
    guesser = Client()
    for n in range(5):
        guesser.post("/accounts/login/", {"login": "mod_mo", "password": f"guess-{n}-wrong"})
    # Even the right password is refused for a while now, from any browser.
    owner = Client()
    response = owner.post("/accounts/login/", {"login": "mod_mo", "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in owner.session
    assert "Too many failed sign-in attempts" in response.content.decode()


@pytest.mark.django_db
def test_a_staff_member_signed_in_on_the_site_reaches_the_admin(make_member):
    make_member("mod_mo", password=PASSWORD, role="moderator", is_staff=True, is_superuser=True)
    client = Client()
    response = client.post("/accounts/login/", {"login": "mod_mo", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
