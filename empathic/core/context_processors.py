from __future__ import annotations

from typing import TYPE_CHECKING, Any

from empathic.accounts.access import active_membership
from empathic.core.navigation import MAIN_NAV, ORG_NAV, items_for

if TYPE_CHECKING:
    from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    membership = active_membership(user) if user is not None else None
    if membership is None:
        return {"main_nav": [], "org_nav": [], "current_membership": None}
    return {
        "main_nav": items_for(membership.role, MAIN_NAV),
        "org_nav": items_for(membership.role, ORG_NAV),
        "current_membership": membership,
    }
