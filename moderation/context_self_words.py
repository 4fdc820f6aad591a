"""The word sets the self-description rules (rule R4) read. Pure Python, no Django."""

from __future__ import annotations

from .context_words import WORDS, words

FIRST_PERSON = words(
    """
    i im ive me myself we us ourselves weve
    """
)
FIRST_OWNER = words(
    """
    my our mine ours
    """
)
THIRD_PERSON = words(
    """
    he she they him her them his their hers theirs himself herself themselves you your yours
    yourself it its
    """
)
COPULAS = words(
    """
    am m was were are re been be being became become becoming remain remained stayed turned
    ended grew felt feel lived identify is s die died dies dying wasn weren isn aren ain
    """
)
BRIDGES = words(
    """
    a an the all also always and another as basically been being certainly clearly
    completely d definitely essentially ex former full fully had has have honestly into just
    kind like ll literally long longer no not now of officially once one only pretty
    probably proud grateful really recovered recovering reformed still sort technically then to
    too totally truly up used ve will would yes practically actually myself ourselves both
    sober happy glad raging may might could must should can cannot couldn never some t
    """
)
STANCE_VERBS = words(
    """
    think thought believe believed feel felt know knew reckon guess suppose hate hated love
    loved see saw seen read heard hear watch watched worry worried fear agree doubt wonder
    mean say said bet hope wish swear understand realise realize notice noticed find found
    told tell asked ask met meet work worked help helped support supported visit visited
    """
)
CLAUSE_BREAKS = words(
    """
    , ; : but unlike while whereas because although though who which that
    """
)
LIFE_NOUNS = words(
    """
    days years life past self selves phase era ways history stage period time times brain
    mind head behaviour behavior habits world story lifestyle
    """
)
_PEOPLE = WORDS.person_nouns | WORDS.people - FIRST_PERSON


_OTHERS = words("he she they him her them his their hers theirs") | (
    WORDS.person_nouns - {"people", "person"}
)
_FIRST_NEAR = words(
    """
    i im ive me my mine myself we weve us our ours ourselves fellow
    """
)
_PRONOUNS = FIRST_PERSON | THIRD_PERSON
ARTICLES_AND_DETS = words("a an the another some one no that this such")
ARTICLES_AND_COPULAS = ARTICLES_AND_DETS | COPULAS
