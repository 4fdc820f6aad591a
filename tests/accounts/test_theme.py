"""Colours: visitors follow their device; a member can choose light or dark for good."""

import re

import pytest

DARK_FOR_THE_SYSTEM = 'href="/static/css/dark.css" media="(prefers-color-scheme: dark)"'
DARK_ALWAYS = '<link rel="stylesheet" href="/static/css/dark.css">'


def html_of(client, url="/"):
    return client.get(url).content.decode()


@pytest.mark.django_db
def test_a_visitor_follows_their_device(client):
    html = html_of(client)
    assert 'data-theme="system"' in html
    assert DARK_FOR_THE_SYSTEM in html
    assert '<meta name="color-scheme" content="light dark">' in html


@pytest.mark.django_db
def test_a_new_member_follows_their_device_until_they_choose(client, member):
    client.force_login(member)
    assert member.theme == "system"
    assert DARK_FOR_THE_SYSTEM in html_of(client)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("choice", "dark_css", "scheme"),
    [
        ("dark", DARK_ALWAYS, "dark"),
        ("light", None, "light"),
        ("system", DARK_FOR_THE_SYSTEM, None),
    ],
)
def test_a_member_chooses_colours_in_settings_and_every_page_has_them(
    client, member, thread, choice, dark_css, scheme
):
    client.force_login(member)
    response = client.post(
        "/members/settings/", {"handle": member.handle, "theme": choice}, follow=True
    )
    assert "Your settings are saved." in response.content.decode()
    member.refresh_from_db()
    assert member.theme == choice

    for url in ("/", thread.get_absolute_url(), "/members/settings/"):
        html = html_of(client, url)
        assert f'data-theme="{choice}"' in html
        if dark_css:
            assert dark_css in html
        else:
            assert "dark.css" not in html
        if scheme:
            assert f'<meta name="color-scheme" content="{scheme}">' in html


@pytest.mark.django_db
def test_the_settings_page_offers_the_three_choices_with_the_current_one_ticked(client, member):
    member.theme = "dark"
    member.save(update_fields=["theme"])
    client.force_login(member)
    html = html_of(client, "/members/settings/")
    assert "<legend>Colours</legend>" in html
    for label in ("The same as my device", "Light", "Dark"):
        assert f">{label}</label>" in html
    assert re.search(r'<input type="radio" name="theme" value="dark"[^>]*checked', html)


@pytest.mark.django_db
def test_an_unknown_theme_is_refused_and_nothing_changes(client, member):
    client.force_login(member)
    response = client.post("/members/settings/", {"handle": member.handle, "theme": "purple"})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.theme == "system"


@pytest.mark.django_db
def test_other_settings_keep_the_theme_when_it_is_not_sent(client, member):
    member.theme = "dark"
    member.save(update_fields=["theme"])
    client.force_login(member)
    client.post("/members/settings/", {"handle": member.handle, "lived_experience": "on"})
    member.refresh_from_db()
    assert member.lived_experience and member.theme == "dark"


@pytest.mark.django_db
def test_the_settings_page_does_not_call_the_handle_optional(client, member):
    client.force_login(member)
    html = html_of(client, "/members/settings/")
    label = re.search(r'<label for="id_handle">(.*?)</label>', html, re.S).group(1)
    assert label.strip() == "Handle"
    assert "optional" not in label
