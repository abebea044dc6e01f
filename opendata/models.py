"""What the catalogue no longer publishes, so that harvesters can drop their copies."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import catalogue


class Removal(models.Model):
    """A record that left the public catalogue: its page was unpublished, deleted or made
    private.

    A harvester that fetches `changed_since` only ever sees what is still published; without
    these rows a withdrawn project would live on in every portal that copied it. Only the kind
    and the id are kept – no title, so that nothing of a deleted page survives here.
    """

    # The catalogue's types (`core.catalogue`): "project", "city", "event".
    kind = models.CharField(_("kind"), max_length=10, choices=catalogue.kind_choices)
    record_id = models.PositiveIntegerField(_("record id"))
    removed_at = models.DateTimeField(_("removed at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("removed record")
        verbose_name_plural = _("removed records")
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id"], name="unique_removal_per_record")
        ]

    def __str__(self):
        return f"{self.kind} {self.record_id}"

    @classmethod
    def record(cls, kind, *record_ids):
        now = timezone.now()
        cls.objects.bulk_create(
            [cls(kind=kind, record_id=pk, removed_at=now) for pk in record_ids],
            update_conflicts=True,
            unique_fields=["kind", "record_id"],
            update_fields=["removed_at"],
        )

    @classmethod
    def forget(cls, kind, *record_ids):
        """The records are public again: they are back in `changed_since`, not removed."""
        cls.objects.filter(kind=kind, record_id__in=record_ids).delete()
