"""Scanning a personal code with the phone's camera (Chromium's fake camera plays a QR code).

Headless Chromium on Linux has no BarcodeDetector, so this exercises the jsQR path: the page
reads frames from the camera, finds the code, shows its colour and records the reading.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import segno
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from fugong.core.tests.test_browser import CHROMIUM_ARGS, PHONE, log_in
from fugong.epidemic.codes import personal_code_make
from fugong.epidemic.models import Screening

pytestmark = pytest.mark.browser
WIDTH, HEIGHT, SCALE = 640, 480, 6


def qr_video(text: str, path: Path) -> Path:
    """A few frames of a black-on-white QR code as a Y4M video (grey: U = V = 128)."""
    matrix = [list(row) for row in segno.make(text, error="m").matrix]
    size = len(matrix) * SCALE
    left, top = (WIDTH - size) // 2, (HEIGHT - size) // 2
    luma = bytearray([235] * (WIDTH * HEIGHT))
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                for y in range(top + r * SCALE, top + (r + 1) * SCALE):
                    start = y * WIDTH + left + c * SCALE
                    luma[start : start + SCALE] = bytes([16] * SCALE)
    chroma = bytes([128] * (WIDTH * HEIGHT // 4))
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(10):
            out.write(b"FRAME\n" + bytes(luma) + chroma + chroma)
    return path


def test_the_camera_scans_a_personal_code_and_the_reading_is_recorded(live_server, world, tmp_path):
    video = qr_video(personal_code_make(world.miner), tmp_path / "code.y4m")
    # Playwright's sync API runs an event loop in this thread (see test_browser.browser).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                headless=True,
                args=[
                    *CHROMIUM_ARGS,
                    "--use-fake-ui-for-media-stream",
                    "--use-fake-device-for-media-stream",
                    f"--use-file-for-fake-video-capture={video}",
                ],
            )
            context = browser.new_context(viewport=PHONE, permissions=["camera"])
            context.set_default_timeout(15_000)
            page = context.new_page()
            site = live_server.url
            log_in(page, site, "gate")
            page.goto(site + reverse("epidemic:checkpoint_screen", args=[world.checkpoint.pk]))
            page.locator("#scan").click()
            state = page.locator("[data-testid=code-state]")
            expect(state).to_have_attribute("data-colour", "yellow")  # no check-in yet
            page.fill("#temperature", "36.7")
            page.locator("[data-testid=record]").click()
            expect(page.locator("[data-testid=answer]")).to_have_attribute("data-result", "pass")
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
    screening = Screening.objects.get(person=world.miner)
    assert screening.identified_by == "code"
