"""Projects as spreadsheet rows: the CSV download writes them, the import reads them.

One column format for both directions (`columns`), so that a downloaded catalogue can be imported
again (into another installation, or back after editing in a spreadsheet): `export` writes rows,
`importer` reads, checks and saves them. Column names are stable English field names, the same as
in the JSON API; lists are separated by semicolons.
"""
