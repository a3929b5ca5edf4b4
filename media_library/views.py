from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from perangkat_daerah.models import PerangkatDaerah
from perangkat_daerah.roles import user_pd_ids

from . import access, downloads, pipeline
from .models import Document, Image

EDITOR_RENDITION_WIDTH = 1280


def editor_image_url(image):
    """The 1280-wide JPEG rendition (or the widest there is) for the article body."""
    jpeg = image.renditions_of("jpeg")
    if not jpeg:
        return image.file.url
    fitting = [info for info in jpeg if info["width"] <= EDITOR_RENDITION_WIDTH]
    return (fitting or jpeg)[-1]["url"]


def _error(message, status):
    return JsonResponse({"error": {"message": message}}, status=status)


@require_POST
def editor_upload(request):
    """Image upload for CKEditor 5. CSRF-protected (the editor sends X-CSRFToken);
    only staff with permission to add images; stored through the pipeline. The same
    photo uploaded again (same bytes, visible to the user) reuses the stored image."""
    if not request.user.is_authenticated:
        return _error(_("Please log in again."), 403)
    if not (request.user.is_staff and request.user.has_perm("media_library.add_image")):
        return _error(_("You may not upload images."), 403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _error(_("No file was sent."), 400)
    try:
        data = pipeline.read_upload(upload)
        existing = pipeline.find_duplicate_image(
            pipeline.content_hash(data), Image.objects.visible_to(request.user)
        )
        if existing is None:
            pd_ids = sorted(user_pd_ids(request.user))
            pd = PerangkatDaerah.objects.filter(pk=pd_ids[0]).first() if pd_ids else None
            image = pipeline.ingest_image(upload, uploaded_by=request.user, perangkat_daerah=pd)
        else:
            image = existing
    except ValidationError as error:
        return _error(" ".join(error.messages), 400)
    return JsonResponse({"url": editor_image_url(image), "id": image.pk})


@require_safe
def document_download(request, pk, key):
    """Always a download, never rendered by the browser: attachment (named after the
    document's title), the sniffed content type and nosniff. HEAD (link checkers,
    download managers) gets the same headers."""
    document = get_object_or_404(Document, pk=pk)
    if key != document.download_key:
        raise Http404
    if access.is_withheld(document) and not access.staff_may_see(request, [document.pk]):
        raise Http404
    try:
        handle = document.file.storage.open(document.file.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, content_type=document.content_type)
    downloads.attach(response, document.title, document.kind)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
