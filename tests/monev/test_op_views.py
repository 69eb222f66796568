"""O&P pages (assets and their checks) for every role, bad input and concurrent edits."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lokasi.models import RiwayatPerubahan
from monev.models import Aset, PemeriksaanAset
from tests.conftest import klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan, buat_pemangku

pytestmark = pytest.mark.django_db

PENGISI = ["operator_a", "admin_a", "pokja_a"]


def buat_aset(kabkota, nama: str = "Jalan paving RT 01", **nilai) -> Aset:
    """Create an asset straight in the database (no service), handed over to a KSM."""
    nilai.setdefault("pengelola", None) or nilai.update(
        pengelola=buat_pemangku(kabkota, f"KSM {nama}", "lembaga_kemasyarakatan", dasar_nomor="1")
    )
    bawaan = {"jenis_pengelola": "ksm", "tanggal_serah_terima": date(2025, 6, 30),
              "interval_bulan": 6}  # fmt: skip
    bawaan.update(nilai)
    return Aset.objects.create(kabupaten_kota=kabkota, nama=nama, **bawaan)


def periksa(aset: Aset, tanggal: date, **nilai) -> PemeriksaanAset:
    return PemeriksaanAset.objects.create(aset=aset, tanggal=tanggal, **nilai)


@pytest.fixture
def aset_a(kota_a, lokasi_a):
    kegiatan = buat_kegiatan(kota_a, lokasi_a, status="diserahterimakan", tahun=2025)
    return buat_aset(kota_a, kegiatan=kegiatan, lokasi=lokasi_a)


@pytest.fixture
def aset_b(kota_b):
    return buat_aset(kota_b, "Sumur resapan Beta")


def _data(aset_or_kota, **lain) -> dict:
    kota = aset_or_kota
    pengelola = buat_pemangku(kota, "KSM Maju", "lembaga_kemasyarakatan", dasar_nomor="12/2025")
    data = {"nama": "Drainase RT 03", "kegiatan": "", "lokasi": "", "jenis_pengelola": "ksm",
            "pengelola": pengelola.pk, "tanggal_serah_terima": "2025-07-01",
            "jenis_pemeliharaan": "berkala", "interval_bulan": "6", "versi": ""}  # fmt: skip
    data.update(lain)
    return data


# --- daftar -------------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", [*PENGISI, "verifikator_p", "verifikator_pusat"])
def test_daftar_shows_own_city_assets(request, peran, aset_a, aset_b):
    r = klien_untuk(request.getfixturevalue(peran)).get(reverse("monev:aset_daftar"))
    assert r.status_code == 200
    assert aset_a.nama in r.content.decode()
    # Verifiers of the province (or Pusat) read both cities; city roles only their own.
    assert (f">{aset_b.nama}<" in r.content.decode()) is (peran not in PENGISI)
    tombol = reverse("monev:aset_tambah") in r.content.decode()
    assert tombol is (peran in PENGISI)


def test_daftar_other_city_operator_sees_only_own(operator_b, aset_a, aset_b):
    teks = klien_untuk(operator_b).get(reverse("monev:aset_daftar")).content.decode()
    assert aset_b.nama in teks and aset_a.nama not in teks


def test_anonymous_goes_to_login(aset_a):
    for url in (reverse("monev:aset_daftar"), reverse("monev:aset_detail", args=[aset_a.pk]),
                reverse("monev:aset_tambah"), reverse("monev:kalender")):  # fmt: skip
        r = klien_untuk(None).get(url)
        assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_daftar_filters_berfungsi_and_schedule(operator_a, kota_a):
    hari_ini = timezone.localdate()
    rusak = buat_aset(kota_a, "Rusak", tanggal_serah_terima=hari_ini - timedelta(days=400))
    periksa(rusak, hari_ini - timedelta(days=10), berfungsi=False, kerusakan="Retak")
    telat = buat_aset(kota_a, "Telat", tanggal_serah_terima=hari_ini - timedelta(days=400))
    baru = buat_aset(kota_a, "Baru", tanggal_serah_terima=hari_ini)
    k = klien_untuk(operator_a)
    url = reverse("monev:aset_daftar")

    def nama(**q) -> set[str]:
        teks = k.get(url, q).content.decode()
        return {a.nama for a in (rusak, telat, baru) if f">{a.nama}<" in teks}

    assert nama(berfungsi="tidak") == {"Rusak"}
    assert nama(berfungsi="belum") == {"Telat", "Baru"}
    assert nama(jadwal="terlambat") == {"Telat"}
    assert nama(jadwal="perlu") == {"Telat"}
    assert nama(pengelola=telat.pengelola_id) == {"Telat"}
    assert "terlambat" in k.get(url).content.decode()


# --- register as Excel --------------------------------------------------------------------------


def _register(klien, **q) -> list[list]:
    import io

    from openpyxl import load_workbook

    r = klien.get(reverse("monev:aset_xlsx"), q)
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment;")
    lembar = load_workbook(io.BytesIO(r.content)).active
    assert lembar.cell(1, 1).value.startswith("REGISTER ASET DAN PEMERIKSAAN KEBERFUNGSIAN — per ")
    return [[c.value for c in baris] for baris in lembar.iter_rows(min_row=3)]


def test_register_xlsx_has_every_filtered_asset_with_its_latest_check(operator_a, kota_a, aset_a):
    hari_ini = timezone.localdate()
    periksa(aset_a, hari_ini - timedelta(days=30), berfungsi=False, kerusakan="Retak di ujung")
    periksa(aset_a, hari_ini - timedelta(days=400))  # older: not the one shown
    telat = buat_aset(kota_a, "Telat", tanggal_serah_terima=hari_ini - timedelta(days=400))
    # More than one page of the list (25): the register holds them all.
    for i in range(30):
        buat_aset(kota_a, f"Zona {i:02d}", pengelola=telat.pengelola)
    kepala, *baris = _register(klien_untuk(operator_a))
    assert kepala[:4] == ["No", "Kabupaten/Kota", "Aset", "Kegiatan Asal"]
    assert kepala[-2:] == ["Pemeriksaan Berikutnya", "Status Jadwal"]
    assert len(baris) == 32 and [b[0] for b in baris] == list(range(1, 33))
    a = {b[2]: dict(zip(kepala, b, strict=True)) for b in baris}
    jalan = a[aset_a.nama]
    assert (jalan["Berfungsi"], jalan["Ada"], jalan["Kerusakan"]) == (
        "Tidak",
        "Ya",
        "Retak di ujung",
    )
    assert jalan["Kegiatan Asal"].endswith("(2025)") and jalan["Lokasi"] == aset_a.lokasi.nama
    assert jalan["Pengelola (KSM/KPP/SKPD)"].startswith("KSM: ")
    assert (
        jalan["Tanggal Serah Terima"] == "30 Juni 2025" and jalan["Jenis Pemeliharaan"] == "Rutin"
    )
    assert a["Telat"]["Tanggal Periksa"] == "Belum diperiksa" and a["Telat"]["Berfungsi"] == "–"
    assert a["Telat"]["Status Jadwal"].startswith("terlambat ")
    # Filtered as the list: only those not working.
    _, *rusak = _register(klien_untuk(operator_a), berfungsi="tidak")
    assert [b[2] for b in rusak] == [aset_a.nama]


def test_register_xlsx_is_scoped_to_the_users_cities(operator_b, verifikator_p, aset_a, aset_b):
    _, *milik_b = _register(klien_untuk(operator_b))
    assert [b[2] for b in milik_b] == [aset_b.nama]
    _, *provinsi = _register(klien_untuk(verifikator_p))
    assert {b[2] for b in provinsi} == {aset_a.nama, aset_b.nama}
    assert klien_untuk(None).get(reverse("monev:aset_xlsx")).status_code == 302


def test_the_list_links_the_register_with_its_filters(operator_a, aset_a):
    teks = klien_untuk(operator_a).get(reverse("monev:aset_daftar"), {"berfungsi": "ya"}).content
    assert reverse("monev:aset_xlsx").encode() + b"?berfungsi=ya" in teks


# --- detail -------------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", [*PENGISI, "verifikator_p"])
def test_detail_shows_checks_and_next_due(request, peran, aset_a):
    periksa(aset_a, date(2025, 8, 31))
    r = klien_untuk(request.getfixturevalue(peran)).get(
        reverse("monev:aset_detail", args=[aset_a.pk])
    )
    teks = r.content.decode()
    assert r.status_code == 200
    assert "28 Februari 2026" in teks  # 31 August + 6 calendar months
    form_ada = reverse("monev:pemeriksaan_tambah", args=[aset_a.pk]) in teks
    assert form_ada is (peran in PENGISI)


def test_detail_of_other_city_is_404(operator_b, aset_a):
    assert klien_untuk(operator_b).get(
        reverse("monev:aset_detail", args=[aset_a.pk])
    ).status_code == 404  # fmt: skip


# --- tambah / ubah ------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", PENGISI)
def test_tambah_creates_with_history(request, peran, kota_a, lokasi_a):
    pengguna = request.getfixturevalue(peran)
    kegiatan = buat_kegiatan(kota_a, lokasi_a, status="selesai")
    r = klien_untuk(pengguna).post(
        reverse("monev:aset_tambah"), _data(kota_a, kegiatan=kegiatan.pk)
    )
    aset = Aset.objects.get(nama="Drainase RT 03")
    assert r.status_code == 302
    assert aset.lokasi == lokasi_a  # taken from the kegiatan when left blank
    assert aset.dibuat_oleh == pengguna
    assert RiwayatPerubahan.objects.filter(object_id=aset.pk, tindakan="dibuat").exists()


@pytest.mark.parametrize("peran", ["verifikator_p", "verifikator_pusat"])
def test_verifier_cannot_add_or_edit(request, peran, kota_a, aset_a):
    k = klien_untuk(request.getfixturevalue(peran))
    assert k.get(reverse("monev:aset_tambah")).status_code == 403
    assert k.post(reverse("monev:aset_ubah", args=[aset_a.pk]), {}).status_code == 403
    assert k.post(reverse("monev:pemeriksaan_tambah", args=[aset_a.pk]), {}).status_code == 403


def test_other_city_operator_gets_404_on_edit(operator_b, aset_a):
    k = klien_untuk(operator_b)
    assert k.get(reverse("monev:aset_ubah", args=[aset_a.pk])).status_code == 404
    assert k.post(reverse("monev:pemeriksaan_tambah", args=[aset_a.pk]), {}).status_code == 404


@pytest.mark.parametrize(
    ("lain", "field", "pesan"),
    [
        ({"interval_bulan": "0"}, "interval_bulan", "antara 1 dan 60"),
        ({"interval_bulan": "abc"}, "interval_bulan", "angka"),
        ({"tanggal_serah_terima": "2025-02-30"}, "tanggal_serah_terima", "tanggal"),
        ({"tanggal_serah_terima": "2999-01-01"}, "tanggal_serah_terima", "masa depan"),
        ({"nama": ""}, "nama", "harus diisi"),
        ({"pengelola": ""}, "pengelola", "harus diisi"),
    ],
)
def test_tambah_bad_input_names_field_saves_nothing(operator_a, kota_a, lain, field, pesan):
    r = klien_untuk(operator_a).post(reverse("monev:aset_tambah"), _data(kota_a, **lain))
    assert r.status_code == 200
    assert pesan in " ".join(r.context["form"].errors[field]).lower()
    assert not Aset.objects.exists()


def test_tambah_refuses_other_city_kegiatan_and_pengelola(operator_a, kota_a, kota_b):
    asing = buat_kegiatan(kota_b, status="selesai")
    pihak = buat_pemangku(kota_b, "KSM Beta", "lembaga_kemasyarakatan", dasar_nomor="2")
    r = klien_untuk(operator_a).post(
        reverse("monev:aset_tambah"), _data(kota_a, kegiatan=asing.pk, pengelola=pihak.pk)
    )
    assert set(r.context["form"].errors) >= {"kegiatan", "pengelola"}
    assert not Aset.objects.exists()


def test_ubah_refuses_overtaken_edit_naming_who_saved(operator_a, pokja_a, kota_a, aset_a):
    url = reverse("monev:aset_ubah", args=[aset_a.pk])
    data = _data(kota_a, nama="Versi pertama", versi=aset_a.versi)
    assert klien_untuk(pokja_a).post(url, data).status_code == 302
    r = klien_untuk(operator_a).post(url, {**data, "nama": "Versi kedua"})
    assert r.status_code == 200
    galat = " ".join(r.context["form"].non_field_errors())
    assert pokja_a.username in galat or (pokja_a.get_full_name() or "@@") in galat
    aset_a.refresh_from_db()
    assert aset_a.nama == "Versi pertama"


# --- pemeriksaan --------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", PENGISI)
def test_pemeriksaan_recorded_with_history(request, peran, aset_a):
    pengguna = request.getfixturevalue(peran)
    kemarin = (timezone.localdate() - timedelta(days=1)).isoformat()
    r = klien_untuk(pengguna).post(
        reverse("monev:pemeriksaan_tambah", args=[aset_a.pk]),
        {"tanggal": kemarin, "ada": "on", "kondisi_baik": "on", "dimanfaatkan": "on",
         "kerusakan": "Pompa mati", "tindak_lanjut": "Diperbaiki KSM"},
    )  # fmt: skip
    assert r.status_code == 302
    p = aset_a.pemeriksaan.get()
    assert (p.berfungsi, p.diperiksa_oleh) == (False, pengguna)
    assert RiwayatPerubahan.objects.filter(
        object_id=aset_a.pk, tindakan__startswith="pemeriksaan"
    ).exists()


@pytest.mark.parametrize(
    ("data", "field", "pesan"),
    [
        ({"tanggal": "2025-09-01", "ada": "on", "kondisi_baik": "on", "dimanfaatkan": "on"},
         "kerusakan", "isi kerusakan atau tindak lanjut"),
        ({"tanggal": "2999-01-01", "ada": "on", "kondisi_baik": "on", "berfungsi": "on",
          "dimanfaatkan": "on"}, "tanggal", "masa depan"),
        ({"tanggal": "2025-01-01", "ada": "on", "kondisi_baik": "on", "berfungsi": "on",
          "dimanfaatkan": "on"}, "tanggal", "sebelum tanggal serah terima"),
        ({"tanggal": "31-02-2025"}, "tanggal", "tanggal"),
    ],
)  # fmt: skip
def test_pemeriksaan_bad_input_names_field(operator_a, aset_a, data, field, pesan):
    r = klien_untuk(operator_a).post(reverse("monev:pemeriksaan_tambah", args=[aset_a.pk]), data)
    assert r.status_code == 200
    assert pesan in " ".join(r.context["form"].errors[field]).lower()
    assert not PemeriksaanAset.objects.exists()
