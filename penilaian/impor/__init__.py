"""The baseline import of surveys from Excel (KOTAKU/SIM-style workbooks), docs/impor.md.

The generic Excel kit is `kumuh.xlsx_baca` (headers, cell readers, problems) and
`kumuh.xlsx_laporan` (template header, marked-up report); bulk writes are `kumuh.massal`.
Here, in the order a file goes through them:

- `kolom`: the survey's columns, their groups and accepted spellings (pure)
- `baca`: the survey's cell readers and per-row checks; workbook → rows (pure)
- `kelompok`: rows → lokasi → surveys by year, contradictions across rows (pure)
- `nilai`: Format Numerik sheets, scores by the rules, flags of old results (pure)
- `laporan`: what was found (`Laporan`, `Tanda`) and the report workbook (pure)
- `templat`: the template workbook (pure)
- `rencana`: matching with the database; `impor_periksa` (writes nothing)
- `simpan`: `impor_simpan`, all or nothing, history through `lokasi.riwayat`
- `views`: the upload → preview → confirm pages
"""
