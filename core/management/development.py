"""Commands that create demo data or accounts with known passwords: development only."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

FORCE_OPTION = "--force-demo-in-production"


class DevelopmentCommand(BaseCommand):
    """Refuses to run where DEBUG is off (production settings) unless the operator forces it
    with --force-demo-in-production or ALLOW_DEMO_DATA=1, before anything is written."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            FORCE_OPTION,
            action="store_true",
            help="Auch ohne DEBUG ausführen: legt Konten mit bekannten Passwörtern an.",
        )
        return parser

    def execute(self, *args, **options):
        if not (
            settings.DEBUG or settings.ALLOW_DEMO_DATA or options.get("force_demo_in_production")
        ):
            name = type(self).__module__.rpartition(".")[2]
            raise CommandError(
                f"Abgebrochen: DEBUG ist aus (Produktionseinstellungen), und „{name}“ würde "
                "Konten mit bekannten Passwörtern auf einer öffentlichen Website anlegen. "
                f"Wenn Sie das wirklich wollen: {FORCE_OPTION} angeben oder ALLOW_DEMO_DATA=1 "
                "setzen."
            )
        return super().execute(*args, **options)
