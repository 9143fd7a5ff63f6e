import logging

from django.core.management.base import BaseCommand

from cms.translations import sync_page_trees
from config.page_cache import clear_page_cache

# One "page created" and two task lines per alias: a site of a few hundred pages would print thousands.
CHATTY_LOGGERS = ("wagtail", "django_tasks", "modelsearch")


class Command(BaseCommand):
    help = (
        "Give every live page of the default language a version in every other language: a live alias (the French "
        "content under /en/ or /ar/, with a notice) where it has no translation yet. Idempotent; the admin does the "
        "same for pages created there. Run it once on a site whose pages were created before the tree was synced."
    )

    def handle(self, *args, **options):
        loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
        levels = [logger.level for logger in loggers]
        for logger in loggers:
            logger.setLevel(max(logger.getEffectiveLevel(), logging.WARNING))
        try:
            created = sync_page_trees()
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)
        if created:
            # Aliases are created without a publish signal: forget the anonymous pages cached before them.
            clear_page_cache()
        self.stdout.write(f"Aliases created: {created}.")
