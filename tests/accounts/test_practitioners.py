"""Practitioner verification, and the badges people choose to show."""

import pytest
from django.test import Client

from accounts.models import Notification, PractitionerRequest
from forum import services
from moderation.models import ModerationAction

REQUEST = {"role_title": "Nurse", "organisation": "Leeds drug service", "how": "Clinics."}


@pytest.mark.django_db
def test_a_member_is_verified_and_the_badge_shows_on_signed_posts_only(
    client, member, make_member, thread
):
    client.force_login(member)
    assert client.post("/members/settings/practitioner/", REQUEST).status_code == 302
    again = client.post("/members/settings/practitioner/", REQUEST)
    assert "already with the moderators" in again.content.decode()

    moderator = Client()
    moderator.force_login(make_member("mod_alex", role="moderator"))
    listing = moderator.get("/members/practitioner-requests/").content.decode()
    assert "Leeds drug service" in listing and "Clinics." in listing
    pending = PractitionerRequest.objects.get()
    moderator.post(
        "/members/practitioner-requests/", {"request": pending.pk, "decision": "approve"}
    )

    member.refresh_from_db()
    assert member.is_verified_practitioner
    services.create_post(thread=thread, author=member, body="Signed.")
    services.create_post(thread=thread, author=member, body="Unsigned.", anonymous=True)
    page = Client().get(thread.get_absolute_url()).content.decode()
    signed = page.split("Signed.")[0].rsplit("<article", 1)[1]
    unsigned = page.split("Unsigned.")[0].rsplit("<article", 1)[1]
    assert "Practitioner" in signed and "Practitioner" not in unsigned
    assert "verified as a practitioner" in Notification.objects.get(member=member).text
    assert ModerationAction.objects.filter(action="verify", member=member).exists()


@pytest.mark.django_db
def test_declining_needs_a_reason_the_member_then_sees(client, member, make_member):
    client.force_login(member)
    client.post("/members/settings/practitioner/", REQUEST)
    pending = PractitionerRequest.objects.get()
    moderator = Client()
    moderator.force_login(make_member("mod_alex", role="moderator"))

    moderator.post(
        "/members/practitioner-requests/", {"request": pending.pk, "decision": "decline"}
    )
    assert PractitionerRequest.objects.get().state == "pending"
    moderator.post(
        "/members/practitioner-requests/",
        {"request": pending.pk, "decision": "decline", "reason": "We could not confirm it."},
    )

    page = client.get("/members/settings/practitioner/").content.decode()
    assert "Declined" in page and "We could not confirm it." in page
    member.refresh_from_db()
    assert not member.is_verified_practitioner


@pytest.mark.django_db
def test_lived_experience_badge_is_self_declared_and_never_on_anonymous_posts(
    client, member, thread
):
    client.force_login(member)
    client.post("/members/settings/", {"handle": "river", "lived_experience": "on"})
    services.create_post(thread=thread, author=member, body="Quiet.", anonymous=True)
    page = Client().get(thread.get_absolute_url()).content.decode()
    opening = page.split("Any tips?")[0].rsplit("<article", 1)[1]
    quiet = page.split("Quiet.")[0].rsplit("<article", 1)[1]
    assert "Lived experience" in opening and "Lived experience" not in quiet


@pytest.mark.parametrize("who", ["visitor", "member", "practitioner"])
@pytest.mark.django_db
def test_only_moderators_decide_on_requests(client, make_member, who):
    applicant = make_member("applicant")
    pending = PractitionerRequest.objects.create(member=applicant, **REQUEST)
    if who != "visitor":
        client.force_login(make_member(role=who))
    assert client.get("/members/practitioner-requests/").status_code in (302, 403)
    client.post("/members/practitioner-requests/", {"request": pending.pk, "decision": "approve"})
    applicant.refresh_from_db()
    assert not applicant.is_verified_practitioner
