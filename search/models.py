from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexTask(models.Model):
    """A page whose search document must be written or removed.

    A durable queue: publishing never waits for, or fails because of, the search engine. One row
    per page at most, so a page changed five times while the engine was down is indexed once.
    """

    class Action(models.TextChoices):
        UPSERT = "upsert", _("write")
        DELETE = "delete", _("remove")

    kind = models.CharField(max_length=20)
    page_id = models.PositiveIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "page_id"], name="one_task_per_page")
        ]
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.action} {self.kind} {self.page_id}"
