"""Monitoring of kegiatan: progress, realised volumes per effect and spending, photos, APIP."""
