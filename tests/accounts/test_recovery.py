"""Recovery codes: a way back in for a member who gave no email and forgot the password."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection
from django.test import Client

from accounts import recovery
from accounts.models import RecoveryCode, User

PASSWORD = "a-long-passphrase"
NEW_PASSWORD = "a-brand-new-passphrase"
CODE_PATTERN = re.compile(r"<code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</code>")


def sign_up(client, handle, next_url=None):
    url = "/accounts/signup/" + (f"?next={next_url}" if next_url else "")
    return client.post(
        url, {"username": handle, "email": "", "password1": PASSWORD, "password2": PASSWORD}
    )


def use_code(client, handle, code, password=NEW_PASSWORD, again=None):
    return client.post(
        "/members/recover/code/",
        {"handle": handle, "code": code, "password1": password, "password2": again or password},
    )


# -- making, checking and spending codes ----------------------------------------------------


@pytest.mark.django_db
def test_a_member_gets_ten_different_codes_kept_only_as_hashes(member):
    codes = recovery.issue_codes(member=member)

    assert len(codes) == len(set(codes)) == recovery.CODE_COUNT
    assert all(re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code) for code in codes)
    assert recovery.remaining_codes(member) == 10
    # Nothing in the database holds a code, with or without its dashes.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_recoverycode")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    for code in codes:
        assert code not in stored and code.replace("-", "") not in stored


@pytest.mark.django_db
def test_a_code_sets_a_new_password_once(member):
    code = recovery.issue_codes(member=member)[0]

    recovered = recovery.recover_with_code(handle="river", code=code, new_password=NEW_PASSWORD)

    member.refresh_from_db()
    assert recovered.member == member and recovered.remaining == 9
    assert member.check_password(NEW_PASSWORD) and not member.check_password(PASSWORD)
    with pytest.raises(recovery.RecoveryRefused) as refused:
        recovery.recover_with_code(handle="river", code=code, new_password="another-passphrase")
    assert refused.value.code == "spent"
    assert "used already" in str(refused.value)
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.lower(),
        lambda code: code.replace("-", ""),
        lambda code: "  " + code.replace("-", " ") + " ",
        lambda code: code.replace("0", "O").replace("1", "l"),
    ],
    ids=["lower-case", "no-dashes", "spaces", "look-alike-letters"],
)
def test_a_code_typed_loosely_still_works(member, typed):
    code = recovery.issue_codes(member=member)[0]
    recovery.recover_with_code(handle="RIVER", code=typed(code), new_password=NEW_PASSWORD)
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_wrong_codes_and_unknown_handles_are_refused_in_the_same_words(member, make_member):
    codes = recovery.issue_codes(member=member)
    other = make_member("sky")
    other_codes = recovery.issue_codes(member=other)
    attempts = [
        ("river", "0000-0000-0000"),
        ("river", other_codes[0]),  # someone else's code
        ("nobody-here", codes[0]),
        ("river", ""),
        ("river", codes[0] + "X"),
    ]
    messages = set()
    for handle, code in attempts:
        with pytest.raises(recovery.RecoveryRefused) as refused:
            recovery.recover_with_code(handle=handle, code=code, new_password=NEW_PASSWORD)
        assert refused.value.code == "no_match"
        messages.add(str(refused.value))
    assert len(messages) == 1
    assert recovery.remaining_codes(member) == 10 and recovery.remaining_codes(other) == 10


@pytest.mark.django_db
def test_a_new_set_ends_the_old_one(member):
    old = recovery.issue_codes(member=member)
    new = recovery.issue_codes(member=member)

    assert not set(old) & set(new)
    assert RecoveryCode.objects.filter(member=member).count() == 10
    with pytest.raises(recovery.RecoveryRefused):
        recovery.recover_with_code(handle="river", code=old[0], new_password=NEW_PASSWORD)
    recovery.recover_with_code(handle="river", code=new[0], new_password=NEW_PASSWORD)


@pytest.mark.django_db
def test_a_weak_new_password_is_refused_and_the_code_kept(member):
    code = recovery.issue_codes(member=member)[0]

    for weak in ("short", "12345678901", "password"):
        with pytest.raises(ValidationError):
            recovery.recover_with_code(handle="river", code=code, new_password=weak)

    assert recovery.remaining_codes(member) == 10
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


@pytest.mark.django_db
def test_a_closed_or_banned_account_cannot_be_recovered(make_member):
    gone = make_member("gone", is_active=False)
    code = recovery.issue_codes(member=gone)[0]
    with pytest.raises(recovery.RecoveryRefused):
        recovery.recover_with_code(handle="gone", code=code, new_password=NEW_PASSWORD)


@pytest.mark.django_db
def test_codes_keep_working_after_the_secret_key_is_rotated(member, settings):
    codes = recovery.issue_codes(member=member)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-for-this-site-" + "y" * 30
    settings.SECRET_KEY_FALLBACKS = [old_key]

    recovery.recover_with_code(handle="river", code=codes[0], new_password=NEW_PASSWORD)

    # Once the old key is dropped, codes made under it stop working: they are keyed hashes.
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(recovery.RecoveryRefused):
        recovery.recover_with_code(handle="river", code=codes[1], new_password=NEW_PASSWORD)


# -- at sign-up: made, and shown once ---------------------------------------------------------


@pytest.mark.django_db
def test_joining_shows_the_codes_once_with_a_plain_explanation(client):
    response = sign_up(client, "river")

    assert response.status_code == 302
    assert response["Location"].startswith("/members/settings/recovery-codes/new/")
    member = User.objects.get(handle="river")
    assert recovery.remaining_codes(member) == 10

    page = client.get(response["Location"])
    html = page.content.decode()
    codes = CODE_PATTERN.findall(html)
    assert len(set(codes)) == 10
    assert "Each code works once" in html
    assert "somewhere safe" in html
    assert "only time they are shown" in html
    assert "no-store" in page["Cache-Control"]
    # Shown once: the next visit has no codes on it and offers a new set instead.
    again = client.get("/members/settings/recovery-codes/new/", follow=True)
    assert not CODE_PATTERN.search(again.content.decode())
    assert "shown only once" in again.content.decode()
    assert "Make a new set" in again.content.decode()
    # The codes shown are the member's: one of them sets a new password.
    recovery.recover_with_code(handle="river", code=codes[3], new_password=NEW_PASSWORD)


@pytest.mark.django_db
def test_after_the_codes_joining_carries_on_where_the_visitor_was_going(client, thread):
    response = sign_up(client, "newcomer", next_url=f"{thread.get_absolute_url()}%23reply")

    html = client.get(response["Location"]).content.decode()
    assert f'href="{thread.get_absolute_url()}#reply">Continue' in html


@pytest.mark.django_db
def test_the_codes_page_never_sends_a_member_to_another_site(client):
    response = sign_up(client, "river", next_url="https://elsewhere.example/")
    html = client.get(response["Location"]).content.decode()
    assert "elsewhere.example" not in html
    assert 'href="/">Continue' in html


@pytest.mark.django_db
def test_codes_pages_need_a_signed_in_member(client):
    for url in ("/members/settings/recovery-codes/", "/members/settings/recovery-codes/new/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


# -- using a code ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sign_in_and_reset_pages_lead_to_the_recovery_code_page(client):
    sign_in = client.get("/accounts/login/").content.decode()
    reset = client.get("/accounts/password/reset/").content.decode()
    for html in (sign_in, reset):
        assert 'href="/members/recover/code/"' in html
    assert "contact us" not in reset.lower()

    page = client.get("/members/recover/code/").content.decode()
    for label in ("Handle", "Recovery code", "New password", "New password again"):
        assert f">{label}</label>" in page or f">{label} <" in page


@pytest.mark.django_db
def test_a_code_sets_the_password_signs_the_member_in_and_says_what_is_left(client, member):
    code = recovery.issue_codes(member=member)[0]

    response = use_code(client, "river", code)

    assert response.status_code == 302
    assert response["Location"] == "/members/settings/recovery-codes/"
    page = client.get(response["Location"]).content.decode()
    assert "You have 9 recovery codes left." in page
    assert "You have 9 of 10 codes left." in page
    assert "Sign out" in page
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)

    # The new password signs in anywhere; the old one no longer does.
    elsewhere = Client()
    assert (
        elsewhere.post("/accounts/login/", {"login": "river", "password": PASSWORD}).status_code
        == 200
    )
    assert (
        elsewhere.post("/accounts/login/", {"login": "river", "password": NEW_PASSWORD}).status_code
        == 302
    )


@pytest.mark.django_db
def test_the_last_code_asks_for_a_new_set(client, member):
    codes = recovery.issue_codes(member=member)
    RecoveryCode.objects.filter(member=member).exclude(
        digest__in=recovery._digests(member.pk, recovery.normalize_code(codes[0]))
    ).update(used_at="2026-01-01T00:00:00Z")

    response = use_code(
        client,
        "river",
        codes[0],
    )
    page = client.get(response["Location"]).content.decode()
    assert "That was your last recovery code" in page
    assert "You have 0 of 10 codes left." in page


@pytest.mark.django_db
def test_a_spent_code_is_refused_kindly(client, member):
    code = recovery.issue_codes(member=member)[0]
    use_code(client, "river", code)
    client.post("/accounts/logout/")

    response = use_code(client, "river", code, password="yet-another-passphrase")

    assert response.status_code == 400
    assert "used already" in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_mistakes_are_explained_and_nothing_is_lost(client, member):
    code = recovery.issue_codes(member=member)[0]

    mismatch = use_code(client, "river", code, again="something-else-entirely")
    weak = use_code(client, "river", code, password="password")

    assert mismatch.status_code == weak.status_code == 400
    assert "don&#x27;t match" in mismatch.content.decode()
    assert "too common" in weak.content.decode()
    assert 'value="river"' in weak.content.decode()
    assert recovery.remaining_codes(member) == 10


@pytest.mark.django_db
def test_too_many_wrong_codes_are_throttled_per_handle(member):
    code = recovery.issue_codes(member=member)[0]
    guesser = Client()
    for _ in range(5):
        assert use_code(guesser, "river", "AAAA-BBBB-CCCC").status_code == 400

    throttled = use_code(guesser, "river", code)
    # A fresh browser (no session, another address) is throttled for that handle too.
    fresh = use_code(Client(REMOTE_ADDR="198.51.100.23"), "River", code)

    for response in (throttled, fresh):
        assert response.status_code == 429
        assert "wait a few minutes" in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(PASSWORD)
    assert recovery.remaining_codes(member) == 10


@pytest.mark.django_db
def test_too_many_wrong_codes_are_throttled_per_session(make_member):
    handles = [make_member(f"guess{n}").handle for n in range(6)]
    target = make_member("target")
    code = recovery.issue_codes(member=target)[0]
    guesser = Client()
    for handle in handles[:5]:
        assert use_code(guesser, handle, "AAAA-BBBB-CCCC").status_code == 400

    assert use_code(guesser, "target", code).status_code == 429
    # Someone else, in their own browser, is not held up by that session.
    assert use_code(Client(), "target", code).status_code == 302


@pytest.mark.django_db
def test_a_working_code_clears_earlier_mistakes(client, member):
    codes = recovery.issue_codes(member=member)
    for _ in range(4):
        use_code(client, "river", "AAAA-BBBB-CCCC")
    assert use_code(client, "river", codes[0]).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert use_code(client, "river", "AAAA-BBBB-CCCC").status_code == 400
    assert use_code(client, "river", codes[1], password="third-good-passphrase").status_code == 302


@pytest.mark.django_db
def test_recovery_limits_are_never_keyed_on_ip_addresses(member, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "recover_with_code": "5/5m"}
    with pytest.raises(ImproperlyConfigured):
        use_code(Client(), "river", "AAAA-BBBB-CCCC")
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "recover_with_code": "5/5m/key,30/m/ip",
    }
    with pytest.raises(ImproperlyConfigured):
        use_code(Client(), "river", "AAAA-BBBB-CCCC")


# -- a new set from settings -------------------------------------------------------------------


@pytest.mark.django_db
def test_settings_link_to_recovery_codes_and_say_how_many_are_left(client, member):
    recovery.issue_codes(member=member)
    client.post("/accounts/login/", {"login": "river", "password": PASSWORD})

    settings_page = client.get("/members/settings/").content.decode()
    assert 'href="/members/settings/recovery-codes/"' in settings_page
    page = client.get("/members/settings/recovery-codes/").content.decode()
    assert "You have 10 of 10 codes left." in page


@pytest.mark.django_db
def test_a_member_who_just_signed_in_makes_a_new_set_and_the_old_stops_working(client, member):
    old = recovery.issue_codes(member=member)
    client.post("/accounts/login/", {"login": "river", "password": PASSWORD})

    response = client.post("/members/settings/recovery-codes/")

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    new = CODE_PATTERN.findall(page)
    assert len(new) == 10 and not set(new) & set(old)
    assert 'href="/members/settings/recovery-codes/">Continue' in page
    with pytest.raises(recovery.RecoveryRefused):
        recovery.recover_with_code(handle="river", code=old[0], new_password=NEW_PASSWORD)
    recovery.recover_with_code(handle="river", code=new[0], new_password=NEW_PASSWORD)


@pytest.mark.django_db
def test_a_new_set_without_a_recent_sign_in_asks_for_the_password_first(client, member):
    old = recovery.issue_codes(member=member)
    client.force_login(member)  # an old session: no sign-in on record

    response = client.post("/members/settings/recovery-codes/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert set(RecoveryCode.objects.values_list("digest", flat=True)) == {
        recovery._digests(member.pk, recovery.normalize_code(code))[0] for code in old
    }
    wrong = client.post(response["Location"], {"password": "not-my-password"})
    assert wrong.status_code == 200
    assert RecoveryCode.objects.filter(member=member).count() == 10

    confirmed = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    new = CODE_PATTERN.findall(confirmed.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
