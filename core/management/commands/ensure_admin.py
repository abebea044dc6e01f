"""Make sure an admin account exists and say how to sign in (development set-up)."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model

from core.management.development import DevelopmentCommand


class Command(DevelopmentCommand):
    help = "Legt das Admin-Konto an, falls es fehlt, und sagt, wie man sich anmeldet."

    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password = os.environ.get("ADMIN_PASSWORD", "admin")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        if created:
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            self.stdout.write(f"Admin-Konto „{username}“ angelegt.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Redaktion: {settings.WAGTAILADMIN_BASE_URL}/admin/ als „{username}“"
                + (
                    f", Passwort „{password}“."
                    if created or "ADMIN_PASSWORD" in os.environ
                    else " (Passwort unverändert)."
                )
            )
        )
