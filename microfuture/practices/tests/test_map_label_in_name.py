"""A numbered mark on the map is part of its link's accessible name (WCAG 2.5.3 label in name):
someone who sees "3" and says "click 3" reaches that practice."""

from __future__ import annotations

from microfuture.practices.mapping import MapPoint, build_svg


def test_a_marked_point_is_named_by_its_mark_then_its_title() -> None:
    svg = build_svg([MapPoint("Lyon savings club", "/practices/lyon/", 45.76, 4.84, marker="3")],
                    title="Map")
    assert '<a href="/practices/lyon/" aria-label="3 Lyon savings club">' in svg
    assert "<title>Lyon savings club</title>" in svg
    assert ">3</text>" in svg


def test_an_unmarked_point_is_named_by_its_title_alone() -> None:
    svg = build_svg([MapPoint("Lyon", "/practices/lyon/", 45.76, 4.84)], title="Map")
    assert 'aria-label="Lyon"' in svg
