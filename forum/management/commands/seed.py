"""Load the starter categories (and, with --demo, a few threads to look around).

Safe to run any number of times: what already exists is left as it is.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from forum import clock, prompts, services
from forum.models import Category, Prompt, Thread
from forum.seed_data import CATEGORIES, DEMO_MEMBERS, DEMO_THREADS, PROMPTS


class Command(BaseCommand):
    help = "Load starter categories; with --demo, demo members and threads too."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="Also add demo members and threads."
        )

    @transaction.atomic
    def handle(self, *args, demo=False, **options):
        created = 0
        for position, spec in enumerate(CATEGORIES):
            _, was_created = Category.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "description": spec["description"],
                    "position": position,
                    "who_can_start": spec.get("who_can_start", Category.StartPolicy.EVERYONE),
                },
            )
            created += was_created
        self.stdout.write(
            f"Categories: {created} added, {len(CATEGORIES) - created} already there."
        )
        self._seed_prompts()
        if demo:
            self._seed_demo()

    def _seed_prompts(self):
        # A new forum opens with its first prompt featured and the others as
        # earlier questions, a week each, open for answers: the archive shows
        # everyone only questions that have run, so unscheduled ones would be
        # invisible to all but moderators. After that the schedule is theirs.
        fresh = not Prompt.objects.filter(starts_at__isnull=False).exists()
        now = clock.now()
        added = []
        for position, (question, framing, slug) in enumerate(PROMPTS):
            if Prompt.objects.filter(question=question).exists():
                continue
            schedule = {}
            if fresh and position:
                starts_at = now - timedelta(weeks=position)
                schedule = {"starts_at": starts_at, "ends_at": starts_at + timedelta(weeks=1)}
            added.append(
                prompts.create_prompt(
                    by=None,
                    question=question,
                    framing=framing,
                    category=Category.objects.get(slug=slug),
                    **schedule,
                )
            )
        if fresh:
            first = Prompt.objects.get(question=PROMPTS[0][0])
            prompts.feature_now(prompt=first, by=None)
        self.stdout.write(
            f"Prompts: {len(added)} added, {len(PROMPTS) - len(added)} already there."
        )

    def _seed_demo(self):
        User = get_user_model()
        members = {}
        for handle in DEMO_MEMBERS:
            member = User.objects.filter(handle=handle).first()
            if member is None:
                # Through the manager, so the handle's skeleton is set as for anyone.
                member = User.objects.create_user(handle=handle, password=None)
            members[handle] = member
        # Anonymous demo replies need a real author behind them, as any post does.
        fallback = members[DEMO_MEMBERS[0]]
        added = 0
        for slug, title, author, anonymous, body, replies in DEMO_THREADS:
            category = Category.objects.get(slug=slug)
            if Thread.objects.filter(category=category, title=title).exists():
                continue
            thread = services.create_thread(
                category=category,
                author=members[author],
                title=title,
                body=body,
                anonymous=anonymous,
            )
            for reply_author, reply_anonymous, text in replies:
                services.create_post(
                    thread=thread,
                    author=members.get(reply_author, fallback),
                    body=text,
                    anonymous=reply_anonymous,
                )
            added += 1
        self.stdout.write(f"Demo threads: {added} added.")
