"""The generated rows are valid and exactly as many as the size says (no database needed)."""

from __future__ import annotations

from collections import Counter

from bench import SIZES
from bench import rows as r
from fugong.core.validators import validate_id_number, validate_phone, validate_uscc

TINY = SIZES["tiny"]


def generate() -> tuple[r.World, list[tuple], list[tuple], list[tuple]]:
    world = r.World()
    regions = list(r.regions("t", world))
    enterprises = list(r.enterprises(TINY, "t", world))
    people = list(r.people(TINY, "t", world))
    return world, regions, enterprises, people


def test_it_generates_one_province_11_cities_and_117_counties():
    world, regions, _, _ = generate()
    levels = Counter(row[5] for row in regions)
    assert levels == {"province": 1, "city": 11, "county": 117}
    assert len({row[3] for row in regions}) == len(regions)
    assert all(len(row[3]) == 6 and row[3].isdigit() for row in regions)


def test_it_generates_exactly_the_enterprises_and_people_of_the_size():
    world, _, enterprises, people = generate()
    assert len(enterprises) == TINY.enterprises
    assert sum(row[5] == "coal_mine" for row in enterprises) == TINY.coal_mines
    assert len(people) == TINY.people == sum(world.headcount.values())


def test_it_puts_a_city_sized_data_set_in_the_bench_city_only():
    world, _, enterprises, _ = generate()
    assert {world.county_codes[row[7]][:4] for row in enterprises} == {"1409"}


def test_every_identifier_is_valid_and_unique():
    _, _, enterprises, people = generate()
    for row in enterprises:
        validate_uscc(row[3])
    for row in people:
        validate_id_number(row[4])
        validate_phone(row[5])
    assert len({row[4] for row in people}) == len(people)
    assert len({row[5] for row in people}) == len(people)


def test_identities_stay_unique_far_beyond_the_province_size():
    # The scatter must not wrap around inside 2 M people; sample the top of the range.
    ids = {r.person_identity(i, "140925")[0] for i in range(1_990_000, 2_000_000)}
    assert len(ids) == 10_000


def test_common_surnames_give_realistic_prefix_result_sizes():
    _, _, _, people = generate()
    share = sum(row[3].startswith("王") for row in people) / len(people)
    assert 0.04 < share < 0.11


def test_members_point_to_groups_only():
    _, _, enterprises, _ = generate()
    kinds = {row[0]: row[5] for row in enterprises}
    assert all(kinds[row[8]] == "group" for row in enterprises if row[8] is not None)


def test_the_same_size_always_gives_the_same_rows():
    assert generate()[3][:50] == generate()[3][:50]
