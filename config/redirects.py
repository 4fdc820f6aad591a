"""Where a form may send someone afterwards: only somewhere on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def same_site_next(request, fallback: str) -> str:
    """The form's `next` address if it is on this site, else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
