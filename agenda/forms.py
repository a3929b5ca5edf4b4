from datetime import timedelta

from django import forms
from django.utils import timezone

from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_editor, user_pd_ids
from publishing.forms import PublishableForm

from .models import Event, local_midnight

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventAdminForm(PublishableForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "summary",
            "description",
            "all_day",
            "starts_at",
            "ends_at",
            "place",
            "address",
            "category",
            "perangkat_daerah",
            "coverage_url",
        ]
        field_classes = {"starts_at": forms.DateTimeField, "ends_at": forms.DateTimeField}
        widgets = {
            "starts_at": LocalDateTimeInput(),
            "ends_at": LocalDateTimeInput(),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = DATETIME_FORMATS
        self.fields["ends_at"].required = False
        instance = self.instance
        if instance.pk and instance.all_day and not self.is_bound:
            # Shown as the last day; clean() turns it back into the end of that day.
            self.initial["ends_at"] = local_midnight(instance.last_day)
        if user is not None and not is_editor(user):
            field = self.fields["perangkat_daerah"]
            field.queryset = PerangkatDaerah.objects.filter(pk__in=user_pd_ids(user))
            field.empty_label = None

    def clean(self):
        cleaned = super().clean()
        end = cleaned.get("ends_at")
        if cleaned.get("all_day") and end is not None:
            local = timezone.localtime(end)
            # The end entered for an all-day event is its last day.
            cleaned["ends_at"] = local_midnight(local.date() + timedelta(days=1))
        return cleaned
