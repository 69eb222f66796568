"""Pages of the annual evaluation × roles: list, create (one per year), detail, narrative with
its lock, recommendations, final (read-only), PDF and Excel access."""

import pytest
from django.urls import reverse

from lokasi import riwayat
from monev.evaluasi import services
from monev.models import EvaluasiTahunan, Rekomendasi
from tests.conftest import klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan

pytestmark = pytest.mark.django_db

NARASI = {
    "pengantar": "Pengantar",
    "kesesuaian_kegiatan": "Sesuai",
    "anggaran": "",
    "pencapaian_target": "",
    "ketepatan_sasaran": "",
    "keberlanjutan": "",
    "kesimpulan": "Baik",
}


@pytest.fixture
def evaluasi(kota_a, pokja_a):
    return services.evaluasi_buat(kabupaten_kota=kota_a, tahun=2025, pengguna=pokja_a)


def _rek(evaluasi, **nilai):
    bawaan = {"jenis": "a", "uraian": "Tambah drainase", "ditujukan_kepada": "Wali Kota"}
    return Rekomendasi.objects.create(evaluasi=evaluasi, **{**bawaan, **nilai})


# --- access ------------------------------------------------------------------------------------


@pytest.mark.parametrize("nama", ["evaluasi_detail", "evaluasi_pdf", "evaluasi_xlsx"])
@pytest.mark.parametrize(
    ("peran", "kode"),
    [("operator_a", 200), ("admin_a", 200), ("pokja_a", 200), ("verifikator_p", 200),
     ("verifikator_pusat", 200), ("operator_b", 404)],
)  # fmt: skip
def test_reading_pages_by_role(request, evaluasi, nama, peran, kode):
    r = klien_untuk(request.getfixturevalue(peran)).get(
        reverse(f"monev:{nama}", args=[evaluasi.pk])
    )
    assert r.status_code == kode


@pytest.mark.parametrize("nama", ["evaluasi_detail", "evaluasi_pdf", "evaluasi_xlsx"])
def test_anonymous_is_sent_to_login(evaluasi, nama):
    r = klien_untuk(None).get(reverse(f"monev:{nama}", args=[evaluasi.pk]))
    assert r.status_code == 302
    assert "next=" in r["Location"]


def test_list_shows_evaluations_and_years_still_owed(kota_a, operator_a, evaluasi, lokasi_a):
    buat_kegiatan(kota_a, lokasi_a, tahun=2026)
    buat_kegiatan(kota_a, lokasi_a, tahun=2025)
    r = klien_untuk(operator_a).get(reverse("monev:evaluasi_daftar"))
    teks = r.content.decode()
    assert "Evaluasi 2025" in teks
    assert "Tahun 2026: 1 kegiatan" in teks
    assert 'name="tahun" value="2026"' in teks  # one click to start the year still owed
    assert "Tahun 2025: 1 kegiatan" not in teks
    assert "Buat evaluasi tahunan" in teks


def test_list_hides_other_city_and_the_button_from_verifiers(
    evaluasi, operator_b, verifikator_p, kota_a, lokasi_a
):
    buat_kegiatan(kota_a, lokasi_a, tahun=2026)
    assert (
        "Evaluasi 2025"
        not in klien_untuk(operator_b).get(reverse("monev:evaluasi_daftar")).content.decode()
    )
    teks = klien_untuk(verifikator_p).get(reverse("monev:evaluasi_daftar")).content.decode()
    assert "Evaluasi 2025" in teks and "Tahun 2026: 1 kegiatan" in teks
    assert "Buat evaluasi" not in teks


# --- create ------------------------------------------------------------------------------------


def test_create_then_refuse_a_second_for_the_same_year(operator_a, kota_a):
    klien = klien_untuk(operator_a)
    r = klien.post(reverse("monev:evaluasi_buat"), {"tahun": "2025"})
    e = EvaluasiTahunan.objects.get(kabupaten_kota=kota_a, tahun=2025)
    assert r.status_code == 302 and r["Location"] == reverse("monev:evaluasi_detail", args=[e.pk])
    r = klien.post(reverse("monev:evaluasi_buat"), {"tahun": "2025"})
    assert r.status_code == 400
    assert "Evaluasi tahunan 2025 sudah ada" in r.content.decode()
    assert EvaluasiTahunan.objects.count() == 1
    assert riwayat.untuk(e).count() == 1


@pytest.mark.parametrize(
    ("tahun", "pesan"),
    [("", "Tahun evaluasi wajib diisi"), ("abc", "bilangan bulat"), ("1999", "paling awal")],
)
def test_create_names_the_bad_year(operator_a, tahun, pesan):
    r = klien_untuk(operator_a).post(reverse("monev:evaluasi_buat"), {"tahun": tahun})
    assert r.status_code == 400 and pesan in r.content.decode()
    assert not EvaluasiTahunan.objects.exists()


@pytest.mark.parametrize(("peran", "kode"), [("verifikator_p", 403), ("operator_b", 302)])
def test_create_rights(request, peran, kode, kota_b):
    r = klien_untuk(request.getfixturevalue(peran)).post(
        reverse("monev:evaluasi_buat"), {"tahun": "2025"}
    )
    # Another city's operator creates their own city's evaluation, never city A's.
    assert r.status_code == kode
    if kode == 302:
        assert EvaluasiTahunan.objects.get().kabupaten_kota == kota_b


# --- narrative and lock ------------------------------------------------------------------------


def test_narrative_saved_with_history(evaluasi, operator_a):
    r = klien_untuk(operator_a).post(
        reverse("monev:evaluasi_narasi", args=[evaluasi.pk]), {**NARASI, "versi": evaluasi.versi}
    )
    assert r.status_code == 302
    evaluasi.refresh_from_db()
    assert (evaluasi.pengantar, evaluasi.kesimpulan, evaluasi.versi) == ("Pengantar", "Baik", 2)
    entri = riwayat.untuk(evaluasi).first()
    assert entri.pengguna == operator_a and "pengantar" in entri.perubahan


def test_concurrent_narrative_is_refused_naming_who_saved(evaluasi, operator_a, pokja_a):
    versi = evaluasi.versi
    klien_untuk(pokja_a).post(
        reverse("monev:evaluasi_narasi", args=[evaluasi.pk]), {**NARASI, "versi": versi}
    )
    r = klien_untuk(operator_a).post(
        reverse("monev:evaluasi_narasi", args=[evaluasi.pk]),
        {**NARASI, "pengantar": "Versi operator", "versi": versi},
    )
    assert r.status_code == 409
    teks = r.content.decode()
    assert "sudah diubah oleh Pokja A" in teks and "Versi operator" in teks
    evaluasi.refresh_from_db()
    assert evaluasi.pengantar == "Pengantar"


@pytest.mark.parametrize(("peran", "kode"), [("verifikator_p", 403), ("operator_b", 404)])
def test_narrative_rights(request, evaluasi, peran, kode):
    r = klien_untuk(request.getfixturevalue(peran)).post(
        reverse("monev:evaluasi_narasi", args=[evaluasi.pk]), {**NARASI, "versi": 1}
    )
    assert r.status_code == kode


def test_detail_shows_forms_only_to_those_who_may_enter(evaluasi, operator_a, verifikator_p):
    assert (
        "Simpan narasi"
        in klien_untuk(operator_a)
        .get(reverse("monev:evaluasi_detail", args=[evaluasi.pk]))
        .content.decode()
    )
    teks = (
        klien_untuk(verifikator_p)
        .get(reverse("monev:evaluasi_detail", args=[evaluasi.pk]))
        .content.decode()
    )
    assert "Simpan narasi" not in teks and "Tambah rekomendasi" not in teks
    assert "Jadikan final" not in teks


# --- recommendations ---------------------------------------------------------------------------


def test_recommendation_add_edit_remove(evaluasi, pokja_a):
    klien = klien_untuk(pokja_a)
    data = {"jenis": "c", "uraian": "Ubah kawasan prioritas", "ditujukan_kepada": "Wali Kota",
            "tembusan": "Pokja PKP Provinsi", "versi": evaluasi.versi}  # fmt: skip
    r = klien.post(reverse("monev:evaluasi_rekomendasi_tambah", args=[evaluasi.pk]), data)
    assert r.status_code == 302
    rek = Rekomendasi.objects.get()
    evaluasi.refresh_from_db()
    url = reverse("monev:evaluasi_rekomendasi_ubah", args=[evaluasi.pk, rek.pk])
    r = klien.post(url, {**data, "uraian": "Ubah kawasan", "versi": evaluasi.versi})
    assert r.status_code == 302
    rek.refresh_from_db()
    assert rek.uraian == "Ubah kawasan"
    evaluasi.refresh_from_db()
    url = reverse("monev:evaluasi_rekomendasi_hapus", args=[evaluasi.pk, rek.pk])
    assert klien.post(url, {"versi": evaluasi.versi}).status_code == 302
    assert not Rekomendasi.objects.exists()
    assert riwayat.untuk(evaluasi).count() == 4  # created, added, changed, removed


def test_recommendation_errors_are_named_and_nothing_saved(evaluasi, pokja_a):
    r = klien_untuk(pokja_a).post(
        reverse("monev:evaluasi_rekomendasi_tambah", args=[evaluasi.pk]),
        {"jenis": "x", "uraian": "", "ditujukan_kepada": "", "versi": evaluasi.versi},
    )
    teks = r.content.decode()
    assert r.status_code == 400
    assert "Jenis rekomendasi tidak dikenal" in teks
    assert "Uraian rekomendasi wajib diisi" in teks
    assert "ditujukan kepada&#x27; wajib diisi" in teks or "ditujukan kepada' wajib diisi" in teks
    assert not Rekomendasi.objects.exists()


def test_recommendation_of_another_evaluation_is_404(evaluasi, pokja_a, kota_b, operator_b):
    lain = services.evaluasi_buat(kabupaten_kota=kota_b, tahun=2025, pengguna=operator_b)
    rek = _rek(lain)
    r = klien_untuk(pokja_a).get(
        reverse("monev:evaluasi_rekomendasi_ubah", args=[evaluasi.pk, rek.pk])
    )
    assert r.status_code == 404


# --- final ---------------------------------------------------------------------------------


def test_operator_may_not_make_final(evaluasi, operator_a):
    r = klien_untuk(operator_a).post(
        reverse("monev:evaluasi_final", args=[evaluasi.pk]), {"versi": evaluasi.versi}
    )
    assert r.status_code == 403
    assert (
        "Jadikan final"
        not in klien_untuk(operator_a)
        .get(reverse("monev:evaluasi_detail", args=[evaluasi.pk]))
        .content.decode()
    )


def test_final_evaluation_is_read_only(evaluasi, pokja_a):
    rek = _rek(evaluasi)
    klien = klien_untuk(pokja_a)
    r = klien.post(reverse("monev:evaluasi_final", args=[evaluasi.pk]), {"versi": evaluasi.versi})
    assert r.status_code == 302
    evaluasi.refresh_from_db()
    assert evaluasi.status == "final"
    teks = klien.get(reverse("monev:evaluasi_detail", args=[evaluasi.pk])).content.decode()
    assert "sudah final" in teks and "Simpan narasi" not in teks and "Jadikan final" not in teks
    for url, data in [
        (reverse("monev:evaluasi_narasi", args=[evaluasi.pk]), {**NARASI, "versi": evaluasi.versi}),
        (reverse("monev:evaluasi_rekomendasi_hapus", args=[evaluasi.pk, rek.pk]),
         {"versi": evaluasi.versi}),
        (reverse("monev:evaluasi_final", args=[evaluasi.pk]), {"versi": evaluasi.versi}),
    ]:  # fmt: skip
        assert klien.post(url, data).status_code == 403
    assert Rekomendasi.objects.exists()


def test_get_is_refused_on_writes(evaluasi, pokja_a):
    klien = klien_untuk(pokja_a)
    assert klien.get(reverse("monev:evaluasi_final", args=[evaluasi.pk])).status_code == 405
    assert klien.get(reverse("monev:evaluasi_buat")).status_code == 405


def test_stale_recommendation_is_refused_naming_who_saved(evaluasi, operator_a, pokja_a):
    rek = _rek(evaluasi)
    versi = evaluasi.versi
    klien_untuk(pokja_a).post(
        reverse("monev:evaluasi_narasi", args=[evaluasi.pk]), {**NARASI, "versi": versi}
    )
    data = {"jenis": "a", "uraian": "Versi lama", "ditujukan_kepada": "Wali Kota", "versi": versi}
    r = klien_untuk(operator_a).post(
        reverse("monev:evaluasi_rekomendasi_ubah", args=[evaluasi.pk, rek.pk]), data
    )
    assert r.status_code == 409
    teks = r.content.decode()
    assert "sudah diubah oleh Pokja A" in teks and "Versi lama" in teks
    rek.refresh_from_db()
    assert rek.uraian == "Tambah drainase"
    r = klien_untuk(operator_a).post(
        reverse("monev:evaluasi_rekomendasi_tambah", args=[evaluasi.pk]), data
    )
    assert r.status_code == 409 and Rekomendasi.objects.count() == 1


@pytest.mark.parametrize(("peran", "kode"), [("pokja_a", 200), ("verifikator_p", 403)])
def test_recommendation_edit_form_by_role(request, evaluasi, peran, kode):
    rek = _rek(evaluasi, uraian="Uraian awal")
    r = klien_untuk(request.getfixturevalue(peran)).get(
        reverse("monev:evaluasi_rekomendasi_ubah", args=[evaluasi.pk, rek.pk])
    )
    assert r.status_code == kode
    if kode == 200:
        assert "Uraian awal" in r.content.decode()
