""" "Jadwalkan" with a time in the past, on every registered type: the Indonesian error
is shown beside the schedule form, which still holds the time, the expiry and the
comment the editor typed; nothing changes."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from publishing import workflow
from tests.formreader import read_form
from tests.portal_pages.helpers import grant_content_permissions

from .content import one_of_each

pytestmark = pytest.mark.django_db


def test_a_past_schedule_time_is_refused_and_kept_in_the_form(world, as_user):
    grant_content_permissions()
    items = one_of_each(world)
    editor = as_user(world.redaktur)
    past = (timezone.localtime() - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    later = (timezone.localtime() + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M")
    for kind, item in items.items():
        workflow.unpublish(world.redaktur, item, "Perlu diperiksa ulang")
        workflow.restore(world.redaktur, item)
        opts = item._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/"
        data = read_form(editor.get(base + "change/").content, "wf-schedule")
        data.update(when=past, expires=later, comment="Tayang bersama rilis — ñ ü")
        response = editor.post(base + "workflow/", data)
        assert response.status_code == 400, kind
        doc = lxml_html.fromstring(response.content.decode())
        form = doc.get_element_by_id("wf-schedule")
        errors = form.xpath(".//ul[@class='errorlist']")[0].text_content()
        assert "Pilih waktu terbit di masa mendatang." in errors, kind
        assert form.xpath(".//input[@name='when']")[0].get("value") == past, kind
        assert form.xpath(".//input[@name='expires']")[0].get("value") == later, kind
        assert form.xpath(".//input[@name='comment']")[0].get("value") == data["comment"]
        # Only the refused step holds the typed values.
        other = doc.get_element_by_id("wf-publish")
        assert not other.xpath(".//input[@name='expires']")[0].get("value"), kind
        item.refresh_from_db()
        assert item.status == "draft" and not item.is_scheduled, kind
        # Corrected, the same form schedules it.
        fixed = read_form(response.content, "wf-schedule")
        fixed["when"] = later
        fixed["expires"] = ""
        assert editor.post(base + "workflow/", fixed).status_code == 302, kind
        item.refresh_from_db()
        assert item.is_scheduled, kind
