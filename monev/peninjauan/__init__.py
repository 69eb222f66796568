"""Peninjauan ulang of an issued SK: Tabel 5 per lokasi and the city book, recap, draft SK."""
