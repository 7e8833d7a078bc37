"""Slovenian: `1. 12. 2026`, `1. 12. 2026, 14:05`, `1.234,50` (see microfuture/formats)."""

DATE_FORMAT = "j. n. Y"
SHORT_DATE_FORMAT = "j. n. Y"
DATETIME_FORMAT = "j. n. Y, H:i"
SHORT_DATETIME_FORMAT = "j. n. Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j. n."
YEAR_MONTH_FORMAT = "n. Y"
# Date boxes send ISO dates (type="date"); a typed date may also be 1. 12. 2026 or 1.12.2026.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d. %m. %Y", "%d.%m.%Y", "%d. %m. %y", "%d.%m.%y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
    "%d. %m. %Y %H:%M", "%d.%m.%Y %H:%M", "%d. %m. %Y, %H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
