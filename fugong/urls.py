from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from fugong.accounts.urls import auth_urlpatterns
from fugong.api import api
from fugong.core import errors
from fugong.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("fugong.accounts.urls")),
    path("org/", include("fugong.org.urls")),
    path("people/", include("fugong.people.urls")),
    path("audit/", include("fugong.audit.urls")),
    path("epidemic/", include("fugong.epidemic.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    *auth_urlpatterns,
]

handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
