"""The batch calculator contract (`../shared/domain/kalkulator.md`): JSON records in, result
records out. Pure, no Django: the management command `kumuh_hitung` and the REST endpoint
`POST /api/v1/penilaian/hitung/` are thin wrappers around `hitung_teks` / `hitung_rekaman`.

    hasil, status = hitung_teks(teks)   # status 0 all scored, 1 some rejected, 2 unreadable
    print(tulis_jsonl(hasil)); sys.exit(status)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from penilaian.rumus import (
    KODE_KRITERIA,
    HasilPenilaian,
    Kesalahan,
    KesalahanMasukan,
    MasukanPenilaian,
    hitung,
)

# Exit status of `manage.py kumuh_hitung` (kalkulator.md).
STATUS_SEMUA_DINILAI = 0
STATUS_ADA_DITOLAK = 1
STATUS_TIDAK_TERBACA = 2

# Keys of the record's sub-objects (kalkulator.md "Record in").
KUNCI_LEGALITAS = ("status_penguasaan", "kesesuaian_rtr")
KUNCI_PERTIMBANGAN_LAIN = ("strategis", "kepadatan_penduduk", "potensi_sosekbud")


class MasukanTidakTerbaca(ValueError):
    """The input is neither a JSON array nor JSON Lines (exit status 2)."""


def baca_masukan(teks: str) -> list[Any]:
    """Return the records of a JSON array or of JSON Lines (one record a line), in order.

    A single JSON object is one record. Numbers are read as Decimal so that 24.995 stays
    24.995. Raises MasukanTidakTerbaca for empty input or any line that is not JSON: a broken
    line means a damaged file, and scoring the rest would silently drop records.
    """
    teks = teks.removeprefix("\ufeff")  # byte-order mark of files saved by Excel/Notepad
    if not teks.strip():
        raise MasukanTidakTerbaca("masukan kosong: harap kirim larik JSON atau JSON Lines")
    try:
        isi = _json(teks)
    except (ValueError, RecursionError):
        pass
    else:
        return isi if isinstance(isi, list) else [isi]
    rekaman: list[Any] = []
    for nomor, baris in enumerate(teks.splitlines(), start=1):
        if not baris.strip():
            continue
        try:
            rekaman.append(_json(baris))
        except (ValueError, RecursionError) as e:
            sebab = f"{e.msg}, kolom {e.colno}" if isinstance(e, json.JSONDecodeError) else e
            raise MasukanTidakTerbaca(
                f"baris {nomor} bukan JSON ({sebab}): "
                "harap kirim larik JSON atau JSON Lines (satu rekaman per baris)"
            ) from None
    return rekaman


def _json(teks: str) -> Any:
    # ValueError covers JSONDecodeError and ints longer than Python's digit limit;
    # RecursionError an absurdly nested document.
    return json.loads(teks, parse_float=Decimal)


def _objek(
    rekaman: Mapping[str, Any], kunci: str, dikenal: Iterable[str] | None, galat: list[Kesalahan]
) -> dict[str, Any]:
    """Return a sub-object of the record, recording a wrong type or unknown keys."""
    nilai = rekaman.get(kunci)
    if nilai is None:
        return {}
    if not isinstance(nilai, dict):
        galat.append(Kesalahan(kunci, "harus berupa objek JSON {…}"))
        return {}
    if dikenal is not None:
        dikenal = tuple(dikenal)
        for k in nilai:
            if k not in dikenal:
                galat.append(
                    Kesalahan(f"{kunci}.{k}", f"bukan isian yang dikenal ({', '.join(dikenal)})")
                )
    return nilai


def masukan_dari_rekaman(rekaman: Any) -> MasukanPenilaian:
    """Translate one JSON record into a MasukanPenilaian; raise KesalahanMasukan on bad shape.

    Unknown top-level keys (a spreadsheet's `nama`, `kelurahan` …) are ignored; the contents of
    `persen` and `numerik` are checked by the rules themselves.
    """
    if not isinstance(rekaman, dict):
        raise KesalahanMasukan([Kesalahan("rekaman", "harus berupa objek JSON {…}")])
    galat: list[Kesalahan] = []
    persen = _objek(rekaman, "persen", None, galat)
    numerik = _objek(rekaman, "numerik", None, galat)
    legalitas = _objek(rekaman, "legalitas", KUNCI_LEGALITAS, galat)
    pertimbangan = _objek(rekaman, "pertimbangan_lain", KUNCI_PERTIMBANGAN_LAIN, galat)
    if galat:
        raise KesalahanMasukan(galat)
    return MasukanPenilaian(
        kategori_kota=rekaman.get("kategori_kota"),
        persen=persen,
        numerik=numerik,
        status_penguasaan=legalitas.get("status_penguasaan"),
        kesesuaian_rtr=legalitas.get("kesesuaian_rtr"),
        strategis=pertimbangan.get("strategis"),
        kepadatan_penduduk=pertimbangan.get("kepadatan_penduduk"),
        potensi_sosekbud=pertimbangan.get("potensi_sosekbud"),
    )


def rekaman_hasil(id_: Any, hasil: HasilPenilaian) -> dict[str, Any]:
    """The "Result out" object of kalkulator.md: plain JSON types, in the documented order."""
    return {
        "id": id_,
        "persen": {
            kode: (float(hasil.persen[kode]) if hasil.persen[kode] is not None else None)
            for kode in KODE_KRITERIA
        },
        "skor": {kode: hasil.skor[kode] for kode in KODE_KRITERIA},
        "nilai_kekumuhan": hasil.nilai_kekumuhan,
        "tingkat_kekumuhan": str(hasil.tingkat_kekumuhan),
        "nilai_pertimbangan_lain": hasil.nilai_pertimbangan_lain,
        "tingkat_pertimbangan_lain": str(hasil.tingkat_pertimbangan_lain),
        "legalitas": str(hasil.legalitas),
        "klasifikasi": hasil.klasifikasi,
        "prioritas": hasil.prioritas,
        "pola_penanganan": str(hasil.pola_penanganan) if hasil.pola_penanganan else None,
    }


def hitung_rekaman(rekaman: Any) -> dict[str, Any]:
    """Score one record: the result object, or {"id": …, "error": "…"} naming every problem."""
    id_ = _polos(rekaman.get("id")) if isinstance(rekaman, dict) else None
    try:
        hasil = hitung(masukan_dari_rekaman(rekaman))
    except KesalahanMasukan as e:
        return {"id": id_, "error": str(e)}
    return rekaman_hasil(id_, hasil)


def hitung_teks(teks: str) -> tuple[list[dict[str, Any]], int]:
    """Score every record of a JSON array / JSON Lines text; return results in input order and
    the exit status. Unreadable input gives one {"id": null, "error": …} and status 2."""
    try:
        semua = baca_masukan(teks)
    except MasukanTidakTerbaca as e:
        return [{"id": None, "error": str(e)}], STATUS_TIDAK_TERBACA
    hasil = [hitung_rekaman(r) for r in semua]
    ditolak = any("error" in h for h in hasil)
    return hasil, STATUS_ADA_DITOLAK if ditolak else STATUS_SEMUA_DINILAI


def _polos(nilai: Any) -> Any:
    """Echo an id in plain JSON types: numbers were read as Decimal, give them back as float."""
    if isinstance(nilai, Decimal):
        return float(nilai)
    if isinstance(nilai, list):
        return [_polos(x) for x in nilai]
    if isinstance(nilai, dict):
        return {k: _polos(v) for k, v in nilai.items()}
    return nilai


def tulis_jsonl(hasil: Iterable[Mapping[str, Any]]) -> str:
    """Write results as JSON Lines (UTF-8 text, one object a line, ending with a newline)."""
    return "".join(f"{json.dumps(h, ensure_ascii=False)}\n" for h in hasil)
