"""The smallest WSGI app, for tests that start gunicorn: they measure gunicorn, not Django."""


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
