"""Symptoms are stored as codes and shown by their names, in the reader's language."""

from __future__ import annotations

import time_machine
from django.urls import reverse

from fugong.epidemic.tests.conftest import beijing


def test_the_status_history_names_the_symptoms_of_a_check_in_in_chinese(
    client, world, check_in, chinese
):
    at = beijing(2026, 11, 30, 8)
    check_in(at, symptoms=["cough", "fever"])
    client.force_login(world.users.health)
    with time_machine.travel(at, tick=False):
        page = client.get(reverse("epidemic:health_status_detail", args=[world.miner.pk]))
    text = page.content.decode()
    assert "咳嗽、发热" in text
    assert "cough" not in text
