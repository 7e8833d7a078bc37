"""A radio button or tick box sits beside its label, on the same line, at phone and desktop
widths (the label after the box must not drop to the line below)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BESIDE_JS = """
() => [...document.querySelectorAll('input[type=radio], input[type=checkbox]')].map((box) => {
  // A label around its box cannot put the text above it; the label after the box can.
  if (box.closest('label')) return {id: box.id, beside: true};
  const label = document.querySelector('label[for="' + box.id + '"]');
  const b = box.getBoundingClientRect();
  // The text's first line: the label's first client rect (a wrapping label has several).
  const l = label ? label.getClientRects()[0] : null;
  return {id: box.id, beside: !!l && l.left >= b.right - 1 && l.top < b.bottom && l.bottom > b.top};
})
"""


@pytest.mark.parametrize("width", [360, 1280])
def test_each_radio_button_sits_beside_its_label(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/finder/")
    boxes = page.evaluate(BESIDE_JS)
    assert len(boxes) >= 5
    assert [b["id"] for b in boxes if not b["beside"]] == []
