"""The word lists the context rules read, from moderation/lexicon/context.json.

Pure Python, no Django. `WORDS.drug_words` and friends are frozensets of
lower-case words; the notes in the JSON file say what each list is for.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

CONTEXT_PATH = Path(__file__).resolve().parent / "lexicon" / "context.json"


def load_words(path: Path = CONTEXT_PATH) -> SimpleNamespace:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    lists = {
        name: frozenset(words)
        for name, words in data.items()
        if name not in ("about", "notes") and isinstance(words, list)
    }
    return SimpleNamespace(**lists)


WORDS = load_words()


def words(text: str) -> frozenset[str]:
    """A set of words written as one string, separated by whitespace."""
    return frozenset(text.split())
