"""Server hardening: no caching of signed-in pages, the client address behind proxies for
lock-out, owner-only data files, no server software in headers, formula-safe CSV cells."""

from __future__ import annotations

import importlib
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.http import HttpResponse
from django.urls import reverse

from empathic.conf.files import secure_sqlite_files, secure_var_dir
from empathic.core.client_ip import client_ip
from empathic.core.csv_safety import SafeWriter, safe_cell
from empathic.core.middleware import PrivatePagesMiddleware
from empathic.testing import PASSWORD

if TYPE_CHECKING:
    from django.test import RequestFactory


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- Cache-Control ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", [reverse("core:dashboard"), reverse("org:settings")])
def test_signed_in_pages_are_never_stored(client_for, org_admin, url):
    response = client_for(org_admin).get(url)
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives


def test_a_view_that_sets_its_own_cache_control_keeps_it(rf: RequestFactory):
    request = rf.get("/")
    request.user = type("Signed", (), {"is_authenticated": True})()

    def view(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "max-age=60"
        return response

    assert PrivatePagesMiddleware(view)(request)["Cache-Control"] == "max-age=60"


@pytest.mark.django_db
def test_static_files_stay_cacheable(client_for, org_admin):
    response = client_for(org_admin).get("/static/empathic/empathic.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# --- the client address behind proxies --------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.2"),  # no proxy: the header is the client's to forge
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.9, 203.0.113.5", "203.0.113.5"),  # the left entry came from the client
        (2, "198.51.100.9, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.2"),  # fewer entries than proxies: not through them all
        (1, "unknown", "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_honours_the_proxy_count(settings, rf, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def _sign_in(client, address: str, password: str):
    return client.post(
        reverse("accounts:login"),
        {"username": "pat@riverside.test", "password": password},
        REMOTE_ADDR="10.0.0.1",  # the proxy
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 0])
def test_lock_out_uses_the_forwarded_address_only_behind_a_proxy(
    client, practitioner, settings, count
):
    settings.TRUSTED_PROXY_COUNT = count
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "203.0.113.5", "wrong-password")

    attacker = _sign_in(client, "203.0.113.5", PASSWORD)
    client.logout()
    colleague = _sign_in(client, "198.51.100.7", PASSWORD)  # another person, same proxy

    assert attacker.status_code == 429
    if count:  # each client is locked out on its own address
        assert colleague.status_code == 302
    else:  # without a proxy count every client is the proxy's address
        assert colleague.status_code == 429


# --- owner-only files under var/ ---------------------------------------------------------------


def test_a_new_var_dir_is_owner_only(tmp_path: Path):
    var = tmp_path / "deep" / "var"
    secure_var_dir(var)
    assert var.is_dir() and _mode(var) == 0o700


def test_an_existing_world_readable_var_dir_and_database_are_tightened(tmp_path: Path):
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    database = var / "empathic.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        path = var / f"empathic.sqlite3{suffix}"
        path.write_bytes(b"")
        path.chmod(0o644)

    secure_var_dir(var)
    secure_sqlite_files(database)

    assert _mode(var) == 0o700
    assert {_mode(var / f"empathic.sqlite3{s}") for s in ("", "-wal", "-shm")} == {0o600}


def test_sqlite_creates_the_wal_and_shm_files_with_the_databases_mode(tmp_path: Path):
    database = tmp_path / "empathic.sqlite3"
    old = os.umask(0o022)  # the usual umask, which would give SQLite's files 644
    try:
        secure_sqlite_files(database)
        connection = sqlite3.connect(database)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
        connection.execute("INSERT INTO t VALUES (1)")
        connection.commit()
        modes = {p.name: _mode(p) for p in tmp_path.iterdir()}
        connection.close()
    finally:
        os.umask(old)
    assert modes == {
        "empathic.sqlite3": 0o600,
        "empathic.sqlite3-wal": 0o600,
        "empathic.sqlite3-shm": 0o600,
    }


def test_the_settings_secure_the_var_dir_they_use(tmp_path: Path, monkeypatch):
    import empathic.settings as settings_module

    var = tmp_path / "var"
    monkeypatch.setenv("EMPATHIC_SECRET_KEY", "test-only")
    monkeypatch.setenv("EMPATHIC_VAR_DIR", str(var))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    try:
        importlib.reload(settings_module)
        assert _mode(var) == 0o700
        assert _mode(var / "empathic.sqlite3") == 0o600
    finally:
        monkeypatch.delenv("EMPATHIC_VAR_DIR")
        importlib.reload(settings_module)


# --- the Server header -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_header(*config: str) -> str:
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), *config, "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "2", "--no-control-socket", "empathic.core.tests.wsgi_probe:app"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    return response.headers.get("Server", "")
            except OSError:
                time.sleep(0.1)
        raise AssertionError("gunicorn did not start")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_gunicorn_with_the_empathic_config_does_not_name_itself():
    assert _server_header() == "gunicorn"  # what `empathic serve` sent before
    assert _server_header("--config", "python:empathic.conf.gunicorn_conf") == "Empathic"


# --- CSV cells ---------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_is_quoted(start):
    assert safe_cell(f'{start}HYPERLINK("http://x")') == f'\'{start}HYPERLINK("http://x")'


@pytest.mark.parametrize("value", ["Pat", "a=b", "", -3, 1.5, None, "'=already"])
def test_other_cells_are_left_alone(value):
    assert safe_cell(value) == value


def test_the_safe_writer_quotes_every_row():
    import io

    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    writer.writerow(["=1+1", 2])
    writer.writerows([["@SUM(A1)", -1]])
    assert buffer.getvalue().splitlines() == ["'=1+1,2", "'@SUM(A1),-1"]
