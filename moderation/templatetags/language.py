from django import template

from moderation import watched

register = template.Library()


@register.filter
def language_findings(text: str):
    """What the posting policy found in `text` (lexicon and watched words), for its author."""
    return watched.analyze(text or "")


@register.filter
def highlight(text: str, findings) -> str:
    """`text` with each finding wrapped in <mark>, everything else escaped."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    pieces, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position:
            continue
        pieces.append(escape(text[position : finding.start]))
        pieces.append(f'<mark class="finding finding--{finding.severity}">')
        pieces.append(escape(text[finding.start : finding.end]))
        pieces.append("</mark>")
        position = finding.end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above
