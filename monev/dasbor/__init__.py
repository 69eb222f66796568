"""Dasbor menuju 0 ha: the city's official and indicative hectares, plan and governance."""
