"""device_token_create / device_token_revoke: who may, for which places, what is stored."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fugong.accounts.models import DeviceToken, hash_token
from fugong.accounts.selectors import device_for_token
from fugong.accounts.services import device_token_create, device_token_revoke

pytestmark = pytest.mark.django_db


def create(world, actor=None, **kwargs):
    args = {
        "actor": actor or world.users.manager,
        "enterprise": world.qifeng,
        "name": "栖凤矿门岗测温终端",
        "places": [world.checkpoint],
        **kwargs,
    }
    return device_token_create(**args)


def test_it_stores_the_hash_and_prefix_never_the_token(world):
    device, raw = create(world)
    device.refresh_from_db()
    assert device.token_hash == hash_token(raw) != raw
    assert device.token_prefix == raw[:8]
    assert len(raw) >= 40
    assert not DeviceToken.objects.filter(token_hash=raw).exists()
    assert raw not in {getattr(device, f.attname) for f in DeviceToken._meta.concrete_fields}
    assert device.created_by == world.users.manager
    assert list(device.places.all()) == [world.checkpoint]


def test_each_token_is_new(world):
    _, first = create(world)
    _, second = create(world, name="第二台")
    assert first != second


def test_the_token_finds_its_device_until_revoked(world):
    device, raw = create(world)
    assert device_for_token(raw) == device
    device_token_revoke(actor=world.users.manager, device=device)
    assert device_for_token(raw) is None
    assert device.revoked_at is not None


def test_revoking_twice_keeps_the_first_time(world):
    device, _ = create(world)
    device_token_revoke(actor=world.users.manager, device=device)
    first = device.revoked_at
    device_token_revoke(actor=world.users.manager, device=device)
    device.refresh_from_db()
    assert device.revoked_at == first


def test_a_group_admin_may_register_devices_of_its_member_units(world):
    device, _ = create(
        world,
        actor=world.users.group,
        enterprise=world.yuanping_mine,
        places=[world.other_checkpoint],
    )
    assert device.enterprise == world.yuanping_mine


@pytest.mark.parametrize(
    "who", ["city", "county", "liaison", "health", "safety", "checkpoint", "worker"]
)
def test_other_roles_may_not_create_or_revoke(world, who):
    with pytest.raises(PermissionDenied):
        create(world, actor=getattr(world.users, who))
    device, _ = create(world)
    with pytest.raises(PermissionDenied):
        device_token_revoke(actor=getattr(world.users, who), device=device)
    assert DeviceToken.objects.count() == 1


def test_a_manager_cannot_create_a_device_for_another_enterprise(world):
    with pytest.raises(PermissionDenied):
        create(world, enterprise=world.yuanping_mine, places=[world.other_checkpoint])
    assert not DeviceToken.objects.exists()


def test_a_manager_cannot_revoke_another_enterprises_device(world):
    device, _ = create(
        world,
        actor=world.users.group,
        enterprise=world.yuanping_mine,
        places=[world.other_checkpoint],
    )
    with pytest.raises(PermissionDenied):
        device_token_revoke(actor=world.users.manager, device=device)
    device.refresh_from_db()
    assert device.revoked_at is None


def test_places_of_another_enterprise_are_refused(world):
    with pytest.raises(ValidationError) as err:
        create(world, actor=world.users.group, places=[world.checkpoint, world.other_checkpoint])
    assert "places" in err.value.message_dict
    assert not DeviceToken.objects.exists()


def test_at_least_one_place_is_needed(world):
    with pytest.raises(ValidationError) as err:
        create(world, places=[])
    assert "places" in err.value.message_dict


@pytest.mark.parametrize(
    ("name", "ok"), [("", False), ("   ", False), ("a", True), ("x" * 64, True), ("x" * 65, False)]
)
def test_the_name_is_required_and_at_most_64_characters(world, name, ok):
    if ok:
        device, _ = create(world, name=name)
        assert device.name == name
    else:
        with pytest.raises(ValidationError) as err:
            create(world, name=name)
        assert "name" in err.value.message_dict
        assert not DeviceToken.objects.exists()
