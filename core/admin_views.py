"""Wagtail's admin views where the site needs them to behave differently."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.pages import create


class CreatePageView(create.CreateView):
    """Wagtail's "add page" view, safe against a page created by another request meanwhile.

    The form checks that the slug is free, but until the page is saved another request can take
    it: above all Wagtail's autosave, which creates the page in the background, while the editor
    presses „Publish“ in the same second. The model's check then raised a ValidationError
    (a 500), after the parent's child count had already been raised. Here the whole creation is
    one transaction, and a clash becomes a form error (or the autosave's JSON error)."""

    clash_message = _(
        "While saving, another page was created at the same place, perhaps this very page by "
        "the automatic saving. Nothing was saved twice: please check the list of pages before "
        "saving again."
    )

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
        except IntegrityError:
            # Two children inserted at once were given the same tree path.
            errors = {}
        self._forget_tree_position()
        form.add_error(None, self.clash_message)
        for name, messages in errors.items():
            form.add_error(name if name in form.fields else None, messages)
        return self.form_invalid(form)

    def _forget_tree_position(self):
        # add_child placed the unsaved page in the tree in memory; the form is shown again for
        # a page that does not exist yet.
        self.page.path, self.page.depth, self.page.numchild = "", None, 0
        self.page.pk = self.page.id = None
        self.page._state.adding = True
