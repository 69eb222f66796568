"""kumuh.beku: frozen dataclasses through JSON and back, equal to what was frozen."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal as D

from kumuh.beku import dari_json, ke_json


@dataclass(frozen=True)
class Dalam:
    nilai: D | None
    kode: tuple[str, ...] = ()


@dataclass(frozen=True)
class Luar:
    nama: str
    tanggal: date | None
    dalam: tuple[Dalam, ...]
    pasangan: tuple[tuple[str, int], ...]
    per_kode: dict[str, tuple[Dalam, ...]]
    per_aspek: dict[int, int] = field(default_factory=dict)
    tunggal: Dalam | None = None
    benar: bool = False


def test_a_nested_result_survives_json_unchanged():
    asli = Luar(
        nama="Kawasan",
        tanggal=date(2026, 2, 28),
        dalam=(Dalam(D("0.10"), ("1a",)), Dalam(None)),
        pasangan=(("76% - 100%", 5), ("51% - 75%", 3)),
        per_kode={"2a": (Dalam(D("12.3456")),)},
        per_aspek={1: 5, 7: 0},
        tunggal=Dalam(D("-1E+2")),
        benar=True,
    )
    teks = json.dumps(ke_json(asli))
    kembali = dari_json(Luar, json.loads(teks))
    assert kembali == asli
    assert kembali.dalam[0].nilai == D("0.10") and str(kembali.dalam[0].nilai) == "0.10"


def test_missing_fields_take_their_defaults():
    assert dari_json(Dalam, {"nilai": "1"}) == Dalam(D(1))
