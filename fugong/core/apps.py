from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def refresh_planner_statistics(*, using: str, plan: list | None = None, **kwargs: Any) -> None:
    """Re-ANALYZE after migrations were applied.

    SQLite rebuilds a table to add some columns (a generated column, say) and the rebuilt
    table has no planner statistics: the planner then picks a full sort over a useful index
    and a page of the people directory goes from milliseconds to a second. On PostgreSQL a new
    column has no statistics until autovacuum comes round, with the same effect meanwhile.
    ANALYZE samples, so it takes about a second even on millions of rows.
    """
    connection = connections[using]
    if plan:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class CoreConfig(AppConfig):
    name = "fugong.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Sent once per app; bound to this app so it runs once per migrate.
        post_migrate.connect(refresh_planner_statistics, sender=self)
