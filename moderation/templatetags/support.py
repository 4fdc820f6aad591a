from django import template

from moderation.models import SupportPanel

register = template.Library()


@register.inclusion_tag("moderation/_support_panel.html")
def support_panel(kind: str = ""):
    """Where to get help now, for this kind of danger ("overdose" or "suicide"),
    as this deployment's moderators have written it."""
    return {"panel": SupportPanel.current(), "kind": kind}
