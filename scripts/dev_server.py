"""`make run`'s server: the site with a real search engine, without installing Elasticsearch.

Unless ELASTICSEARCH_URL is set (or SEARCH_ENGINE=database), start an in-memory osmem-server
(a development dependency speaking the Elasticsearch API), rebuild the index from the database,
then serve. The engine lives as long as this process.
"""

import os
import subprocess
import sys

ADDRESS = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"


def manage(*args, env):
    return subprocess.call([sys.executable, "manage.py", *args], env=env)  # noqa: S603


# One block at the end of `make run`, before the development server's own lines.
READY = """
  Kommunal Digital: http://{address}/
  Redaktion:        http://{address}/admin/ (Admin-Konto siehe oben)
  Demo-Konten (nur Entwicklung): mitglied, moderation, redaktion-guetersloh,
  redaktion-koeln – Passwort: kommunal-demo
  Beenden: Strg+C
"""


def main():
    env = dict(os.environ)
    server = None
    if env.get("SEARCH_ENGINE") == "database":
        print("Suche: Datenbanksuche (SEARCH_ENGINE=database).")
    elif env.get("ELASTICSEARCH_URL"):
        print(f"Suche: Elasticsearch unter {env['ELASTICSEARCH_URL']}.")
    else:
        from osmem_server import OsmemServer

        server = OsmemServer.start(japanese=False)
        env.update(ELASTICSEARCH_URL=server.url, ELASTICSEARCH_PLAIN_JSON="1")
        print(f"Suche: lokaler osmem-server unter {server.url} (nur für die Entwicklung).")
    try:
        wants_engine = env.get("SEARCH_ENGINE") != "database"
        if wants_engine and manage("search_index", "rebuild", env=env) != 0:
            print("Suchindex nicht aufgebaut: die Seite nutzt die Datenbanksuche.")
        print(READY.format(address=ADDRESS), flush=True)
        return manage("runserver", ADDRESS, env=env)
    except KeyboardInterrupt:
        return 0
    finally:
        if server is not None:
            server.close()


if __name__ == "__main__":
    sys.exit(main())
