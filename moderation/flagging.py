"""A member flags a post; enough flags from established members hide it.

Above forum's review services, because a flag can change what readers see:
when flags from COMMUNITY_HIDE_FLAGS different established members (not new
ones) reach a post, it is hidden until a moderator looks. "Someone may be at
risk" flags never hide anything: they bring help, not silence.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from forum import limits, permissions, review

from . import queue
from .models import Flag


def flag_post(*, post, reporter, reason: str, note: str = "") -> Flag:
    """Bring `post` to moderators (see `moderation.queue.flag_post`), and hide it
    when members agree."""
    if permissions.is_member(reporter):
        limits.ensure_can_flag(reporter)
    flag = queue.flag_post(post=post, reporter=reporter, reason=reason, note=note)
    if reason != Flag.Reason.AT_RISK and post.status == post.Status.VISIBLE:
        reporters = get_user_model().objects.filter(pk__in=queue.distinct_reporters(post))
        established = [member for member in reporters if not permissions.is_new_member(member)]
        if len(established) >= settings.COMMUNITY_HIDE_FLAGS:
            review.hide_by_community(post=post)
    return flag
