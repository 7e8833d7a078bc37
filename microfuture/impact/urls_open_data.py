"""The open-data page and its downloads under /open-data/: `figures.csv|xlsx|json`
(`?date=YYYY-MM-DD[&region=CODE]`) and `regions.csv|xlsx|json` (`?date=`)."""

from django.urls import URLPattern, URLResolver, path

from microfuture.impact import views_open_data as views

app_name = "open_data"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    *(path(f"figures.{fmt}", views.figures_download, {"fmt": fmt}, name=f"figures_{fmt}")
      for fmt in ("csv", "xlsx", "json")),
    *(path(f"regions.{fmt}", views.regions_download, {"fmt": fmt}, name=f"regions_{fmt}")
      for fmt in ("csv", "xlsx", "json")),
]
