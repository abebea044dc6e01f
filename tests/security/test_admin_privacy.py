"""Finding 12: the admin shows no avatars from Gravatar (a third party that would learn who
works in the admin, from a hash of each user's e-mail address)."""

import pytest

from core import roles
from core.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/admin/", "/admin/account/", "/admin/users/"])
def test_admin_pages_load_no_gravatar(client, url):
    admin = UserFactory(username="admin", email="admin@kommunal.example", is_superuser=True)
    UserFactory(
        username="moderation",
        groups=[roles.moderators_group()],
        email="moderation@kommunal.example",
    )
    client.force_login(admin)
    response = client.get(url)
    assert response.status_code == 200
    assert "gravatar" not in response.content.decode().lower()
