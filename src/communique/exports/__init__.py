"""Exports: commitments and statements in the formats people work with.

One module per format (``csv_export``, ``xlsx``, ``json_export``, ``datapackage``,
``ics``, ``iati``, ``report``); each writer works on plain rows (dicts) and never
touches the ORM. ``rows`` turns tracker querysets into those rows, streamed in
chunks. ``backup`` dumps and restores the whole database. Importing this package
does not import Django: only ``rows``, ``backup``, ``feeds``, ``models`` and
``views`` do.
"""
