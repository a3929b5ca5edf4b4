"""The editor's upload goes to our view; its permission/CSRF/hostile-file tests are in tests/media."""

from django.urls import reverse

URL = reverse("media_library:editor_upload")


def test_widget_posts_to_our_view_not_the_package_view():
    from django_ckeditor_5.widgets import CKEditor5Widget

    html = CKEditor5Widget(config_name="article").render("body", "", attrs={"id": "id_body"})
    assert f'data-upload-url="{URL}"' in html
