"""Starter content: the categories a new forum opens with, and demo threads."""

from django.utils.translation import gettext_noop as N_

CATEGORIES = [
    {
        "slug": "introductions",
        "name": N_("Introductions"),
        "description": N_(
            "Say hello, in as much or as little detail as you like. No one needs your story "
            "to make you welcome."
        ),
    },
    {
        "slug": "harm-reduction",
        "name": N_("Harm reduction and safer use"),
        "description": N_(
            "Practical, judgement-free talk about staying safer: naloxone, drug checking, "
            "equipment, services that help."
        ),
    },
    {
        "slug": "recovery",
        "name": N_("Recovery in all its forms"),
        "description": N_(
            "Abstinence, medication, cutting down, staying alive: recovery looks different "
            "for everyone, and every path is welcome here."
        ),
    },
    {
        "slug": "practitioners",
        "name": N_("Practitioners' space"),
        "description": N_(
            "Drug workers, nurses, peer workers and pharmacists share practice. Verified "
            "practitioners start threads; everyone can read and reply."
        ),
        "who_can_start": "practitioners",
    },
    {
        "slug": "policy",
        "name": N_("Policy and what needs to change"),
        "description": N_(
            "Laws, services, language and funding: what works, what hurts, and what we "
            "would change."
        ),
    },
    {
        "slug": "grief-and-support",
        "name": N_("Grief and support"),
        "description": N_(
            "For people who have lost someone, and for anyone having a hard time. Go gently."
        ),
    },
]

# (question, framing, category slug). The first is featured on a new forum.
PROMPTS = [
    (
        N_("What does recovery mean to you?"),
        N_(
            "Recovery looks different for everyone: stopping, cutting down, staying on "
            "medication, or simply staying alive. There is no wrong answer."
        ),
        "recovery",
    ),
    (
        N_("Have you seen harm reduction make a difference?"),
        N_(
            "Naloxone, needle exchanges, drug checking, a kind word at the right time. "
            "Stories of what helped show others what is possible."
        ),
        "harm-reduction",
    ),
    (
        N_("What needs to change?"),
        N_(
            "In services, in the law, in how people talk about drug use. Tell us what "
            "you would change first, and why."
        ),
        "policy",
    ),
    (
        N_("What does harm reduction mean to you?"),
        N_("Some call it meeting people where they are. What does it look like in your life?"),
        "harm-reduction",
    ),
    (
        N_("What kept you, or someone you love, safe?"),
        N_("A person, a place, a habit of checking in. Small things save lives."),
        "harm-reduction",
    ),
    (
        N_("What does a good service look like?"),
        N_("Think of a time a service got it right, or wrong. What made the difference?"),
        "policy",
    ),
    (
        N_("How has stigma touched your life?"),
        N_(
            "Judgement keeps people away from help. Sharing how it felt helps others see "
            "it, and change it. Share only what feels safe."
        ),
        "recovery",
    ),
    (
        N_("What words do you wish services used?"),
        N_("Words like “junkie” or “clean” can hurt. Which words make you feel seen as a person?"),
        "policy",
    ),
    (
        N_("What does recovery look like when it isn't abstinence?"),
        N_(
            "Medication, safer use, cutting down, being alive today: all of these count. "
            "Tell us about the recovery that works for you."
        ),
        "recovery",
    ),
    (
        N_("What should a new worker know?"),
        N_(
            "If you could say one thing to someone starting out in drug services, peer "
            "work or nursing, what would it be?"
        ),
        "practitioners",
    ),
    (
        N_("What do you wish your family understood?"),
        N_("Families can be a lifeline and a source of hurt. What would you like them to know?"),
        "grief-and-support",
    ),
    (
        N_("Who do you remember today?"),
        N_(
            "For the people we have lost. Share a name, a memory, or just a moment of "
            "quiet. Go gently."
        ),
        "grief-and-support",
    ),
]

DEMO_MEMBERS = ["river", "sam_outreach", "mo_peer"]

# (category slug, title, author handle, anonymous, opening post, replies)
# Each reply is (author handle, anonymous, text).
DEMO_THREADS = [
    (
        "introductions",
        "Hello from a long-time lurker",
        "river",
        False,
        "I've read here for months and finally made an account. I'm two years into "
        "methadone and mostly doing OK. Thanks for being a place that doesn't judge.",
        [
            ("mo_peer", False, "Welcome, really glad you said hello. Two years is a lot."),
            ("sam_outreach", False, "Welcome in. Stick around, ask anything."),
        ],
    ),
    (
        "harm-reduction",
        "Where to get naloxone without a prescription?",
        "mo_peer",
        False,
        "A friend asked me this and I realised I don't know the answer for every area. "
        "What have you found works? Pharmacies, needle exchanges, outreach vans?",
        [
            (
                "sam_outreach",
                False,
                "Most needle and syringe programmes hand it out with a five-minute "
                "training. Ask at the counter, no questions about use.",
            ),
            (None, True, "Our local pharmacy gave me a kit and showed me how to use it."),
        ],
    ),
    (
        "recovery",
        "What does a good day look like for you?",
        "river",
        True,
        "Not a perfect day, a *good* one. For me it's waking up, eating breakfast and "
        "calling my sister.",
        [("mo_peer", False, "A walk, a coffee, and not feeling I have to explain myself.")],
    ),
]
