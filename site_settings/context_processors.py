from django.utils.functional import SimpleLazyObject

from .models import SiteSettings

# The settings of the current content generation in this process. A public page carries
# the page cache's generation token (request.content_generation), which changes when
# the settings are saved (site_settings is one of PUBLIC_PAGE_CACHE_SHARED_APPS), so the
# record read under a token stays right for it: most pages make no cache round trip.
_memo = {}


def _load(request):
    generation = getattr(request, "content_generation", None)
    if generation is None:
        return SiteSettings.load()
    found = _memo.get(generation)
    if found is None:
        _memo.clear()
        found = _memo[generation] = SiteSettings.load()
    return found


def site(request):
    return {"site_settings": SimpleLazyObject(lambda: _load(request))}
