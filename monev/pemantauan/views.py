"""Pages of monitoring: the kegiatan to monitor, a kegiatan's entries and APIP findings, adding
an entry (built for a phone in the field), a photo served to the city's users only."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kolaborasi import aturan as aturan_kolaborasi
from kolaborasi.akses import get_kegiatan_for_user
from kolaborasi.models import Kegiatan
from lokasi import riwayat
from lokasi.models import RiwayatPerubahan
from monev.akses import boleh_isi, boleh_putuskan, wajib_isi
from monev.models import FotoPemantauan, Pemantauan, RealisasiDana, RealisasiEfek, TemuanAPIP
from monev.pemantauan import aturan, services
from monev.pemantauan.forms import (
    STATUS_DIPANTAU,
    FilterPemantauanForm,
    FotoFormSet,
    PemantauanForm,
    TemuanForm,
    TindakLanjutForm,
    baca_foto,
    galat_foto,
    untuk_kegiatan,
)

PER_HALAMAN = 25


def _terakhir(field: str) -> Subquery:
    return Subquery(
        Pemantauan.objects.filter(kegiatan=OuterRef("pk"))
        .order_by("-tanggal", "-pk")
        .values(field)[:1]
    )


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    semua = Kegiatan.objects.untuk(request.user).filter(status__in=STATUS_DIPANTAU)
    tahun = sorted(set(semua.order_by().values_list("tahun", flat=True).distinct()))
    filter_form = FilterPemantauanForm(
        request.GET or None, kabkota=request.user.kabkota_terjangkau(), tahun=tahun
    )
    qs = filter_form.saring(semua).filter(status__in=STATUS_DIPANTAU)
    halaman = Paginator(
        qs.annotate(
            akhir=_terakhir("pk"), akhir_tanggal=_terakhir("tanggal"),
            akhir_progres=_terakhir("progres_fisik"),
        )
        .select_related("lokasi")
        .prefetch_related("efek")
        .order_by("-tahun", "program", "nama", "pk"),
        PER_HALAMAN,
    ).get_page(request.GET.get("halaman"))  # fmt: skip
    akhir = [k.akhir for k in halaman.object_list if k.akhir]
    volume = {
        (p, e): v
        for p, e, v in RealisasiEfek.objects.filter(pemantauan__in=akhir).values_list(
            "pemantauan_id", "efek_id", "volume"
        )
    }
    belanja = dict(
        RealisasiDana.objects.filter(pemantauan__in=akhir)
        .values("pemantauan_id")
        .annotate(total=Sum("jumlah"))
        .values_list("pemantauan_id", "total")
    )
    for k in halaman.object_list:
        # Units differ between effects: the kegiatan's share is the mean of its effects' shares.
        bagian = [
            aturan.persen(volume.get((k.akhir, e.pk), Decimal(0)), e.volume) for e in k.efek.all()
        ]
        bagian = [b for b in bagian if b is not None]
        k.persen_volume = (
            (sum(bagian) / len(bagian)).quantize(Decimal("0.1")) if bagian and k.akhir else None
        )
        k.realisasi_keuangan = belanja.get(k.akhir)
        k.persen_keuangan = aturan.persen(k.realisasi_keuangan, k.biaya)
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "monev/pemantauan_daftar.html",
        {
            "filter_form": filter_form,
            "halaman": halaman,
            "jumlah": halaman.paginator.count,
            "query_tanpa_halaman": query.urlencode(),
        },
    )


@login_required
@require_GET
def kegiatan(request: HttpRequest, pk: int) -> HttpResponse:
    k = get_kegiatan_for_user(request.user, pk)
    efek = services.baris_efek(k)
    for e in efek:
        e.persen = aturan.persen(e.sebelumnya, e.volume)
    entri = list(
        k.pemantauan.order_by("tanggal", "pk")
        .select_related("dibuat_oleh")
        .prefetch_related("efek", "dana", "foto")
    )
    for p in entri:
        per_efek = {r.efek_id: r.volume for r in p.efek.all()}
        p.volume_per_efek = [per_efek.get(e.pk) for e in efek]
        p.total_dana = aturan_kolaborasi.jumlah(d.jumlah for d in p.dana.all())
    temuan = list(k.temuan_apip.all())
    jenis = ContentType.objects.get_for_model(TemuanAPIP)
    catatan: dict[int, list[RiwayatPerubahan]] = {}
    for r in RiwayatPerubahan.objects.filter(
        content_type=jenis, object_id__in=[t.pk for t in temuan]
    ).select_related("pengguna"):
        catatan.setdefault(r.object_id, []).append(r)
    putuskan = boleh_putuskan(request.user, k.kabupaten_kota)
    for t in temuan:
        t.riwayat = catatan.get(t.pk, [])
        if putuskan:
            t.form = TindakLanjutForm(
                initial={"versi": t.versi, "status": t.status, "tindak_lanjut": t.tindak_lanjut},
                prefix=f"t{t.pk}",
            )
    return render(
        request,
        "monev/pemantauan_kegiatan.html",
        {
            "kegiatan": k,
            "efek": efek,
            "entri": entri,
            "temuan": temuan,
            "temuan_form": TemuanForm(),
            "boleh_isi": boleh_isi(request.user, k.kabupaten_kota) and k.status in STATUS_DIPANTAU,
            "boleh_catat_temuan": boleh_isi(request.user, k.kabupaten_kota),
            "boleh_putuskan": putuskan,
            "syarat_selesai": services.pesan_selesai(
                entri[-1] if entri else None, efek, entri[-1].foto.all() if entri else []
            )
            if k.status == "berjalan"
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def tambah(request: HttpRequest, pk: int) -> HttpResponse:
    k = get_kegiatan_for_user(request.user, pk)
    wajib_isi(request.user, k.kabupaten_kota)
    if k.status not in STATUS_DIPANTAU:
        raise Http404(_("Kegiatan ini belum dianggarkan, belum ada yang dipantau."))
    efek = services.baris_efek(k)
    akhir = services.terakhir(k)
    data = request.POST if request.method == "POST" else None
    form = PemantauanForm(
        data, efek=efek, pendanaan=untuk_kegiatan(k),
        initial={"terakhir": akhir.pk if akhir else None},
    )  # fmt: skip
    foto = FotoFormSet(data, request.FILES or None, prefix="foto")
    galat: list[str] = []
    if data is not None:
        form_sah, foto_sah = form.is_valid(), foto.is_valid()
        galat = galat_foto(foto)
        if form_sah and foto_sah:
            try:
                p, peringatan = services.pemantauan_tambah(
                    kegiatan=k, pengguna=request.user,
                    terakhir_awal=form.cleaned_data["terakhir"],
                    tanggal=form.cleaned_data["tanggal"],
                    progres_fisik=form.cleaned_data["progres_fisik"],
                    efek=form.volume(), dana=form.dana(), foto=baca_foto(foto),
                    kendala=form.cleaned_data["kendala"],
                    tindakan_korektif=form.cleaned_data["tindakan_korektif"],
                )  # fmt: skip
            except riwayat.KonflikPerubahan as e:
                form.add_error(None, str(e))
            except ValidationError as e:
                for pesan in e.messages:
                    form.add_error(None, pesan)
            else:
                messages.success(request, _("Pemantauan %(t)s disimpan.") % {"t": p})
                for pesan in peringatan:
                    messages.warning(request, pesan)
                return redirect("monev:pemantauan_kegiatan", pk=k.pk)
    return render(
        request,
        "monev/pemantauan_form.html",
        {"kegiatan": k, "form": form, "foto": foto, "galat_foto": galat, "akhir": akhir},
    )


@login_required
@require_GET
def foto(request: HttpRequest, pk: int) -> FileResponse:
    f = get_object_or_404(
        FotoPemantauan.objects.filter(
            pemantauan__kegiatan__kabupaten_kota__in=request.user.kabkota_terjangkau()
        ),
        pk=pk,
    )
    try:
        handle = f.berkas.open("rb")
    except FileNotFoundError as e:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from e
    respons = FileResponse(handle, filename=f.berkas.name.rsplit("/", 1)[-1])
    respons["Cache-Control"] = "private, max-age=3600"
    respons["X-Content-Type-Options"] = "nosniff"
    return respons


@login_required
@require_POST
def temuan_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    k = get_kegiatan_for_user(request.user, pk)
    wajib_isi(request.user, k.kabupaten_kota)
    form = TemuanForm(request.POST)
    if form.is_valid():
        services.temuan_tambah(kegiatan=k, pengguna=request.user, **form.cleaned_data)
        messages.success(request, _("Temuan APIP dicatat."))
    else:
        for nama, galat in form.errors.items():
            label = form.fields[nama].label if nama in form.fields else ""
            for g in galat:
                messages.error(
                    request, _("Temuan APIP, %(f)s: %(g)s") % {"f": str(label).lower(), "g": g}
                )
    return redirect("monev:pemantauan_kegiatan", pk=k.pk)


@login_required
@require_POST
def temuan_tindak_lanjut(request: HttpRequest, pk: int) -> HttpResponse:
    t = get_object_or_404(
        TemuanAPIP.objects.filter(
            kegiatan__kabupaten_kota__in=request.user.kabkota_terjangkau()
        ).select_related("kegiatan__kabupaten_kota"),
        pk=pk,
    )
    form = TindakLanjutForm(request.POST, prefix=f"t{t.pk}")
    if form.is_valid():
        try:
            services.temuan_tindak_lanjut(temuan=t, pengguna=request.user, **{
                "versi_awal": form.cleaned_data["versi"], "status": form.cleaned_data["status"],
                "tindak_lanjut": form.cleaned_data["tindak_lanjut"],
            })  # fmt: skip
        except (riwayat.KonflikPerubahan, ValidationError) as e:
            messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
        else:
            messages.success(request, _("Tindak lanjut temuan APIP disimpan."))
    else:
        messages.error(request, _("Status tindak lanjut tidak dikenal."))
    return redirect("monev:pemantauan_kegiatan", pk=t.kegiatan_id)
