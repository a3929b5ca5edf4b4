"""Driving the admin over HTTP as a person does: log in, open the page, read the form
from it, change what a person would change, post it back."""

import re

from django.test import Client

from articles.models import Article
from tests.formreader import login, read_form


def client_for(user):
    return login(Client(), user.get_username())


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def open_form(client, article):
    page = client.get(change_url(article))
    assert page.status_code == 200, page.status_code
    return page.content.decode(), read_form(page.content, "article_form")


def rows(data, prefix):
    """The inline rows of a formset as posted: [{field: value}] (without the prefix)."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    found = []
    for index in range(total):
        head = f"{prefix}-{index}-"
        found.append({k[len(head) :]: v for k, v in data.items() if k.startswith(head)})
    return found


def add_row(data, prefix, article, **values):
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data[f"{prefix}-{index}-id"] = ""
    data[f"{prefix}-{index}-article"] = str(article.pk)
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = str(value)
    return data


def delete_row(data, prefix, field, value):
    for index, row in enumerate(rows(data, prefix)):
        if str(row.get(field)) == str(value):
            data[f"{prefix}-{index}-DELETE"] = "on"
            return data
    raise AssertionError(f"no {prefix} row with {field}={value}")


def save(client, article, data, button="_continue"):
    body = {**data, button: "1"}
    return client.post(change_url(article), body)


def messages_of(response_or_html):
    html = (
        response_or_html if isinstance(response_or_html, str) else response_or_html.content.decode()
    )
    return " ".join(
        re.findall(r'<li class="(?:error|warning|success|info)">(.*?)</li>', html, re.S)
    )


def post_panel_form(client, article, form_id, **fields):
    """Submit one of the status panel's forms (read from the change page)."""
    page = client.get(change_url(article)).content.decode()
    data = read_form(page, form_id)
    data.update(fields)
    action = re.search(rf'<form method="post" action="([^"]+)"[^>]*id="{form_id}"', page)
    if action is None:
        action = re.search(rf'id="{form_id}"[^>]*action="([^"]+)"', page)
    assert action, f"form {form_id} not on the page"
    return client.post(action.group(1).replace("&amp;", "&"), data)


def live_page(article):
    article = Article.objects.get(pk=article.pk)
    return Client().get(article.get_absolute_url())
