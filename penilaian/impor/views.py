"""Import of baseline surveys from Excel: upload → preview report → confirm; template; report.

The uploaded file is kept between preview and confirm under MEDIA_ROOT/impor/<user pk>/ as
<kunci>.xlsx with <kunci>.json (file name, year chosen, kab/kota and the last report). Only its
uploader finds it: another user's kunci answers 404. Only the operators and admins of a kab/kota
may import into it (403 otherwise); the template is open to every signed-in user.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods

from kumuh import xlsx_baca
from kumuh.xlsx import XLSX, isi_xlsx
from lokasi.models import KabupatenKota, Pengguna
from penilaian.akses import wajib_impor
from penilaian.impor.laporan import Laporan, buku_laporan
from penilaian.impor.rencana import impor_periksa
from penilaian.impor.simpan import impor_simpan
from penilaian.impor.templat import buku_templat

BERKAS_MAKS_BYTE = 20 * 1024 * 1024  # a 10,000-row baseline is about 2 MB
SIMPAN_DETIK = 3 * 24 * 3600  # uploads older than this are removed at the next upload
TAMPIL_MAKS = 200  # rows of each list on the page; the .xlsx report has them all
POLA_KUNCI = re.compile(r"[A-Za-z0-9_-]{16,64}")  # secrets.token_urlsafe(18) gives 24


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label=_l("Berkas Excel (.xlsx)"),
        help_text=_l("Templat, berkas baseline KOTAKU, atau unduhan Excel daftar prioritas."),
    )
    tahun = forms.IntegerField(
        label=_l("Tahun penilaian"),
        min_value=xlsx_baca.TAHUN_MIN,
        max_value=xlsx_baca.TAHUN_MAKS,
        required=False,
        help_text=_l("Untuk baris yang tidak mengisi kolom tahun maupun tanggal_survei."),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if not berkas.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Unggah berkas .xlsx (Excel 2007 ke atas); berkas .xls simpan ulang dulu.")
            )
        if berkas.size > BERKAS_MAKS_BYTE:
            raise forms.ValidationError(_("Berkas lebih dari 20 MB."))
        awal = berkas.read(4)
        berkas.seek(0)
        if awal != b"PK\x03\x04":  # every .xlsx is a zip archive
            raise forms.ValidationError(_("Berkas ini bukan berkas .xlsx."))
        return berkas


@dataclass
class Unggahan:
    """An upload kept between preview and confirm."""

    kunci: str
    berkas: Path
    meta: dict

    @property
    def laporan(self) -> Laporan:
        return Laporan.dari_json(self.meta["laporan"])

    def simpan_meta(self) -> None:
        self.berkas.with_suffix(".json").write_text(json.dumps(self.meta), encoding="utf-8")


def _folder(pengguna: Pengguna) -> Path:
    return Path(settings.MEDIA_ROOT) / "impor" / str(pengguna.pk)


def _kabkota_pengimpor(pengguna: Pengguna) -> KabupatenKota:
    """The user's own kab/kota, where they may import: 403 for any other role."""
    wajib_impor(pengguna)
    return pengguna.kabupaten_kota


def _get_unggahan_for_user(pengguna: Pengguna, kunci: str) -> Unggahan:
    """The user's own upload: 404 for anyone else's (the path is scoped by user)."""
    kabkota = _kabkota_pengimpor(pengguna)
    if not POLA_KUNCI.fullmatch(kunci):
        raise Http404
    berkas = _folder(pengguna) / f"{kunci}.xlsx"
    try:
        meta = json.loads(berkas.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise Http404(_("Unggahan tidak ditemukan; unggah berkasnya lagi.")) from e
    if not berkas.exists() or meta.get("kabupaten_kota") != kabkota.pk:
        raise Http404(_("Unggahan tidak ditemukan; unggah berkasnya lagi."))
    return Unggahan(kunci, berkas, meta)


def _bersihkan(folder: Path) -> None:
    batas = time.time() - SIMPAN_DETIK
    for lama in folder.glob("*.*"):
        if lama.stat().st_mtime < batas:
            lama.unlink(missing_ok=True)


@login_required
@require_http_methods(["GET", "POST"])
def unggah(request: HttpRequest) -> HttpResponse:
    kabkota = _kabkota_pengimpor(request.user)
    form = UnggahForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        folder = _folder(request.user)
        folder.mkdir(parents=True, exist_ok=True)
        _bersihkan(folder)
        kunci = secrets.token_urlsafe(18)
        berkas = folder / f"{kunci}.xlsx"
        with berkas.open("wb") as keluar:
            for potong in form.cleaned_data["berkas"].chunks():
                keluar.write(potong)
        nama = Path(form.cleaned_data["berkas"].name).name
        tahun = form.cleaned_data["tahun"]
        try:
            laporan = impor_periksa(
                berkas=str(berkas), kabupaten_kota=kabkota, tahun_bawaan=tahun, nama_berkas=nama
            )
        except BaseException:
            berkas.unlink(missing_ok=True)  # an upload nobody can preview is not kept
            raise
        meta = {"nama": nama, "tahun": tahun, "kabupaten_kota": kabkota.pk}
        Unggahan(kunci, berkas, {**meta, "laporan": laporan.ke_json()}).simpan_meta()
        return redirect("penilaian:impor_pratinjau", kunci=kunci)
    return render(request, "penilaian/impor_unggah.html", {"form": form, "kabkota": kabkota})


@login_required
@require_GET
def templat(request: HttpRequest) -> HttpResponse:
    respons = HttpResponse(isi_xlsx(buku_templat()), content_type=XLSX)
    respons["Content-Disposition"] = 'attachment; filename="templat-impor-penilaian.xlsx"'
    return respons


@login_required
@require_http_methods(["GET", "POST"])
def pratinjau(request: HttpRequest, kunci: str) -> HttpResponse:
    unggahan = _get_unggahan_for_user(request.user, kunci)
    if request.method == "POST":
        if unggahan.laporan.tersimpan:
            messages.error(request, _("Berkas ini sudah diimpor."))
            return redirect("penilaian:impor_pratinjau", kunci=kunci)
        laporan = impor_simpan(
            berkas=str(unggahan.berkas),
            kabupaten_kota=request.user.kabupaten_kota,
            pengguna=request.user,
            tahun_bawaan=unggahan.meta["tahun"],
            nama_berkas=unggahan.meta["nama"],
        )
        unggahan.meta["laporan"] = laporan.ke_json()
        unggahan.simpan_meta()
        if laporan.tersimpan:
            messages.success(request, _("Impor selesai. Penilaian hasil impor berstatus draf."))
        else:
            messages.error(
                request,
                _("Tidak ada yang diimpor: data berubah sejak pratinjau dan kini ada masalah."),
            )
        return redirect("penilaian:impor_pratinjau", kunci=kunci)
    laporan = unggahan.laporan
    konteks = {
        "kunci": kunci,
        "laporan": laporan,
        "masalah": laporan.masalah[:TAMPIL_MAKS],
        "peringatan": laporan.peringatan[:TAMPIL_MAKS],
        "tanda": laporan.tanda[:TAMPIL_MAKS],
        "survei": laporan.survei[:TAMPIL_MAKS],
        "tampil_maks": TAMPIL_MAKS,
        "jumlah": [(k.replace("_", " "), v) for k, v in laporan.jumlah.items()],
    }
    return render(request, "penilaian/impor_pratinjau.html", konteks)


@login_required
@require_GET
def laporan(request: HttpRequest, kunci: str) -> HttpResponse:
    unggahan = _get_unggahan_for_user(request.user, kunci)
    buku = buku_laporan(str(unggahan.berkas), unggahan.laporan)
    respons = HttpResponse(isi_xlsx(buku), content_type=XLSX)
    nama = Path(unggahan.meta["nama"]).stem or "impor"
    respons["Content-Disposition"] = f'attachment; filename="laporan-{_aman(nama)}.xlsx"'
    return respons


def _aman(nama: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in nama)[:80]
