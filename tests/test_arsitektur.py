"""Apps depend one way only: lokasi ← penilaian ← kolaborasi ← monev; kumuh imports no app;
pure rule modules import no Django.

"Depends" means an import, and also a reference by name in a string: a model string
(`"penilaian.Penilaian"`), a module path (`include("penilaian.urls")`, `import_module(...)`),
`apps.get_model("penilaian", ...)` or a management command (`call_command("penilaian_demo")`).
Every module of an app is read, its management commands included; migrations are not.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
URUTAN = ["lokasi", "penilaian", "kolaborasi", "monev"]
# Modules that hold pure rules: no Django, so their tests run without a database.
MODUL_MURNI = [
    "kumuh/angka.py",
    "kumuh/beku.py",
    "kumuh/xlsx.py",
    "lokasi/geo.py",
    "lokasi/wilayah.py",
    "penilaian/rumus.py",
    "penilaian/daftar_lokasi.py",
    "penilaian/kalkulator.py",
    "kumuh/xlsx_baca.py",
    "kumuh/xlsx_laporan.py",
    "penilaian/impor/kolom.py",
    "penilaian/impor/baca.py",
    "penilaian/impor/kelompok.py",
    "penilaian/impor/nilai.py",
    "penilaian/impor/laporan.py",
    "penilaian/impor/templat.py",
    "penilaian/sk/isi.py",
    "penilaian/sk/peta.py",
    "penilaian/layar_peta.py",
    "penilaian/sk/svg.py",
    "penilaian/sk/xlsx.py",
    "penilaian/sk/contoh.py",
    "penilaian/sk/tata.py",
    "penilaian/sk/lampiran1.py",
    "penilaian/penanganan.py",
    "penilaian/hasil_survei.py",
    "penilaian/sintetis.py",
    "kolaborasi/aturan.py",
    "kolaborasi/kegiatan/aturan_kegiatan.py",
    "kolaborasi/pemangku/jadwal.py",
    "kolaborasi/proyeksi/rumus_proyeksi.py",
    "kolaborasi/impor/baca.py",
    "kolaborasi/impor/templat.py",
    "kolaborasi/pks/kaidah.py",
    "monev/tabel5.py",
    "monev/dasbor/angka.py",
    "monev/dasbor/grafik.py",
    "monev/publik/kemajuan.py",
    "monev/publik/peta.py",
    "monev/potensi/aturan.py",
    "monev/pengaduan/aturan.py",
    "monev/op/jadwal.py",
    "monev/pemantauan/aturan.py",
    "monev/evaluasi/tabel.py",
    "kumuh/pdf.py",
    "kumuh/cadangan.py",
]


def _impor(berkas: Path) -> set[str]:
    pohon = ast.parse(berkas.read_text(encoding="utf-8"))
    nama: set[str] = set()
    for simpul in ast.walk(pohon):
        if isinstance(simpul, ast.Import):
            nama.update(a.name.split(".")[0] for a in simpul.names)
        elif isinstance(simpul, ast.ImportFrom) and simpul.module and simpul.level == 0:
            nama.add(simpul.module.split(".")[0])
    return nama


# Calls whose first string argument names a module, app or command.
PANGGILAN_MODUL = {"import_module", "__import__", "include"}
PANGGILAN_APP = {"get_model", "get_app_config"}
PANGGILAN_PERINTAH = {"call_command"}


def _perintah(app: str) -> set[str]:
    """The management command names an app defines."""
    return {p.stem for p in (ROOT / app / "management" / "commands").glob("*.py")} - {"__init__"}


def _docstring(simpul: ast.AST) -> ast.AST | None:
    badan = getattr(simpul, "body", None)
    if isinstance(badan, list) and badan and isinstance(badan[0], ast.Expr):
        nilai = badan[0].value
        if isinstance(nilai, ast.Constant) and isinstance(nilai.value, str):
            return nilai
    return None


def _nama_panggilan(simpul: ast.Call) -> str:
    f = simpul.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _rujukan(berkas: Path, atas: set[str]) -> set[str]:
    """String constants naming a module, model or command of an app in `atas`.

    Only reference shapes count, so Indonesian prose ("… pada penilaian.") does not: a whole
    string that is a dotted path (`penilaian.models`, `penilaian.Penilaian`), a first argument
    of `call_command`/`get_model`/`import_module`/`include` naming the app, or a string that
    is the name of one of its management commands, a literal list made only of app labels.
    Docstrings are prose and are skipped.
    """
    if not atas:
        return set()  # the top app: nothing above it to name (an empty pattern matches all)
    pohon = ast.parse(berkas.read_text(encoding="utf-8"))
    docstring = {id(d) for s in ast.walk(pohon) if (d := _docstring(s)) is not None}
    perintah = {nama: app for app in atas for nama in _perintah(app)}
    titik = re.compile(rf"(?:{'|'.join(map(re.escape, sorted(atas)))})(?:\.\w+)+")
    hasil: set[str] = set()
    for simpul in ast.walk(pohon):
        if isinstance(simpul, ast.Call) and simpul.args:
            nama, pertama = _nama_panggilan(simpul), simpul.args[0]
            if not (isinstance(pertama, ast.Constant) and isinstance(pertama.value, str)):
                continue
            teks = pertama.value
            kepala = re.split(r"[._]", teks, maxsplit=1)[0]
            if nama in PANGGILAN_PERINTAH | PANGGILAN_MODUL and kepala in atas:
                hasil.add(f"{nama}({teks!r})")
            elif nama in PANGGILAN_APP and teks.split(".")[0] in atas:
                hasil.add(f"{nama}({teks!r}, ...)")
        elif isinstance(simpul, ast.Tuple | ast.List | ast.Set) and simpul.elts:
            # A literal list of app labels, as in `for app in ("penilaian", "monev"): ...`.
            label = [e.value for e in simpul.elts if isinstance(e, ast.Constant)]
            if len(label) == len(simpul.elts) and set(label) <= set(URUTAN) and set(label) & atas:
                hasil.add(repr(tuple(label)))
        elif (
            isinstance(simpul, ast.Constant)
            and isinstance(simpul.value, str)
            and id(simpul) not in docstring
        ):
            teks = simpul.value.strip()
            if titik.fullmatch(teks) or teks in perintah:
                hasil.add(repr(teks))
    return hasil


def _pelanggaran(berkas: list[Path], atas: set[str]) -> list[str]:
    """One line per module that imports or names an app in `atas`."""
    hasil = []
    for p in berkas:
        nama = p.relative_to(ROOT) if p.is_relative_to(ROOT) else p
        if impor := _impor(p) & atas:
            hasil.append(f"{nama} mengimpor {sorted(impor)}")
        if rujukan := _rujukan(p, atas):
            hasil.append(f"{nama} merujuk {sorted(rujukan)}")
    return hasil


def _berkas(app: str):
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("app", URUTAN)
def test_apps_import_only_apps_below(app):
    atas = set(URUTAN[URUTAN.index(app) + 1 :])
    pelanggaran = _pelanggaran(_berkas(app), atas)
    assert not pelanggaran, pelanggaran


def test_project_package_imports_no_app_except_in_urls():
    # kumuh/urls.py wires the apps together and settings.py lists them; every other module of
    # kumuh/ (its management commands included) is a leaf.
    berkas = [p for p in _berkas("kumuh") if p.name not in {"urls.py", "settings.py"}]
    pelanggaran = _pelanggaran(berkas, set(URUTAN))
    assert not pelanggaran, pelanggaran


def test_management_commands_are_read():
    dibaca = {str(p.relative_to(ROOT)) for app in ["kumuh", *URUTAN] for p in _berkas(app)}
    assert "kumuh/management/commands/kumuh_demo.py" in dibaca
    assert "lokasi/management/commands/lokasi_demo.py" in dibaca
    assert "penilaian/management/commands/penilaian_demo.py" in dibaca


@pytest.mark.parametrize("modul", MODUL_MURNI)
def test_pure_modules_have_no_django(modul):
    berkas = ROOT / modul
    if not berkas.exists():
        pytest.skip(f"{modul} belum ada")
    assert "django" not in _impor(berkas)


def test_the_checker_notices_a_back_import(tmp_path):
    palsu = tmp_path / "x.py"
    palsu.write_text("from penilaian.models import Penilaian\nimport monev.views\n")
    assert {"penilaian", "monev"} <= _impor(palsu)


ATAS_LOKASI = {"penilaian", "kolaborasi", "monev"}


@pytest.mark.parametrize(
    ("kode", "rujukan"),
    [
        ('call_command("penilaian_demo", stdout=out)', "call_command('penilaian_demo')"),
        ('management.call_command("monev_demo")', "call_command('monev_demo')"),
        ('apps.get_model("penilaian", "Penilaian")', "get_model('penilaian', ...)"),
        ('apps.get_model("penilaian.Penilaian")', "get_model('penilaian.Penilaian', ...)"),
        (
            'models.ForeignKey("penilaian.Penilaian", on_delete=models.CASCADE)',
            "'penilaian.Penilaian'",
        ),
        ('path("p/", include("penilaian.urls"))', "include('penilaian.urls')"),
        ('import_module("monev.views")', "import_module('monev.views')"),
        ('PERINTAH = ("kumuh_hitung",)', "'kumuh_hitung'"),  # penilaian's, without its prefix
        ('MODUL = "kolaborasi.services"', "'kolaborasi.services'"),
        (
            'for app in ("penilaian", "monev"):\n    call_command(f"{app}_demo")',
            "('penilaian', 'monev')",
        ),
    ],
)
def test_the_checker_notices_a_back_reference_in_a_string(tmp_path, kode, rujukan):
    palsu = tmp_path / "management" / "commands" / "x.py"
    palsu.parent.mkdir(parents=True)
    palsu.write_text(f"{kode}\n")
    pelanggaran = _pelanggaran([palsu], ATAS_LOKASI)
    assert len(pelanggaran) == 1, pelanggaran
    assert rujukan in pelanggaran[0]


def test_the_checker_ignores_the_word_penilaian_in_prose(tmp_path):
    palsu = tmp_path / "x.py"
    palsu.write_text(
        '"""Dipakai oleh penilaian.models dan `penilaian_demo`."""\n'
        'help_text = _("Menentukan ambang kepadatan penduduk pada penilaian.")\n'
        'verbose_name = _("penilaian")\n'
        'kunci = "penilaian_terakhir"\n'
        'judul = "Hasil penilaian. Lihat daftar."\n'
        'messages.error(request, "penilaian: gagal")\n'
    )
    assert _pelanggaran([palsu], ATAS_LOKASI) == []
