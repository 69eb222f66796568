"""Load test of the production stack on one machine (issue 14, docs/kinerja/produksi.md).

    python bench/beban.py [--laju 150] [--durasi 60] [--sintetis N]

Without DATABASE_URL it runs itself under scripts/dengan-postgres.sh (a throwaway PostgreSQL
on 127.0.0.1). Then it:

1. migrates, loads the demo data (`kumuh_demo --paksa`; with `--sintetis N` also N synthetic
   lokasi through `kumuh_sintetis`, when that command exists) and runs `collectstatic` into a
   temporary STATIC_ROOT, beside the data loading;
2. starts gunicorn with deploy/gunicorn.conf.py and debug off on 127.0.0.1, plus one
   `manage.py db_worker`, as production does (docs/deploy.md);
3. logs in through /masuk/ as a Dinas operator and a provincial verifier (session cookies) and
   makes an API token with `manage.py buat_token`;
4. sends requests at a constant arrival rate (open loop: request i is due at i / rate seconds,
   whether or not earlier ones have answered), a weighted mix of lists, details, the priority
   list, the dashboard, the API and a static file, over keep-alive HTTP/1.1 connections;
5. prints and writes (var/bench/beban-*.json) p50/p90/p99/max latency, the rate achieved,
   errors, the core count, the load average and where the CPU went, and exits 1 when the p99
   is over the budget or any request failed.

Latency is measured from the time a request was *due*, not from when a connection was free
to send it, so a server that falls behind shows it in the numbers instead of slowing the
client down (no coordinated omission). Only the standard library: the generator shares the
CPU with the server, and its own CPU time is reported beside the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
# Who browses: a Dinas operator (one city) and a verifier (many cities), with their passwords.
# With synthetic data the accounts kumuh_sintetis --pengguna makes: the operator of Kota
# Sintetis 1 (half of the synthetic lokasi) and the national verifier (all of them, and the
# demo city too).
AKUN_DEMO = {
    "dinas": ("operator.pekalongan", "demo-kumuh-2026"),
    "verifikator": ("verifikator.jateng", "demo-kumuh-2026"),
}
AKUN_SINTETIS = {
    "dinas": ("sintetis.operator1", "sintetis-2026"),
    "verifikator": ("sintetis.pusat", "sintetis-2026"),
}

# The mix: (name, weight, who asks). Browsing staff dominate; a page view also costs a static
# file now and then (a browser keeps them a year, so mostly a first visit); another system
# syncing through the API is a steady minority.
CAMPURAN: list[tuple[str, int, str]] = [
    ("lokasi_daftar", 14, "sesi"),
    # The list's map loads its GeoJSON apart (static/js/peta.js), once per visit and filter: a
    # browser opening the list's first page asks for it too, not for the next pages (htmx).
    ("lokasi_peta", 10, "sesi"),
    ("lokasi_detail", 18, "sesi"),
    ("prioritas", 10, "sesi"),
    ("penilaian_daftar", 10, "sesi"),
    ("penilaian_detail", 14, "sesi"),
    ("dasbor", 6, "sesi"),
    ("api_lokasi_daftar", 5, "token"),
    ("api_lokasi_detail", 6, "token"),
    ("api_penilaian_daftar", 3, "token"),
    ("api_penilaian_detail", 4, "token"),
    ("statis", 10, "anonim"),
]


# ---------------------------------------------------------------------------------------------
# A small HTTP/1.1 client over asyncio streams (keep-alive, Content-Length or chunked bodies).


@dataclass
class Jawaban:
    status: int
    kepala: dict[str, list[str]]
    badan: bytes

    def satu(self, nama: str) -> str:
        return (self.kepala.get(nama.lower()) or [""])[0]


class Koneksi:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.tutup = False

    @classmethod
    async def buka(cls, host: str, port: int) -> Koneksi:
        reader, writer = await asyncio.open_connection(host, port, limit=2**20)
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return cls(reader, writer)

    async def minta(
        self, metode: str, jalur: str, kepala: dict[str, str], badan: bytes = b""
    ) -> Jawaban:
        baris = [f"{metode} {jalur} HTTP/1.1", "Host: 127.0.0.1"]
        baris += [f"{k}: {v}" for k, v in kepala.items()]
        if badan or metode == "POST":
            baris.append(f"Content-Length: {len(badan)}")
        self.writer.write(("\r\n".join(baris) + "\r\n\r\n").encode("latin-1") + badan)
        await self.writer.drain()
        awal = await self.reader.readuntil(b"\r\n\r\n")
        status_baris, *sisa = awal.decode("latin-1").split("\r\n")
        status = int(status_baris.split(" ", 2)[1])
        hasil: dict[str, list[str]] = {}
        for b in sisa:
            if ":" in b:
                k, v = b.split(":", 1)
                hasil.setdefault(k.strip().lower(), []).append(v.strip())
        jw = Jawaban(status, hasil, b"")
        if metode == "HEAD" or status in (204, 304) or 100 <= status < 200:
            pass
        elif jw.satu("content-length"):
            jw.badan = await self.reader.readexactly(int(jw.satu("content-length")))
        elif "chunked" in jw.satu("transfer-encoding").lower():
            potongan = []
            while True:
                ukuran = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if ukuran == 0:
                    await self.reader.readuntil(b"\r\n")
                    break
                potongan.append(await self.reader.readexactly(ukuran))
                await self.reader.readexactly(2)
            jw.badan = b"".join(potongan)
        else:
            jw.badan = await self.reader.read()
            self.tutup = True
        if jw.satu("connection").lower() == "close":
            self.tutup = True
        return jw

    def akhiri(self) -> None:
        self.tutup = True
        self.writer.close()


class Kolam:
    """Idle keep-alive connections; a new one is opened when none is idle (up to `maks`)."""

    def __init__(self, host: str, port: int, maks: int) -> None:
        self.host, self.port = host, port
        self.diam: list[Koneksi] = []
        self.slot = asyncio.Semaphore(maks)
        self.dibuka = 0

    async def minta(self, metode: str, jalur: str, kepala: dict[str, str], badan=b"") -> Jawaban:
        async with self.slot:
            kon = self.diam.pop() if self.diam else None
            baru = kon is None
            if kon is None:
                kon = await Koneksi.buka(self.host, self.port)
                self.dibuka += 1
            try:
                jw = await kon.minta(metode, jalur, kepala, badan)
            except (ConnectionError, asyncio.IncompleteReadError) as e:
                kon.akhiri()
                if baru:
                    raise
                # The server closed an idle connection (keep-alive timeout, a worker replaced
                # after max_requests) just as we used it: once more on a fresh one, as
                # browsers and nginx do.
                kon = await Koneksi.buka(self.host, self.port)
                self.dibuka += 1
                try:
                    jw = await kon.minta(metode, jalur, kepala, badan)
                except Exception:
                    kon.akhiri()
                    raise e from None
            except BaseException:
                # Given up (timeout): close the connection, as a browser that gives up does;
                # a late answer must not arrive as the answer to the next request.
                kon.akhiri()
                raise
            if kon.tutup:
                kon.akhiri()
            else:
                self.diam.append(kon)
            return jw

    def tutup(self) -> None:
        for kon in self.diam:
            kon.akhiri()
        self.diam.clear()


# ---------------------------------------------------------------------------------------------
# Setting up: database, data, static files, the server and the worker.


def _lingkungan(dasar: dict[str, str], tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in dasar.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            # Production settings (debug off); plain HTTP on loopback instead of TLS from the
            # proxy, which changes nothing in the work a request costs.
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_STATIC_ROOT": str(tmp / "static"),
            "DJANGO_MEDIA_ROOT": str(tmp / "media"),
            "DJANGO_LOG_LEVEL": "ERROR",
            "KUMUH_TUGAS_BACKEND": "django_tasks_db.DatabaseBackend",
            "KUMUH_CACHE_URL": "dbcache://kumuh_cache",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.pop("DJANGO_STATIC_MANIFEST", None)
    return env


def _jalankan(env: dict[str, str], *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, **kw)


def _langkah(judul: str) -> float:
    print(f"· {judul}", flush=True)
    return time.monotonic()


def siapkan_data(env: dict[str, str], sintetis: int) -> tuple[dict[str, float], bool]:
    """Migrate, load the data and collect the static files; True if synthetic data was loaded."""
    waktu: dict[str, float] = {}
    t = _langkah("migrate")
    _jalankan(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
    _jalankan(env, "createcachetable")
    waktu["migrate"] = time.monotonic() - t
    # collectstatic (compressing ~40 MB of files) needs no data: beside the data loading.
    statis = subprocess.Popen(
        [PY, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    t_statis = time.monotonic()
    t = _langkah("kumuh_demo")
    _jalankan(env, "kumuh_demo", "--paksa", stdout=subprocess.DEVNULL)
    waktu["kumuh_demo"] = time.monotonic() - t
    ada_sintetis = False
    if sintetis:
        bantuan = _jalankan(env, "help", "--commands", capture_output=True).stdout.split()
        if "kumuh_sintetis" in bantuan:
            t = _langkah(f"kumuh_sintetis --lokasi {sintetis}")
            _jalankan(
                env,
                *("kumuh_sintetis", "--lokasi", str(sintetis), "--pengguna", "--paksa"),
                stdout=subprocess.DEVNULL,
            )
            waktu["kumuh_sintetis"] = time.monotonic() - t
            ada_sintetis = True
        else:
            print("  (kumuh_sintetis belum ada di cabang ini: hanya data demo)")
    t = _langkah("collectstatic (menunggu)")
    if statis.wait() != 0:
        raise SystemExit("collectstatic gagal")
    waktu["collectstatic"] = time.monotonic() - t_statis
    return waktu, ada_sintetis


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mulai_server(env: dict[str, str], port: int, log: Path) -> tuple[subprocess.Popen, ...]:
    env = {**env, "KUMUH_WEB_ALAMAT": f"127.0.0.1:{port}"}
    keluaran = log.open("ab")
    # Own process groups: stopping them stops their children (gunicorn's workers, the
    # worker's PDF pool), and nothing else.
    web = subprocess.Popen(
        [PY, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=keluaran,
        stderr=keluaran,
        start_new_session=True,
    )
    pekerja = subprocess.Popen(
        [PY, "manage.py", "db_worker", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=keluaran,
        stderr=keluaran,
        start_new_session=True,
    )
    batas = time.monotonic() + 60
    while time.monotonic() < batas:
        if web.poll() is not None:
            raise SystemExit(f"gunicorn berhenti (kode {web.returncode}); lihat {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /masuk/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if s.recv(16).startswith(b"HTTP/1.1 200"):
                    return web, pekerja
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn tidak menjawab dalam 60 s; lihat {log}")


def hentikan(proses: tuple[subprocess.Popen, ...]) -> None:
    for p in proses:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in proses:
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


# ---------------------------------------------------------------------------------------------
# Logging in, and what to ask for.


def _kue(jw: Jawaban) -> dict[str, str]:
    hasil = {}
    for sc in jw.kepala.get("set-cookie", []):
        nama, _, nilai = sc.split(";", 1)[0].partition("=")
        hasil[nama.strip()] = nilai.strip()
    return hasil


async def masuk(kolam: Kolam, username: str, sandi: str) -> str:
    """Log in through the form, as a browser does; the Cookie header of the session."""
    halaman = await kolam.minta("GET", "/masuk/", {})
    kue = _kue(halaman)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', halaman.badan)
    assert token, "formulir masuk tanpa token CSRF"
    badan = urlencode(
        {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "username": username,
            "password": sandi,
        }
    ).encode()
    jw = await kolam.minta(
        "POST",
        "/masuk/",
        {
            "Cookie": f"csrftoken={kue['csrftoken']}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        badan,
    )
    sesi = _kue(jw).get("sessionid")
    if jw.status != 302 or not sesi:
        raise SystemExit(f"gagal masuk sebagai {username}: {jw.status}")
    return f"sessionid={sesi}; csrftoken={kue['csrftoken']}"


KODE_DAFTAR = r"""
import json
from lokasi.models import Lokasi, Pengguna
from penilaian.models import Penilaian
hasil = {}
for peran, nama in %r.items():
    u = Pengguna.objects.get(username=nama)
    hasil[peran] = {
        "lokasi": list(Lokasi.objects.untuk(u).order_by("pk").values_list("pk", flat=True)),
        "penilaian": list(
            Penilaian.objects.untuk(u).order_by("pk").values_list("pk", flat=True)
        ),
    }
hasil["jumlah"] = {"lokasi": Lokasi.objects.count(), "penilaian": Penilaian.objects.count()}
print(json.dumps(hasil))
"""


def daftar_id(env: dict[str, str], akun: dict[str, tuple[str, str]]) -> dict:
    r = _jalankan(
        env,
        "shell",
        "-c",
        KODE_DAFTAR % ({peran: nama for peran, (nama, _) in akun.items()},),
        capture_output=True,
    )
    return json.loads(r.stdout.strip().splitlines()[-1])


def _jalur(jenis: str, acak: random.Random, lok: list[int], pen: list[int], statis: list[str]):
    halaman_lokasi = -(-len(lok) // 50)
    if jenis == "lokasi_daftar":
        # Mostly the first page, as people open the list; now and then a later one.
        if halaman_lokasi > 1 and acak.random() < 0.3:
            return f"/lokasi/?halaman={acak.randint(2, halaman_lokasi)}"
        return "/lokasi/"
    tetap = {
        "lokasi_peta": "/lokasi/peta/",
        "prioritas": "/penilaian/prioritas/",
        "penilaian_daftar": "/penilaian/",
        "dasbor": "/monev/dasbor/",
        "api_lokasi_daftar": "/api/v1/lokasi/",
        "api_penilaian_daftar": "/api/v1/penilaian/",
    }
    if jenis in tetap:
        return tetap[jenis]
    if jenis == "statis":
        return acak.choice(statis)
    awalan, daftar = {
        "lokasi_detail": ("/lokasi/", lok),
        "penilaian_detail": ("/penilaian/", pen),
        "api_lokasi_detail": ("/api/v1/lokasi/", lok),
        "api_penilaian_detail": ("/api/v1/penilaian/", pen),
    }[jenis]
    return f"{awalan}{acak.choice(daftar)}/"


def rencana(n: int, ids: dict, statis: list[str], seed: int) -> list[tuple[str, str, str]]:
    """The n requests (kind, who, path), drawn once with a fixed seed: runs are comparable."""
    acak = random.Random(seed)
    jenis = [j for j, _, _ in CAMPURAN]
    bobot = [b for _, b, _ in CAMPURAN]
    siapa_jenis = {j: s for j, _, s in CAMPURAN}
    hasil = []
    for _ in range(n):
        j = acak.choices(jenis, bobot)[0]
        siapa = siapa_jenis[j]
        # Two in three page views by the city's own staff, one by the verifier; the API token
        # belongs to the Dinas operator.
        akun = siapa
        if siapa == "sesi":
            akun = "dinas" if acak.random() < 2 / 3 else "verifikator"
        lingkup = ids["dinas" if akun in ("token", "anonim") else akun]
        hasil.append((j, akun, _jalur(j, acak, lingkup["lokasi"], lingkup["penilaian"], statis)))
    return hasil


# ---------------------------------------------------------------------------------------------
# CPU accounting from /proc: the generator, the server, PostgreSQL, and everything else.


def _cpu_proses() -> dict[int, tuple[int, float]]:
    """pid → (ppid, CPU seconds) of every process we may read, with its reaped children's time
    (a gunicorn process replaced after max_requests, a PostgreSQL backend that ended)."""
    detak = os.sysconf("SC_CLK_TCK")
    hasil = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            teks = Path(f"/proc/{d}/stat").read_text()
        except OSError:
            continue
        f = teks[teks.rindex(")") + 2 :].split()
        hasil[int(d)] = (int(f[1]), sum(int(x) for x in f[11:15]) / detak)
    return hasil


def _postmaster(port: int) -> int | None:
    """The PostgreSQL server of this run (scripts/dengan-postgres.sh starts it with -p PORT),
    not the clusters of other test runs on the same machine."""
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            argv = Path(f"/proc/{d}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].endswith(b"postgres") and b"-p" in argv:
            i = argv.index(b"-p")
            if i + 1 < len(argv) and argv[i + 1] == str(port).encode():
                return int(d)
    return None


def _cpu_mesin() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    f = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    detak = os.sysconf("SC_CLK_TCK")
    diam = f[3] + f[4]
    return (sum(f[:8]) - diam) / detak, sum(f[:8]) / detak


def _keturunan(proses: dict, akar: int | None) -> set[int]:
    if akar is None:
        return set()
    hasil = {akar}
    tambah = True
    while tambah:
        tambah = False
        for pid, (ppid, _) in proses.items():
            if ppid in hasil and pid not in hasil:
                hasil.add(pid)
                tambah = True
    return hasil


def potret_cpu(pid: dict[str, int | None]) -> dict[str, float]:
    """CPU seconds so far of the generator, gunicorn, the worker, PostgreSQL, the machine."""
    p = _cpu_proses()
    hasil = {"generator": p[os.getpid()][1]}
    for nama, akar in pid.items():
        hasil[nama] = sum(p[x][1] for x in _keturunan(p, akar) if x in p)
    hasil["mesin_sibuk"], hasil["mesin_total"] = _cpu_mesin()
    return hasil


def selisih_cpu(awal: dict[str, float], akhir: dict[str, float]) -> dict[str, float]:
    cpu = {k: round(akhir[k] - awal[k], 2) for k in awal}
    cpu["lain_lain"] = round(
        cpu["mesin_sibuk"]
        - sum(v for k, v in cpu.items() if k not in ("mesin_sibuk", "mesin_total")),
        1,
    )
    return cpu


# ---------------------------------------------------------------------------------------------
# The run.


@dataclass
class Catatan:
    jenis: list[str] = field(default_factory=list)
    latensi: list[float] = field(default_factory=list)  # seconds from the due time
    status: list[int] = field(default_factory=list)  # 0: no answer (connection error, timeout)
    galat: list[str] = field(default_factory=list)


async def jalankan_beban(
    kolam: Kolam,
    daftar: list[tuple[str, str, str]],
    laju: float,
    kepala_akun: dict[str, dict[str, str]],
    batas_detik: float,
) -> tuple[Catatan, float]:
    catatan = Catatan()
    loop = asyncio.get_running_loop()

    async def satu(i: int, jatuh_tempo: float) -> None:
        jenis, akun, jalur = daftar[i]
        try:
            jw = await asyncio.wait_for(
                kolam.minta("GET", jalur, kepala_akun[akun]), timeout=batas_detik
            )
            status = jw.status
            if status != 200:
                catatan.galat.append(f"{status} {jalur}")
        except Exception as e:
            status = 0
            catatan.galat.append(f"{type(e).__name__} {jalur}")
        catatan.jenis.append(jenis)
        catatan.latensi.append(loop.time() - jatuh_tempo)
        catatan.status.append(status)

    tugas = []
    mulai = loop.time() + 0.05
    for i in range(len(daftar)):
        jatuh_tempo = mulai + i / laju
        jeda = jatuh_tempo - loop.time()
        if jeda > 0:
            await asyncio.sleep(jeda)
        tugas.append(asyncio.create_task(satu(i, jatuh_tempo)))
    await asyncio.gather(*tugas)
    return catatan, loop.time() - mulai


def persentil(nilai: list[float], p: float) -> float:
    """Nearest-rank percentile (the value at or below which p % of the requests fall)."""
    if not nilai:
        return float("nan")
    urut = sorted(nilai)
    return urut[max(0, min(len(urut) - 1, -(-len(urut) * p // 100) - 1))]


def ringkas(catatan: Catatan, detik: float) -> dict:
    def rangkum(lat: list[float]) -> dict:
        return {
            "n": len(lat),
            "p50_ms": round(persentil(lat, 50) * 1000, 1),
            "p90_ms": round(persentil(lat, 90) * 1000, 1),
            "p99_ms": round(persentil(lat, 99) * 1000, 1),
            "max_ms": round(max(lat) * 1000, 1) if lat else None,
        }

    per_jenis = {}
    for j, _, _ in CAMPURAN:
        lat = [x for x, k in zip(catatan.latensi, catatan.jenis, strict=True) if k == j]
        per_jenis[j] = rangkum(lat)
    return {
        **rangkum(catatan.latensi),
        "detik": round(detik, 2),
        "laju_tercapai": round(len(catatan.latensi) / detik, 1),
        "galat": len(catatan.galat),
        "contoh_galat": sorted(set(catatan.galat))[:10],
        "per_jenis": per_jenis,
    }


async def sesi(
    kolam: Kolam, token: str, akun: dict[str, tuple[str, str]]
) -> tuple[dict[str, dict[str, str]], list[str]]:
    """The request headers of each kind of caller, and the static files a page links to."""
    kepala_akun: dict[str, dict[str, str]] = {
        "anonim": {},
        "token": {"Authorization": f"Token {token}"},
    }
    for peran, (nama, sandi) in akun.items():
        kepala_akun[peran] = {"Cookie": await masuk(kolam, nama, sandi)}
    halaman = await kolam.minta("GET", "/lokasi/", kepala_akun["dinas"])
    statis = sorted(
        {m.decode() for m in re.findall(rb'(?:href|src)="(/static/[^"]+)"', halaman.badan)}
    )
    assert statis, "halaman tanpa berkas statis"
    for kepala in kepala_akun.values():
        kepala["Accept-Encoding"] = "gzip, br"
        kepala["Accept"] = "text/html,application/json,*/*"
    return kepala_akun, statis


async def putaran(
    args: argparse.Namespace, port: int, ids: dict, laju_semua: list[float], pid: dict
) -> list[dict]:
    """Each rate in turn against one running server: warm-up, then the measured run."""
    kolam = Kolam("127.0.0.1", port, args.koneksi)
    kepala_akun, statis = await sesi(kolam, args.token, args.akun)
    hasil = []
    if args.biaya:
        hasil.append({"biaya": await biaya(kolam, ids, statis, kepala_akun, args.biaya, pid)})
    for laju in laju_semua:
        if args.pemanasan:
            print(f"· pemanasan {args.pemanasan:g} s pada {laju:g}/s (tidak dihitung)", flush=True)
            n = int(args.pemanasan * laju)
            await jalankan_beban(
                kolam, rencana(n, ids, statis, args.seed + 1), laju, kepala_akun, args.batas
            )
        print(f"· beban {args.durasi:g} s pada {laju:g} permintaan/s", flush=True)
        daftar = rencana(int(args.durasi * laju), ids, statis, args.seed)
        beban_awal = os.getloadavg()
        cpu_awal = potret_cpu(pid)
        catatan, detik = await jalankan_beban(kolam, daftar, laju, kepala_akun, args.batas)
        cpu = selisih_cpu(cpu_awal, potret_cpu(pid))
        total = cpu.pop("mesin_total")
        ringkasan = ringkas(catatan, detik)
        hasil.append(
            {
                "laju": laju,
                "hasil": ringkasan,
                "cpu_detik": cpu,
                # CPU time of the server (gunicorn + PostgreSQL) per answered request.
                "cpu_server_ms_per_permintaan": round(
                    1000 * (cpu["gunicorn"] + cpu["postgresql"]) / max(1, ringkasan["n"]), 1
                ),
                "cpu_mesin_sibuk_persen": round(100 * cpu["mesin_sibuk"] / total, 1),
                "loadavg_awal": [round(x, 2) for x in beban_awal],
                "loadavg_akhir": [round(x, 2) for x in os.getloadavg()],
                "berkas_statis": statis,
                "lulus": ringkasan["galat"] == 0 and ringkasan["p99_ms"] <= args.p99,
            }
        )
        cetak(hasil[-1], args.p99)
    hasil[-1]["koneksi_dibuka"] = kolam.dibuka
    kolam.tutup()
    return hasil


async def biaya(
    kolam: Kolam, ids: dict, statis: list[str], kepala_akun: dict, n: int, pid: dict
) -> dict[str, dict]:
    """What one request of each kind costs: n in a row, one at a time (nothing queues), with
    the server's CPU time (gunicorn + PostgreSQL) per request. CPU time is what decides how
    many requests a second the cores can serve, and is less disturbed than the wall clock by
    other work on a shared machine."""
    print(f"· biaya per jenis: {n} permintaan berurutan", flush=True)
    print(f"  {'jenis':<22}{'CPU ms':>8}{'p50 ms':>8}{'KB':>7}", flush=True)
    hasil = {}
    acak = random.Random(7)
    for jenis, _, _ in CAMPURAN:
        daftar = [
            (j, a, jl)
            for j, a, jl in rencana(n * 80, ids, statis, acak.randint(0, 10**6))
            if j == jenis
        ][: n + 3]
        for _, akun, jalur in daftar[:3]:  # warm: templates, connections
            await kolam.minta("GET", jalur, kepala_akun[akun])
        awal = potret_cpu(pid)
        waktu, ukuran = [], 0
        for _, akun, jalur in daftar[3:]:
            t = time.perf_counter()
            jw = await kolam.minta("GET", jalur, kepala_akun[akun])
            waktu.append(time.perf_counter() - t)
            ukuran += len(jw.badan)
        cpu = selisih_cpu(awal, potret_cpu(pid))
        k = len(waktu)
        hasil[jenis] = {
            "n": k,
            "cpu_server_ms": round(1000 * (cpu["gunicorn"] + cpu["postgresql"]) / k, 1),
            "cpu_postgresql_ms": round(1000 * cpu["postgresql"] / k, 1),
            "p50_ms": round(1000 * persentil(waktu, 50), 1),
            "kb": round(ukuran / k / 1024, 1),
        }
        h = hasil[jenis]
        print(f"  {jenis:<22}{h['cpu_server_ms']:>8}{h['p50_ms']:>8}{h['kb']:>7}", flush=True)
    bobot = {j: b for j, b, _ in CAMPURAN}
    rata = sum(bobot[j] * v["cpu_server_ms"] for j, v in hasil.items()) / sum(bobot.values())
    inti = len(os.sched_getaffinity(0))
    print(
        f"  campuran: {rata:.1f} ms CPU server per permintaan → {inti} inti melayani paling "
        f"banyak ≈ {1000 * inti / rata:.0f}/s tanpa generator dan tanpa beban lain",
        flush=True,
    )
    hasil["campuran"] = {"cpu_server_ms": round(rata, 1), "laju_maks": round(1000 * inti / rata)}
    return hasil


def cetak(p: dict, p99_maks: float) -> None:
    r = p["hasil"]
    print(f"  {'jenis':<22}{'n':>7}{'p50':>9}{'p90':>9}{'p99':>9}{'maks':>9}  (ms)")
    for j, v in r["per_jenis"].items():
        if v["n"]:
            print(
                f"  {j:<22}{v['n']:>7}{v['p50_ms']:>9}{v['p90_ms']:>9}{v['p99_ms']:>9}"
                f"{v['max_ms']:>9}"
            )
    print(
        f"  {'SEMUA':<22}{r['n']:>7}{r['p50_ms']:>9}{r['p90_ms']:>9}{r['p99_ms']:>9}"
        f"{r['max_ms']:>9}"
    )
    print(
        f"  laju {r['laju_tercapai']}/s dari {p['laju']:g}/s selama {r['detik']} s, "
        f"galat {r['galat']}" + (f" ({', '.join(r['contoh_galat'])})" if r["galat"] else "")
    )
    c = p["cpu_detik"]
    print(
        f"  CPU (detik): gunicorn {c['gunicorn']}, postgresql {c['postgresql']}, "
        f"generator {c['generator']}, db_worker {c['db_worker']}, lain-lain {c['lain_lain']}; "
        f"mesin sibuk {p['cpu_mesin_sibuk_persen']} %; server "
        f"{p['cpu_server_ms_per_permintaan']} ms CPU per permintaan; "
        f"loadavg {p['loadavg_awal']} → {p['loadavg_akhir']}"
    )
    print(
        "  "
        + ("LULUS" if p["lulus"] else "TIDAK LULUS")
        + f": p99 {r['p99_ms']} ms (anggaran ≤ {p99_maks:g} ms), galat {r['galat']} (harus 0)",
        flush=True,
    )


def _daftar_angka(teks: str) -> list[float]:
    return [float(x) for x in teks.split(",") if x.strip()]


def _daftar_proses(teks: str) -> list[tuple[int, int]]:
    hasil = []
    for bagian in teks.split(","):
        w, _, t = bagian.strip().partition("x")
        hasil.append((int(w), int(t or 1)))
    return hasil


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--laju",
        type=_daftar_angka,
        default=[150.0],
        help="permintaan per detik; beberapa dipisah koma diukur berurutan (150)",
    )
    ap.add_argument("--durasi", type=float, default=60, help="detik yang diukur (60)")
    ap.add_argument("--pemanasan", type=float, default=5, help="detik pemanasan, tidak dihitung")
    ap.add_argument("--p99", type=float, default=250, help="anggaran p99 dalam ms (250)")
    ap.add_argument("--batas", type=float, default=10, help="detik sebelum permintaan gagal")
    ap.add_argument("--koneksi", type=int, default=64, help="koneksi keep-alive paling banyak")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument(
        "--biaya",
        type=int,
        default=20,
        help="ukur dulu CPU per jenis dengan N permintaan berurutan (0: lewati)",
    )
    ap.add_argument(
        "--sintetis",
        type=int,
        default=int(os.environ.get("KUMUH_BEBAN_SINTETIS", 0)),
        help="tambah N lokasi sintetis lewat kumuh_sintetis bila perintahnya ada (0: demo saja)",
    )
    ap.add_argument(
        "--proses",
        type=_daftar_proses,
        help="proses×utas gunicorn, mis. 4x4 atau 4x4,3x8 (bawaan: deploy/gunicorn.conf.py)",
    )
    ap.add_argument("--keluaran", type=Path, help="berkas JSON hasil (bawaan: var/bench/…)")
    args = ap.parse_args(argv)

    if "DATABASE_URL" not in os.environ:
        # A throwaway PostgreSQL, as in production; removed when this run ends.
        perintah = ["sh", str(ROOT / "scripts/dengan-postgres.sh"), PY, __file__]
        return subprocess.call(perintah + (argv if argv is not None else sys.argv[1:]))

    tmp = Path(tempfile.mkdtemp(prefix="kumuh-beban-"))
    env = _lingkungan(dict(os.environ), tmp)
    nproc = len(os.sched_getaffinity(0))
    hasil: dict = {
        "tanggal": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "komit": subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "nproc": nproc,
        "argumen": {k: str(v) for k, v in vars(args).items()},
        "basis_data": "postgresql",
        "putaran": [],
    }
    kode = 0
    try:
        waktu, ada_sintetis = siapkan_data(env, args.sintetis)
        hasil["persiapan_detik"] = {k: round(v, 1) for k, v in waktu.items()}
        args.akun = AKUN_SINTETIS if ada_sintetis else AKUN_DEMO
        hasil["akun"] = {peran: nama for peran, (nama, _) in args.akun.items()}
        ids = daftar_id(env, args.akun)
        hasil["data"] = {
            **ids["jumlah"],
            **{f"lokasi_{p}": len(ids[p]["lokasi"]) for p in args.akun},
            **{f"penilaian_{p}": len(ids[p]["penilaian"]) for p in args.akun},
        }
        d = hasil["data"]
        print(
            f"  {nproc} inti; data: {d['lokasi']} lokasi, {d['penilaian']} penilaian; "
            f"{hasil['akun']['dinas']} melihat {d['lokasi_dinas']} lokasi, "
            f"{hasil['akun']['verifikator']} {d['lokasi_verifikator']}",
            flush=True,
        )
        args.token = _jalankan(
            env, "buat_token", args.akun["dinas"][0], "--hari", "1", capture_output=True
        ).stdout.strip()
        for workers, threads in args.proses or [(0, 0)]:
            env_server = dict(env)
            if workers:
                env_server["WEB_CONCURRENCY"] = str(workers)
                env_server["KUMUH_WEB_UTAS"] = str(threads)
            port = _port_bebas()
            proses: tuple[subprocess.Popen, ...] = ()
            try:
                _langkah(f"gunicorn + db_worker di 127.0.0.1:{port}")
                proses = mulai_server(env_server, port, tmp / "server.log")
                gunicorn = {
                    "workers": int(env_server.get("WEB_CONCURRENCY", 2 * nproc)),
                    "threads": int(env_server.get("KUMUH_WEB_UTAS", 4)),
                }
                print(f"  gunicorn {gunicorn['workers']} proses × {gunicorn['threads']} utas")
                pid = {
                    "gunicorn": proses[0].pid,
                    "db_worker": proses[1].pid,
                    "postgresql": _postmaster(
                        int(env["DATABASE_URL"].rsplit(":", 1)[1].split("/")[0])
                    ),
                }
                for p in asyncio.run(putaran(args, port, ids, args.laju, pid)):
                    hasil["putaran"].append({"gunicorn": gunicorn, **p})
                    kode = kode or (0 if p.get("lulus", True) else 1)
            finally:
                hentikan(proses)
    finally:
        log = tmp / "server.log"
        if log.exists() and log.stat().st_size:
            hasil["log_server_akhir"] = log.read_text(errors="replace")[-3000:]
        shutil.rmtree(tmp, ignore_errors=True)
        keluaran = args.keluaran or ROOT / "var/bench" / time.strftime("beban-%Y%m%d-%H%M%S.json")
        keluaran.parent.mkdir(parents=True, exist_ok=True)
        keluaran.write_text(json.dumps(hasil, indent=1, ensure_ascii=False))
        print(f"hasil: {keluaran}")
    return kode


if __name__ == "__main__":
    sys.exit(main())
