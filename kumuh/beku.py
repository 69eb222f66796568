"""Freeze plain-data results (frozen dataclasses) into JSON and read them back, typed.

Pure (standard library only). A decision taken on computed figures — a concluded peninjauan
ulang, say — must keep the figures it was taken on, whatever the live data does later; the
figures are dataclasses of Decimals, dates, tuples and dicts, which JSON cannot hold as such.
`ke_json` writes Decimals and dates as strings, tuples as lists; `dari_json(Tipe, data)` reads
them back by the dataclass's own annotations, so a frozen result compares equal to the live one.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any


def ke_json(nilai: Any) -> Any:
    """Return `nilai` as JSON-safe data (dataclasses as dicts, Decimal/date as strings)."""
    if dataclasses.is_dataclass(nilai) and not isinstance(nilai, type):
        return {f.name: ke_json(getattr(nilai, f.name)) for f in dataclasses.fields(nilai)}
    if isinstance(nilai, Decimal):
        return str(nilai)
    if isinstance(nilai, date):
        return nilai.isoformat()
    if isinstance(nilai, (tuple, list)):
        return [ke_json(v) for v in nilai]
    if isinstance(nilai, dict):
        return {str(k): ke_json(v) for k, v in nilai.items()}
    return nilai


@cache
def _anotasi(tipe: type) -> dict[str, Any]:
    return typing.get_type_hints(tipe)


def dari_json(tipe: Any, data: Any) -> Any:
    """Return `data` (from `ke_json`) read back as `tipe` (a dataclass or an annotation)."""
    if data is None:
        return None
    asal = typing.get_origin(tipe)
    if asal in (typing.Union, types.UnionType):
        pilihan = [t for t in typing.get_args(tipe) if t is not type(None)]
        return dari_json(pilihan[0], data)
    if dataclasses.is_dataclass(tipe):
        anotasi = _anotasi(tipe)
        return tipe(
            **{
                f.name: dari_json(anotasi[f.name], data[f.name])
                for f in dataclasses.fields(tipe)
                if f.name in data
            }
        )
    if asal is tuple:
        args = typing.get_args(tipe)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(dari_json(args[0], v) for v in data)
        return tuple(dari_json(t, v) for t, v in zip(args, data, strict=True))
    if asal is dict:
        kunci, isi = typing.get_args(tipe)
        return {dari_json(kunci, k): dari_json(isi, v) for k, v in data.items()}
    if asal is list:
        (isi,) = typing.get_args(tipe)
        return [dari_json(isi, v) for v in data]
    if tipe is Decimal:
        return Decimal(data)
    if tipe is date:
        return date.fromisoformat(data)
    if tipe is int:
        return int(data)
    return data
