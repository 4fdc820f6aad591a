"""Every page, for every role, in light and in dark: axe-core finds nothing to fix.

axe-core comes with `axe-playwright-python` and runs inside Debian's Chromium
on the live server. The site's Content-Security-Policy forbids the inline
script axe injects, so the audit's browser context (and only it) bypasses the
CSP; every other browser test runs under the real policy.

One browser, one page per role: it walks every page that role can open,
failed forms included, auditing each in light and then in dark, so a failure
lists every page at once.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

# Each check runs on a freshly built forum, flushed afterwards (see `walk`).
pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ("visitor", "member", "practitioner", "moderator")
SIGNED_IN = ROLES[1:]


@dataclass(frozen=True)
class Visit:
    """A page to audit: where to go, and what to do there first (fill in a form...)."""

    name: str
    path: str
    then: Callable | None = None


def _submit(button: str, **fields):
    def act(page):
        for name, value in fields.items():
            page.locator(f"[name={name}]").fill(value)
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()
        page.locator(".form-errors").first.wait_for()

    return act


def _draft_saved(page):
    page.get_by_label("Your reply").fill("A few words kept as a draft.")
    page.locator("[data-draft-status]", has_text="saved").wait_for()


def build_cast() -> dict:
    """A small forum with something of everything; returns its people and pages per role."""
    from accounts import services as accounts
    from accounts.models import User
    from forum import prompts, reading, review, services
    from forum.models import Category, Prompt, PromptSuggestion
    from moderation import actions, flagging
    from moderation.models import WatchedWord

    call_command("seed")
    people = {
        "member": User.objects.create_user("river", password="a-long-passphrase"),
        "practitioner": User.objects.create_user(
            "nurse_kim", password="a-long-passphrase", role="practitioner", lived_experience=True
        ),
        "moderator": User.objects.create_user(
            "mod_alex", password="a-long-passphrase", role="moderator"
        ),
    }
    other = User.objects.create_user("sam_other", password="a-long-passphrase")
    member, practitioner, moderator = (people[r] for r in SIGNED_IN)
    WatchedWord.objects.create(term="zzholdme", action="hold", note="kept for review in tests")
    WatchedWord.objects.create(term="zzflagme", action="flag")

    category = Category.objects.get(slug="harm-reduction")
    thread = services.create_thread(
        category=category,
        author=other,
        title="Where to get naloxone?",
        body="Does **anyone** know a pharmacy that gives it out?\n\n> a quote",
    )
    opening = thread.opening_post
    mine = {
        role: services.create_post(thread=thread, author=person, body=f"A reply from {role}.")
        for role, person in people.items()
    }
    services.create_post(
        thread=thread,
        author=other,
        body="I used alone last night and it was too much.",
        anonymous=True,
        content_warnings=["overdose"],
    )
    services.create_post(thread=thread, author=other, body="I can't go on tonight.")
    services.create_post(thread=thread, author=other, body="This zzflagme post is flagged.")
    services.create_post(thread=thread, author=other, body="This one waits: zzholdme.")
    hidden = services.create_post(thread=thread, author=other, body="Hidden by a moderator.")
    services.create_post(
        thread=thread, author=other, body="Answering the first post.", reply_to_id=opening.pk
    )
    services.create_post(
        thread=thread, author=moderator, body="Answering the hidden one.", reply_to_id=hidden.pk
    )
    review.hide_post(post=hidden, by=moderator)
    services.edit_post(post=mine["member"], editor=member, body="A reply from member, edited.")
    for person in (member, practitioner, other):
        services.toggle_reaction(post=opening, member=person, kind="thanks")
    services.toggle_reaction(post=opening, member=member, kind="helped")
    flagging.flag_post(post=opening, reporter=member, reason="stigma", note="Please look.")
    actions.act_on_member(member=other, by=moderator, action="warn", reason="Be kind.")
    accounts.notify(member=member, text="sam_other replied.", url=opening.get_absolute_url())
    accounts.notify(member=practitioner, text="A note.", url="")
    accounts.request_verification(
        member=member, role_title="Peer worker", organisation="Exchange", how="Outreach."
    )
    suggestion = PromptSuggestion.objects.create(member=member, question="What helps at night?")
    PromptSuggestion.objects.create(
        member=member, question="Declined one?", state="declined", reason="Asked last month."
    )
    featured = prompts.featured_prompt()
    services.create_post(thread=featured.thread, author=other, body="Being alive.")
    # Everyone signed in read the thread's opening only: lists show them "n new".
    for person in people.values():
        reading.mark_read(member=person, thread=thread, post=opening)
    earlier = Prompt.objects.exclude(pk=featured.pk).first()

    everyone = [
        Visit("home", "/"),
        Visit("category", category.get_absolute_url()),
        Visit("thread", thread.get_absolute_url()),
        Visit("prompt thread", featured.thread.get_absolute_url()),
        Visit("prompts", reverse("forum:prompts")),
        Visit("search", reverse("forum:search") + "?q=naloxone"),
        Visit("search, nothing", reverse("forum:search") + "?q=zzzz"),
        Visit("profile", member.get_absolute_url()),
        Visit("transparency", reverse("moderation:transparency")),
        Visit("new thread", reverse("forum:new_thread", args=[category.slug])),
        Visit("not found", "/threads/999999/"),
    ]
    visitor = [
        Visit("sign in", reverse("account_login")),
        Visit(
            "sign in, failed",
            reverse("account_login"),
            _submit("Sign in", login="nobody", password="not-this-one"),
        ),
        Visit("sign up", reverse("account_signup")),
        Visit(
            "sign up, failed",
            reverse("account_signup"),
            _submit("Join", username="a b", password1="pw", password2="pw"),
        ),
        Visit("password reset", reverse("account_reset_password")),
    ]

    def signed_in(role):
        own = mine[role]
        return [
            Visit(
                "new thread, failed",
                reverse("forum:new_thread", args=[category.slug]),
                _submit("Start thread"),
            ),
            Visit("reply, failed", thread.get_absolute_url(), _submit("Post reply")),
            Visit("quoting a post", f"{thread.get_absolute_url()}?quote={opening.pk}#reply"),
            Visit("draft saved", thread.get_absolute_url(), _draft_saved),
            Visit("edit", reverse("forum:edit_post", args=[own.pk])),
            Visit("remove", reverse("forum:remove_post", args=[own.pk])),
            Visit("flag", reverse("moderation:flag", args=[opening.pk])),
            Visit(
                "flag, failed",
                reverse("moderation:flag", args=[opening.pk]),
                _submit("Send to the moderators"),
            ),
            Visit("settings", reverse("accounts:settings")),
            Visit("settings, failed", reverse("accounts:settings"), _submit("Save", handle="a b")),
            Visit("notifications", reverse("accounts:notifications")),
            Visit("suggest a question", reverse("forum:suggest_prompt")),
            Visit("my suggestions", reverse("forum:my_suggestions")),
            Visit("practitioner request", reverse("accounts:practitioner")),
            Visit("close account", reverse("accounts:delete")),
            Visit("change password", reverse("account_change_password")),
            Visit("recovery email", reverse("account_email")),
        ]

    moderators = [
        Visit("review queue", reverse("moderation:queue")),
        Visit("moderation log", reverse("moderation:log")),
        Visit("watched words", reverse("moderation:watched_words") + "?sample=zzholdme+here"),
        Visit("support panel", reverse("moderation:support_panel")),
        Visit("practitioner requests", reverse("accounts:practitioner_requests")),
        Visit("suggestions", reverse("forum:suggestion_queue")),
        Visit("decide a suggestion", reverse("forum:decide_suggestion", args=[suggestion.pk])),
        Visit("new prompt", reverse("forum:new_prompt")),
        Visit("edit prompt", reverse("forum:edit_prompt", args=[earlier.pk])),
        Visit("practitioners' space", reverse("forum:new_thread", args=["practitioners"])),
    ]
    pages = {
        "visitor": everyone + visitor,
        "member": everyone + signed_in("member"),
        "practitioner": everyone + signed_in("practitioner"),
        "moderator": everyone + signed_in("moderator") + moderators,
    }
    return {"people": people, "pages": pages}


@pytest.fixture
def cast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_cast()


@pytest.fixture
def open_page(browser, asgi_server):
    """Pages signed in as someone; any request to another site fails the test."""
    contexts = []
    yield partial(_open_page, browser, asgi_server, contexts)
    foreign = [url for context in contexts for url in context.foreign]
    for context in contexts:
        context.close()
    assert not foreign, f"pages asked another site for: {foreign}"


def _open_page(browser, asgi_server, contexts, person=None):
    """A page signed in as `person`; requests to other sites are refused and recorded."""
    origin = urlsplit(asgi_server).netloc
    context = browser.new_context(
        base_url=asgi_server,
        bypass_csp=True,  # for axe's injected script; the audit only
        color_scheme="light",
        viewport={"width": 1100, "height": 900},
    )
    context.set_default_timeout(10_000)
    context.foreign = []

    def guard(route):
        if urlsplit(route.request.url).netloc == origin:
            route.continue_()
        else:
            context.foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    if person is not None:
        client = Client()
        client.force_login(person)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": asgi_server}]
        )
    contexts.append(context)
    return context.new_page()


def open_visit(page, visit: Visit) -> None:
    page.goto(visit.path)
    if visit.then:
        visit.then(page)


# Only the violations come back from the page: the full results object is large.
AXE_RUN = "options => axe.run(document, options).then(results => results.violations)"

# Every id an aria-describedby names that is not on the page.
DESCRIBED_BY_MISSING = """() => {
  const missing = [];
  for (const element of document.querySelectorAll("[aria-describedby]")) {
    for (const id of element.getAttribute("aria-describedby").split(/\\s+/)) {
      if (id && !document.getElementById(id)) missing.push(`${element.name || element.id}: ${id}`);
    }
  }
  return missing;
}"""


def describe(found: dict) -> str:
    lines = []
    for name, violations in found.items():
        lines.append(f"{name}:")
        for violation in violations:
            lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                summary = node["failureSummary"].replace("\n", " ")
                lines.append(f"    at {node['target']}: {summary}")
    return "\n".join(lines)


@dataclass
class Walk:
    """What one role's walk through every page saw: axe's violations, missing ids."""

    light: dict = field(default_factory=dict)
    dark: dict = field(default_factory=dict)
    described_by: dict = field(default_factory=dict)


def walk_through(page, visits: list[Visit]) -> Walk:
    """Open each page once; audit it in light, then restyled in dark without a reload.

    The colour scheme changes colours only, so Chromium's emulated
    `prefers-color-scheme` restyles the very same page. axe-core's default
    rules run both times: WCAG 2 A and AA and best practice, every impact.
    """
    seen = Walk()
    for visit in visits:
        open_visit(page, visit)
        name = f"{visit.name} ({visit.path})"
        seen.light[name] = page.evaluate(AXE_RUN, {"resultTypes": ["violations"]})
        seen.described_by[name] = page.evaluate(DESCRIBED_BY_MISSING)
        page.emulate_media(color_scheme="dark")
        seen.dark[name] = page.evaluate(AXE_RUN, {"resultTypes": ["violations"]})
        page.emulate_media(color_scheme="light")
    return seen


@pytest.fixture(scope="module")
def walks():
    return {}


@pytest.fixture
def walk(request, walks, role):
    """One walk per role, shared by the checks below: the first check of a role
    walks a freshly built forum; the others read what that walk saw."""
    if role not in walks:
        from axe_playwright_python.sync_playwright import Axe

        cast = request.getfixturevalue("cast")
        page = request.getfixturevalue("open_page")(cast["people"].get(role))
        page.context.add_init_script(script=Axe().axe_script)
        walks[role] = walk_through(page, cast["pages"][role])
    return walks[role]


def found_in(seen: dict) -> dict:
    return {name: problems for name, problems in seen.items() if problems}


@pytest.mark.parametrize("role", ROLES)
def test_axe_finds_nothing_on_any_page_in_light(walk):
    assert not found_in(walk.light), "axe-core, light:\n" + describe(found_in(walk.light))


@pytest.mark.parametrize("role", ROLES)
def test_axe_finds_nothing_on_any_page_in_dark(walk):
    assert not found_in(walk.dark), "axe-core, dark:\n" + describe(found_in(walk.dark))


@pytest.mark.parametrize("role", ROLES)
def test_every_aria_describedby_names_an_element_on_the_page(walk):
    # The page's own scripts add descriptions too (the composer's nudges): they count.
    missing = found_in(walk.described_by)
    assert not missing, f"aria-describedby points at ids that are not on the page: {missing}"
