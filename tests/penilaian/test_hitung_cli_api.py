"""`manage.py kumuh_hitung` and POST /api/v1/penilaian/hitung/: one contract (kalkulator.md)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import klien_untuk

ROOT = Path(__file__).resolve().parents[2]

REKAMAN = {
    "id": "Ngropoh",
    "kategori_kota": "sedang",
    "persen": {
        "1a": 80, "1b": 10.5, "1c": 55, "2a": 30, "2b": 76, "3a": 0, "3b": 0, "4a": 51,
        "4b": 25, "4c": 24.99, "5a": 60, "5b": 50.91, "6a": 75.81, "6b": 0, "7a": 100, "7b": 0,
    },
    "legalitas": {"status_penguasaan": True, "kesesuaian_rtr": True},
    "pertimbangan_lain": {
        "strategis": False, "kepadatan_penduduk": 230.5, "potensi_sosekbud": False,
    },
}  # fmt: skip
# 1a 5, 1b 0, 1c 3, 2a 1, 2b 5, 3a 0, 3b 0, 4a 3, 4b 1, 4c 0, 5a 3, 5b 1, 6a 3, 6b 0, 7a 5, 7b 0
NILAI = 30


def _cli(teks: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "kumuh_hitung", *args],
        input=teks,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_scores_json_lines_from_stdin():
    buruk = {"id": "x", "kategori_kota": "sedang", "persen": {"1a": 120}}
    teks = json.dumps(REKAMAN) + "\n" + json.dumps(buruk) + "\n"
    r = _cli(teks)
    assert r.returncode == 1, r.stderr
    baris = [json.loads(b) for b in r.stdout.splitlines()]
    assert [b["id"] for b in baris] == ["Ngropoh", "x"]
    assert baris[0]["nilai_kekumuhan"] == NILAI
    assert baris[0]["tingkat_kekumuhan"] == "Kumuh Ringan"
    assert baris[0]["klasifikasi"] == "C3" and baris[0]["prioritas"] == 6
    assert baris[0]["pola_penanganan"] == "Pemugaran"
    assert "persen.1a" in baris[1]["error"]


def test_cli_reads_a_file_and_exits_0(tmp_path):
    berkas = tmp_path / "survei.json"
    berkas.write_text(json.dumps([REKAMAN]), encoding="utf-8")
    r = _cli("", str(berkas))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["nilai_pertimbangan_lain"] == 7  # 1 + 5 + 1


def test_cli_exits_2_on_unreadable_input():
    r = _cli("ini bukan json")
    assert r.returncode == 2
    assert r.stderr.strip()


@pytest.mark.django_db
def test_api_gives_the_same_answer_as_the_cli(operator_b):
    klien = klien_untuk(operator_b)
    url = reverse("api_penilaian_hitung")
    teks = json.dumps([REKAMAN])
    r = klien.post(url, teks, content_type="application/json")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/x-ndjson")
    assert r.content.decode() == _cli(teks).stdout
    r = klien.post(url, json.dumps(REKAMAN) + "\n", content_type="application/x-ndjson")
    assert json.loads(r.content)["klasifikasi"] == "C3"


@pytest.mark.django_db
def test_api_rejects_non_json_and_anonymous(operator_b):
    url = reverse("api_penilaian_hitung")
    r = klien_untuk(operator_b).post(url, "{rusak", content_type="application/json")
    assert r.status_code == 400 and "error" in r.content.decode()
    # Anonymous: 401 with the token scheme to use (lokasi.auth.TokenAPIAuthentication).
    anonim = klien_untuk(None).post(url, "[]", content_type="application/json")
    assert anonim.status_code == 401 and "WWW-Authenticate" in anonim.headers
