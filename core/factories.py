"""Test data the way people make it (factory_boy and wagtail-factories): accounts, and pages
created as an editor does, through a revision that is published, so that everything listening
to publishing (search index, caches, feeds) sees them as it sees real pages."""

import factory
from factory.django import DjangoModelFactory

from django.contrib.auth import get_user_model

import wagtail_factories

PASSWORD = "pw-12345!"  # noqa: S105 - test accounts only


class UserFactory(DjangoModelFactory):
    """`UserFactory(username="redaktion-gt", groups=[city.editor_group])`; the password is
    `PASSWORD`."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"mitglied-{n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page saved as a revision and published (`live=False`: a draft that was never
    published). Relations set by post-generation hooks (topics, tags) are in that revision."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    # An empty slug is made from the title by the page itself (ASCII, ä → ae).
    slug = ""

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if not create:
            return
        revision = instance.save_revision()
        if instance.live:
            revision.publish()
        instance.refresh_from_db()
