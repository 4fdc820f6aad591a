from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from forum import selectors

from .models import User


def profile(request, handle):
    """A member's public page. Anonymous posts are never listed or counted."""
    member = get_object_or_404(User, handle__iexact=handle, is_active=True)
    page = Paginator(selectors.member_posts(member), 20).get_page(request.GET.get("page"))
    return render(request, "accounts/profile.html", {"member": member, "page": page})
