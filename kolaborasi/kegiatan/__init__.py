"""Kegiatan per lokasi or city-wide: effects (criterion, volume), funding split, states."""
