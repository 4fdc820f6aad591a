"""What screen-reader users, suspended members and searchers noticed, page by page."""

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client

from forum import clock, services
from forum.seed_data import PROMPTS
from moderation import actions


class Page(HTMLParser):
    """The ids on a page, every aria-describedby, forms and their first children, metas."""

    def __init__(self, html: str):
        super().__init__()
        self.ids, self.described_by, self.metas, self.labels = set(), [], {}, []
        self.forms, self._form_depth, self._depth = [], None, 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "aria-describedby" in attrs:
            self.described_by.append((attrs.get("name") or attrs.get("id"), attrs))
        if tag == "meta" and "name" in attrs:
            self.metas[attrs["name"]] = attrs.get("content", "")
        if "aria-label" in attrs:
            self.labels.append((tag, attrs.get("class", ""), attrs["aria-label"]))
        if tag == "form":
            self.forms.append([])
            self._form_depth = self._depth
        elif self._form_depth is not None and self._depth == self._form_depth + 1:
            self.forms[-1].append((tag, attrs))
        if tag not in ("input", "meta", "link", "br", "img", "hr"):
            self._depth += 1

    def handle_endtag(self, tag):
        if tag not in ("input", "meta", "link", "br", "img", "hr"):
            self._depth -= 1
        if tag == "form":
            self._form_depth = None

    def missing_descriptions(self) -> list[str]:
        return [
            f"{name}: {ref}"
            for name, attrs in self.described_by
            for ref in attrs["aria-describedby"].split()
            if ref not in self.ids
        ]


def page_of(response) -> Page:
    return Page(response.content.decode())


# -- form errors -----------------------------------------------------------------


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client


def failed_forms(member_client, thread, category):
    yield "new thread", member_client.post(f"/c/{category.slug}/new/", {"title": "", "body": ""})
    yield "reply", member_client.post(thread.get_absolute_url(), {"body": "   "})
    yield "settings", member_client.post("/members/settings/", {"handle": "a b"})
    yield "flag", member_client.post(f"/moderation/posts/{thread.opening_post.pk}/flag/", {})
    yield "sign up", Client().post("/accounts/signup/", {"username": "a b", "password1": "x"})
    yield "sign in", Client().post("/accounts/login/", {"login": "nobody", "password": "nope"})


@pytest.fixture
def thread(make_thread, make_member):
    thread = make_thread(author=make_member("writer_wren"))
    thread.opening_post = thread.posts.get()
    return thread


@pytest.mark.django_db
def test_every_field_error_is_where_its_field_says_it_is(member_client, thread, category):
    for name, response in failed_forms(member_client, thread, category):
        page = page_of(response)
        assert response.status_code in (200, 400), name
        invalid = [field for field, attrs in page.described_by if attrs.get("aria-invalid")]
        assert invalid or name in ("flag", "sign in"), f"{name}: no field is marked invalid"
        assert not page.missing_descriptions(), f"{name}: {page.missing_descriptions()}"


@pytest.mark.django_db
def test_a_field_error_is_read_out_with_its_field(member_client, thread, category):
    html = member_client.post(f"/c/{category.slug}/new/", {"title": "", "body": "Hi"}).content
    html = html.decode()
    title = re.search(r"<input [^>]*name=\"title\"[^>]*>", html).group()
    assert 'aria-invalid="true"' in title
    assert "id_title_error" in re.search(r'aria-describedby="([^"]*)"', title).group(1)
    error = re.search(r'<ul class="field-errors" id="id_title_error">(.*?)</ul>', html, re.S)
    assert "Please give your thread a title." in error.group(1)


@pytest.mark.django_db
def test_the_error_summary_comes_first_in_the_form_and_links_to_each_field(member_client, category):
    response = member_client.post(f"/c/{category.slug}/new/", {"title": "", "body": ""})
    html = response.content.decode()
    form = next(children for children in page_of(response).forms if len(children) > 3)
    visible = [(tag, attrs) for tag, attrs in form if attrs.get("type") != "hidden"]
    tag, summary = visible[0]
    assert tag == "div" and "data-error-summary" in summary
    assert summary["tabindex"] == "-1" and summary["role"] == "alert"
    assert '<a href="#id_title">Title</a>' in html
    assert '<a href="#id_body">Your message</a>' in html


@pytest.mark.django_db
def test_pages_load_the_script_that_focuses_the_error_summary(client):
    html = client.get("/").content.decode()
    assert '<script type="module" src="/static/js/forms.js"></script>' in html


# -- reactions, descriptions -------------------------------------------------------


@pytest.mark.django_db
def test_each_posts_reactions_have_a_name_of_their_own(client, thread, make_member):
    someone = make_member("sam_same")
    for _ in range(2):
        services.create_post(thread=thread, author=someone, body="Same author, same minute.")
    services.create_post(thread=thread, author=someone, body="And anonymous.", anonymous=True)
    page = page_of(client.get(thread.get_absolute_url()))
    names = [label for tag, css, label in page.labels if css == "reactions"]
    assert len(names) == 4
    assert len(set(names)) == 4
    assert any("sam_same" in name for name in names)
    assert any("Anonymous" in name for name in names)
    assert not any("sam_same" in name and "Anonymous" in name for name in names)


@pytest.mark.django_db
def test_pages_describe_themselves_for_search_engines_and_link_previews(
    client, thread, category, member
):
    call_command("seed")
    descriptions = {
        url: page_of(client.get(url)).metas.get("description", "")
        for url in ("/", category.get_absolute_url(), thread.get_absolute_url(), "/prompts/")
    }
    descriptions[member.get_absolute_url()] = page_of(client.get(member.get_absolute_url())).metas[
        "description"
    ]
    assert all(len(text) > 40 for text in descriptions.values()), descriptions
    assert len(set(descriptions.values())) == len(descriptions)
    assert thread.title in descriptions[thread.get_absolute_url()]
    assert member.handle in descriptions[member.get_absolute_url()]


# -- suspended members ------------------------------------------------------------------


@pytest.fixture
def paused(member, make_member):
    moderator = make_member("mod_alex", role="moderator")
    actions.act_on_member(member=member, by=moderator, action="suspend", days=1)
    member.refresh_from_db()
    return member


@pytest.mark.django_db
def test_a_paused_member_sees_a_kind_notice_instead_of_the_reply_box(
    member_client, paused, thread, category
):
    for url in (thread.get_absolute_url(), f"/c/{category.slug}/new/"):
        html = member_client.get(url).content.decode()
        assert "Your account is paused until" in html
        assert "You can still read everything here" in html
        assert 'name="body"' not in html


@pytest.mark.django_db
def test_a_member_who_is_not_paused_still_gets_the_reply_box(member_client, thread):
    html = member_client.get(thread.get_absolute_url()).content.decode()
    assert 'name="body"' in html and "Your account is paused" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("days", "wording"), [(1, "paused for 1 day:"), (7, "paused for 7 days:")])
def test_the_pause_notification_counts_days_properly(member, make_member, days, wording):
    moderator = make_member("mod_alex", role="moderator")
    actions.act_on_member(member=member, by=moderator, action="suspend", days=days)
    assert wording in member.notifications.get().text


@pytest.mark.django_db
@pytest.mark.parametrize("hour", [0, 9, 12, 14, 23])
def test_the_paused_until_date_ends_its_sentence_with_one_full_stop(member, thread, hour):
    member.suspended_until = datetime(2031, 4, 3, hour, 30, tzinfo=UTC)
    member.save(update_fields=["suspended_until"])
    with (
        clock.frozen_at(member.suspended_until - timedelta(days=1)),
        pytest.raises(PermissionDenied) as refusal,
    ):
        services.create_post(thread=thread, author=member, body="Hello")
    text = str(refusal.value)
    assert f"paused until 3 April 2031, {hour:02d}:30. You can" in text
    assert ".." not in text


@pytest.mark.django_db
def test_the_paused_notice_on_the_page_has_one_full_stop_too(member_client, paused, thread):
    html = member_client.get(thread.get_absolute_url()).content.decode()
    notice = re.search(r"Your account is paused until ([^<]*)", html).group(1)
    assert ".." not in notice and "p.m." not in notice and "a.m." not in notice


# -- search snippets and the prompt archive ---------------------------------------


@pytest.mark.django_db
def test_search_snippets_show_the_words_people_read_not_markdown(client, thread, make_member):
    services.create_post(
        thread=thread,
        # Not a new member: a new member's link would wait for a moderator.
        author=make_member(established_at=clock.now()),
        body=(
            "**Naloxone** saves lives.\n\n> Ask at [the pharmacy](https://example.org/a_b) "
            "or the `exchange` & *outreach* team.\n\n- one\n- two"
        ),
    )
    html = client.get("/search/", {"q": "naloxone"}).content.decode()
    snippet = re.search(r"<mark>Naloxone</mark>[^\n]*", html).group()
    assert "<mark>Naloxone</mark> saves lives. Ask at the pharmacy or the exchange" in snippet
    assert "exchange &amp; outreach team. one two" in snippet
    for markdown in ("**", "](", "`", "> Ask", "- one", "example.org"):
        assert markdown not in snippet


@pytest.mark.django_db
def test_the_prompt_archive_shows_everyone_the_seeded_questions(client, member):
    call_command("seed")
    for viewer in (None, member):
        browser = Client()
        if viewer:
            browser.force_login(viewer)
        html = browser.get("/prompts/").content.decode()
        for question, _framing, _slug in PROMPTS:
            shown = question.replace("'", "&#x27;")
            assert shown in html, question
        assert "None yet." not in html
    # Each can be answered: its link opens its thread with the composer.
    answers = re.findall(r'<h3><a href="(/threads/\d+/)">', html)
    assert len(answers) == len(PROMPTS)
    member_client = Client()
    member_client.force_login(member)
    assert 'name="body"' in member_client.get(answers[-1]).content.decode()
