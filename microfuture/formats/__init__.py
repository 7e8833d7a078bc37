"""Our date and number formats per language (FORMAT_MODULE_PATH), over Django's own.

One short date format per language, used for every date on a page, so a page never mixes
`1. 12. 2026` with `1. Dec. 2026` or `01. december 2026`: Slovenian `1. 12. 2026` (the
standard's spaced form), English `1 December 2026` (day first, the month in words, never the
American 12/01/2026; the finder's reasons write dates the same way).
Times are 24-hour in both. Numbers: Slovenian `1.234,50`, English `1,234.50`. docs/formats.md
"""
