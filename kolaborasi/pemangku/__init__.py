"""Stakeholder registry, Pokja PKP and Forum PKP with members and work plan, meetings (item 1–2)."""
