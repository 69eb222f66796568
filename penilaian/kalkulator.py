"""The batch calculator contract (`../shared/domain/kalkulator.md`): JSON records in, result
records out. Pure, no Django: the management command `kumuh_hitung` and the REST endpoint
`POST /api/v1/penilaian/hitung/` are thin wrappers around `hitung_teks` / `hitung_rekaman`.

    hasil, status = hitung_teks(teks)   # status 0 all scored, 1 some rejected, 2 unreadable
    print(tulis_jsonl(hasil)); sys.exit(status)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from penilaian.rumus import (
    ANGKA_MAKS,
    ANGKA_MIN,
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
# Top-level keys the rules read; any other key (a spreadsheet's nama, kelurahan …) is ignored.
KUNCI_DIBACA = ("kategori_kota", "persen", "numerik", "legalitas", "pertimbangan_lain")

# A record is an object of objects of numbers (plus an id the caller may nest a little); a
# document nested deeper is refused before parsing, so 10,000 nested lists cannot exhaust the
# parser's recursion or the stack of whatever echoes the id back.
KEDALAMAN_MAKS = 32
# Digits of a JSON integer literal kept as int; a longer one is read as Decimal (Python refuses
# ints over 4,300 digits with an English message) and then refused as too large by name.
DIGIT_BULAT_MAKS = 30


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
    if _kedalaman(teks) > KEDALAMAN_MAKS:
        raise MasukanTidakTerbaca(
            f"masukan bersarang lebih dari {KEDALAMAN_MAKS} tingkat larik/objek: "
            "harap kirim larik JSON atau JSON Lines berisi rekaman penilaian"
        )
    try:
        isi = _json(teks)
    except (ValueError, RecursionError):
        pass
    else:
        return isi if isinstance(isi, list) else [isi]
    rekaman: list[Any] = []
    # Split on "\n" only: splitlines() also breaks at U+2028, U+0085 … inside a JSON string.
    for nomor, baris in enumerate(teks.split("\n"), start=1):
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
    # ValueError covers JSONDecodeError; RecursionError an absurdly nested line (the depth
    # check above should have caught it first). NaN/Infinity, which Python accepts though
    # JSON does not, become Decimal so that the field holding them is named as "bukan angka".
    return json.loads(teks, parse_float=Decimal, parse_int=_bilangan_bulat, parse_constant=Decimal)


def _bilangan_bulat(teks: str) -> int | Decimal:
    return int(teks) if len(teks.lstrip("-")) <= DIGIT_BULAT_MAKS else Decimal(teks)


def _kedalaman(teks: str) -> int:
    """Deepest nesting of [ and { outside JSON strings, counted without parsing."""
    tanpa_string = re.sub(r'"(?:[^"\\]|\\.)*"', "", teks)
    dalam = maks = 0
    for kurung in re.finditer(r"[\[\]{}]", tanpa_string):
        if kurung.group() in "[{":
            dalam += 1
            maks = max(maks, dalam)
            if maks > KEDALAMAN_MAKS:
                break
        else:
            dalam -= 1
    return maks


def _masalah_angka(nilai: Any) -> str | None:
    """Why a number (or numeric text) is out of any sane range, judged without arithmetic.

    `1e999999999` is a valid Decimal, but comparing it, rounding it or printing it as an int
    overflows the decimal context or builds a billion-digit string; its exponent alone tells.
    """
    if isinstance(nilai, str):
        teks = nilai.strip()
        if len(teks) > 100:
            return "teks terlalu panjang untuk sebuah angka"
        try:
            nilai = Decimal(teks)
        except ArithmeticError:
            return None  # not numeric text: the rules say "bukan angka" by name
    if not isinstance(nilai, Decimal):
        return None
    if not nilai.is_finite():
        return f"bukan angka ({str(nilai).lower()})"
    if nilai and nilai.adjusted() > ANGKA_MAKS.adjusted():
        return f"angka terlalu besar (lebih dari {ANGKA_MAKS:E})"
    if nilai and nilai.adjusted() < ANGKA_MIN.adjusted():
        return f"angka terlalu kecil (kurang dari {ANGKA_MIN:E})"
    return None


def _cek_angka(rekaman: Mapping[str, Any], galat: list[Kesalahan]) -> None:
    """Name every field whose number is out of range before the rules do arithmetic on it."""
    for kunci, nilai in rekaman.items():
        if kunci not in KUNCI_DIBACA:
            continue  # unknown columns and the id are not read, so never refused
        isi = nilai.items() if isinstance(nilai, dict) else [(None, nilai)]
        for sub, v in isi:
            masalah = _masalah_angka(v)
            if masalah:
                galat.append(Kesalahan(kunci if sub is None else f"{kunci}.{sub}", masalah))


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
    _cek_angka(rekaman, galat)
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
        # A number JSON cannot carry (NaN, Infinity, beyond float) is echoed as its text.
        if nilai.is_finite() and abs(nilai.adjusted()) < 300:
            return float(nilai)
        return str(nilai)
    if isinstance(nilai, list):
        return [_polos(x) for x in nilai]
    if isinstance(nilai, dict):
        return {k: _polos(v) for k, v in nilai.items()}
    return nilai


def tulis_jsonl(hasil: Iterable[Mapping[str, Any]]) -> str:
    """Write results as JSON Lines (UTF-8 text, one object a line, ending with a newline)."""
    return "".join(f"{json.dumps(h, ensure_ascii=False)}\n" for h in hasil)
