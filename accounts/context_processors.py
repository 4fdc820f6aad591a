from django.utils.functional import SimpleLazyObject


def notifications(request):
    """How many unread notifications the signed-in member has, counted only if shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: user.notifications.filter(read=False).count()
        )
    }
