from wagtail.snippets.models import register_snippet

from events.viewsets import EventsViewSetGroup

register_snippet(EventsViewSetGroup)
