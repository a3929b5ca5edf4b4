"""Move a WordPress site in: WXR import (parse → clean → importer) and the old-URL redirects.

All calls into the editorial workflow live in ``adapter``; all media goes through
``media_library.pipeline``.
"""
