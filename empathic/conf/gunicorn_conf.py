"""gunicorn settings for ``empathic serve`` (``gunicorn -c python:empathic.conf.gunicorn_conf``).

gunicorn writes ``Server: gunicorn`` on every response and has no setting for it; the value is
the module attribute ``gunicorn.http.wsgi.SERVER``, read each time a response starts (HTTP/1 and
HTTP/2 alike), so setting it here, in the arbiter before workers fork, renames it everywhere.
Naming the server software only helps someone scanning for a vulnerable version.
"""

from __future__ import annotations

import gunicorn
import gunicorn.http.wsgi

SERVER_HEADER = "Empathic"


def hide_server_software() -> None:
    gunicorn.SERVER = SERVER_HEADER  # for anything that reads it later
    gunicorn.http.wsgi.SERVER = SERVER_HEADER  # the copy the Server header is written from


hide_server_software()
