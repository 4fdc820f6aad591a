"""Spotting text that suggests someone may be in danger right now.

A second, small lexicon run by the same engine (so "n0t breathing" counts).
It never blocks anything: it shows help and tells moderators.
"""

from . import language

_engine: language.Engine | None = None


def engine() -> language.Engine:
    global _engine
    if _engine is None:
        lexicon = language.load_lexicon(language.LEXICON_PATH.parent / "at_risk.json")
        _engine = language.Engine(lexicon)
    return _engine


def is_at_risk(text: str) -> bool:
    """True when `text` suggests an overdose happening now or intent to end one's life."""
    return bool(engine().analyze(text or ""))
