from django.contrib.admin.utils import quote
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.translation import ngettext

from core.validators import ice_is_valid
from members.models import Organisation


class Command(BaseCommand):
    help = (
        "List the companies whose ICE fails the check digits (or is not 15 digits), with the admin page where to "
        "correct it. Companies without an ICE are not counted. Changes nothing; the exit code is 0."
    )

    def handle(self, *args, **options):
        companies = (
            Organisation.objects.exclude(ice="").order_by("legal_name", "pk").values_list("pk", "legal_name", "ice")
        )
        total = failing = 0
        for pk, legal_name, ice in companies.iterator():
            total += 1
            if ice_is_valid(ice):
                continue
            failing += 1
            self.stdout.write(f"{legal_name}\t{ice}\t{reverse('members_organisations:edit', args=[quote(pk)])}")
        self.stdout.write(
            ngettext(
                "%(failing)d of %(total)d company has an ICE whose check digits fail.",
                "%(failing)d of %(total)d companies have an ICE whose check digits fail.",
                total,
            )
            % {"failing": failing, "total": total}
        )
