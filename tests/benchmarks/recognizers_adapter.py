"""Recognizers-Text adapter for /work/shared/tools/recognizers_eval.py.

    python /work/shared/tools/recognizers_eval.py --plugin tests/benchmarks/recognizers_adapter.py \\
        --systems govreport_nlp --md build/recognizers.md

Maps :func:`govreport_nlp.numerals.find_numerals` (called with ``bare=True``, so
that lone digits count, as the peer counts them) onto the peer's types. Where
the peer's conventions differ from the annotation guide, this adapter adapts and
``find_numerals`` does not:

* number: the number part alone (``num_start:num_end``), not amounts of money
  and not ``%`` signs (the peer reports those under other types);
* percent: %, 百分之, 个百分点, 成, 折 spans; ‰ converted to a percent number;
* ordinal: 第N without 名/位, whatever the role (第十五人民医院 counts);
* currency, dimension: number + unit without glued qualifier words (近一吨 -> 一吨);
  the value stays in the stated unit, as ours does; 人民币 written before an
  amount joins it; a currency name alone is a mention without value;
* age: 岁/周岁, and 个月/周/天 followed by 大; temperature: 度 (electricity in reports);
* a range X-Y counts as its high end only (the peer's reading of 5-20%).
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from govreport_nlp.metrics.units import convert, default_table  # noqa: E402
from govreport_nlp.numerals import find_numerals  # noqa: E402

_TABLE = default_table()
_CURRENCY_NAME = re.compile(
    "|".join(
        sorted(
            (f for f, u in _TABLE.forms.items() if u.kind == "currency" and len(f) > 1 and not u.compound_only),
            key=len,
            reverse=True,
        )
    )
)
_NAME_BEFORE = re.compile(f"(?<![0-9０-９一二三四五六七八九十百千万亿])(?:{_CURRENCY_NAME.pattern})[ \t]*$")
_RANGE_SEP = re.compile(r"\s*(?:-|－|~|～|至|到)\s*")


def _type(x, text):
    if x.form == "ordinal":
        return "ordinal"
    if x.unit == "度":
        return "temperature"
    if x.unit in ("%", "‰", "‱", "百分点"):
        return "percent"
    kind = _TABLE.get(x.unit).kind if x.unit and _TABLE.get(x.unit) else None
    if kind == "age" or (x.unit in ("月", "周", "天") and text[x.end : x.end + 1] == "大"):
        return "age"
    return kind if kind in ("currency", "dimension", "temperature") else None


def _mentions(x, text):
    t = _type(x, text)
    s, e, v = x.core_start, x.core_end, x.value
    if t == "ordinal":
        return [
            dict(start=x.num_start - 1, end=x.num_end, value=v, type="ordinal"),
            dict(start=x.num_start, end=x.num_end, value=v, type="number"),
        ]
    out = []
    if t == "percent" and x.unit in ("‰", "‱"):
        v = convert(v, x.unit, "%")
    if t == "age" and text[e : e + 1] == "大":
        e += 1
    if t == "currency":
        m = _NAME_BEFORE.search(text, 0, s)
        if m:
            s = m.start()
    if t is not None:
        out.append(dict(start=s, end=e, value=v, unit=x.unit, type=t))
    if t not in ("currency", "percent") or x.unit == "百分点" or text[x.core_start] in "百佰":
        out.append(dict(start=x.num_start, end=x.num_end, value=x.value, type="number"))
    return out


def extract(text, want=None):
    out = []
    for x in find_numerals(text, bare=True):
        if x.value is None:
            continue
        if x.form == "range":
            m = _RANGE_SEP.search(text, x.num_end, x.end)
            if m:  # the high end, read alone and shifted back
                for y in find_numerals(text[m.end() : x.end], bare=True):
                    out += [
                        dict(d, start=d["start"] + m.end(), end=d["end"] + m.end())
                        for d in _mentions(y, text[m.end() :])
                    ]
            continue
        out += _mentions(x, text)
    covered = [(d["start"], d["end"]) for d in out if d["type"] == "currency"]
    for m in _CURRENCY_NAME.finditer(text):
        if not any(a <= m.start() < b for a, b in covered):
            out.append(dict(start=m.start(), end=m.end(), value=None, type="currency"))
    return [d for d in out if want is None or d["type"] in want]


SYSTEMS = {
    "govreport_nlp": dict(
        extract=extract,
        supports={"number", "percent", "ordinal", "currency", "dimension", "age", "temperature"},
        note="govreport_nlp.numerals.find_numerals(bare=True) + this adapter",
    )
}
