from django import template
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def ago(moment):
    """How long ago, in its largest unit ("5 minutes", "3 hours", "2 days")."""
    return timesince(moment, depth=1)
