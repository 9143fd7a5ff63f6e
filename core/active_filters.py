"""How the admin's listings name a filter in force. Wagtail shows a yes/no filter's value as Python writes it
("Renouvellement dans les 30 jours : True"); here it reads "Oui" or "Non", in the admin's language."""

import django_filters
from django.utils.translation import gettext
from wagtail.admin.active_filters import ActiveFilter, BaseFilterAdapter, register_filter_adapter_class


class YesNoFilterAdapter(BaseFilterAdapter):
    def get_active_filters(self):
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            gettext("Yes") if self.value else gettext("No"),
            self.get_url_without_filter_param(self.name),
        )


def register() -> None:
    register_filter_adapter_class(django_filters.BooleanFilter, YesNoFilterAdapter)
