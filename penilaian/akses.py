"""Who may do what with surveys and SKs: scoped fetching (404) and one predicate per right (403).

Each right is a `boleh_*` predicate that the page reads to show its button and a `wajib_*`
that views and services call to answer 403, so the two cannot disagree.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from lokasi.akses import boleh_kelola_lokasi
from lokasi.models import KabupatenKota, Lokasi, Pengguna, Peran
from penilaian.models import SK, Penilaian, Status

# --- scoped fetching -------------------------------------------------------------------------


def get_penilaian_for_user(pengguna: Pengguna, pk: int) -> Penilaian:
    return get_object_or_404(
        Penilaian.objects.untuk(pengguna).select_related(
            "lokasi__kabupaten_kota", "diubah_oleh", "dibuat_oleh"
        ),
        pk=pk,
    )


def get_sk_for_user(pengguna: Pengguna, pk: int) -> SK:
    return get_object_or_404(
        SK.objects.untuk(pengguna)
        .select_related("kabupaten_kota__provinsi", "diubah_oleh", "ditetapkan_oleh")
        # The SK it replaces: cited in its text.
        .select_related("menggantikan"),
        pk=pk,
    )


# --- entering surveys ------------------------------------------------------------------------


def boleh_mulai(pengguna: Pengguna, lokasi: Lokasi | None = None) -> bool:
    """Whether the user may start (and fill in) surveys of this lokasi, or of their kab/kota."""
    return boleh_kelola_lokasi(pengguna, lokasi.kabupaten_kota if lokasi else None)


def wajib_mulai(pengguna: Pengguna, lokasi: Lokasi) -> None:
    """Raise 403 unless the user may enter surveys for this lokasi's kab/kota."""
    if not boleh_mulai(pengguna, lokasi):
        raise PermissionDenied(_("Hanya operator kabupaten/kota ini yang boleh mengisi survei."))


def boleh_isi(pengguna: Pengguna, penilaian: Penilaian) -> bool:
    """Whether the user may change this survey's inputs now (an operator of its city, a draf)."""
    return penilaian.boleh_diubah and boleh_mulai(pengguna, penilaian.lokasi)


def wajib_isi(pengguna: Pengguna, penilaian: Penilaian) -> None:
    """Raise 403 unless `boleh_isi`, saying whether the role or the status is in the way."""
    wajib_mulai(pengguna, penilaian.lokasi)
    if not penilaian.boleh_diubah:
        raise PermissionDenied(_("Hanya penilaian berstatus draf yang boleh diubah."))


def boleh_impor(pengguna: Pengguna) -> bool:
    """Whether the user may import surveys from Excel (into their own kab/kota)."""
    return boleh_kelola_lokasi(pengguna)


def wajib_impor(pengguna: Pengguna) -> None:
    """Raise 403 unless the user may import surveys (an import creates and changes lokasi)."""
    if not boleh_impor(pengguna):
        raise PermissionDenied(_("Peran Anda tidak boleh mengimpor penilaian dari Excel."))


# --- the workflow ----------------------------------------------------------------------------

# (from, to) → roles allowed to take the step, and whether the step needs a complete survey.
LANGKAH: dict[tuple[str, str], set[str]] = {
    (Status.DRAF, Status.DIAJUKAN): {Peran.OPERATOR, Peran.ADMIN_KABKOTA},
    (Status.DIAJUKAN, Status.DISETUJUI_POKJA): {Peran.POKJA},
    (Status.DISETUJUI_POKJA, Status.TERVERIFIKASI_PROVINSI): {Peran.VERIFIKATOR_PROVINSI},
    (Status.TERVERIFIKASI_PROVINSI, Status.TERVERIFIKASI_PUSAT): {Peran.VERIFIKATOR_PUSAT},
}
# Who may send a survey back to draf from each status (a reason is required).
PENGEMBALI: dict[str, set[str]] = {
    Status.DIAJUKAN: {Peran.POKJA},
    Status.DISETUJUI_POKJA: {Peran.POKJA, Peran.VERIFIKATOR_PROVINSI},
    Status.TERVERIFIKASI_PROVINSI: {Peran.VERIFIKATOR_PROVINSI, Peran.VERIFIKATOR_PUSAT},
    Status.TERVERIFIKASI_PUSAT: {Peran.VERIFIKATOR_PUSAT},
}
VERIFIKASI = (Status.TERVERIFIKASI_PROVINSI, Status.TERVERIFIKASI_PUSAT)


def langkah_berikut(penilaian: Penilaian, pengguna: Pengguna) -> list[str]:
    """Return the statuses this user may move the survey to now (for the page's buttons)."""
    # The role alone is not enough: a Pokja member of another city must not approve.
    if not pengguna.kabkota_terjangkau().filter(pk=penilaian.lokasi.kabupaten_kota_id).exists():
        return []
    hasil = [
        ke
        for (dari, ke), peran in LANGKAH.items()
        if dari == penilaian.status and pengguna.peran in peran
    ]
    if pengguna.peran in PENGEMBALI.get(penilaian.status, set()):
        hasil.append(Status.DRAF)
    return hasil


def boleh_pindah(pengguna: Pengguna, penilaian: Penilaian, ke: str) -> bool:
    """Whether the user may move the survey to status `ke` now."""
    return ke in langkah_berikut(penilaian, pengguna)


def wajib_pindah(pengguna: Pengguna, penilaian: Penilaian, ke: str) -> None:
    """Raise 403 unless the user may move the survey to status `ke` now."""
    if not boleh_pindah(pengguna, penilaian, ke):
        raise PermissionDenied(
            _("Peran Anda tidak boleh memindahkan penilaian dari %(dari)s ke %(ke)s.")
            % {"dari": Status(penilaian.status).label, "ke": Status(ke).label}
        )


def boleh_ajukan(pengguna: Pengguna, penilaian: Penilaian) -> bool:
    return boleh_pindah(pengguna, penilaian, Status.DIAJUKAN)


def boleh_setujui(pengguna: Pengguna, penilaian: Penilaian) -> bool:
    return boleh_pindah(pengguna, penilaian, Status.DISETUJUI_POKJA)


def boleh_verifikasi(pengguna: Pengguna, penilaian: Penilaian) -> bool:
    return any(ke in VERIFIKASI for ke in langkah_berikut(penilaian, pengguna))


def boleh_kembalikan(pengguna: Pengguna, penilaian: Penilaian) -> bool:
    return boleh_pindah(pengguna, penilaian, Status.DRAF)


# --- SK penetapan lokasi ---------------------------------------------------------------------
# Who prepares the draft and issues it: the Dinas admin and the Pokja PKP of the kab/kota. The
# SK writes (penilaian.sk.services) check the same rule again.
PERAN_PENGELOLA_SK = frozenset({Peran.ADMIN_KABKOTA, Peran.POKJA})


def boleh_kelola_sk_kota(pengguna: Pengguna, kabupaten_kota: KabupatenKota) -> bool:
    """Whether the user's role may prepare and issue this kab/kota's SK."""
    return (
        pengguna.is_active
        and pengguna.peran in PERAN_PENGELOLA_SK
        and pengguna.kabupaten_kota_id == kabupaten_kota.pk
    )


def wajib_kelola_sk_kota(pengguna: Pengguna, kabupaten_kota: KabupatenKota) -> None:
    """Raise 403 unless the user is the Dinas admin or a Pokja member of that kab/kota."""
    if not boleh_kelola_sk_kota(pengguna, kabupaten_kota):
        raise PermissionDenied(
            _("Hanya admin Dinas dan anggota Pokja PKP kabupaten/kota ini yang boleh mengubah SK.")
        )


def boleh_buat_sk(pengguna: Pengguna) -> bool:
    """Whether the user may start a draft SK of their own kab/kota."""
    kabkota = pengguna.kabupaten_kota if pengguna.is_authenticated else None
    return kabkota is not None and boleh_kelola_sk_kota(pengguna, kabkota)


def boleh_kelola_sk(pengguna: Pengguna, sk: SK) -> bool:
    """Whether the user may change this SK now (its kab/kota's Dinas admin or Pokja, a draft)."""
    return sk.boleh_diubah and boleh_kelola_sk_kota(pengguna, sk.kabupaten_kota)


def wajib_kelola_sk(pengguna: Pengguna, sk: SK) -> None:
    """Raise 403 unless the user's role may change this kab/kota's SK.

    A determined SK is not a 403 but a form error (the SK writes refuse it with its reason).
    """
    wajib_kelola_sk_kota(pengguna, sk.kabupaten_kota)
