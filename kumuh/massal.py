"""Write many rows in few statements: the bulk writes of imports.

Django's `bulk_create` compiles every value separately (about a second per 10,000 rows of 30
columns) and `bulk_update` builds one CASE expression per column (12 s for 10,000 rows × 11
columns on the project machine). These helpers send prepared statements instead: a multi-row
INSERT … RETURNING for new objects, `executemany` for plain rows and for updates.

A leaf helper: Django only, no app.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

# Values the database driver cannot take as Python gives them.
_DISIAPKAN = (models.JSONField, models.DateField)
PER_BATCH = 1000  # rows per multi-row INSERT (also bounded by the database's parameter limit)


def _siapkan(kolom: list[models.Field]) -> list[Any]:
    return [f.get_db_prep_save if isinstance(f, _DISIAPKAN) else None for f in kolom]


def sisip_objek(model: type[models.Model], objek: Sequence[models.Model]) -> None:
    """Insert new objects and set their pk, as `bulk_create` does, in batches of rows.

    `pre_save` sets auto_now(_add) dates, as `save()` does. Without INSERT … RETURNING
    (SQLite < 3.35) this falls back on `bulk_create`.
    """
    if not objek:
        return
    if not connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objek)
        return
    meta, qn = model._meta, connection.ops.quote_name
    kolom = [f for f in meta.concrete_fields if not f.primary_key]
    siap = _siapkan(kolom)
    satu = f"({', '.join(['%s'] * len(kolom))})"
    awal = f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in kolom)}) VALUES "
    per_batch = min(PER_BATCH, (connection.features.max_query_params or 2**16 - 1) // len(kolom))
    for mulai in range(0, len(objek), per_batch):
        bagian = objek[mulai : mulai + per_batch]
        nilai = []
        for o in bagian:
            for f, s in zip(kolom, siap, strict=True):
                v = f.pre_save(o, add=True)
                nilai.append(s(v, connection) if s else v)
        sql = f"{awal}{', '.join([satu] * len(bagian))} RETURNING {qn(meta.pk.column)}"
        with connection.cursor() as kursor:
            kursor.execute(sql, nilai)
            for o, (pk,) in zip(bagian, kursor.fetchall(), strict=True):
                o.pk = pk
                o._state.adding, o._state.db = False, connection.alias


def sisip(model: type[models.Model], fields: list[str], baris: Sequence[Sequence[Any]]) -> None:
    """Insert rows given as tuples of plain values (ids not returned): one prepared statement."""
    if not baris:
        return
    meta, qn = model._meta, connection.ops.quote_name
    kolom = [meta.get_field(f) for f in fields]
    siap = _siapkan(kolom)
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in kolom)}) "
        f"VALUES ({', '.join(['%s'] * len(kolom))})"
    )
    if any(siap):
        baris = [
            [s(v, connection) if s else v for s, v in zip(siap, b, strict=True)] for b in baris
        ]
    with connection.cursor() as kursor:
        kursor.executemany(sql, baris)


def perbarui(model: type[models.Model], objek: Sequence[models.Model], fields: list[str]) -> None:
    """Update each object's `fields` with its own values: one prepared statement for all."""
    if not objek:
        return
    meta, qn = model._meta, connection.ops.quote_name
    kolom = [meta.get_field(f) for f in fields]
    siap = _siapkan(kolom)
    sql = (
        f"UPDATE {qn(meta.db_table)} SET {', '.join(f'{qn(f.column)} = %s' for f in kolom)} "
        f"WHERE {qn(meta.pk.column)} = %s"
    )
    nilai = [
        [
            s(getattr(o, f.attname), connection) if s else getattr(o, f.attname)
            for f, s in zip(kolom, siap, strict=True)
        ]
        + [o.pk]
        for o in objek
    ]
    with connection.cursor() as kursor:
        kursor.executemany(sql, nilai)


def perbarui_potongan(
    queryset: models.QuerySet, kunci: str, nilai_kunci: Sequence[Any], **ubah: Any
) -> None:
    """UPDATE the rows whose `kunci` is in `nilai_kunci`, in chunks of 500 (any parameter limit)."""
    for awal in range(0, len(nilai_kunci), 500):
        queryset.filter(**{f"{kunci}__in": nilai_kunci[awal : awal + 500]}).update(**ubah)


# --- rows whose values are ready for the database (JSON already text) -------------------------
#
# For the rescoring of every survey (penilaian/hitung_ulang.py): its worker processes serialise
# the JSON results once, so the writing process only sends them. On PostgreSQL the rows travel
# by COPY (a temporary table, then one `UPDATE … FROM`): `executemany` sends a statement a row
# and multi-row statements cost the client more CPU to compose than the server to run. SQLite
# runs one prepared statement a row in-process, the fastest it has.


def _copy(kursor) -> bool:
    return connection.vendor == "postgresql" and hasattr(kursor.cursor, "copy")  # psycopg 3


def sisip_siap(
    model: type[models.Model], fields: list[str], baris: Sequence[Sequence[Any]]
) -> None:
    """Insert rows of values ready for the database (JSON as text; ids not returned)."""
    if not baris:
        return
    meta, qn = model._meta, connection.ops.quote_name
    kolom = ", ".join(qn(meta.get_field(f).column) for f in fields)
    with connection.cursor() as kursor:
        if not _copy(kursor):
            tempat = ", ".join(["%s"] * len(fields))
            kursor.executemany(
                f"INSERT INTO {qn(meta.db_table)} ({kolom}) VALUES ({tempat})", baris
            )
            return
        with kursor.cursor.copy(f"COPY {qn(meta.db_table)} ({kolom}) FROM STDIN") as salin:
            for b in baris:
                salin.write_row(b)


def perbarui_siap(
    model: type[models.Model], fields: list[str], kunci: str, baris: Sequence[Sequence[Any]]
) -> None:
    """UPDATE the rows whose `kunci` is each row's last value with its other values (ready for
    the database, as in `sisip_siap`)."""
    if not baris:
        return
    meta, qn = model._meta, connection.ops.quote_name
    kolom = [meta.get_field(f) for f in fields]
    f_kunci = meta.get_field(kunci)
    tabel = qn(meta.db_table)
    with connection.cursor() as kursor:
        if not _copy(kursor):
            kursor.executemany(
                f"UPDATE {tabel} SET {', '.join(f'{qn(f.column)} = %s' for f in kolom)} "
                f"WHERE {qn(f_kunci.column)} = %s",
                baris,
            )
            return
        sementara = qn(f"_massal_{meta.db_table}")
        jenis = ", ".join(
            f"{qn(f'k{i}')} {f.cast_db_type(connection)}" for i, f in enumerate([*kolom, f_kunci])
        )
        # Dropped at the end of the transaction at the latest; on an error the transaction is
        # aborted (and rolled back) anyway, so no cleanup that would hide the error.
        kursor.execute(f"CREATE TEMPORARY TABLE {sementara} ({jenis}) ON COMMIT DROP")
        with kursor.cursor.copy(f"COPY {sementara} FROM STDIN") as salin:
            for b in baris:
                salin.write_row(b)
        ubah = ", ".join(f"{qn(f.column)} = v.{qn(f'k{i}')}" for i, f in enumerate(kolom))
        kursor.execute(
            f"UPDATE {tabel} SET {ubah} FROM {sementara} AS v "
            f"WHERE {tabel}.{qn(f_kunci.column)} = v.{qn(f'k{len(kolom)}')}"
        )
        kursor.execute(f"DROP TABLE {sementara}")  # the next part creates it again
