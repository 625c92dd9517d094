import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Personas are made with real passwords; a fast hasher keeps these tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
