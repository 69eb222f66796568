"""API tokens for other systems: stored as a SHA-256 hash, with an expiry (docs/api.md).

The key is shown once, when created (`manage.py buat_token`); the database keeps its first
characters for lookup and the hash for comparison, so a copy of the database (a backup, a
leaked dump) gives no working key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PANJANG_AWALAN = 8
HARI_BAWAAN = 90
# last used is written at most this often, so an API client reading many pages does not turn
# every GET into a database write (and a SQLite write lock).
JEDA_CATAT_PAKAI = timedelta(minutes=10)


def _hash(kunci: str) -> str:
    return hashlib.sha256(kunci.encode()).hexdigest()


class TokenAPIQuerySet(models.QuerySet["TokenAPI"]):
    def buat(self, *, user, nama: str, hari: int = HARI_BAWAAN) -> tuple[TokenAPI, str]:
        """Create a token for `user` valid `hari` days; return it with its key (shown once)."""
        kunci = secrets.token_urlsafe(32)
        sekarang = timezone.now()
        token = self.create(
            user=user,
            nama=nama,
            awalan=kunci[:PANJANG_AWALAN],
            hash_kunci=_hash(kunci),
            dibuat=sekarang,
            kedaluwarsa=sekarang + timedelta(days=hari),
        )
        return token, kunci

    def berlaku(self) -> TokenAPIQuerySet:
        return self.filter(dicabut__isnull=True, kedaluwarsa__gt=timezone.now())

    def periksa(self, kunci: str) -> tuple[TokenAPI | None, str]:
        """Return the token of `kunci` (noting its use), or None and why it is refused."""
        hash_kunci = _hash(kunci)
        token = next(
            (
                t
                for t in self.select_related("user").filter(awalan=kunci[:PANJANG_AWALAN])
                if hmac.compare_digest(t.hash_kunci, hash_kunci)
            ),
            None,
        )
        if token is None:
            return None, gettext("Token tidak dikenal. Periksa kuncinya atau minta token baru.")
        sekarang = timezone.now()
        if token.dicabut is not None:
            return None, gettext("Token sudah dicabut. Minta token baru kepada admin.")
        if token.kedaluwarsa <= sekarang:
            return None, gettext(
                "Token kedaluwarsa sejak %(waktu)s. Minta token baru kepada admin."
            ) % {"waktu": timezone.localtime(token.kedaluwarsa).strftime("%d-%m-%Y %H:%M")}
        if not token.user.is_active:
            return None, gettext("Pengguna pemilik token tidak aktif.")
        if token.terakhir_dipakai is None or sekarang - token.terakhir_dipakai > JEDA_CATAT_PAKAI:
            token.terakhir_dipakai = sekarang
            self.model._default_manager.filter(pk=token.pk).update(terakhir_dipakai=sekarang)
        return token, ""


class TokenAPI(models.Model):
    """A key another system sends as `Authorization: Token <kunci>`; sees what its user sees."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="token_api",
    )
    nama = models.CharField(_("nama"), max_length=100, help_text=_("sistem pemakai token"))
    awalan = models.CharField(_("awalan kunci"), max_length=PANJANG_AWALAN, db_index=True)
    hash_kunci = models.CharField(_("hash SHA-256 kunci"), max_length=64, unique=True)
    dibuat = models.DateTimeField(_("dibuat"), default=timezone.now)
    kedaluwarsa = models.DateTimeField(_("kedaluwarsa"))
    terakhir_dipakai = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    dicabut = models.DateTimeField(_("dicabut"), null=True, blank=True)

    objects = TokenAPIQuerySet.as_manager()

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-dibuat", "-pk"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.awalan}…)"
