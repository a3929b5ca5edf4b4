from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import is_editor, user_pd_ids
from publishing.forms import PublishableForm

from .models import Album, Video


class OwnAgencyForm(PublishableForm):
    """A Penulis may only choose their own PDs."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if user is not None and not is_editor(user) and "perangkat_daerah" in self.fields:
            field = self.fields["perangkat_daerah"]
            field.queryset = PerangkatDaerah.objects.filter(pk__in=user_pd_ids(user))
            field.empty_label = None


class AlbumAdminForm(OwnAgencyForm):
    class Meta:
        model = Album
        fields = ["title", "slug", "description", "taken_on", "perangkat_daerah"]


class VideoAdminForm(OwnAgencyForm):
    class Meta:
        model = Video
        fields = ["title", "slug", "youtube_url", "description", "perangkat_daerah"]
