"""Read an HTML form the way a browser would submit it (no hand-built POST bodies)."""

from lxml import html as lxml_html


def read_form(page, form_id=None):
    """{name: value or [values]} of the form's successful controls: text inputs,
    hidden inputs, checked boxes, selected options and textareas; buttons and the
    inline formset templates (``__prefix__``) are left out."""
    doc = lxml_html.fromstring(page if isinstance(page, str) else page.decode())
    form = doc.get_element_by_id(form_id) if form_id else doc.xpath("//form")[0]
    data = {}

    def put(name, value):
        if name in data:
            existing = data[name]
            data[name] = (existing if isinstance(existing, list) else [existing]) + [value]
        else:
            data[name] = value

    for element in form.iter("input", "select", "textarea"):
        name = element.get("name")
        if not name or "__prefix__" in name or element.get("disabled") is not None:
            continue
        if element.tag == "input":
            kind = (element.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if element.get("checked") is not None:
                    put(name, element.get("value") or "on")
                continue
            put(name, element.get("value") or "")
        elif element.tag == "select":
            chosen = [
                o.get("value") for o in element.iter("option") if o.get("selected") is not None
            ]
            if element.get("multiple") is not None:
                data[name] = chosen
            elif chosen:
                put(name, chosen[0])
            else:
                options = list(element.iter("option"))
                put(name, options[0].get("value") if options else "")
        else:
            put(name, element.text or "")
    return data


def login(client, username, password="pw"):
    """Log in through the admin login form, as a person would."""
    page = client.get("/admin/login/")
    data = read_form(page.content, "login-form")
    data.update(username=username, password=password)
    response = client.post("/admin/login/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return client
