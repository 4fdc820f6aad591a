import json
from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from config.redirects import same_site_next
from forum import permissions, selectors
from forum.forms import add_errors

from . import notifications as notifications_module
from . import recovery, services
from .decorators import moderator_required
from .forms import DeleteAccountForm, PractitionerRequestForm, ProfileForm, UseRecoveryCodeForm
from .models import Mute, PractitionerRequest, User


def profile(request, handle):
    """A member's public page. Anonymous posts are never listed or counted."""
    member = get_object_or_404(User, handle__iexact=handle, is_active=True)
    viewer = request.user
    extra = {}
    if viewer.is_authenticated:
        extra["muted"] = Mute.objects.filter(member=viewer, muted=member).exists()
        extra["can_mute"] = viewer.pk != member.pk and not member.is_moderator
    if permissions.is_moderator(viewer):
        extra["notes"] = member.moderator_notes.select_related("author")
        extra["is_new"] = permissions.is_new_member(member)
    page = Paginator(selectors.member_posts(member, request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/profile.html", {"member": member, "page": page, **extra})


@login_required
@require_http_methods(["POST"])
def toggle_mute(request, handle):
    """Mute a member, or unmute them (from their profile, a post, or settings)."""
    member = get_object_or_404(User, handle__iexact=handle, is_active=True)
    if request.POST.get("unmute"):
        services.unmute(member=request.user, muted=member)
        messages.success(
            request, _("You'll see %(handle)s's posts again.") % {"handle": member.handle}
        )
    else:
        try:
            services.mute(member=request.user, muted=member)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "You won't hear from %(handle)s now: their signed posts fold for you and "
                    "they can't notify you. You can undo this in your settings."
                )
                % {"handle": member.handle},
            )
    return redirect(same_site_next(request, member.get_absolute_url()))


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    member = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "handle": member.handle,
            "anonymous_by_default": member.anonymous_by_default,
            "lived_experience": member.lived_experience,
            "unfold_warnings": member.unfold_warnings,
            "theme": member.theme,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(member=member, **form.cleaned_data)
        except ValidationError as error:
            member.refresh_from_db()
            add_errors(form, error)
        else:
            messages.success(request, _("Your settings are saved."))
            return redirect("accounts:settings")
    status = 400 if form.errors else 200
    mutes = Mute.objects.filter(member=member).select_related("muted").order_by("muted__handle")
    return render(request, "accounts/settings.html", {"form": form, "mutes": mutes}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    if request.method == "POST":
        notifications_module.mark_read(member=request.user)
        return redirect("accounts:notifications")
    page = Paginator(request.user.notifications.all(), 30).get_page(request.GET.get("page"))
    notes = notifications_module.shown(page.object_list, request.user)
    unread = any(not note.read for note in notes)
    return render(
        request, "accounts/notifications.html", {"page": page, "notes": notes, "unread": unread}
    )


@login_required
@require_http_methods(["POST"])
def read_notification(request, pk):
    """Mark one note read and go where it points."""
    note = get_object_or_404(request.user.notifications, pk=pk)
    notifications_module.mark_read(member=request.user, note=note)
    [shown] = notifications_module.shown([note], request.user)
    return redirect(shown.url or "accounts:notifications")


@login_required
def export(request):
    """Everything the forum holds about you, as a JSON file."""
    data = json.dumps(services.export_data(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="common-ground-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, member=request.user)
    if request.method == "POST" and form.is_valid():
        member = request.user
        logout(request)
        services.delete_account(
            member=member, remove_posts=form.cleaned_data["posts"] == DeleteAccountForm.REMOVE
        )
        messages.success(request, _("Your account is closed. Take care of yourself."))
        return redirect("forum:home")
    status = 400 if form.errors else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def practitioner(request):
    """A member asks to be verified, and sees what was decided."""
    form = PractitionerRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_verification(member=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you. A moderator will look at your request."))
            return redirect("accounts:practitioner")
    return render(
        request,
        "accounts/practitioner.html",
        {"form": form, "requests": request.user.practitioner_requests.all()},
        status=400 if form.errors else 200,
    )


@moderator_required
@require_http_methods(["GET", "POST"])
def practitioner_requests(request):
    """Moderators approve or decline practitioner requests."""
    if request.method == "POST":
        pending = get_object_or_404(PractitionerRequest, pk=request.POST.get("request"))
        try:
            services.decide_verification(
                request=pending,
                by=request.user,
                approve=request.POST.get("decision") == "approve",
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Done. The member has been told."))
        return redirect("accounts:practitioner_requests")
    pending = PractitionerRequest.objects.filter(state="pending").select_related("member")
    return render(request, "accounts/practitioner_requests.html", {"pending": pending})


@login_required
@never_cache
def new_recovery_codes(request):
    """New recovery codes, shown once: right after joining, or after making a new set."""
    codes = recovery.take_to_show(request.session)
    if codes is None:
        messages.info(
            request,
            _(
                "Recovery codes are shown only once, when they are made. If you didn't "
                "keep yours, you can make a new set here."
            ),
        )
        return redirect("accounts:recovery_codes")
    return render(
        request,
        "accounts/recovery_codes_new.html",
        {"codes": codes, "onward": same_site_next(request, reverse("forum:home"))},
    )


@login_required
@reauthentication_required(
    allow_get=True, enabled=lambda request: not recovery.signed_in_recently(request.session)
)
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """How many codes are left; a new set needs a recent sign-in or the password again."""
    member = request.user
    if request.method == "POST":
        recovery.keep_to_show(request.session, recovery.issue_codes(member=member))
        query = urlencode({"next": reverse("accounts:recovery_codes")})
        return redirect(f"{reverse('accounts:new_recovery_codes')}?{query}")
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "remaining": recovery.remaining_codes(member),
            "has_codes": recovery.has_codes(member),
            "total": recovery.CODE_COUNT,
        },
    )


@require_http_methods(["GET", "POST"])
def use_recovery_code(request):
    """Back in without email: handle, one recovery code, a new password."""
    form = UseRecoveryCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not recovery.attempt_allowed(request, data["handle"]):
            form.add_error(
                None,
                _(
                    "That was a lot of tries in a short time. To keep every account safe, "
                    "please wait a few minutes and try again."
                ),
            )
            status = 429
        else:
            try:
                recovered = recovery.recover_with_code(
                    handle=data["handle"], code=data["code"], new_password=data["password1"]
                )
            except recovery.RecoveryRefused as refusal:
                form.add_error("code", str(refusal))
            except ValidationError as error:
                # The code was right and is kept; only the password needs another go.
                recovery.forget_attempts(request, data["handle"])
                form.add_error("password1", error)
            else:
                recovery.forget_attempts(request, data["handle"])
                recovery.announce_recovery(request, recovered.member)
                messages.success(request, _recovered_message(recovered.remaining))
                return perform_login(
                    request, recovered.member, redirect_url=reverse("accounts:recovery_codes")
                )
    if form.errors and status == 200:
        status = 400
    return render(request, "accounts/use_recovery_code.html", {"form": form}, status=status)


def _recovered_message(remaining: int) -> str:
    if remaining == 0:
        return _(
            "Your new password is set. That was your last recovery code, so please make "
            "a new set below and keep it somewhere safe."
        )
    return ngettext(
        "Your new password is set. You have %(count)d recovery code left.",
        "Your new password is set. You have %(count)d recovery codes left.",
        remaining,
    ) % {"count": remaining}
