"""The SK penetapan lokasi: from the priority list to the decree and its annexes.

`isi` the decree's content as plain data (pure), `tata` the page plan of Lampiran I, `peta`
the offline SVG maps of Lampiran II/III, `cetak` the PDFs (WeasyPrint), `xlsx` the workbook,
`services` the writes (draft, exclusions, verification, issue, file jobs), `views`/`forms`
the pages, `tugas` the background jobs, `contoh` synthetic SKs for tests and benchmarks.
"""
