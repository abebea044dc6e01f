"""Production settings are safe and come from the environment."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_SECRET = "p9-" + "x7Q!" * 16


def manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "ALLOW_DEMO_DATA")
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "operator",
    [
        {},
        # Behind two proxies, with a shared cache, the engine and a longer lock-out.
        {
            "NUM_PROXIES": "2",
            "CACHE_URL": "locmemcache://",
            "ELASTICSEARCH_URL": "http://search.internal:9200",
            "LOGIN_FAILURE_LIMIT": "10",
            "LOGIN_COOLOFF_MINUTES": "60",
        },
    ],
    ids=["defaults", "behind-proxies"],
)
def test_check_deploy_is_clean_with_real_secrets(tmp_path, operator):
    """Django's, django-axes' and django-csp's checks, warnings included."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="kommunal-digital.example",
        VAR_DIR=str(tmp_path),
        **operator,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_checks_are_silenced_only_with_a_reason(tmp_path):
    """A clean `check --deploy` must not come from silencing: each silenced check has its
    reason in config/settings/production.py and is named here."""
    code = "from django.conf import settings; print(*sorted(settings.SILENCED_SYSTEM_CHECKS))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DEBUG": "0",
            "SECRET_KEY": PRODUCTION_SECRET,
            "VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    # W019: Wagtail's preview frame (same origin); W021: HSTS preload is the operator's choice.
    assert result.stdout.split() == ["security.W019", "security.W021"], result.stderr


@pytest.mark.parametrize("command", ["load_demo", "ensure_admin"])
def test_demo_commands_exit_non_zero_in_production(tmp_path, command):
    result = manage(
        command,
        DEBUG="0",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="kommunal-digital.example",
        VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode != 0
    assert "--force-demo-in-production" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()  # refused before touching the database


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = manage("check", DEBUG="0", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def dev_settings(expression, **env):
    """What `expression` (over `settings`) prints with the development settings and `env`."""
    code = f"from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize("url", ["postgres://kd:pw@db.example:5432/kommunal"])
def test_database_comes_from_database_url(url):
    engine = dev_settings("settings.DATABASES['default']['ENGINE']", DATABASE_URL=url)
    assert engine == ["django.db.backends.postgresql"]


def test_var_dir_comes_from_dotenv(tmp_path):
    # A copy of the settings, so that the .env written here is not the project's own.
    shutil.copytree(ROOT / "config", tmp_path / "config")
    var_dir = tmp_path / "runtime"
    (tmp_path / ".env").write_text(f"DEBUG=1\nVAR_DIR={var_dir}\n")
    environment = {k: v for k, v in os.environ.items() if k not in ("VAR_DIR", "DEBUG")}
    result = subprocess.run(
        [sys.executable, "-c", "from config.settings import base; print(base.VAR_DIR)"],
        cwd=tmp_path,
        env={**environment, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == str(var_dir), result.stderr
    assert var_dir.is_dir()


def test_sign_in_lockout_comes_from_the_environment():
    lockout = dev_settings(
        "settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME",
        LOGIN_FAILURE_LIMIT="3",
        LOGIN_COOLOFF_MINUTES="30",
    )
    assert lockout == ["3", "0:30:00"]


def test_a_redis_cache_url_gives_djangos_own_redis_cache_and_a_proxy_purge():
    configured = dev_settings(
        "settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'], "
        "settings.WAGTAILFRONTENDCACHE['proxy']['LOCATION']",
        CACHE_URL="redis://cache.example:6379/1",
        FRONTEND_CACHE_URL="http://127.0.0.1:6081",
    )
    assert configured == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.example:6379/1",
        "http://127.0.0.1:6081",
    ]
