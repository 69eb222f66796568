"""Abstract models every app may inherit (no tables of its own: kumuh imports no app)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Tercatat(models.Model):
    """Who made and last changed a record of decisions, and its version (optimistic lock:
    a save carries the version it started from and is refused when another came between)."""

    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    versi = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True
