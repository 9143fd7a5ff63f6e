import os

from django.core.asgi import get_asgi_application

from config import paths  # noqa: F401  (puts the apps on sys.path)
from config.tz import use_pinned_tzdata

use_pinned_tzdata()  # the pinned tzdata package, not the operating system's zone files

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_asgi_application()
