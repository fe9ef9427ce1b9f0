"""manage.py demo_world: build the demo world once; --reset deletes it and builds it again."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from fugong.demo import data
from fugong.demo.world import SEED, World, build_world, world_exists


class Command(BaseCommand):
    help = "Build the demo world (regions, enterprises, places, people, one login per role)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo enterprises, their people and the demo logins, then rebuild.",
        )
        parser.add_argument("--seed", type=int, default=SEED, help="Seed of the random data.")

    def handle(self, *args: Any, reset: bool, seed: int, **options: Any) -> None:
        if settings.PRODUCTION:
            # The demo world has an "admin" with a published password and a fixed device
            # token: on a production server they would be open doors. Checked before any write.
            raise CommandError(
                _(
                    "demo_world refuses to run when FUGONG_ENV=production: it creates logins "
                    "with a known password and a fixed device token. Nothing was written."
                )
            )
        if not reset and world_exists():
            self.stdout.write(
                _("The demo world already exists; nothing to do (use --reset to rebuild it).")
            )
            return
        started = time.monotonic()
        world = build_world(seed=seed, reset=reset)
        seconds = time.monotonic() - started
        if world.deleted:
            rows = sum(world.deleted.values())
            self.stdout.write(_("Deleted the previous demo world: %(n)d rows.") % {"n": rows})
        self.stdout.write(
            self.style.SUCCESS(_("Built the demo world in %(s).1f s.") % {"s": seconds})
        )
        self._summary(world)

    def _summary(self, world: World) -> None:
        out = self.stdout.write
        out("")
        for model, count in world.built.items():
            out(f"  {str(model._meta.verbose_name_plural):<28}{count:>7}")
        out("")
        out(_("Logins (password %(password)s):") % {"password": data.DEMO_PASSWORD})
        for username, role, display_name in world.logins:
            out(f"  {username:<16}{role:<22}{display_name}")
        out("")
        out(
            _("Device token of %(name)s: %(token)s")
            % {"name": data.DEMO_DEVICE_NAME, "token": data.DEMO_DEVICE_TOKEN}
        )
