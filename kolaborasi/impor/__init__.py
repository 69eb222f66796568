"""The Excel import of kegiatan (memorandum program rows) with the shared reading kit.

`baca` (pure): the columns and their spellings, rows grouped into kegiatan (a row without a
kegiatan name continues the one above with another effect), every problem by sheet/row/column;
`templat` (pure): the template workbook; `simpan`: lokasi and stakeholders matched in the
user's kab/kota, all or nothing; `views`: upload → check → save.
"""
