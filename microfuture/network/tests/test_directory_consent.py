"""The staff keep the directory: organisations and people with their consent (a scope
ticked without a day is refused with a plain message); others may not write."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microfuture.network.errors import NetworkError
from microfuture.network.models import Organisation, Person
from microfuture.network.services_directory import person_save

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def person_post(**changes: Any) -> dict[str, Any]:
    data = {"name": "Mojca Nova", "organisation": "", "role": "Director",
            "email": "mojca@example.org", "phone": "", "consent_on": "",
            "consent_text": ""}
    data.update(changes)
    return data


WRITE_PAGES = ["network:organisation_new", "network:person_new"]


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_write_pages_send_nobody_signed_in_to_sign_in(name: str) -> None:
    response = Client().get(reverse(name))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_write_pages_refuse_people_who_are_not_staff(name: str, outsider: Any,
                                                     curator: Any) -> None:
    for user in (outsider, curator):
        assert client_for(user).get(reverse(name)).status_code == 403
        assert client_for(user).post(reverse(name), person_post()).status_code == 403
    assert not Person.objects.exists()


def test_edit_pages_refuse_people_who_are_not_staff(outsider: Any, agency: Any,
                                                    listed_person: Any) -> None:
    client = client_for(outsider)
    assert client.post(reverse("network:organisation_edit", args=[agency.pk]),
                       {"name": "Hijacked", "kind": "research", "country": "SI"}
                       ).status_code == 403
    assert client.post(reverse("network:person_edit", args=[listed_person.pk]),
                       person_post(name="Hijacked")).status_code == 403
    agency.refresh_from_db()
    listed_person.refresh_from_db()
    assert agency.name != "Hijacked" and listed_person.name == "Petra Listed"


def test_a_consent_scope_without_a_day_is_refused(coordinator: Any) -> None:
    response = client_for(coordinator).post(reverse("network:person_new"),
                                            person_post(consent_listed="on"))
    assert response.status_code == 400
    assert "Give the day the person agreed" in response.content.decode()
    assert not Person.objects.exists()


def test_staff_record_a_person_with_consent(coordinator: Any, agency: Any) -> None:
    response = client_for(coordinator).post(reverse("network:person_new"), person_post(
        organisation=agency.pk, consent_on="2026-11-20", consent_listed="on",
        consent_text="Signed the attendance list's consent box.", languages=["sl", "en"]))
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("network:person", args=[person.pk])
    assert (person.consent_on, person.consent_listed, person.consent_contacted) == (
        date(2026, 11, 20), True, False)
    assert person.organisation == agency and person.languages == ["sl", "en"]


def test_a_consent_day_in_the_future_is_refused(admin: Any) -> None:
    response = client_for(admin).post(reverse("network:person_new"), person_post(
        consent_on="2999-01-01", consent_listed="on"))
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()


def test_a_person_without_consent_needs_no_day(admin: Any) -> None:
    response = client_for(admin).post(reverse("network:person_new"), person_post())
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.consent_on is None and not person.listed


def test_consent_given_without_a_day_through_the_service_is_dated_today(admin: Any) -> None:
    person = person_save(actor=admin, name="Jure Danes", consent_contacted=True)
    assert person.consent_on == timezone.localdate()
    assert person.consent_contacted and not person.consent_listed


def test_the_service_refuses_who_is_not_staff(outsider: Any) -> None:
    with pytest.raises(NetworkError):
        person_save(actor=outsider, name="Nobody")
    assert not Person.objects.exists()


def test_staff_edit_a_persons_consent(coordinator: Any, unlisted_person: Any) -> None:
    client = client_for(coordinator)
    form = client.get(reverse("network:person_edit", args=[unlisted_person.pk]))
    assert form.status_code == 200 and "Urban Unlisted" in form.content.decode()
    client.post(reverse("network:person_edit", args=[unlisted_person.pk]), person_post(
        name="Urban Unlisted", organisation=unlisted_person.organisation_id,
        consent_on="2026-10-01", consent_listed="on"))
    unlisted_person.refresh_from_db()
    assert unlisted_person.listed and unlisted_person.consent_on == date(2026, 10, 1)


def test_staff_create_and_edit_an_organisation(admin: Any) -> None:
    client = client_for(admin)
    response = client.post(reverse("network:organisation_new"), {
        "name": "Delavska hranilnica", "kind": "financial_institution", "country": "SI",
        "region": "SI041", "website": "https://www.dh.si/", "about_sl": "Banka.",
        "about_en": "A bank."})
    org = Organisation.objects.get(name="Delavska hranilnica")
    assert response.status_code == 302
    assert response["Location"] == reverse("network:organisation", args=[org.pk])
    assert (org.kind, org.region, org.website) == ("financial_institution", "SI041",
                                                   "https://www.dh.si/")
    client.post(reverse("network:organisation_edit", args=[org.pk]), {
        "name": "Delavska hranilnica d.d.", "kind": "financial_institution",
        "country": "SI"})
    org.refresh_from_db()
    assert org.name == "Delavska hranilnica d.d." and org.region == ""


def test_an_organisations_name_is_unique_whatever_its_case(admin: Any, agency: Any) -> None:
    response = client_for(admin).post(reverse("network:organisation_new"), {
        "name": agency.name.upper(), "kind": "support_org", "country": "SI"})
    assert response.status_code == 400
    assert "already has an organisation called" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_the_staffs_forms_show_every_field_with_its_label(admin: Any, agency: Any) -> None:
    client = client_for(admin)
    page = client.get(reverse("network:person_new"), {"organisation": agency.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert f'<option value="{agency.pk}" selected>' in html
    for label in ("Consent given on", "Agreed to be listed in the directory",
                  "Agreed to be contacted", '<legend>Consent</legend>'):
        assert label in html
    page = client.get(reverse("network:organisation_new"))
    html = page.content.decode()
    assert page.status_code == 200
    for label in ("Finance mechanisms it offers", "Good practices it runs", "The clubs it is",
                  'for="id_website"'):
        assert label in html
