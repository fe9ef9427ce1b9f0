"""Language choice: Simplified Chinese first, English when the user picks it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """The language is the one chosen with the switch (its cookie), else LANGUAGE_CODE.

    Django's own middleware would follow the browser's Accept-Language, and many office and
    intranet browsers say English; the users of fugong read Chinese first, so the browser's
    setting is not a choice they made.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
