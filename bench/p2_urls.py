"""The product's URLs plus P2's baseline: a minimal Django view that writes one row.

Only the P2 bench server loads this URLconf (bench.p2_settings); the product's fugong.urls
does not know the view.
"""

import uuid

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from fugong.urls import urlpatterns as product_urlpatterns

BASELINE_TABLE = "bench_p2_minimal"


@csrf_exempt
def minimal_write(request: HttpRequest) -> HttpResponse:
    """The floor of an authenticated write: the session's user (as every check-in has), one
    INSERT in a transaction, no template, no validation."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BASELINE_TABLE} (client_uuid, body) VALUES (%s, %s)",
            [str(uuid.uuid4()), request.body.decode()[:200]],
        )
    return HttpResponse(status=201)


urlpatterns = [path("bench/p2/minimal-write", minimal_write), *product_urlpatterns]
