"""Slide-ready exports: PowerPoint deck, PNG/SVG charts, CSV/XLSX tables, scenario files.

Every export is a function that returns bytes, so the Export page and `tco export` share
them: `report.build_report` runs the engine once; `pptx_deck`, `images`, `tables` and
`formats` turn that report into files.
"""
