from django import template

from forum.identity import shown_author as _shown_author

register = template.Library()


@register.simple_tag
def shown_author(item):
    """`{% shown_author post as who %}`: what every page may say about who wrote it."""
    return _shown_author(item)
