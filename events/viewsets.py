from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from events.models import Speaker


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "role", "organisation"]
    list_filter = ["organisation"]
    list_export = ["name", "role", "organisation", "bio"]
    search_fields = ["name", "organisation"]
    search_backend_name = None  # plain database lookups: the list stays searchable without a search index rebuild
    ordering = ["name"]


class EventsViewSetGroup(SnippetViewSetGroup):
    """The "Events" admin menu; registrations and tickets join it later."""

    items = (SpeakerViewSet,)
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 300
