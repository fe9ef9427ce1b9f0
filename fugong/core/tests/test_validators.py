"""Identifier validators at and around their edges."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fugong.core.identifiers import make_id_number, make_uscc
from fugong.core.validators import (
    id_check_char,
    uscc_check_char,
    validate_id_number,
    validate_phone,
    validate_region_code,
    validate_uscc,
)


def codes(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(e.code) for e in exc.value.error_list]


class TestResidentIdNumber:
    def test_it_accepts_a_published_example_with_x_check_digit(self):
        validate_id_number("11010519491231002X")

    def test_it_accepts_a_lower_case_x(self):
        validate_id_number("11010519491231002x")

    @pytest.mark.parametrize("value", ["11010519491231002", "11010519491231002X1"])
    def test_it_refuses_17_and_19_characters(self, value):
        with pytest.raises(ValidationError) as exc:
            validate_id_number(value)
        assert codes(exc) == ["id_length"]

    def test_it_refuses_each_wrong_check_digit(self):
        first17 = "14092519850301017"
        right = id_check_char(first17)
        for wrong in "0123456789X":
            if wrong == right:
                validate_id_number(first17 + wrong)
                continue
            with pytest.raises(ValidationError) as exc:
                validate_id_number(first17 + wrong)
            assert codes(exc) == ["id_check"]

    def test_it_refuses_letters_in_the_body(self):
        with pytest.raises(ValidationError) as exc:
            validate_id_number("1409251985A301017X")
        assert codes(exc) == ["id_format"]

    @pytest.mark.parametrize("birth", ["19850230", "19851301", "18991231"])
    def test_it_refuses_impossible_birth_dates(self, birth):
        first17 = f"140925{birth}017"
        with pytest.raises(ValidationError) as exc:
            validate_id_number(first17 + id_check_char(first17))
        assert codes(exc) == ["id_birth"]

    @time_machine.travel(dt.datetime(2026, 3, 1, 1, 0, tzinfo=dt.UTC))  # 09:00 in Shanghai
    def test_birth_date_today_is_accepted_and_tomorrow_refused(self):
        validate_id_number(make_id_number("140925", dt.date(2026, 3, 1), 1))
        with pytest.raises(ValidationError) as exc:
            validate_id_number(make_id_number("140925", dt.date(2026, 3, 2), 1))
        assert codes(exc) == ["id_birth"]

    @time_machine.travel(dt.datetime(2026, 2, 28, 16, 30, tzinfo=dt.UTC))  # 00:30 on 1 March
    def test_today_is_the_shanghai_calendar_day(self):
        validate_id_number(make_id_number("140925", dt.date(2026, 3, 1), 1))

    def test_messages_name_the_field(self):
        with pytest.raises(ValidationError) as exc:
            validate_id_number("123")
        assert "Resident ID number" in exc.value.messages[0]


class TestUnifiedSocialCreditCode:
    def test_it_accepts_a_published_example(self):
        validate_uscc("91350100M000100Y43")

    def test_generated_codes_are_valid(self):
        for serial in (0, 1, 30, 31, 10**6):
            validate_uscc(make_uscc("140925", serial))

    @pytest.mark.parametrize("value", ["91350100M000100Y4", "91350100M000100Y433"])
    def test_it_refuses_17_and_19_characters(self, value):
        with pytest.raises(ValidationError) as exc:
            validate_uscc(value)
        assert codes(exc) == ["uscc_length"]

    @pytest.mark.parametrize("char", ["I", "O", "S", "V", "Z"])
    def test_it_refuses_letters_gb32100_leaves_out(self, char):
        with pytest.raises(ValidationError) as exc:
            validate_uscc("91350100M00010" + char + "Y43")
        assert codes(exc) == ["uscc_charset"]

    def test_it_refuses_a_wrong_check_character(self):
        first17 = "91350100M000100Y4"
        right = uscc_check_char(first17)
        wrong = "0" if right != "0" else "1"
        with pytest.raises(ValidationError) as exc:
            validate_uscc(first17 + wrong)
        assert codes(exc) == ["uscc_check"]

    def test_check_character_zero_when_the_sum_is_a_multiple_of_31(self):
        # 31 - 0 would be 31, which GB 32100 maps back to 0.
        assert uscc_check_char("00000000000000000") == "0"

    def test_region_part_must_be_digits(self):
        with pytest.raises(ValidationError) as exc:
            validate_uscc("91A50100M000100Y43")
        assert codes(exc) == ["uscc_region"]


class TestPhone:
    @pytest.mark.parametrize(
        "value", ["13912345678", "19912345678", "139 1234 5678", "+8613912345678"]
    )
    def test_it_accepts_mainland_mobile_numbers(self, value):
        validate_phone(value)

    @pytest.mark.parametrize(
        "value", ["1391234567", "139123456789", "12912345678", "23912345678", "1391234567a"]
    )
    def test_it_refuses_10_and_12_digits_and_bad_prefixes(self, value):
        with pytest.raises(ValidationError) as exc:
            validate_phone(value)
        assert codes(exc) == ["phone"]


@pytest.mark.parametrize(
    "value,ok", [("140925", True), ("14092", False), ("1409255", False), ("14092a", False)]
)
def test_region_codes_are_six_digits(value, ok):
    if ok:
        validate_region_code(value)
    else:
        with pytest.raises(ValidationError):
            validate_region_code(value)


def test_full_width_identifiers_normalise_to_ascii():
    from fugong.core.validators import normalize_code, normalize_phone

    assert normalize_code("１４２３０１１９８５０３０１１２３ｘ") == "14230119850301123X"
    assert normalize_phone("＋８６ １３９１２３４５６７８") == "13912345678"
    assert normalize_code("\u3000９１\u3000") == "91"


@pytest.mark.parametrize("digits", ["٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९"])
def test_digits_of_other_scripts_are_refused_after_normalising(digits):
    from django.core.exceptions import ValidationError

    from fugong.core.identifiers import make_id_number
    from fugong.core.validators import validate_id_number, validate_phone, validate_region_code

    ascii_id = make_id_number("140925", dt.date(1990, 1, 1), 1)
    foreign = ascii_id.translate(str.maketrans("0123456789", digits))
    with pytest.raises(ValidationError, match="17 digits"):
        validate_id_number(foreign)
    with pytest.raises(ValidationError, match="Phone number"):
        validate_phone("139" + "12345678".translate(str.maketrans("0123456789", digits)))
    with pytest.raises(ValidationError):
        validate_region_code("140925".translate(str.maketrans("0123456789", digits)))
