"""The baseline import of surveys from Excel (KOTAKU/SIM-style workbooks).

`baca` reads and checks a workbook without the database (pure: template, cell readers,
problems with sheet/row/column, consistency report), `simpan` checks it against the database
and saves all or nothing, `views` the upload → preview → confirm pages.
"""
