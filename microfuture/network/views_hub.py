"""The network's front page: what it is, what is coming up, what is overdue, and the way in
to each part (only the parts the reader may open)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from microfuture.network import permissions
from microfuture.network.models import ActionItem, Meeting, Organisation


def hub(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    today = timezone.localdate()
    upcoming = (Meeting.objects.filter(starts_at__gte=now, cancelled_at__isnull=True)
                .select_related("organiser").order_by("starts_at", "id")[:5])
    open_items = ActionItem.objects.exclude(status__in=ActionItem.CLOSED)
    return render(request, "network/hub.html", {
        "upcoming": upcoming,
        "organisations": Organisation.objects.count(),
        "open_items": open_items.count(),
        "overdue_items": open_items.filter(due_on__lt=today).count(),
        "member": permissions.is_member(request.user),
        "staff": permissions.is_staff(request.user),
        "coordinator": bool(permissions.coordinator_regions(request.user)),
    })
