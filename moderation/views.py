from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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
