"""The release in the keys of kept public pages: the same for the same code on every machine,
new with any change to what shapes a page, untouched by what the site writes while it runs."""

import shutil

from core.release import code_digest


def _site(root):
    (root / "templates").mkdir(parents=True)
    (root / "templates" / "base.html").write_text("<h1>{{ title }}</h1>")
    (root / "core").mkdir()
    (root / "core" / "views.py").write_text("def home(request): ...\n")
    (root / "var").mkdir()
    return root


def test_the_same_sources_give_the_same_release_wherever_they_lie(tmp_path):
    one = _site(tmp_path / "machine-1" / "app")
    two = tmp_path / "machine-2" / "srv"
    shutil.copytree(one, two)

    assert code_digest(str(one), str(one / "var")) == code_digest(str(two), str(two / "var"))


def test_a_changed_template_is_a_new_release(tmp_path):
    site = _site(tmp_path / "before")
    changed = tmp_path / "after"
    shutil.copytree(site, changed)
    (changed / "templates" / "base.html").write_text("<h1 class='kern-heading'>{{ title }}</h1>")

    assert code_digest(str(site), str(site / "var")) != code_digest(
        str(changed), str(changed / "var")
    )


def test_data_logs_and_the_machines_own_settings_are_not_the_release(tmp_path):
    site = _site(tmp_path / "before")
    running = tmp_path / "running"
    shutil.copytree(site, running)
    (running / "var" / "db.sqlite3").write_bytes(b"SQLite format 3")
    (running / "var" / "cache.json").write_text("{}")
    (running / ".env").write_text("SECRET_KEY=only-here\n")
    (running / "core" / "__pycache__").mkdir()
    (running / "core" / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"\x00")
    (running / "gunicorn.log").write_text("GET / 200\n")

    assert code_digest(str(site), str(site / "var")) == code_digest(
        str(running), str(running / "var")
    )
