"""The sourcing lexicon (lexicon/sourcing.json) compiled into patterns. Pure: no Django.

Split from moderation/sourcing.py, which applies them. Every pattern is a
plain alternation of words or a bounded window: no nested repetition, so each
is one linear pass over the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from phonenumbers import PhoneNumberType

LEXICON_PATH = Path(__file__).resolve().parent / "lexicon" / "sourcing.json"

SWAPS = str.maketrans({"1": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s"})
FREE_TYPES = {
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.UAN,
    PhoneNumberType.PREMIUM_RATE,
    PhoneNumberType.VOICEMAIL,
}
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")
PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d ().\-]{5,18}\d(?![\w])")
_AT_HANDLE = r"@[a-z0-9_.]{3,32}"
HANDLE_LIKE = re.compile(r"^@|[0-9_.]")
NEXT_WORDS = re.compile(r"[^a-z0-9.!?\n]*([a-z0-9]+)(?:[^a-z0-9.!?\n]+([a-z0-9]+))?")
# Letters spelled out one by one ("s.e.l.l"), gathered in place; padded to keep offsets.
SPELLED_OUT = re.compile(
    r"(?<![a-z0-9])[a-z](?P<sep>[ .\-_*])[a-z](?:(?P=sep)[a-z]){2,}(?![a-z0-9])"
)


def gather(match: re.Match) -> str:
    letters = match.group()[::2]
    return letters + " " * (len(match.group()) - len(letters))


TESTED_FOR = re.compile(r"(?:test\w*|check\w*|strips?|detect\w*)\s+(?:for|of)\s+$")


def _phrases(words, swap: bool = True) -> str:
    """One pattern for whole words or phrases; a space in a phrase matches spaces or dashes.

    Built as a trie ("sell(?:ing|s)?") so each position is tried once, not once
    per phrase. Word cues are matched on the text with letter swaps applied
    (s3ll -> sell), so the phrases get the same swaps ("m30" is matched as "meo").
    """
    trie: dict = {}
    for word in {w.translate(SWAPS) if swap else w for w in words}:
        node = trie
        for char in " ".join(word.split()):
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [
            (r"[\s\-]+" if key == " " else re.escape(key)) + build(child)
            for key, child in sorted(node.items())
            if key
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return r"(?<![a-z0-9])" + build(trie) + r"(?![a-z0-9])"


@dataclass(frozen=True)
class Rules:
    regions: tuple[str, ...]
    patterns: dict[str, re.Pattern]
    testing: frozenset[str]


@lru_cache(maxsize=4)
def rules(path: str = str(LEXICON_PATH)) -> Rules:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    p = {}
    for name in (
        "illicit_drugs", "medicines", "harm_reduction_items", "testing_words", "illicit_sourcing",
        "sell_cues", "vendor_cues", "contact_strong", "contact_weak", "trade_cues", "support_cues",
        "warning_cues", "service_words", "legal_access", "negations", "not_drug_senses",
    ):  # fmt: skip
        p[name] = re.compile(_phrases(data[name]))
    units = "|".join(re.escape(u) for u in sorted(data["units"], key=len, reverse=True))
    money = "|".join(re.escape(u) for u in data["currency_words"])
    amounts = _phrases(data["word_quantities"], swap=False)
    # "3.5" alone is an eighth of an ounce in sellers' shorthand.
    quantity = rf"(?:\d+(?:[.,]\d+)?\s?(?:{units})(?![a-z])|{amounts}|(?<![\d.])3\.5(?![\d.]))"
    price = rf"(?:[£$€]\s?\d+(?:[.,]\d+)?k?|\d+(?:[.,]\d+)?\s?(?:{money})(?![a-z]))"
    p["quantity"] = re.compile(quantity)
    p["price"] = re.compile(price)
    p["pair"] = re.compile(
        rf"{quantity}\s*(?:[-:=@/|]|for|at|is|->|=>)?\s*{price}"
        rf"|{price}\s*(?:[-:=/|]|for|a|an|per)?\s*{quantity}"
    )
    seek = _phrases(data["seek_verbs"])[len("(?<![a-z0-9])") :]
    street = _phrases(data["street_verbs"])
    p["street"] = re.compile(
        r"(?<![a-z0-9])(?:where|who|anyone|anybody|someone|somebody|looking|want|wanna|need|"
        r"trying|tryna|can|could|to|help me)(?![a-z0-9])[^.!?\n]{0,30}?" + street
    )
    p["seek"] = re.compile(
        r"(?<![a-z0-9])(?:(?:where|who)\s+(?:can|could|do|should|would|will|to)"
        r"(?:\s+(?:i|we|you|u|one|someone))?|(?:looking|want|wanting|need|needing|trying|"
        r"tryna|hoping|wanna)(?:\s+to)?|(?:can|could)\s+(?:anyone|someone|somebody|you|u)"
        r"|(?:best|cheapest|safest|easiest|good|a)\s+(?:place|places|spot|spots|site|sites|way)"
        r"\s+to"
        r"(?:\s+help\s+me)?|help\s+me)\s+" + seek + r"|(?<![a-z0-9])(?:wtb|lf)(?![a-z0-9])"
    )
    p["selling_frame"] = re.compile(
        r"(?<![a-z0-9])(?:anyone|anybody|anyi|someone|somebody|who'?s|who\s+is|who)\s+"
        r"(?:here\s+|round\s+here\s+|near\s+me\s+)?(?:selling|sells|supplying|holding|"
        r"supplies|deals|dealing)(?![a-z0-9])"
    )
    # "anyone near Croydon holding?": asking who has drugs on them, no drug named.
    p["holding"] = re.compile(
        r"(?<![a-z0-9])(?:anyone|anybody|anyi|who'?s|who\s+is)(?:\s+[a-z']+){0,3}?\s+holding"
        r"(?!\s*(?:up|on|onto|out|it|together|back|a|an|the|my|your|his|her|their|hands|space))"
        r"(?![a-z0-9])"
    )
    drugs = _phrases(data["illicit_drugs"])
    p["need_some"] = re.compile(
        r"(?<![a-z0-9])(?:need|needing|want|wanting|after|looking\s+for|lf)\s+(?:some|any|a\s+bit"
        r"\s+of|a\s+little|more|a\s+g\s+of|a\s+gram\s+of|an\s+eighth\s+of)\s+" + drugs
    )
    p["get_me"] = re.compile(
        r"(?<![a-z0-9])(?:someone|anyone|somebody|anybody|who)\s+(?:(?:to|can|could|will|that\s+"
        r"can)\s+)?(?:get|sort|find|bring|drop|grab)\s+(?:me|us)(?![a-z0-9])"
    )
    # "who do I message to get some ket", "how can I find any coke round here"
    p["get_some"] = re.compile(
        r"(?<![a-z0-9])(?:who|where|how|anyone|anybody|someone|can|could)(?![a-z0-9])"
        r"[^.!?\n]{0,40}?(?<![a-z0-9])(?:get|buy|grab|find|pick\s+up)\s+(?:some|any)\s+" + drugs
    )
    p["have_frame"] = re.compile(
        r"(?<![a-z0-9])(?:anyone|anybody|anyi|someone|somebody|who'?s|who)\s+"
        r"(?:here\s+)?(?:got|have|has|with)(?:\s+(?:any|some))?(?![a-z0-9])"
    )
    p["selling"] = re.compile(
        r"(?<![a-z0-9])(?:(?:i'?m|im|i\s+am|we'?re|we\s+are|am)\s+(?:now\s+|currently\s+|still\s+"
        r"|also\s+)?(?:selling|offering)|(?:i|we)\s+(?:sell|supply))(?![a-z0-9])|(?:^|(?<=[.!?:\n]))"
        r"\s*(?:now\s+|currently\s+|still\s+)?(?:selling|offering)(?![a-z0-9])",
        re.MULTILINE,
    )
    p["plug_seek"] = re.compile(
        r"(?<![a-z0-9])(?:need|needs|needing|want|wanting|looking\s+for|searching\s+for|lf|"
        r"recommend|know|knows|anyone\s+got|anybody\s+got|anyone\s+have|find(?:\s+me)?|any|"
        r"who'?s|who\s+is)\s+(?:an?\s+|the\s+|me\s+an?\s+|of\s+an?\s+)?(?:good\s+|reliable\s+|"
        r"local\s+|legit\s+|decent\s+|trusted\s+|new\s+)?(?:plugs?|connects?|dealers?|suppliers?)"
        r"(?![a-z0-9])|(?:^|(?<=[.!?\n]))\s*(?:any\s+)?plugs\s+(?:in|around|near|round)(?!\s+(?:the|"
        r"my|your|a|an|this|that|it|them|there)(?![a-z]))"
        r"|(?<![a-z0-9])(?:i'?m|im|i\s+am|we'?re|we\s+are|ur|your|yer)\s+(?:local\s+|friendly\s+"
        r"|new\s+|go-?to\s+|trusted\s+|reliable\s+|the\s+|number\s+one\s+)*plug(?![a-z0-9])"
        r"|(?<![a-z0-9])plug\s+here(?![a-z0-9])"
    )
    p["plug_device"] = re.compile(
        r"\s*(?:-\s*in|-|in\s+(?:the|your|my|it|a|an|them|this|that|to|order|and|headphones|"
        r"charger|phone|laptop)|into|ins\b|sockets?|points?|adapt[eo]rs?|holes?|tops?|boards?|"
        r"fuses?|wir|extension|for\s+(?:the|my|our|this|a|an|your|his|her|their)|on\s+(?:the|it|"
        r"this|that)|off|of\b|out\b)"
    )
    p["plug_handle"] = re.compile(r"(?<![a-z0-9_.])[@#][a-z0-9_.]*plug[a-z0-9_.]*")
    apps = _phrases(data["apps"])
    p["app_link"] = re.compile(
        r"(?<![a-z0-9.])(?:" + "|".join(re.escape(x) for x in data["app_links"]) + r")/[\w\-+/.]+"
    )
    p["app_handle"] = re.compile(
        apps + r"(?:\s*(?:\(|\)|id|handle|user\s?name|number|no\.?|#)?\s*[:=@\-]\s*|\s+(?:id|"
        r"handle|username|me|is|at|on)\s+@?|\s+)(@?[a-z0-9][a-z0-9_.\-]{2,31})"
        r"|(" + _AT_HANDLE + r")\s*(?:\(\s*|\s+(?:on|via|at|over|-)\s+|\s*[:\-]\s*)" + apps
    )
    p["app_contact"] = re.compile(
        r"(?<![a-z0-9])(?:(?:dm|pm|message|msg|text|add|find|contact|hit|reach|follow)\s+(?:me|us)"
        r"(?:\s+up)?\s+(?:on|via|over|at)|(?:add|follow)\s+(?:my|our)|(?:drop|send|leave|post|"
        r"share)\s+(?:your|ur|me\s+your|us\s+your))\s+(?:" + apps + r"|number|digits|addy)"
    )
    return Rules(
        regions=tuple(data["phone_regions"]), patterns=p, testing=frozenset(data["testing_words"])
    )
