from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import user_pd_ids

from . import pipeline


@require_POST
@login_required
def editor_upload(request):
    """Image upload for CKEditor 5. CSRF-protected (the editor sends X-CSRFToken);
    only staff with permission to add images; stored through the pipeline."""
    if not (request.user.is_staff and request.user.has_perm("media_library.add_image")):
        return JsonResponse({"error": {"message": _("You may not upload images.")}}, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": _("No file was sent.")}}, status=400)
    pd_ids = sorted(user_pd_ids(request.user))
    pd = PerangkatDaerah.objects.filter(pk=pd_ids[0]).first() if pd_ids else None
    try:
        image = pipeline.ingest_image(upload, uploaded_by=request.user, perangkat_daerah=pd)
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    return JsonResponse({"url": image.file.url, "id": image.pk})
