"""One form field as the site renders it (templates/components/form_field.html)."""

from bs4 import BeautifulSoup
from django import forms
from django.template.loader import render_to_string


class RegistrationLike(forms.Form):
    name = forms.CharField(label="Nom")
    ticket = forms.ChoiceField(
        label="Billet", choices=[("1", "Pass conférence"), ("2", "Atelier")], widget=forms.RadioSelect
    )
    topics = forms.MultipleChoiceField(
        label="Thèmes", choices=[("ia", "IA"), ("cloud", "Cloud")], widget=forms.CheckboxSelectMultiple, required=False
    )


def rendered(field) -> BeautifulSoup:
    return BeautifulSoup(render_to_string("components/form_field.html", {"field": field}), "html.parser")


def test_a_group_of_radio_buttons_is_a_fieldset_named_by_its_legend():
    html = rendered(RegistrationLike()["ticket"])

    group = html.select_one("fieldset.field.field--required")
    assert group.legend.get_text(" ", strip=True) == "Billet *"
    assert [label["for"] for label in group.select("label")] == ["id_ticket_0", "id_ticket_1"]
    assert [radio["id"] for radio in group.select("input[type=radio]")] == ["id_ticket_0", "id_ticket_1"]


def test_a_group_of_checkboxes_is_a_fieldset_with_its_errors_inside():
    form = RegistrationLike(data={"name": "Amina", "ticket": "1", "topics": ["nope"]})
    assert not form.is_valid()
    html = rendered(form["topics"])

    group = html.select_one("fieldset.field.field--invalid")
    assert group.legend.get_text(strip=True) == "Thèmes"
    assert group.select_one(".field__error[role=alert]").get_text(strip=True)


def test_a_single_control_keeps_its_label_pointing_at_it():
    html = rendered(RegistrationLike()["name"])

    assert html.select_one("fieldset") is None
    assert html.select_one("div.field label.field__label")["for"] == "id_name"
    assert html.select_one("input#id_name")
