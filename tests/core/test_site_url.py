"""Addresses printed for the outside world stand on the public host."""

from core.site_url import absolute_url


def test_a_path_stands_on_the_public_host_and_an_absolute_address_is_kept(settings):
    settings.SITE_URL = "https://astec.example/"
    assert absolute_url("/ar/evenements/") == "https://astec.example/ar/evenements/"
    assert absolute_url("media/logo.png") == "https://astec.example/media/logo.png"
    assert absolute_url("https://cdn.example/logo.png") == "https://cdn.example/logo.png"
    assert absolute_url("") == ""
