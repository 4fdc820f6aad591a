from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum.models import Post

from . import services


@require_POST
def check_language(request):
    """The composer's nudges: findings for the text being written.

    The text is analysed and forgotten: it is not stored or logged.
    """
    text = request.POST.get("text", "")
    limit = settings.FORUM_POST_MAX_LENGTH
    if len(text) > limit:
        return JsonResponse(
            {
                "error": _("This is longer than a post can be (%(limit)d characters).")
                % {"limit": limit}
            },
            status=413,
        )
    return JsonResponse({"findings": services.nudges_for_composer(text)})


@login_required
@require_POST
def reveal_author(request, pk):
    """Show a moderator who wrote an anonymous post. The look itself is logged.

    POST only: a link prefetched or followed by accident must not reveal anyone.
    """
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk, anonymous=True)
    author = services.reveal_author(post=post, by=request.user)
    return render(request, "moderation/reveal.html", {"post": post, "author": author})
