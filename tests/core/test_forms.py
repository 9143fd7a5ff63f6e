"""Shared form fields (core.forms)."""

import pytest
from django.core.exceptions import ValidationError

from core.forms import LocalizedMultipleChoiceField
from members.models import Sector

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pk", ["-99999999999999999999", str(2**63), "abc"])
def test_an_id_no_column_can_hold_is_refused_like_an_unknown_one(pk):
    field = LocalizedMultipleChoiceField(queryset=Sector.objects.all())

    with pytest.raises(ValidationError) as error:
        field.clean([pk])

    assert error.value.code == "invalid_pk_value"


def test_known_ids_are_chosen_and_labelled_in_the_current_language():
    sector = Sector.objects.order_by("pk").first()
    field = LocalizedMultipleChoiceField(queryset=Sector.objects.all())

    assert list(field.clean([str(sector.pk)])) == [sector]
    assert field.label_from_instance(sector) == sector.name_for()
