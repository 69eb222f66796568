"""Apps depend one way only: lokasi ← penilaian ← kolaborasi ← monev; kumuh imports no app;
pure rule modules import no Django."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
URUTAN = ["lokasi", "penilaian", "kolaborasi", "monev"]
# Modules that hold pure rules: no Django, so their tests run without a database.
MODUL_MURNI = [
    "kumuh/angka.py",
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
    "penilaian/sk/svg.py",
    "penilaian/sk/xlsx.py",
    "penilaian/sk/contoh.py",
    "kumuh/pdf.py",
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


def _berkas(app: str):
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("app", URUTAN)
def test_apps_import_only_apps_below(app):
    atas = set(URUTAN[URUTAN.index(app) + 1 :])
    pelanggaran = [
        f"{p.relative_to(ROOT)} mengimpor {sorted(_impor(p) & atas)}"
        for p in _berkas(app)
        if _impor(p) & atas
    ]
    assert not pelanggaran, pelanggaran


def test_project_package_imports_no_app_except_in_urls():
    # kumuh/urls.py wires the apps together; every other module of kumuh/ is a leaf.
    pelanggaran = [
        str(p.relative_to(ROOT))
        for p in _berkas("kumuh")
        if p.name != "urls.py" and _impor(p) & set(URUTAN)
    ]
    assert not pelanggaran


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
