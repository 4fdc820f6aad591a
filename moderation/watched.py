"""Moderators' watched words, run beside the language engine.

Every process checks a version (derived from the table, one small query) when
it screens text; when moderators change the list, the version changes and the
next screening recompiles. No restart, no message between processes needed.

Watched words have their own engine and take precedence: where a watched word
and a built-in lexicon term cover the same words, the moderators' choice (for
example "replace") is the one applied, and the built-in finding is dropped.

Moderators' patterns run on RE2, whose matching time is linear in the text
whatever the pattern, so no pattern can stall the site; what RE2 cannot run
(back-references, look-arounds) is refused when the pattern is saved.
"""

import logging
from dataclasses import replace

import re2
from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import language
from .models import WatchedWord

logger = logging.getLogger(__name__)

SEVERITY = {
    WatchedWord.Action.BLOCK: "high",
    WatchedWord.Action.HOLD: "high",
    WatchedWord.Action.FLAG: "medium",
    WatchedWord.Action.REPLACE: "low",
}
# A compiled pattern may use this much memory; more complex ones are refused.
PATTERN_MAX_MEMORY = 2 << 20
PATTERN_MAX_LENGTH = WatchedWord._meta.get_field("term").max_length

_compiled = {"version": None, "engine": None, "patterns": []}


class PatternRefused(ValueError):
    """A moderator's pattern that cannot be run safely; the message says why, kindly."""


def category(action: str) -> str:
    return f"watched:{action}"


def is_watched(finding: language.Finding) -> bool:
    return finding.category.startswith("watched:")


def compile_pattern(term: str):
    """`term` compiled for RE2 (case-insensitive), or PatternRefused with a kind reason."""
    if len(term) > PATTERN_MAX_LENGTH:
        raise PatternRefused(
            _("Patterns can be up to %(n)d characters. Please make it shorter.")
            % {"n": PATTERN_MAX_LENGTH}
        )
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = PATTERN_MAX_MEMORY
    options.log_errors = False
    try:
        return re2.compile(term, options)
    except re2.error as error:
        raise PatternRefused(_refusal(term, error)) from None


def _refusal(term: str, error: Exception) -> str:
    detail = error.args[0] if error.args else ""
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    if any(mark in term for mark in ("(?=", "(?!", "(?<=", "(?<!")):
        return _(
            "Look-ahead and look-behind, such as (?=…) or (?<!…), can't be used in watched "
            "patterns: they can make checking slow for everyone. Please write the pattern "
            "without them, for example with \\b for a word's edge."
        )
    if ("invalid escape sequence: \\" in detail and detail[-1:].isdigit()) or "(?P=" in term:
        return _(
            "Back-references such as \\1 can't be used in watched patterns: they can make "
            "checking slow for everyone. Please spell out each form instead, for example "
            "(aa|bb)."
        )
    if "too large" in detail or "repetition size" in detail:
        return _(
            "That pattern is too big to check quickly. Please make it shorter or use "
            "smaller counts in {…}."
        )
    if "invalid perl operator" in detail or "bad repetition operator" in detail:
        return _(
            "That pattern uses a feature watched patterns can't run (%(detail)s). Plain "
            "groups, alternatives, classes, \\b and counts such as {2,5} all work."
        ) % {"detail": detail}
    return _("That pattern can't be read: %(error)s") % {"error": detail}


def current_version() -> str:
    facts = WatchedWord.objects.aggregate(n=Count("id"), last=Max("id"), changed=Max("updated_at"))
    changed = facts["changed"].isoformat() if facts["changed"] else "-"
    return f"{facts['n']}.{facts['last'] or 0}.{changed}"


def _forms(term: str) -> tuple[str, ...]:
    """The word as written, and its plural: "snitch" also catches "snitches"."""
    if len(term) < 3 or not term[-1].isalpha():
        return (term,)
    return (term, f"{term}s", f"{term}es")


def _term(word: WatchedWord) -> language.Term:
    return language.Term(
        term=word.term.lower(),
        forms=_forms(word.term),
        category=category(word.action),
        severity=SEVERITY[word.action],
        suggestions=(word.replacement,) if word.replacement else (),
        not_stigmatising_when=word.note or "-",
        source="moderators",
    )


def _engine(version: str, terms: list[language.Term]) -> language.Engine | None:
    """An engine with only the watched words (and the lexicon's context word lists)."""
    if not terms:
        return None
    base = language.default_engine().lexicon
    return language.Engine(replace(base, terms=tuple(terms), version=f"watched-{version}"))


def _patterns(words) -> list:
    patterns = []
    for word in words:
        try:
            patterns.append((compile_pattern(word.term), word))
        except PatternRefused:
            # Saved before patterns ran on RE2: skipped (and said in the log)
            # rather than failing every screening.
            logger.warning("Watched pattern %s cannot run on RE2; skipped.", word.pk)
    return patterns


def compiled():
    """The engine and patterns for the current list, rebuilt only when it changed."""
    version = current_version()
    if _compiled["version"] != version:
        words = list(WatchedWord.objects.all())
        _compiled["engine"] = _engine(version, [_term(w) for w in words if not w.is_pattern])
        _compiled["patterns"] = _patterns(w for w in words if w.is_pattern)
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


def merge(built_in, watched) -> list[language.Finding]:
    """Both lists in order, without the built-in findings a watched one overlaps."""
    spans = sorted((f.start, f.end) for f in watched)
    kept, index = [], 0
    for finding in sorted(built_in, key=lambda f: f.start):
        # Spans that end before this finding starts can never overlap a later one.
        while index < len(spans) and spans[index][1] <= finding.start:
            index += 1
        overlapped = False
        for start, end in spans[index:]:
            if start >= finding.end:
                break
            if end > finding.start:
                overlapped = True
                break
        if not overlapped:
            kept.append(finding)
    return sorted(kept + list(watched), key=lambda f: (f.start, f.end))


def analyze(text: str, rules=None) -> list[language.Finding]:
    """The lexicon's findings plus the watched words', in order; watched words win overlaps.

    `rules` is what compiled() returned, for callers analysing many texts at once.
    """
    engine, patterns = rules or compiled()
    watched = (engine.analyze(text) if engine else []) + pattern_findings(text, patterns)
    return merge(language.analyze(text), watched)


def apply_replacements(text: str) -> str:
    """Put moderators' replacements in place of "replace" watched words."""
    swaps = [f for f in analyze(text) if f.category == category(WatchedWord.Action.REPLACE)]
    pieces, position = [], 0
    for finding in swaps:
        if finding.start < position:
            continue
        if finding.suggestions:
            # Capitals, plurals and "a"/"an" follow the text, as for built-in suggestions.
            start, end, new = language.suggested_edit(text, finding, finding.suggestions[0])
        else:
            start, end, new = finding.start, finding.end, ""
        start = max(start, position)
        pieces += [text[position:start], new]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def blocked(findings) -> list[language.Finding]:
    """The findings of "block" watched words."""
    return [f for f in findings if f.category == category(WatchedWord.Action.BLOCK)]


def blocked_message(findings) -> str:
    """What to tell an author whose text has "block" watched words in it."""
    words = []
    for finding in blocked(findings) or findings:
        word = f"“{finding.text}”"
        if word not in words:
            words.append(word)
    return ngettext(
        "This can't be posted here: %(words)s is blocked by this forum's moderators. "
        "Please change that word; the rest of your text is kept.",
        "This can't be posted here: %(words)s are blocked by this forum's moderators. "
        "Please change those words; the rest of your text is kept.",
        len(words),
    ) % {"words": ", ".join(words)}
