"""Photo uploads: one field that checks and normalises every image the app stores.

A photo is checked by its bytes (settings.FOTO_MAKS_BYTE), its real format and its pixel count
(a 12 KB PNG can declare 100 megapixels and take gigabytes to decode: a decompression bomb),
then stored turned upright (EXIF orientation), scaled to at most SISI_PANJANG_MAKS on its long
side and re-encoded as JPEG. Photos are printed in profiles and reports at a few centimetres;
the original is not kept.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps

FOTO_EKSTENSI = {".jpg", ".jpeg", ".png", ".webp"}
FOTO_FORMAT_PIL = {"JPEG", "PNG", "WEBP"}
# A 48-megapixel phone camera is the largest common source; 50 MP leaves room and still refuses
# the bombs (decoding 50 MP RGB needs 150 MB, which the workers can afford one at a time).
PIKSEL_MAKS = 50_000_000
# Long side of the stored photo: 2000 px is 17 cm at 300 dpi, more than any printed page uses.
SISI_PANJANG_MAKS = 2000
MUTU_JPEG = 85

BANTUAN = gettext_lazy(
    "JPG, PNG atau WebP. Foto disimpan diperkecil untuk cetak (sisi terpanjang 2.000 piksel, "
    "JPEG); berkas aslinya tidak disimpan."
)


def periksa_foto(berkas: Any, label: str) -> Image.Image:
    """Return the opened (not decoded) image, or raise ValidationError naming the field."""
    if berkas.size > settings.FOTO_MAKS_BYTE:
        raise ValidationError(
            _("%(label)s: ukuran %(ukuran)s melebihi batas %(batas)s.")
            % {
                "label": label,
                "ukuran": filesizeformat(berkas.size),
                "batas": filesizeformat(settings.FOTO_MAKS_BYTE),
            },
            code="foto_besar",
        )
    if Path(berkas.name or "").suffix.lower() not in FOTO_EKSTENSI:
        raise ValidationError(
            _("%(label)s harus berformat JPG, PNG atau WebP.") % {"label": label},
            code="foto_ekstensi",
        )
    berkas.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 89 and 179 megapixels; the limit below decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            gambar = Image.open(berkas)
    except Image.DecompressionBombError:
        raise _terlalu_banyak_piksel(label, None) from None
    except Exception:
        raise ValidationError(
            _("%(label)s: isi berkas bukan gambar JPG, PNG atau WebP.") % {"label": label},
            code="foto_bukan_gambar",
        ) from None
    if gambar.format not in FOTO_FORMAT_PIL:
        raise ValidationError(
            _("%(label)s: isi berkas bukan gambar JPG, PNG atau WebP.") % {"label": label},
            code="foto_bukan_gambar",
        )
    lebar, tinggi = gambar.size
    if lebar * tinggi > PIKSEL_MAKS:
        raise _terlalu_banyak_piksel(label, (lebar, tinggi))
    return gambar


def _terlalu_banyak_piksel(label: str, ukuran: tuple[int, int] | None) -> ValidationError:
    batas = f"{PIKSEL_MAKS // 1_000_000} megapiksel"
    if ukuran is None:
        pesan = _("%(label)s terlalu besar: lebih dari %(batas)s.") % {
            "label": label,
            "batas": batas,
        }
    else:
        pesan = _(
            "%(label)s terlalu besar: %(lebar)s × %(tinggi)s piksel, paling banyak %(batas)s."
        ) % {
            "label": label,
            "lebar": f"{ukuran[0]:,}".replace(",", "."),
            "tinggi": f"{ukuran[1]:,}".replace(",", "."),
            "batas": batas,
        }
    return ValidationError(pesan, code="foto_piksel")


def perkecil(gambar: Image.Image, nama: str, label: str) -> SimpleUploadedFile:
    """Return the photo upright, at most SISI_PANJANG_MAKS px on its long side, as JPEG."""
    try:
        if gambar.format == "JPEG":
            # Let the JPEG decoder skip detail it would throw away (much faster for 12+ MP).
            gambar.draft("RGB", (SISI_PANJANG_MAKS, SISI_PANJANG_MAKS))
        gambar = ImageOps.exif_transpose(gambar)
        gambar.thumbnail((SISI_PANJANG_MAKS, SISI_PANJANG_MAKS), Image.Resampling.LANCZOS)
        if gambar.mode != "RGB":
            # Transparent PNG/WebP: JPEG has no alpha, so lay it on white paper.
            latar = Image.new("RGB", gambar.size, "white")
            rgba = gambar.convert("RGBA")
            latar.paste(rgba, mask=rgba.getchannel("A"))
            gambar = latar
        keluaran = io.BytesIO()
        gambar.save(keluaran, "JPEG", quality=MUTU_JPEG, optimize=True)
    except (OSError, ValueError, SyntaxError):
        raise ValidationError(
            _("%(label)s rusak atau terpotong; unggah ulang berkas aslinya.") % {"label": label},
            code="foto_rusak",
        ) from None
    nama_baru = f"{Path(nama).stem or 'foto'}.jpg"
    return SimpleUploadedFile(nama_baru, keluaran.getvalue(), content_type="image/jpeg")


class FotoField(forms.FileField):
    """An upload field for photos: checked by bytes, format and pixels, stored downscaled.

    Used for every photo the app stores (lokasi, survey criteria, monev pemantauan).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        bantuan = kwargs.pop("help_text", "")
        kwargs["help_text"] = format_lazy("{} {}", bantuan, BANTUAN) if bantuan else BANTUAN
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def to_python(self, data: Any) -> Any:
        berkas = super().to_python(data)
        if berkas is None:
            return None
        label = str(self.label or _("Foto"))
        gambar = periksa_foto(berkas, label)
        return perkecil(gambar, berkas.name, label)
