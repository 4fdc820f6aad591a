"""Handles that pass for someone else are refused at sign-up and rename, kindly."""

import pytest
from django.core.management import call_command

from accounts.handles import skeleton
from accounts.models import User

PASSWORD = "a-long-passphrase"
RESERVED_MESSAGE = "looks like a name the forum itself uses"
LOOKALIKE_MESSAGE = "looks very like another member&#x27;s"


def sign_up(client, handle):
    return client.post(
        "/accounts/signup/",
        {"username": handle, "email": "", "password1": PASSWORD, "password2": PASSWORD},
    )


def rename(client, handle):
    return client.post("/members/settings/", {"handle": handle})


@pytest.fixture
def cast(make_member):
    """A moderator called modmo and a member called river, already here."""
    return make_member("modmo", role="moderator"), make_member("river")


# Each class of look-alike: (handle, the message it gets).
LOOKALIKES = [
    # punctuation around or inside a reserved name
    ("Anonymous.", RESERVED_MESSAGE),
    ("_anonymous_", RESERVED_MESSAGE),
    ("Deleted.member", RESERVED_MESSAGE),
    ("deleted-member", "can&#x27;t be used here"),
    # digits for letters
    ("Anonym0us", RESERVED_MESSAGE),
    ("D3leted_Member", RESERVED_MESSAGE),
    ("M0derat0r", RESERVED_MESSAGE),
    ("adm1n", RESERVED_MESSAGE),
    # a reserved name with a number on the end, or claiming a role at either end
    ("Moderator2", RESERVED_MESSAGE),
    ("Anonymous_River", RESERVED_MESSAGE),
    ("sam.moderator", RESERVED_MESSAGE),
    # letter pairs that read as one letter
    ("Anonyrnous", RESERVED_MESSAGE),
    ("rnodmo", LOOKALIKE_MESSAGE),
    # another member's handle, disguised
    ("m0dmo", LOOKALIKE_MESSAGE),
    ("Mod.Mo", LOOKALIKE_MESSAGE),
    ("RIVER_", LOOKALIKE_MESSAGE),
    ("r1ver", LOOKALIKE_MESSAGE),
    ("rlver", LOOKALIKE_MESSAGE),
    ("RIVER", "already taken"),
]


@pytest.mark.parametrize(("handle", "message"), LOOKALIKES)
@pytest.mark.django_db
def test_sign_up_refuses_a_handle_that_passes_for_another(client, cast, handle, message):
    response = sign_up(client, handle)

    assert response.status_code == 200  # the form again, with the reason
    assert message in response.content.decode()
    assert "Please choose another one" in response.content.decode()
    assert User.objects.count() == 2


@pytest.mark.parametrize(("handle", "message"), LOOKALIKES)
@pytest.mark.django_db
def test_rename_refuses_a_handle_that_passes_for_another(
    client, cast, make_member, handle, message
):
    sam = make_member("sam")
    client.force_login(sam)

    response = rename(client, handle)

    assert response.status_code == 400
    assert message in response.content.decode()
    sam.refresh_from_db()
    assert sam.handle == "sam" and sam.handle_skeleton == "sam"


@pytest.mark.parametrize("handle", ["river_runs", "sam2", "badminton_fan", "Staffy_lover", "jo"])
@pytest.mark.django_db
def test_ordinary_handles_are_still_welcome(client, cast, handle):
    response = sign_up(client, handle)

    if len(handle) < 3:
        assert response.status_code == 200 and "at least 3" in response.content.decode()
        return
    assert response.status_code == 302
    member = User.objects.get(handle=handle)
    assert member.handle_skeleton == skeleton(handle)


@pytest.mark.django_db
def test_a_member_keeps_their_handle_or_changes_its_capitals(client, cast):
    _modmo, river = cast
    client.force_login(river)

    assert rename(client, "river").status_code == 302
    assert rename(client, "River").status_code == 302
    river.refresh_from_db()
    assert river.handle == "River"

    assert rename(client, "river_runs").status_code == 302
    river.refresh_from_db()
    assert river.handle_skeleton == "rlverruns"
    # The old look is free again once nobody has it.
    assert sign_up(client.__class__(), "R1ver").status_code == 302


@pytest.mark.django_db
def test_a_superuser_made_on_the_command_line_is_protected_too(client):
    call_command("createsuperuser", handle="modmo", interactive=False, verbosity=0)

    assert User.objects.get().handle_skeleton == "modmo"
    assert LOOKALIKE_MESSAGE in sign_up(client, "rnodmo").content.decode()


@pytest.mark.parametrize(
    ("handle", "expected"),
    [
        ("Anonymous.", "anonymous"),
        ("Anonym0us", "anonymous"),
        ("Deleted.member", "deletedmember"),
        ("rnodmo", "modmo"),
        ("\u0410nonymous", "anonymous"),  # Cyrillic capital A
        ("\uff41\uff4e\uff4f\uff4e", "anon"),  # full-width letters
        ("ano\u0301n", "anon"),  # an accent
        ("vvolf", "wolf"),
        ("5am", "sam"),
    ],
)
def test_skeleton_folds_look_alike_characters(handle, expected):
    assert skeleton(handle) == expected
