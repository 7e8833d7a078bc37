"""A short, human name for a browser from its User-Agent header ("Firefox · Windows").

Pure: no Django. Only the browser family and the system are kept, never the full header,
so the session list says enough to recognise a device and stores little about it.
"""

from __future__ import annotations

# Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def browser_summary(user_agent: str) -> str:
    """"Firefox · Windows", "Chrome", "Linux", or "" when nothing is recognised."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), "")
    if browser and system:
        return f"{browser} · {system}"
    return browser or system
