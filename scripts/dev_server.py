"""`make run`'s server: the site with a real search engine, without installing Elasticsearch.

Unless ELASTICSEARCH_URL is set (or SEARCH_ENGINE=database), start an in-memory osmem-server
(a development dependency speaking the Elasticsearch API), rebuild the index from the database,
then serve. The engine lives as long as this process.

Django's development server announces itself in English (date, version, address, how to quit,
a warning); here those lines give way to one German block, printed once the server listens:
the last thing `make run` prints before the requests.
"""

import os
import re
import subprocess
import sys

DEFAULT_ADDRESS = "127.0.0.1:8000"

READY = """
────────────────────────────────────────────────────────────────────
  Kommunal Digital läuft:  http://{address}/
  Redaktion (Wagtail):     http://{address}/admin/
    Admin-Konto:           {admin} / Passwort {admin_password}
  Demo-Konten (nur Entwicklung), Passwort {demo_password}:
    mitglied               Mitglied: sieht Kontaktdaten
    moderation             Moderation: veröffentlicht alles
    redaktion-guetersloh   Redaktion der Stadt Gütersloh
    redaktion-koeln        Redaktion der Stadt Köln
  Beenden: Strg+C
────────────────────────────────────────────────────────────────────
"""

# runserver's own announcement, replaced by READY (its errors and warnings still show).
ANNOUNCEMENT = re.compile(
    r"^(Performing system checks\.\.\.|System check identified no issues|"
    r"\w+ \d{2}, \d{4} - \d|Django version |Starting development server at |"
    r"Quit the server with |Watching for file changes with )"
)


def manage(*args, env):
    return subprocess.call([sys.executable, "manage.py", *args], env=env)  # noqa: S603


def ready_block(env, address=DEFAULT_ADDRESS):
    return READY.format(
        address=address,
        admin=env.get("ADMIN_USERNAME", "admin"),
        admin_password="aus ADMIN_PASSWORD" if env.get("ADMIN_PASSWORD") else "admin",
        demo_password="aus DEMO_PASSWORD" if env.get("DEMO_PASSWORD") else "kommunal-demo",
    )


def relay(lines, block):
    """runserver's output without its announcement, and `block` where it said how to quit."""
    announced = False
    for line in lines:
        if ANNOUNCEMENT.match(line) or (not announced and not line.strip()):
            if line.startswith("Quit the server with") and not announced:
                announced = True
                yield block
            continue
        yield line


def serve(env, address):
    env = {**env, "PYTHONUNBUFFERED": "1", "DJANGO_RUNSERVER_HIDE_WARNING": "true"}
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", address],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    for text in relay(server.stdout, ready_block(env, address)):
        print(text, end="", flush=True)
    return server.wait()


def main(address):
    env = dict(os.environ)
    engine = None
    if env.get("SEARCH_ENGINE") == "database":
        print("Suche: Datenbanksuche (SEARCH_ENGINE=database).")
    elif env.get("ELASTICSEARCH_URL"):
        print(f"Suche: Elasticsearch unter {env['ELASTICSEARCH_URL']}.")
    else:
        from osmem_server import OsmemServer

        engine = OsmemServer.start(japanese=False)
        env.update(ELASTICSEARCH_URL=engine.url, ELASTICSEARCH_PLAIN_JSON="1")
        print(f"Suche: lokaler osmem-server unter {engine.url} (nur für die Entwicklung).")
    try:
        wants_engine = env.get("SEARCH_ENGINE") != "database"
        if wants_engine and manage("search_index", "rebuild", env=env) != 0:
            print("Suchindex nicht aufgebaut: die Seite nutzt die Datenbanksuche.")
        return serve(env, address)
    except KeyboardInterrupt:
        print("\nKommunal Digital beendet.")
        return 0
    finally:
        if engine is not None:
            engine.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_ADDRESS))
