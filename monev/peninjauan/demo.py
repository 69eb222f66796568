"""Demo rows of this part (called by monev_demo; idempotent, synthetic, labelled demo).

The demo's own SK (penilaian_demo) is a draft of 2026. A review needs an issued SK whose
surveys predate the handling, so this issues a demo copy of 2024 — over the lokasi whose 2024
survey is verified by pusat — through penilaian's SK services, as the Pokja would, then starts
the review 2026: the demo kegiatan of 2025 in selesai/diserahterimakan are its handling. The
Pokja concludes it and the draft Keputusan hasil peninjauan ulang is started (not issued: the
demo SK stays in force, so the review can be looked at as it stood).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from lokasi.models import KabupatenKota, Pengguna
from monev.models import PeninjauanUlang
from monev.peninjauan import services
from monev.peninjauan.muat import muat_peninjauan
from penilaian.models import SK
from penilaian.sk import services as services_sk

TAHUN_SK = 2024
TAHUN_PENINJAUAN = 2026
NOMOR_SK = "DEMO 100.3.3.2/12/2024"


def muat(*, kabkota: KabupatenKota, pengguna: dict[str, Pengguna]) -> str:
    """Create this part's demo rows once; return a line for the demo's output ("" if none)."""
    pokja = pengguna["pokja"]
    sk = (
        SK.objects.filter(kabupaten_kota=kabkota, status=SK.Status.DITETAPKAN)
        .order_by("-tanggal", "-pk")
        .first()
    ) or _terbitkan(pokja)
    if sk is None:
        return "Peninjauan ulang demo: tidak ada SK yang dapat ditetapkan, tidak dibuat."
    if PeninjauanUlang.objects.filter(sk=sk, tahun=TAHUN_PENINJAUAN).exists():
        return ""
    peninjauan = services.peninjauan_buat(sk=sk, pengguna=pokja, tahun=TAHUN_PENINJAUAN)
    rekap = muat_peninjauan(peninjauan)
    ditangani = sum(1 for h in rekap.lokasi if h.sumber)
    services.peninjauan_selesai(peninjauan=peninjauan, pengguna=pokja)
    services.keputusan_buat(peninjauan=peninjauan, pengguna=pokja)
    return (
        f"Peninjauan ulang demo {TAHUN_PENINJAUAN} (SK {sk.nomor}): {len(rekap.lokasi)} lokasi, "
        f"{ditangani} ditangani; selesai, dengan draf keputusan hasilnya."
    )


def _terbitkan(pokja: Pengguna) -> SK | None:
    """Issue the demo copy of the SK through the SK services; None when it cannot be issued."""
    sk = services_sk.sk_buat(pengguna=pokja, tahun=TAHUN_SK)
    # Issuing needs the three verification blocks; synthetic names, as on every demo record.
    for tim, nama in (("pusat", "Demo Tim Pusat"), ("provinsi", "Demo Tim Provinsi"),
                      ("kabkota", "Demo OPD")):  # fmt: skip
        services_sk.verifikasi_simpan(
            sk=sk, pengguna=pokja, tim=tim, data={"nama": nama, "jabatan": "Ketua (demo)"}
        )
    sk.refresh_from_db()
    data = {"nomor": NOMOR_SK, "tanggal": date(TAHUN_SK, 12, 2), "penandatangan_nama": "Demo"}
    sk = services_sk.sk_simpan(sk=sk, pengguna=pokja, data=data, versi=sk.versi)
    try:
        return services_sk.sk_tetapkan(sk=sk, pengguna=pokja, versi=sk.versi)
    except ValidationError:
        sk.delete()  # nothing to freeze (no verified lokasi): leave no stray draft behind
        return None
