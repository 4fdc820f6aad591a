"""Fields of meaning heard together: the semantic layer's widest net.

Pure Python with no Django import. A phrase family hears "I don't want to be
alive"; a field hears a kind of word wherever it stands ("death", "not be here",
"a ghost" are all DEATH; "want", "so easy", "might as well" are all WILLING).
A combination of fields (the writer, death and willing) heard within one
sentence, or a sentence and the one before ("feel like a ghost already. might
as well make it official"), is a cue like any other: it has a kind, a role, a
weight and a reason, and the context's blocks (a quote, a past story, an idiom,
grief...) set it aside as they do any cue.

Each field is a context entry (effect "field") whose matches are counted once
in `Marks`; a combination costs a few prefix-count look-ups per sentence, so
the whole pass stays linear in the text.
"""

from __future__ import annotations

from .risk_rules import Cue
from .risk_words import Marks, Words


def combination_spans(words: Words, marks: Marks, cue: Cue) -> list[tuple[int, int]]:
    """(first, after) word spans where every field of `cue` is heard together."""
    spans: list[tuple[int, int]] = []
    sentences = words.sentences()
    for number, (start, end) in enumerate(sentences):
        begin = sentences[number - 1][0] if number else start
        if not all(marks.any(name, begin, end) for name in cue.fields):
            continue
        # One field at least in this sentence: a pair is heard once, at its second half.
        if number and not any(marks.any(name, start, end) for name in cue.fields):
            continue
        first = min(marks.within(name, begin, end)[0][0] for name in cue.fields)
        after = max(marks.last_before(name, begin, end)[1] for name in cue.fields)
        if not spans or spans[-1] != (first, after):
            spans.append((first, after))
    return spans
