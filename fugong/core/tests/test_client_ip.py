"""The client address behind a proxy: a configured trusted header, else REMOTE_ADDR only."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from conftest import PASSWORD
from fugong.audit.models import PiiAccess
from fugong.core.views import client_ip

PROXY = "10.0.0.2"


def request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, **meta)


def test_without_a_trusted_header_a_forwarded_address_is_ignored(settings):
    settings.FUGONG_TRUSTED_PROXY_HEADER = ""
    spoofed = request(HTTP_X_FORWARDED_FOR="203.0.113.9", HTTP_X_REAL_IP="203.0.113.9")
    assert client_ip(spoofed) == PROXY


def test_x_forwarded_for_counts_its_right_most_address(settings):
    settings.FUGONG_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    # The client wrote "1.2.3.4"; the trusted proxy appended the address it saw.
    forwarded = request(HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(forwarded) == "198.51.100.7"
    assert client_ip(request(HTTP_X_FORWARDED_FOR="2001:db8::1")) == "2001:db8::1"


def test_x_real_ip_is_read_when_configured(settings):
    settings.FUGONG_TRUSTED_PROXY_HEADER = "X-Real-IP"
    assert client_ip(request(HTTP_X_REAL_IP="198.51.100.7")) == "198.51.100.7"
    # The other header is not trusted.
    assert client_ip(request(HTTP_X_FORWARDED_FOR="198.51.100.7")) == PROXY


@pytest.mark.parametrize("value", ["", "unknown", "1.2.3.4, not-an-address", "999.1.1.1"])
def test_a_missing_or_malformed_header_falls_back_to_remote_addr(settings, value):
    settings.FUGONG_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    assert client_ip(request(HTTP_X_FORWARDED_FOR=value)) == PROXY


@pytest.mark.django_db
def test_the_access_log_keeps_the_forwarded_client_address(client, world, settings):
    settings.FUGONG_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    client.force_login(world.users.manager)
    client.post(
        reverse("people:person_reveal", args=[world.miner.pk]),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",
    )
    assert PiiAccess.objects.get().ip_address == "198.51.100.7"


def fail_logins(client, n: int, **meta) -> None:
    for _ in range(n):
        client.post(reverse("login"), {"username": "ningwu", "password": "wrong"}, **meta)


def log_in(client, **meta) -> int:
    data = {"username": "ningwu", "password": PASSWORD}
    return client.post(reverse("login"), data, **meta).status_code


@pytest.mark.django_db
def test_login_throttling_locks_the_forwarded_client_not_the_proxy(client, world, settings):
    settings.AXES_ENABLED = True
    settings.FUGONG_TRUSTED_PROXY_HEADER = "X-Real-IP"
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_REAL_IP": "203.0.113.66"}
    fail_logins(client, settings.AXES_FAILURE_LIMIT, **attacker)
    assert log_in(client, **attacker) == 429
    # The same user from another client behind the same proxy is not locked out.
    assert log_in(client, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.5") == 302


@pytest.mark.django_db
def test_without_a_trusted_header_a_spoofed_one_does_not_escape_the_lockout(
    client, world, settings
):
    settings.AXES_ENABLED = True
    settings.FUGONG_TRUSTED_PROXY_HEADER = ""
    for n in range(settings.AXES_FAILURE_LIMIT):
        fail_logins(client, 1, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert log_in(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.200") == 429
