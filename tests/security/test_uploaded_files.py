"""Finding 2: uploaded HTML or SVG must never run as script on the site's origin, and
documents of private collections must not be reachable past the privacy check."""

import pytest

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db

SCRIPT = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def upload(client, editor, city, kind, title, name, content, content_type):
    """What an editor does in the admin: add a document or image to the city's collection."""
    client.force_login(editor)
    return client.post(
        f"/admin/{kind}/add/",
        {
            "title": title,
            "collection": city.collection.pk,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


@pytest.mark.parametrize(("name", "content"), [("x.html", SCRIPT), ("x.svg", SVG)])
def test_editor_cannot_upload_html_or_svg_as_document(
    client, guetersloh_editor, guetersloh, name, content
):
    response = upload(
        client, guetersloh_editor, guetersloh, "documents", "Angriff", name, content, "text/html"
    )
    assert response.status_code == 200  # the form again, with the error
    assert "file" in response.context["form"].errors
    assert not get_document_model().objects.filter(title="Angriff").exists()


def test_pdf_upload_still_works(client, guetersloh_editor, guetersloh):
    response = upload(
        client,
        guetersloh_editor,
        guetersloh,
        "documents",
        "Konzept",
        "konzept.pdf",
        b"%PDF-1.4\n",
        "application/pdf",
    )
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Konzept").exists()


def test_svg_is_not_accepted_as_image(client, guetersloh_editor, guetersloh):
    response = upload(
        client, guetersloh_editor, guetersloh, "images", "Logo", "logo.svg", SVG, "image/svg+xml"
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


@pytest.fixture
def html_document(db):
    """An HTML file that got in before types were restricted (or through a renamed upload)."""
    return get_document_model().objects.create(title="Alt", file=ContentFile(SCRIPT, "alt.html"))


def test_documents_are_served_as_attachments_without_script(client, html_document):
    response = client.get(html_document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_folder_never_serves_documents(client, html_document):
    assert html_document.url.startswith("/dokumente/")
    direct = f"/media/{html_document.file.name}"
    assert client.get(direct).status_code == 404
    assert client.get(f"/media/images/../{html_document.file.name}").status_code == 404


@pytest.fixture
def private_document(db):
    board = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.LOGIN
    )
    return get_document_model().objects.create(
        title="Intern", collection=board, file=ContentFile(b"%PDF-1.4 geheim", "intern.pdf")
    )


def test_private_collection_documents_need_sign_in_everywhere(client, private_document, member):
    response = client.get(private_document.url)
    assert response.status_code == 302 and "/anmelden/" in response["Location"]
    assert client.get(f"/media/{private_document.file.name}").status_code == 404
    client.force_login(member)
    assert client.get(private_document.url).status_code == 200


def test_images_are_still_served_from_media(client, db):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Wappen", file=get_test_image_file())
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert b"".join(response.streaming_content)[:4] == b"\x89PNG"
