"""The picker of the check-in for someone else: the people this helper may check in for.

The people directory's picker (``people:pick_people``) answers the people an actor may *view*;
the check-in page offers fewer, or others: a team leader (a worker, who reads no directory) the
members of their team, a checkpoint operator or health officer the active people of their scope
(``checkin_people``, the rule the form and ``checkin_submit`` apply). This endpoint answers that
same rule, to the roles of the page, so the search never offers a person the form would refuse.

As in the directory's picker, a person is shown by name and MASKED ID number, and the search is
by name only: searching by identifiers is the directory's business, where it is limited and
logged, so this picker cannot be used to test guesses of an ID number or a phone.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse

from fugong.core.permissions import permission_required
from fugong.core.pickers import picker_answer
from fugong.epidemic.models import CheckIn
from fugong.epidemic.selectors.health import checkin_people
from fugong.org.forms import person_label
from fugong.people.models import Person

# The order of the page's select (pinyin), so a search lists people as the select would.
ORDER = ("name_pinyin", "pk")


@permission_required(CheckIn, "submit")
def checkin_people_pick(request: HttpRequest) -> JsonResponse:
    people = checkin_people(actor=request.user).only("id", "name", "id_number")

    def search(queryset: QuerySet[Person], q: str) -> QuerySet[Person]:
        return queryset.filter(name__startswith=q)

    return picker_answer(request, people, search=search, label=person_label, order_by=ORDER)
