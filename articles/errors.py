"""Indonesian error pages. The 500 page renders without the database or context
processors (the error may be the database itself)."""

from django.http import HttpResponseServerError
from django.template import loader
from django.views.defaults import page_not_found


def not_found(request, exception=None):
    return page_not_found(request, exception, template_name="404.html")


def server_error(request):
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())
