"""Drive admin forms over HTTP as a browser does: read the form from the page, post it back."""

from lxml import html as lxml_html


def read_form(response, form_id=None):
    """The values a browser would submit for the page's form (checked boxes, selected
    options, hidden fields), as {name: [values]}; buttons and files left out."""
    assert response.status_code == 200, response.status_code
    doc = lxml_html.fromstring(response.content.decode())
    forms = [form for form in doc.forms if form_id is None or form.get("id") == form_id]
    forms = [form for form in forms if form.method.upper() == "POST"]
    assert forms, f"no POST form {form_id or ''} on the page"
    values = {}
    for name, value in forms[0].form_values():
        values.setdefault(name, []).append(value)
    return values


def field_names(response):
    doc = lxml_html.fromstring(response.content.decode())
    return {element.get("name") for element in doc.xpath("//form//*[@name]")}


def select_options(response, name):
    doc = lxml_html.fromstring(response.content.decode())
    return {
        option.text_content().strip(): option.get("value")
        for option in doc.xpath(f"//select[@name='{name}']/option")
    }


def real_login(client, username, password):
    """Log in through the admin login page (CSRF, password check, session)."""
    client.handler.enforce_csrf_checks = True
    page = client.get("/admin/login/")
    data = read_form(page)
    data.update(username=[username], password=[password])
    response = client.post("/admin/login/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return client
