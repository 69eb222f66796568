"""Operasional dan pemeliharaan: assets handed over and their checks; the governance calendar."""
