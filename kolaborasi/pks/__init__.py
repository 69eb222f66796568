"""Funding gap, pledges, perjanjian kerja sama; tahap kolaborasi and intervention criteria."""
