"""Word-level difference of two texts as HTML (<del>/<ins>), for comparing revisions."""

import difflib
import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe


def text_of(value):
    """Readable text of a field value; rich text loses its tags but keeps its lines."""
    value = "" if value is None else str(value)
    if "<" in value:
        value = re.sub(r"</(p|h\d|li|blockquote|tr|figure)>|<br\s*/?>", "\n", value)
        value = unescape(strip_tags(value))
    return value


def _tokens(text):
    return re.findall(r"\s+|[^\s]+", text)


def html_diff(old, new):
    a, b = _tokens(old), _tokens(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f'<del class="diff-del">{escape("".join(a[i1:i2]))}</del>')
        if j2 > j1:
            out.append(f'<ins class="diff-ins">{escape("".join(b[j1:j2]))}</ins>')
    return mark_safe("".join(out).replace("\n", "<br>"))
