"""Thin views: read through selectors, change through services, render."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from moderation import screening

from . import (
    cards,
    composer,
    drafts,
    following,
    limits,
    permissions,
    prompts,
    reading,
    selectors,
    services,
)
from . import search as search_module
from .forms import EditPostForm, ReplyForm, ThreadForm, add_errors
from .models import Category, Post, Thread
from .replies import target as reply_target


def _login_url(next_url: str) -> str:
    return f"{reverse('account_login')}?{urlencode({'next': next_url})}"


def _keep_draft_and_sign_in(request, key: str, data: dict, next_url: str):
    drafts.save(request.session, key, data)
    messages.info(
        request,
        _(
            "Your words are saved. Sign in, or create an account with just a handle "
            "and a password, and they will be waiting for you."
        ),
    )
    return HttpResponseRedirect(_login_url(next_url))


def _tell_author_about_wording(request, post) -> None:
    level, sentences = screening.explain_to_author(post.screening)
    if level == "held":
        messages.warning(request, " ".join(sentences))
    elif level == "nudge":
        messages.info(request, " ".join(sentences))


def _slowed(response, retry_after: int):
    """A form refused by a rate limit answers 429 with Retry-After; its text is kept."""
    if retry_after:
        response.status_code = 429
        response["Retry-After"] = str(retry_after)
    return response


def home(request):
    featured = prompts.featured_prompt()
    return render(
        request,
        "forum/home.html",
        {
            "categories": selectors.home_categories(),
            "latest": reading.latest_for(request.user),
            "latest_limit": selectors.LATEST_THREADS,
            "featured": featured,
            "latest_answers": prompts.latest_answers(featured) if featured else [],
        },
    )


def category(request, slug):
    category = get_object_or_404(Category, slug=slug)
    threads = selectors.category_threads(category, request.user)
    paginator = Paginator(threads, settings.FORUM_THREADS_PER_PAGE)
    if not request.user.is_authenticated:
        # A visitor's list is every listed thread: counted on the category already.
        paginator.count = category.thread_count
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "forum/category.html",
        {
            "category": category,
            "page": page,
            "rows": reading.rows_for(request.user, page.object_list),
            "can_start": permissions.can_start_thread(request.user, category),
        },
    )


@require_http_methods(["GET", "POST"])
def new_thread(request, slug):
    category = get_object_or_404(Category, slug=slug)
    draft_key = drafts.category_key(category.slug)
    retry_after = 0
    if request.method == "POST":
        form = ThreadForm(request.POST)
        if not request.user.is_authenticated:
            data = {k: request.POST.get(k, "") for k in ("title", "body")}
            data["anonymous"] = bool(request.POST.get("anonymous"))
            return _keep_draft_and_sign_in(request, draft_key, data, request.path)
        if form.is_valid():
            try:
                thread = services.create_thread(
                    category=category,
                    author=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    anonymous=form.cleaned_data["anonymous"],
                    content_warnings=form.cleaned_data["content_warnings"],
                )
            except limits.RateLimited as limited:
                form.add_error(None, str(limited))
                retry_after = limited.retry_after
            except ValidationError as error:
                add_errors(form, error)
            except PermissionDenied as denied:
                form.add_error(None, str(denied))
            else:
                drafts.discard(request.session, draft_key)
                if thread.public:
                    messages.success(request, _("Your thread is up. Thank you for starting it."))
                _tell_author_about_wording(request, thread.opening_post)
                return redirect(thread)
        status = 400
    else:
        form = ThreadForm(initial=composer.kept(request, draft_key) or composer.fresh(request))
        status = 200
    response = render(
        request,
        "forum/new_thread.html",
        {
            "category": category,
            "form": form,
            "can_start": permissions.can_start_thread(request.user, category),
            "new_member": permissions.is_new_member(request.user),
            "draft_url": reverse("forum:thread_draft", kwargs={"slug": category.slug}),
            "has_draft": form.is_bound or bool(form.initial.get("draft")),
        },
        status=status,
    )
    return _slowed(response, retry_after)


@require_http_methods(["GET", "POST"])
def thread(request, pk):
    thread = get_object_or_404(
        Thread.objects.visible_to(request.user).select_related("category", "prompt"), pk=pk
    )
    draft_key = drafts.thread_key(thread.pk)
    status = 200
    retry_after = 0
    if request.method == "POST":
        form = ReplyForm(request.POST)
        if not request.user.is_authenticated:
            data = {
                "body": request.POST.get("body", ""),
                "anonymous": bool(request.POST.get("anonymous")),
                "reply_to": request.POST.get("reply_to", ""),
            }
            return _keep_draft_and_sign_in(
                request, draft_key, data, f"{thread.get_absolute_url()}#reply"
            )
        if form.is_valid():
            try:
                post = services.create_post(
                    thread=thread,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    anonymous=form.cleaned_data["anonymous"],
                    content_warnings=form.cleaned_data["content_warnings"],
                    reply_to_id=form.cleaned_data["reply_to"] or None,
                )
            except limits.RateLimited as limited:
                form.add_error(None, str(limited))
                retry_after = limited.retry_after
            except ValidationError as error:
                add_errors(form, error)
            except PermissionDenied as denied:
                form.add_error(None, str(denied))
            else:
                drafts.discard(request.session, draft_key)
                _tell_author_about_wording(request, post)
                return HttpResponseRedirect(_place_in_thread(post, request.user))
        status = 400
        target = reply_target(request.user, thread, request.POST.get("reply_to"))
    else:
        initial, target = composer.reply_start(request, thread)
        form = ReplyForm(initial=initial)

    posts = selectors.thread_posts(thread, request.user)
    paginator = Paginator(posts, settings.FORUM_POSTS_PER_PAGE)
    if not request.user.is_authenticated:
        # A visitor sees exactly the posts every reader is shown: counted already.
        paginator.count = thread.shown_posts
    page_number = request.GET.get("page")
    if request.method == "POST" or page_number == "last":
        # "?page=last" (the live notice's "Show the latest") and a refused reply
        # both show the thread's end.
        page_number = paginator.num_pages
    page = paginator.get_page(page_number)
    posts_on_page = selectors.with_answered(list(page.object_list))
    viewer = cards.viewer_for(request, posts_on_page)
    if request.method == "GET" and posts_on_page:
        reading.mark_read(member=request.user, thread=thread, post=posts_on_page[-1])
    viewer.can_post = permissions.can_reply(request.user, thread)
    response = render(
        request,
        "forum/thread.html",
        {
            "thread": thread,
            "category": thread.category,
            "page": page,
            "post_html": cards.for_viewer(posts_on_page, viewer),
            "form": form,
            "reply_form": composer.reply_form(request, form, thread=thread, target=target),
            "can_reply": permissions.can_reply(request.user, thread),
            "new_member": permissions.is_new_member(request.user),
            "following": following.is_following(request.user, thread),
            # Where live updates take up the story (see static/js/live.js): the
            # thread's change number, read before its posts.
            "since": thread.change_seq,
        },
        status=status,
    )
    return _slowed(response, retry_after)


def _place_in_thread(post: Post, viewer) -> str:
    """The URL of the thread page that shows `post`, anchored at it."""
    position = selectors.position_in_thread(post, viewer)
    page = position // settings.FORUM_POSTS_PER_PAGE + 1
    url = post.thread.get_absolute_url()
    if page > 1:
        url += f"?page={page}"
    return f"{url}#post-{post.pk}"


def first_unread(request, pk):
    """Take a member back to the first post they have not read (all read: the last one)."""
    thread = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
    target = reading.jump_target(request.user, thread)
    if target is None:
        return redirect(thread)
    return HttpResponseRedirect(_place_in_thread(target, request.user))


def post_permalink(request, pk):
    """Send a link to one post to its place on the right page of its thread."""
    post = get_object_or_404(Post.objects.visible_to(request.user).select_related("thread"), pk=pk)
    return HttpResponseRedirect(_place_in_thread(post, request.user))


def _post_for(request, pk) -> Post:
    """A post this viewer may see, or 404 exactly as for a post that never existed."""
    return get_object_or_404(
        Post.objects.visible_to(request.user).select_related("thread", "thread__category"), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_post(request, pk):
    post = _post_for(request, pk)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied(_("Only the author can edit this post."))
    with_title = services.is_opening_post(post)
    status = 200
    retry_after = 0
    if request.method == "POST":
        form = EditPostForm(request.POST, with_title=with_title)
        if form.is_valid():
            try:
                services.edit_post(
                    post=post,
                    editor=request.user,
                    body=form.cleaned_data["body"],
                    title=form.cleaned_data.get("title"),
                )
            except limits.RateLimited as limited:
                form.add_error(None, str(limited))
                retry_after = limited.retry_after
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Your changes are saved."))
                _tell_author_about_wording(request, post)
                return HttpResponseRedirect(_place_in_thread(post, request.user))
        status = 400
    else:
        form = EditPostForm(
            initial={"body": post.body, "title": post.thread.title}, with_title=with_title
        )
    response = render(
        request,
        "forum/edit_post.html",
        {"post": post, "thread": post.thread, "category": post.thread.category, "form": form},
        status=status,
    )
    return _slowed(response, retry_after)


@login_required
@require_http_methods(["GET", "POST"])
def remove_post(request, pk):
    post = _post_for(request, pk)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied(_("Only the author can remove this post."))
    if request.method == "POST":
        services.remove_post_by_author(post=post, user=request.user)
        messages.success(
            request,
            _("Your post is removed. A note stays in its place so replies still make sense."),
        )
        return HttpResponseRedirect(_place_in_thread(post, request.user))
    return render(
        request,
        "forum/remove_post.html",
        {"post": post, "thread": post.thread, "category": post.thread.category},
    )


@login_required
@require_http_methods(["POST"])
def react(request, pk):
    # Only posts that are up take reactions; a removed one's note answers as missing.
    post = get_object_or_404(
        Post.objects.visible_to(request.user).filter(status=Post.Status.VISIBLE), pk=pk
    )
    try:
        services.toggle_reaction(post=post, member=request.user, kind=request.POST.get("kind", ""))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return HttpResponseRedirect(_place_in_thread(post, request.user))


@login_required
@require_http_methods(["POST"])
def toggle_follow(request, pk):
    thread = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
    if following.is_following(request.user, thread):
        following.unfollow(member=request.user, thread=thread)
        messages.success(request, _("You won't hear about new replies here any more."))
    else:
        following.follow(member=request.user, thread=thread)
        messages.success(request, _("You'll hear about new replies here."))
    return redirect(thread)


def search(request):
    """One search box over titles and visible posts."""
    query = (request.GET.get("q") or "").strip()[:200]
    results = search_module.search(query, viewer=request.user) if query else []
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "forum/search.html", {"query": query, "page": page})
