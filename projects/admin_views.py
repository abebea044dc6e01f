"""The spreadsheet import in the admin, for the working group's moderators.

Step one checks the uploaded file and lists every problem by row and column. A file without
problems is kept (outside the public media) under a random token, and step two imports exactly
that file, so the moderator never has to upload twice and never imports something unchecked.
"""

import io
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .spreadsheet import columns, export, importer

PERMISSION = "projects.import_projects"


CHECKED_FILE_LIFETIME = 24 * 3600  # seconds
SUFFIXES = (".csv", ".xlsx")


def import_dir():
    path = Path(settings.VAR_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def forget_stale_checked_files():
    """Checked files nobody imported: they must not pile up."""
    limit = time.time() - CHECKED_FILE_LIFETIME
    for path in import_dir().iterdir():
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


class CheckedFile:
    """A file that passed the check, kept under a random token until „Import now“.

    Its state is its name: `<token>.csv` waits, `<token>.importing.csv` is being imported,
    `<token>.imported` remembers that it was. Claiming is a rename, which the file system does
    atomically: when the button is pressed several times at once (double click, two tabs),
    exactly one request gets the file and the others find it gone.
    """

    def __init__(self, token):
        self.token = token

    @classmethod
    def keep(cls, token, data, filename):
        suffix = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
        (import_dir() / f"{token}{suffix}").write_bytes(data)
        return cls(token)

    def _waiting(self, suffix):
        return import_dir() / f"{self.token}{suffix}"

    def _claimed(self, suffix):
        return import_dir() / f"{self.token}.importing{suffix}"

    @property
    def _done(self):
        return import_dir() / f"{self.token}.imported"

    def claim(self):
        """The path of the claimed file, or None if it is gone or another request has it."""
        for suffix in SUFFIXES:
            try:
                self._waiting(suffix).rename(self._claimed(suffix))
            except FileNotFoundError:
                continue
            return self._claimed(suffix)
        return None

    def release(self):
        """Back to waiting: the import did not happen."""
        for suffix in SUFFIXES:
            if self._claimed(suffix).exists():
                self._claimed(suffix).rename(self._waiting(suffix))

    def mark_imported(self):
        self._done.touch()
        for suffix in SUFFIXES:
            self._claimed(suffix).unlink(missing_ok=True)

    @property
    def taken(self):
        """Imported already, or being imported right now."""
        return self._done.exists() or any(self._claimed(s).exists() for s in SUFFIXES)


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Spreadsheet (CSV or XLSX)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(size)s MB and %(rows)s rows.") % {
            "size": importer.MAX_UPLOAD_BYTES // 2**20,
            "rows": number_format(importer.MAX_ROWS, force_grouping=True),
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Please upload a CSV or XLSX file."))
        if upload.size > importer.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(importer.too_large_message())
        return upload


class ImportView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Import projects")
    header_icon = "upload"
    template_name = "projects/admin/import.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def render(self, request, status=200, **context):
        context = self.get_context_data(
            columns=[(c, columns.column_description(c)) for c in columns.COLUMNS],
            **context,
        )
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(request, form=UploadForm())

    def post(self, request):
        if "token" in request.POST:
            return self.import_checked(request, request.POST["token"])
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, form=form, status=400)
        upload = form.cleaned_data["file"]
        data = upload.read()
        result = importer.import_file(data, upload.name, dry_run=True)
        if not result.ok:
            return self.render(request, form=UploadForm(), result=result, filename=upload.name)
        forget_stale_checked_files()
        token = secrets.token_urlsafe(16)
        CheckedFile.keep(token, data, upload.name)
        request.session[f"project-import-{token}"] = upload.name
        return self.render(request, result=result, filename=upload.name, token=token)

    def import_checked(self, request, token):
        # The session ties the token to this moderator; the token alone names no file.
        filename = request.session.get(f"project-import-{token}")
        checked = CheckedFile(token)
        path = checked.claim() if filename else None
        if path is None:
            if checked.taken:
                messages.error(
                    request,
                    _(
                        "This file has already been imported (or is being imported right now). "
                        "Nothing was imported twice."
                    ),
                )
            else:
                messages.error(
                    request, _("This checked file is no longer available. Please upload it again.")
                )
            return redirect("project_import")
        try:
            result = importer.import_file(path.read_bytes(), path.name, user=request.user)
        except BaseException:
            checked.release()
            raise
        if not result.ok:
            checked.release()
            # The database changed since the check (e.g. a city was renamed): show why.
            return self.render(request, form=UploadForm(), result=result, filename=filename)
        checked.mark_imported()
        request.session.pop(f"project-import-{token}", None)
        messages.success(
            request,
            _(
                "%(created)s projects created, %(updated)s updated, %(unchanged)s unchanged. "
                "New versions wait for moderation."
            )
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
        )
        return redirect("wagtailadmin_home")


def template_download(request, fmt):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    rows = export.template_rows()
    if fmt == "xlsx":
        out = io.BytesIO()
        export.write_xlsx(rows, out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="projekte-vorlage.xlsx"'
        return response
    # The byte order mark makes spreadsheet programs read umlauts as UTF-8.
    response = HttpResponse(
        "\ufeff" + "".join(export.iter_csv(rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="projekte-vorlage.csv"'
    return response
