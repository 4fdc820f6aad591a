from django import template

from moderation import language

register = template.Library()


@register.filter
def language_findings(text: str) -> list[language.Finding]:
    """The language engine's findings in `text`, for showing an author their words."""
    return language.analyze(text or "")
