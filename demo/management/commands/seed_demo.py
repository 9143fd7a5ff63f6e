import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from demo.seed import seed_demo


class Command(BaseCommand):
    help = (
        "Build the demo site: association identity, pages, news, events, member companies and demo accounts. "
        "Idempotent. --scale N adds N×500 companies, N×100 articles and N×25 events for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=0, help="Add a large generated data set (0: none).")
        parser.add_argument("--no-images", action="store_true", help="Skip the generated logos and pictures.")

    def handle(self, *args, scale, no_images, verbosity, **options):
        if scale < 0:
            raise CommandError("--scale must be zero or more.")
        with quiet_loggers("django_tasks", "wagtail", "modelsearch"):
            report = seed_demo(scale=scale, with_images=not no_images, log=self.stdout.write if verbosity else None)
        self.stdout.write(self.style.SUCCESS("Demo content ready: " + ", ".join(f"{v} {k}" for k, v in report.items())))


@contextmanager
def quiet_loggers(*names: str):
    """Hundreds of pages mean thousands of "task started/succeeded" and "page published" lines: keep warnings."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.getEffectiveLevel(), logging.WARNING))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
