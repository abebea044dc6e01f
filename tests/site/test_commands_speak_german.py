"""Issue 12, part 5: the management commands speak German to the operators who run them
(plain German strings, see core/management/output.py), without Python object reprs, and
`make run` ends with one block: the address, the accounts, how to stop."""

import importlib.util
import io
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.utils import translation

from core.management.output import counted, readable
from projects.spreadsheet.columns import COLUMN_NAMES

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# Words of English prose that German text does not contain.
ENGLISH = {"the", "and", "or", "to", "of", "with", "from", "for", "is", "not", "run"}


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue() + err.getvalue()


def assert_german(text):
    assert text.strip()
    assert "object at 0x" not in text
    words = {word.strip(".,:;()„“").lower() for word in text.split()}
    assert not words & ENGLISH, f"English in: {text!r}"


def test_update_index_names_no_index_object_and_speaks_german(site_tree):
    output = run("update_index")
    assert_german(output)
    assert "Suchindex „default“ wird neu aufgebaut" in output
    assert "Objekte indexiert." in output
    assert "object at 0x" not in run("update_index", verbosity=2)


def test_import_dry_run_reports_in_german(tmp_path):
    path = tmp_path / "leer.csv"
    path.write_text(",".join(COLUMN_NAMES) + "\n", encoding="utf-8")
    output = run("import_projects", str(path), "--dry-run")
    assert_german(output)
    assert "0 Zeilen sind gültig. Nichts geschrieben (Probelauf)." in output


def test_import_problems_are_german_whatever_language_is_active(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(",".join(COLUMN_NAMES) + "\n" + "," * (len(COLUMN_NAMES) - 1) + "x\n")
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("import_projects", str(path), stdout=out, stderr=err)
    assert_german(str(error.value))
    assert str(error.value).endswith("gefunden; nichts wurde importiert.")
    assert err.getvalue().startswith("Zeile 2, Spalte ")


def test_import_of_a_missing_file_says_why_in_german(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("import_projects", str(tmp_path / "fehlt.csv"))
    assert_german(str(error.value))
    assert str(error.value).endswith("kann nicht gelesen werden: Datei nicht gefunden.")


def test_send_digests_reports_in_german():
    output = run("send_digests", "--week", "2026-W46")
    assert_german(output)
    assert "Wochenzusammenfassung 2026-W46: 0 Mitglieder folgen" in output
    assert "0 verschickt, 0 schon früher verschickt, 0 ohne Neues, 0 fehlgeschlagen." in output


def test_search_index_without_an_engine_says_so_in_german(settings):
    with pytest.raises(CommandError) as error:
        call_command("search_index", "sync")
    assert str(error.value) == "Keine Suchmaschine eingerichtet (ELASTICSEARCH_URL setzen)."


def test_ensure_admin_says_how_to_sign_in_in_german():
    output = run("ensure_admin")
    assert_german(output)
    assert "Admin-Konto „admin“ angelegt." in output


def test_every_project_command_explains_itself_in_german():
    own = {name: app for name, app in get_commands().items() if (ROOT / app).is_dir()}
    assert {"import_projects", "send_digests", "load_demo", "ensure_admin", "update_index"} <= set(
        own
    )
    for name, app in own.items():
        command = load_command_class(app, name)
        parser = command.create_parser("manage.py", name)
        texts = [command.help] + [
            action.help for action in parser._actions if action.dest not in BUILTIN
        ]
        for text in texts:
            assert_german(str(text))


# Django's own options (--verbosity, --settings …) keep Django's words.
BUILTIN = {
    "help",
    "version",
    "verbosity",
    "settings",
    "pythonpath",
    "traceback",
    "no_color",
    "force_color",
    "skip_checks",
}


def test_errors_of_network_libraries_lose_their_object_reprs():
    error = ConnectionError(
        "Connection error caused by: NewConnectionError("
        "<urllib3.connection.HTTPConnection object at 0x7f3a2c1d0e50>: Failed to establish)"
    )
    assert "object at 0x" not in readable(error)
    assert readable(error).endswith("NewConnectionError(Failed to establish)")
    assert counted(1, "Zeile", "Zeilen") == "1 Zeile"
    assert counted(3, "Zeile", "Zeilen") == "3 Zeilen"


def load_dev_server():
    spec = importlib.util.spec_from_file_location("dev_server", ROOT / "scripts" / "dev_server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RUNSERVER = [
    "Performing system checks...\n",
    "\n",
    "System check identified no issues (0 silenced).\n",
    "November 29, 2026 - 23:20:00\n",
    "Django version 5.2.8, using settings 'config.settings.dev'\n",
    "Starting development server at http://127.0.0.1:8000/\n",
    "Quit the server with CONTROL-C.\n",
    "\n",
    '[29/Nov/2026 23:20:05] "GET / HTTP/1.1" 200 12345\n',
]


def test_make_run_ends_with_one_german_block_instead_of_runservers_announcement():
    dev_server = load_dev_server()
    block = dev_server.ready_block({})
    printed = list(dev_server.relay(iter(RUNSERVER), block))
    assert printed == [block, "\n", '[29/Nov/2026 23:20:05] "GET / HTTP/1.1" 200 12345\n']
    assert "http://127.0.0.1:8000/" in block and "http://127.0.0.1:8000/admin/" in block
    for account in ("admin", "mitglied", "moderation", "redaktion-guetersloh", "redaktion-koeln"):
        assert account in block
    assert "kommunal-demo" in block and "Beenden: Strg+C" in block
    assert "aus ADMIN_PASSWORD" in dev_server.ready_block({"ADMIN_PASSWORD": "geheim"})
    assert "geheim" not in dev_server.ready_block({"ADMIN_PASSWORD": "geheim"})
