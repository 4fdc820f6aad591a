"""The first at-risk detector, kept as the benchmarks' baseline: a phrase list.

A small lexicon of set phrases ("can't wake him up") run by the language
engine. The forum now uses `moderation.risk`; this stays so
`bench/at_risk_quality.py` can show what the model gains over a list.
"""

from pathlib import Path

from moderation import language

_engine: language.Engine | None = None


def engine() -> language.Engine:
    global _engine
    if _engine is None:
        lexicon = language.load_lexicon(Path(__file__).with_name("at_risk_phrases.json"))
        _engine = language.Engine(lexicon)
    return _engine


def is_at_risk(text: str) -> bool:
    """True when `text` suggests an overdose happening now or intent to end one's life."""
    return bool(engine().analyze(text or ""))
