"""The Pokja's annual evaluation: tables E1–E7, narrative, recommendations, PDF and Excel."""
