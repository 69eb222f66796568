"""Pure rules of kolaborasi: vocabularies, horizons, funding sums (no Django).

Values are the stored codes; the models' TextChoices take their labels from here so a rule and
a form never disagree. Seed references as in ../shared/domain/kolaborasi-monev.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

# Pemangku kepentingan (000:70-71, 181): internal subtypes, then external ones.
JENIS_INTERNAL: dict[str, str] = {
    "perangkat_daerah": "Perangkat Daerah",
    "bumd": "BUMD",
    "lembaga_kemasyarakatan": "Lembaga kemasyarakatan",
}
JENIS_EKSTERNAL: dict[str, str] = {
    "perusahaan": "Perusahaan (TJSLP)",
    "perguruan_tinggi": "Perguruan tinggi",
    "lsm": "Lembaga swadaya masyarakat",
    "komunitas": "Komunitas",
    "media": "Media",
    "lembaga_keuangan": "Lembaga keuangan",
    "perorangan": "Perorangan",
}
JENIS_PEMANGKU: dict[str, str] = {**JENIS_INTERNAL, **JENIS_EKSTERNAL}
KOMPETENSI: dict[str, str] = {"psu": "PSU", "sosial": "Sosial", "ekonomi": "Ekonomi"}

# Tahap kolaborasi per lokasi (000:236-246), in order.
TAHAP: dict[str, str] = {
    "persiapan": "Persiapan",
    "perencanaan": "Perencanaan partisipatif",
    "promosi": "Promosi dan edukasi",
    "implementasi": "Implementasi",
    "operasional": "Operasional dan pemeliharaan",
    "monev": "Monitoring dan evaluasi",
}

# Ruang lingkup kegiatan (000:165-169) and their subtypes (000:190-197, 206-213, 222-227).
RUANG_LINGKUP: dict[str, str] = {"psu": "PSU", "sosial": "Sosial", "ekonomi": "Ekonomi"}

# Funding sources (kolaborasi-monev.md §2.6): the memorandum program's columns, in order.
SUMBER_DANA: dict[str, str] = {
    "apbn": "APBN",
    "apbd_provinsi": "APBD Provinsi",
    "apbd_kabkota": "APBD Kab/Kota",
    "dak": "DAK",
    "dana_desa": "Dana Desa/Kelurahan",
    "csr": "CSR/TJSLP",
    "swadaya": "Swadaya Masyarakat",
    "lainnya": "Lainnya",
}
# Sources an external party pledges through the Forum PKP (the others are public budgets).
SUMBER_NON_PEMERINTAH = frozenset({"csr", "swadaya", "lainnya"})

PELAKSANA: dict[str, str] = {
    "swakelola": "Swakelola (KSM/lembaga kemasyarakatan)",
    "pihak_ketiga": "Pihak ketiga",
    "tjslp": "Perusahaan (TJSLP)",
}
DASAR: dict[str, str] = {
    "rp2kpkp": "RP2KPKP",
    "rplp": "RPLP",
    "pks": "PKS",
    "lainnya": "Lainnya",
}
# Kegiatan states (Proposal built on 000:75-80, 001:139, 152), in order.
STATUS_KEGIATAN: dict[str, str] = {
    "usulan": "Usulan",
    "direncanakan": "Direncanakan",
    "dianggarkan": "Dianggarkan",
    "berjalan": "Berjalan",
    "selesai": "Selesai",
    "diserahterimakan": "Diserahterimakan",
}
# Planned kegiatan: what a projection applies (a proposal is not yet a plan).
STATUS_RENCANA = frozenset({"direncanakan", "dianggarkan", "berjalan"})

# Horizons (002:591-594; 003:573-575): short ≤ 1 year, medium 1–5, long > 5 from the plan start.
HORIZON: dict[str, str] = {
    "pendek": "Jangka pendek (≤ 1 tahun)",
    "menengah": "Jangka menengah (1–5 tahun)",
    "panjang": "Jangka panjang (> 5 tahun)",
}

# Pledges and agreements: the four resource types of 000:277-281.
JENIS_SUMBERDAYA: dict[str, str] = {
    "fisik": "Fisik",
    "non_fisik": "Non fisik",
    "keuangan": "Keuangan",
    "non_keuangan": "Non keuangan",
}
STATUS_PKS: dict[str, str] = {
    "draf": "Draf",
    "ditandatangani": "Ditandatangani",
    "berjalan": "Berjalan",
    "selesai": "Selesai",
    "berakhir": "Berakhir",
}

JENIS_PERTEMUAN: dict[str, str] = {
    "pokja_rutin": "Rapat rutin Pokja PKP",
    "pokja_monitoring": "Rapat monitoring Pokja PKP",
    "forum": "Forum PKP",
    "sosialisasi": "Sosialisasi",
    "lokakarya": "Lokakarya",
    "raker": "Rapat kerja",
}


def horizon(tahun: int, tahun_awal_rencana: int) -> str:
    """Return the plan horizon of a kegiatan of `tahun` in a plan starting `tahun_awal_rencana`.

    The first year of the plan is year 1: ≤ 1 pendek, 2–5 menengah, > 5 panjang (a kegiatan
    before the plan start counts as short).
    """
    ke = tahun - tahun_awal_rencana + 1
    if ke <= 1:
        return "pendek"
    if ke <= 5:
        return "menengah"
    return "panjang"


def selisih_pendanaan(biaya: Decimal, pendanaan: Mapping[str, Decimal]) -> Decimal:
    """Return biaya − Σ pendanaan: positive is unfunded, negative over-funded, 0 balanced."""
    return biaya - sum(pendanaan.values(), Decimal(0))


def jenis_internal(jenis: str) -> bool:
    """Whether a stakeholder subtype is internal to the Pemda (a Pokja member must be)."""
    return jenis in JENIS_INTERNAL


def status_berikut(status: str) -> str | None:
    """Return the kegiatan state after `status`, or None at the end."""
    urutan = list(STATUS_KEGIATAN)
    i = urutan.index(status)
    return urutan[i + 1] if i + 1 < len(urutan) else None


def pilihan(kamus: Mapping[str, str]) -> list[tuple[str, str]]:
    """Return a vocabulary as Django choices."""
    return list(kamus.items())


def label(kamus: Mapping[str, str], kode: str) -> str:
    return kamus.get(kode, kode)


def jumlah(nilai: Iterable[Decimal | None]) -> Decimal:
    """Sum amounts, a missing one counting as 0."""
    return sum((n for n in nilai if n is not None), Decimal(0))
