"""The people picker: search-as-you-type for a person field (a team's leader), in scope.

Only the roles that read people may ask (departments and leaders see no people: 403), only
people of the actor's person scope are found, and a person is shown by name and MASKED ID
number. The search is by name only: searching by identifiers is the directory's business,
where it is limited and logged, so the picker cannot be used to test guesses of an ID number.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse

from fugong.core.permissions import permission_required
from fugong.core.pickers import id_param, picker_answer
from fugong.org.forms import person_label
from fugong.people.models import Person, PersonStatus


@permission_required(Person, "directory")
def pick_people(request: HttpRequest) -> JsonResponse:
    people = Person.objects.restrict(request.user).only("id", "name", "id_number")
    enterprise = id_param(request, "enterprise")
    if enterprise is not None:
        people = people.filter(enterprise_id=enterprise)
    status = request.GET.get("status", "")
    if status in PersonStatus.values:
        people = people.filter(status=status)

    def search(queryset: QuerySet[Person], q: str) -> QuerySet[Person]:
        return queryset.filter(name__startswith=q)

    return picker_answer(
        request, people, search=search, label=person_label, order_by=("name", "pk")
    )
