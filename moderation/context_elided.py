"""The writer as the left-out subject of a later clause (part of rule R4).

Pure Python, no Django. "I moved back in with my mum, got a job at the garage
and have stayed clean since Easter": "have stayed clean" has no subject of its
own; it shares the sentence's first one, the writer. `writer_left_out(c)`
walks back over the candidate's sentence clause by clause (cut at commas,
semicolons, "and", "but", "then", "so"): each clause that opens with a verb
has left its subject out and shares the one before; the first clause that
opens otherwise names the subject, and it must be I or we.
"""

from __future__ import annotations

from .context import TOKEN, Candidate
from .context_words import words

_CUTS = words(", ; and but then so")
_FIRST = words("i im we")
# How a clause with no subject of its own opens: an auxiliary or a verb in the past.
_VERB_OPENINGS = words(
    """
    have has had ve am m is was were been be got get gets getting went go goes stayed stay
    stays kept keep keeps remained remain became become spent spend stopped stop quit started
    start moved found find made make took take left leave lost lose managed manage tried try
    finally still now never just also then eventually somehow
    """
)
_MAX_CLAUSES = 6
_OTHERS = words(
    """
    he she they think thought know knew reckon heard hear said say says told hope hoped
    guess believe believed wish
    """
)


def writer_left_out(c: Candidate) -> bool:
    """Is the candidate in a clause with no subject, after clauses whose subject is the writer?"""
    start, _ = c.sentence
    tokens = TOKEN.findall(c.text.norm, start, c.start)
    clauses: list[list[str]] = [[]]
    for token in tokens:
        if token in _CUTS:
            clauses.append([])
        elif token[0].isalnum():
            clauses[-1].append(token)
    clauses = [clause for clause in clauses if clause]
    if len(clauses) < 2 or not _opens_with_verb(clauses[-1]):
        return False
    for clause in reversed(clauses[-_MAX_CLAUSES:-1]):
        if clause[0] in _FIRST:
            # "I think he moved out, ...": someone else is the subject after all.
            return _OTHERS.isdisjoint(clause)
        if not _opens_with_verb(clause):
            return False
    return False


def _opens_with_verb(clause: list[str]) -> bool:
    first = clause[0]
    return first in _VERB_OPENINGS or (first.endswith("ed") and len(first) > 3)
