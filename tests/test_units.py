"""Tests of govreport_nlp.metrics.units: the unit table, conversion and validation errors."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import pytest

from govreport_nlp.metrics import units
from govreport_nlp.metrics.units import (
    UNITS_PATH,
    UnitConversionError,
    UnitTableError,
    base_unit,
    convert,
    default_table,
    is_unit,
    load_units,
    split_magnitude,
    unit_family,
    unit_kind,
)
from govreport_nlp.numerals import find_numerals

RAW = json.loads(UNITS_PATH.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the table
def test_table_loads_and_covers_the_families():
    table = default_table()
    families = {u.family for u in table.units.values()}
    assert {
        "currency",
        "area",
        "length",
        "mass",
        "volume",
        "energy",
        "power",
        "time",
        "percent",
        "count",
        "percentage_point",
        "workday",
        "rank",
    } <= families
    for name in [
        "元",
        "美元",
        "欧元",
        "日元",
        "港元",
        "平方米",
        "平方公里",
        "亩",
        "公顷",
        "平方千米",
        "米",
        "公里",
        "千米",
        "厘米",
        "吨",
        "千克",
        "公斤",
        "克",
        "立方米",
        "升",
        "千瓦时",
        "度",
        "千瓦",
        "兆瓦",
        "小时",
        "天",
        "日",
        "工作日",
        "月",
        "年",
        "分钟",
        "秒",
        "人",
        "人次",
        "名",
        "户",
        "家",
        "个",
        "项",
        "座",
        "条",
        "所",
        "辆",
        "处",
        "场",
        "期",
        "次",
        "批",
        "套",
        "台",
        "架",
        "艘",
        "件",
        "张",
        "册",
        "篇",
        "份",
        "种",
        "类",
        "盏",
        "棵",
        "株",
        "头",
        "只",
        "位",
        "位次",
        "百分点",
        "%",
        "‰",
    ]:
        assert is_unit(name), name


def test_every_base_is_a_base_of_its_family():
    table = default_table()
    for u in table.units.values():
        b = table.units[u.base]
        assert b.family == u.family and b.base == b.unit and b.factor == 1, u


def test_families_and_kinds():
    assert unit_family("元") == "currency" and unit_kind("美元") == "currency"
    assert unit_family("亩") == "area" and unit_kind("亩") == "dimension"
    assert unit_family("万元") == "currency"  # magnitude prefix allowed
    assert unit_family("百分点") == "percentage_point"
    assert unit_family("家") == "count"
    assert unit_family("不是单位") is None and unit_kind("不是单位") is None
    assert base_unit("公顷") == "平方米" and base_unit("吨") == "千克" and base_unit("亿元") == "元"
    assert base_unit("xyz") is None


def test_aliases_resolve_to_their_unit():
    table = default_table()
    assert table.get("㎡").unit == "平方米"
    assert table.get("km").unit == "公里"
    assert table.get("元人民币").unit == "元"
    assert table.get("毫无") is None


def test_split_magnitude():
    assert split_magnitude("亿元") == (1e8, "元")
    assert split_magnitude("万平方米") == (1e4, "平方米")
    assert split_magnitude("千米") == (1.0, "千米")  # a unit of its own, not 千 × 米
    assert split_magnitude("万亿元") == (1e12, "元")
    with pytest.raises(UnitConversionError):
        split_magnitude("万斗")


# --------------------------------------------------------------------------- conversion
@pytest.mark.parametrize(
    "value,src,dst,expected",
    [
        (344000000, "元", "亿元", 3.44),
        (3.44, "亿元", "万元", 34400),
        (96340000, "元", "万元", 9634),
        (15, "亩", "公顷", 1.0),
        (1, "公顷", "平方米", 10000),
        (8.36, "万平方米", "公顷", 8.36),
        (1, "平方公里", "亩", 1500),
        (2.5, "公里", "米", 2500),
        (12, "千米", "公里", 12),
        (168, "厘米", "米", 1.68),
        (1, "吨", "千克", 1000),
        (3, "斤", "公斤", 1.5),
        (2000, "克", "千克", 2),
        (1, "度", "千瓦时", 1),
        (3.2, "亿千瓦时", "万千瓦时", 32000),
        (1, "兆瓦", "千瓦", 1000),
        (2, "小时", "分钟", 120),
        (1, "天", "小时", 24),
        (2, "年", "月", 24),
        (5, "‰", "%", 0.5),
        (1, "万人", "人", 10000),
        (0, "元", "万元", 0),
        (-1.1, "亿元", "元", -110000000),
    ],
)
def test_convert(value, src, dst, expected):
    assert math.isclose(convert(value, src, dst), expected, rel_tol=1e-12, abs_tol=1e-12)


def test_rates():
    assert unit_family("元/吨") == "rate" and unit_kind("微克/立方米") == "rate"
    assert base_unit("万元/亩") == "元/平方米"
    assert unit_family("元/斗") is None
    assert math.isclose(convert(1.5, "万元/亩", "元/亩"), 15000)
    assert math.isclose(convert(3000, "元/吨", "元/千克"), 3)
    with pytest.raises(UnitConversionError, match="only one of them is a rate"):
        convert(1, "元/吨", "元")


def test_convert_is_exact_for_fractions():
    # 亩 = 10000/15 平方米: no drift through floats
    assert convert(15, "亩", "公顷") == 1.0
    assert convert(1, "亩", "平方米") == pytest.approx(666.6666666666666)
    assert default_table().units["亩"].factor == Fraction(2000, 3)


@pytest.mark.parametrize(
    "src,dst,why",
    [
        ("元", "亩", "currency.*area"),
        ("元", "美元", "no fixed ratio"),
        ("人", "家", "no fixed ratio"),
        ("%", "百分点", "percent.*percentage_point"),
        ("工作日", "天", "workday.*time"),
        ("月", "天", "calendar.*time"),
        ("吨", "立方米", "mass.*volume"),
    ],
)
def test_convert_refuses_across_bases(src, dst, why):
    with pytest.raises(UnitConversionError, match=why):
        convert(1, src, dst)


def test_convert_errors():
    with pytest.raises(UnitConversionError, match="Unknown unit 'furlong'"):
        convert(1, "furlong", "米")
    with pytest.raises(UnitConversionError, match="needs an int or float"):
        convert("3", "元", "万元")  # type: ignore[arg-type]
    with pytest.raises(ValueError):  # UnitConversionError is a ValueError
        convert(1, "元", "吨")


# --------------------------------------------------------------------------- every unit is read in text
def _written_forms():
    for form, u in default_table().forms.items():
        if u.compound_only or u.family == "calendar" and not u.after_ge:
            continue
        yield form, u


@pytest.mark.parametrize("form,unit", list(_written_forms()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_unit_form_is_found_after_a_number(form, unit):
    """Each written form of the table is read as the unit of a number before it."""
    if unit.after_ge:
        text = f"共计12个{form}。"
    elif form == "番":
        text = "经济总量翻12番。"  # 番 counts only after 翻
    elif form == "日":  # 12日 is a date; 日 is a unit after a range or in 工作日
        (x,) = find_numerals("共计12日。")
        assert (x.role, x.unit, x.quantity) == ("date", "日", False)
        return
    else:
        text = f"共计12{form}。"
    found = [x for x in find_numerals(text) if x.quantity]
    assert len(found) == 1, (text, found)
    x = found[0]
    assert x.unit == unit.unit, (text, x)
    assert x.value == 12
    assert x.text.endswith(form), (text, x.text)


# --------------------------------------------------------------------------- validation
def _write(tmp_path: Path, data) -> Path:
    p = tmp_path / "units.json"
    p.write_text(json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data, encoding="utf-8")
    return p


def _table(**changes):
    data = json.loads(json.dumps(RAW))
    data.update(changes)
    return data


def test_packaged_table_validates():
    assert len(load_units(UNITS_PATH).units) == len(default_table().units)


def test_bad_json_names_file_and_line(tmp_path):
    p = _write(tmp_path, '{"units": [\n  {"unit": "元",}\n]}')
    with pytest.raises(UnitTableError, match=r"units\.json, line 2: not valid JSON"):
        load_units(p)


def test_missing_file(tmp_path):
    with pytest.raises(UnitTableError, match="cannot read"):
        load_units(tmp_path / "nope.json")


def test_unknown_key_names_entry_and_allowed_keys(tmp_path):
    data = _table()
    data["units"][3] = dict(data["units"][3], colour="red")
    name = data["units"][3]["unit"]
    with pytest.raises(UnitTableError) as e:
        load_units(_write(tmp_path, data))
    msg = str(e.value)
    assert "units.json" in msg and f"units[3] ({name!r})" in msg and "colour" in msg and "allowed keys" in msg


def test_unknown_family(tmp_path):
    data = _table()
    data["units"].append({"unit": "斗", "family": "grain"})
    with pytest.raises(UnitTableError, match=r"units\[\d+\] \('斗'\): unknown family 'grain'"):
        load_units(_write(tmp_path, data))


def test_duplicate_form(tmp_path):
    data = _table()
    data["units"].append({"unit": "平米", "family": "area", "base": "平方米"})
    with pytest.raises(UnitTableError, match="'平米' is already defined"):
        load_units(_write(tmp_path, data))
    data = _table()
    data["units"].append({"unit": "市亩", "family": "area", "base": "平方米", "aliases": ["㎡"]})
    with pytest.raises(UnitTableError, match="'㎡' is already defined"):
        load_units(_write(tmp_path, data))


def test_bad_base_and_factor(tmp_path):
    data = _table()
    data["units"].append({"unit": "斗", "family": "volume", "base": "石"})
    with pytest.raises(UnitTableError, match="base unit '石' is not in the table"):
        load_units(_write(tmp_path, data))
    data = _table()
    data["units"].append({"unit": "斗", "family": "volume", "base": "吨"})
    with pytest.raises(UnitTableError, match="base unit '吨' is in family 'mass'"):
        load_units(_write(tmp_path, data))
    data = _table()
    data["units"].append({"unit": "斗", "family": "volume", "base": "升"})
    with pytest.raises(UnitTableError, match="must itself be a base"):
        load_units(_write(tmp_path, data))
    data = _table()
    data["units"].append({"unit": "斗", "family": "volume", "base": "立方米", "factor": -1})
    with pytest.raises(UnitTableError, match="factor must be positive"):
        load_units(_write(tmp_path, data))
    data = _table()
    data["units"].append({"unit": "斗", "family": "volume", "base": "立方米", "factor": [1, 0]})
    with pytest.raises(UnitTableError, match="non-zero denominator"):
        load_units(_write(tmp_path, data))


def test_magnitude_word_is_not_a_unit(tmp_path):
    data = _table()
    data["units"].append({"unit": "万", "family": "count"})
    with pytest.raises(UnitTableError, match="magnitude word"):
        load_units(_write(tmp_path, data))


def test_bad_top_level(tmp_path):
    with pytest.raises(UnitTableError, match="must be a JSON object"):
        load_units(_write(tmp_path, "[]"))
    data = _table()
    data["families"]["area"]["kind"] = "shape"
    with pytest.raises(UnitTableError, match="families.area.kind"):
        load_units(_write(tmp_path, data))
    data = _table()
    data["extra"] = 1
    with pytest.raises(UnitTableError, match="extra"):
        load_units(_write(tmp_path, data))


def test_compounds_must_share_the_base(tmp_path):
    data = _table()
    for e in data["units"]:
        if e["unit"] == "美元":
            e["compounds"] = ["角"]
    with pytest.raises(UnitTableError, match="compound unit '角' does not share the base '美元'"):
        load_units(_write(tmp_path, data))


def test_no_spacy_import():
    src = Path(units.__file__).read_text(encoding="utf-8")
    assert "import spacy" not in src and "from spacy" not in src
