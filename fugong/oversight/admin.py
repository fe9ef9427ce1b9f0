from django.contrib import admin

from fugong.core.admin import ScopedModelAdmin
from fugong.oversight.models import Pairing


@admin.register(Pairing)
class PairingAdmin(ScopedModelAdmin):
    list_display = ["leader", "enterprise", "starts_on", "ends_on"]
    list_filter = ["starts_on"]
    search_fields = ["leader__username", "leader__display_name", "enterprise__name"]
    raw_id_fields = ["enterprise"]
