"""Moderators' watched words, merged into the language engine.

Every process checks a version (derived from the table, one small query) when
it screens text; when moderators change the list, the version changes and the
next screening recompiles. No restart, no message between processes needed.
"""

import re

from django.db.models import Count, Max

from . import language
from .models import WatchedWord

SEVERITY = {
    WatchedWord.Action.BLOCK: "high",
    WatchedWord.Action.HOLD: "high",
    WatchedWord.Action.FLAG: "medium",
    WatchedWord.Action.REPLACE: "low",
}

_compiled = {"version": None, "engine": None, "patterns": []}


def category(action: str) -> str:
    return f"watched:{action}"


def current_version() -> str:
    facts = WatchedWord.objects.aggregate(n=Count("id"), last=Max("id"), changed=Max("updated_at"))
    changed = facts["changed"].isoformat() if facts["changed"] else "-"
    return f"{facts['n']}.{facts['last'] or 0}.{changed}"


def _term(word: WatchedWord) -> language.Term:
    return language.Term(
        term=word.term.lower(),
        forms=(word.term,),
        category=category(word.action),
        severity=SEVERITY[word.action],
        suggestions=(word.replacement,) if word.replacement else (),
        not_stigmatising_when=word.note or "-",
        source="moderators",
    )


def compiled():
    """The engine and patterns for the current list, rebuilt only when it changed."""
    version = current_version()
    if _compiled["version"] != version:
        words = list(WatchedWord.objects.all())
        _compiled["engine"] = language.engine_for(
            f"watched-{version}", [_term(w) for w in words if not w.is_pattern]
        )
        _compiled["patterns"] = [
            (re.compile(w.term, re.IGNORECASE), w) for w in words if w.is_pattern
        ]
        _compiled["version"] = version
    return _compiled["engine"], _compiled["patterns"]


def pattern_findings(text: str, patterns) -> list[language.Finding]:
    found = []
    for pattern, word in patterns:
        for match in pattern.finditer(text):
            if match.end() > match.start():
                found.append(
                    language.Finding(
                        start=match.start(),
                        end=match.end(),
                        text=match.group(),
                        term=word.term,
                        category=category(word.action),
                        severity=SEVERITY[word.action],
                        suggestions=(word.replacement,) if word.replacement else (),
                    )
                )
    return found


def analyze(text: str, rules=None) -> list[language.Finding]:
    """The lexicon's findings plus the watched words', in order.

    `rules` is what compiled() returned, for callers analysing many texts at once.
    """
    engine, patterns = rules or compiled()
    findings = engine.analyze(text) + pattern_findings(text, patterns)
    return sorted(findings, key=lambda finding: finding.start)


def apply_replacements(text: str) -> str:
    """Put moderators' replacements in place of "replace" watched words."""
    swaps = [f for f in analyze(text) if f.category == category(WatchedWord.Action.REPLACE)]
    pieces, position = [], 0
    for finding in swaps:
        if finding.start < position:
            continue
        pieces += [
            text[position : finding.start],
            finding.suggestions[0] if finding.suggestions else "",
        ]
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)
