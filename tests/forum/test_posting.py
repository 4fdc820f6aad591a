"""Starting threads, replying, editing and removing, through the pages people use."""

import re

import pytest

from forum.models import Category, Post, Revision, Thread


@pytest.mark.django_db
def test_member_starts_a_thread(client, member, category):
    client.force_login(member)

    response = client.post(
        f"/c/{category.slug}/new/",
        {"title": "  What helped you   in the first week? ", "body": "For me, *sleep*."},
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert thread.title == "What helped you in the first week?"
    assert thread.author == member and thread.reply_count == 0
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "What helped you in the first week?" in page
    assert "<em>sleep</em>" in page
    assert "Your thread is up" in page


@pytest.mark.django_db
def test_member_replies_and_the_thread_moves_up(client, member, thread, make_member):
    replier = make_member("sam")
    client.force_login(replier)

    response = client.post(thread.get_absolute_url(), {"body": "The needle exchange has kits."})

    post = Post.objects.latest("id")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert thread.last_post == post
    assert thread.last_activity_at == post.created_at
    listing = client.get(thread.category.get_absolute_url()).content.decode()
    assert "1 reply" in listing and "last reply by" in listing and "sam" in listing


@pytest.mark.parametrize(
    ("title", "body", "field", "message"),
    [
        ("", "Some words", "title", "Please give your thread a title."),
        ("   ", "Some words", "title", "Please give your thread a title."),
        ("A title", "", "body", "Please write something before posting."),
        ("A title", " \n\t ", "body", "Please write something before posting."),
        ("x" * 151, "Some words", "title", "Titles can be up to 150 characters; this one is 151"),
    ],
)
@pytest.mark.django_db
def test_thread_limits_give_clear_errors_and_keep_the_text(
    client, member, category, title, body, field, message
):
    client.force_login(member)

    response = client.post(f"/c/{category.slug}/new/", {"title": title, "body": body})

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Nothing is lost" in html
    if body.strip():
        assert body in html
    if title.strip():
        assert title.strip() in html
    assert not Thread.objects.exists()


@pytest.mark.django_db
def test_too_long_reply_is_refused_with_its_length_and_kept(client, member, thread, settings):
    settings.FORUM_POST_MAX_LENGTH = 100
    client.force_login(member)
    text = "word " * 30  # 150 characters, 149 once trimmed

    response = client.post(thread.get_absolute_url(), {"body": text})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Posts can be up to 100 characters; this one is 149" in html
    assert text.strip() in html
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_empty_reply_is_refused(client, member, thread):
    client.force_login(member)
    response = client.post(thread.get_absolute_url(), {"body": "   "})
    assert response.status_code == 400
    assert "Please write something before posting." in response.content.decode()
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_locked_thread_takes_no_replies(client, member, thread):
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    client.force_login(member)

    page = client.get(thread.get_absolute_url()).content.decode()
    assert "This thread is closed to new replies" in page
    assert 'name="body"' not in page

    response = client.post(thread.get_absolute_url(), {"body": "Trying anyway"})
    assert response.status_code == 400
    assert "This thread is closed to new replies." in response.content.decode()
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_signed_out_reply_goes_to_sign_in_and_the_text_waits(client, thread, member):
    text = "I was scared to post this, but here goes."

    response = client.post(thread.get_absolute_url(), {"body": text, "anonymous": "on"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert thread.posts.count() == 1
    login_page = client.get(response["Location"]).content.decode()
    assert "Your words are saved" in login_page

    response = client.post(
        response["Location"], {"login": "river", "password": "a-long-passphrase"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}#reply"
    page = client.get(thread.get_absolute_url()).content.decode()
    assert text in page
    assert re.search(r'<input[^>]*name="anonymous"[^>]*checked', page)

    client.post(thread.get_absolute_url(), {"body": text, "anonymous": "on"})
    assert thread.posts.filter(body=text, anonymous=True).exists()
    # Once posted, the draft is gone: the reply box is empty again.
    page = client.get(thread.get_absolute_url()).content.decode()
    assert re.search(r'<textarea[^>]*name="body"[^>]*>\s*</textarea>', page)


@pytest.mark.django_db
def test_signed_out_new_thread_survives_sign_up(client, category):
    client.post(f"/c/{category.slug}/new/", {"title": "My first thread", "body": "Hello all"})

    response = client.post(
        f"/accounts/signup/?next=/c/{category.slug}/new/",
        {
            "username": "newcomer",
            "password1": "a-long-passphrase",
            "password2": "a-long-passphrase",
        },
    )

    assert response.status_code == 302
    form = client.get(f"/c/{category.slug}/new/").content.decode()
    assert 'value="My first thread"' in form
    assert "Hello all" in form


@pytest.mark.django_db
def test_visitor_can_read_but_edit_and_remove_need_sign_in(client, thread):
    post = thread.posts.get()
    assert client.get(thread.get_absolute_url()).status_code == 200
    for url in (f"/posts/{post.pk}/edit/", f"/posts/{post.pk}/remove/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_author_edits_a_post_keeping_a_revision(client, member, thread):
    post = thread.posts.get()
    client.force_login(member)

    response = client.post(
        f"/posts/{post.pk}/edit/",
        {"title": "Where to get naloxone near Leeds?", "body": "Any **tips**?"},
    )

    assert response.status_code == 302
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.body == "Any **tips**?"
    assert post.body_html == "<p>Any <strong>tips</strong>?</p>"
    assert post.edited_at is not None
    assert thread.title == "Where to get naloxone near Leeds?"
    revision = Revision.objects.get(post=post)
    assert revision.body == "Any tips?" and revision.editor == member
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "<strong>tips</strong>" in page
    assert ">edited<" in page


@pytest.mark.django_db
def test_edit_with_empty_text_is_refused_and_nothing_changes(client, member, thread):
    post = thread.posts.get()
    client.force_login(member)
    response = client.post(f"/posts/{post.pk}/edit/", {"title": "Still here", "body": ""})
    assert response.status_code == 400
    assert "Please write something before posting." in response.content.decode()
    post.refresh_from_db()
    assert post.body == "Any tips?" and not post.revisions.exists()


@pytest.mark.django_db
def test_only_the_author_may_edit_or_remove(client, thread, make_member):
    post = thread.posts.get()
    client.force_login(make_member("someone_else"))

    assert client.get(f"/posts/{post.pk}/edit/").status_code == 403
    assert client.post(f"/posts/{post.pk}/edit/", {"body": "changed"}).status_code == 403
    assert client.post(f"/posts/{post.pk}/remove/").status_code == 403
    post.refresh_from_db()
    assert post.body == "Any tips?" and post.status == Post.Status.VISIBLE


@pytest.mark.django_db
def test_removed_reply_leaves_a_note_so_replies_keep_context(client, thread, make_member):
    from forum import services

    author, other = make_member("first"), make_member("second")
    removed = services.create_post(thread=thread, author=author, body="Something I regret")
    services.create_post(thread=thread, author=other, body="Replying to the above")
    client.force_login(author)

    confirm = client.get(f"/posts/{removed.pk}/remove/")
    assert "removed by its author" in confirm.content.decode()
    response = client.post(f"/posts/{removed.pk}/remove/")

    assert response.status_code == 302
    removed.refresh_from_db()
    thread.refresh_from_db()
    assert removed.status == Post.Status.REMOVED
    assert thread.reply_count == 1
    client.logout()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Something I regret" not in page
    assert "This post was removed by its author." in page
    assert "Replying to the above" in page
    assert page.index("removed by its author") < page.index("Replying to the above")
    # A removed post cannot be edited back into view.
    client.force_login(author)
    assert client.get(f"/posts/{removed.pk}/edit/").status_code == 403


@pytest.mark.django_db
def test_practitioners_only_category_lets_members_reply_but_not_start(
    client, make_category, make_member, make_thread
):
    space = make_category("Practitioners' space", who_can_start=Category.StartPolicy.PRACTITIONERS)
    practitioner = make_member("nurse_jo", role="practitioner")
    existing = make_thread(category=space, author=practitioner)
    client.force_login(make_member("peer"))

    page = client.get(f"/c/{space.slug}/new/").content.decode()
    assert "started by verified practitioners" in page
    response = client.post(f"/c/{space.slug}/new/", {"title": "Hi", "body": "Hello"})
    assert response.status_code == 400
    assert Thread.objects.filter(category=space).count() == 1

    assert client.post(existing.get_absolute_url(), {"body": "Thanks"}).status_code == 302

    client.force_login(practitioner)
    assert client.post(f"/c/{space.slug}/new/", {"title": "Hi", "body": "Hello"}).status_code == 302
