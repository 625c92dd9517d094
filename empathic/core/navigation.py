"""The main navigation: one entry per module, shown by role.

A module that is not built yet has no URL name; it is listed as "coming soon" rather than
linking to an empty page. Later capabilities fill in ``url_name``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from empathic.accounts.models import Role

if TYPE_CHECKING:
    from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str | None
    roles: tuple[str, ...] = (Role.ADMIN, Role.SUPERVISOR, Role.PRACTITIONER)


MAIN_NAV: tuple[NavItem, ...] = (
    NavItem(_("Dashboard"), "core:dashboard"),
    NavItem(_("Conversations"), "conversations:list"),
    NavItem(_("Practice"), "practice:home"),
    NavItem(_("Journal"), "journal:home"),
    NavItem(_("Wellbeing"), "wellbeing:home"),
    NavItem(_("Reports"), None, roles=(Role.ADMIN, Role.SUPERVISOR)),
)

ORG_NAV: tuple[NavItem, ...] = (
    NavItem(_("Teams"), "org:team_list"),
    NavItem(_("Members"), "org:member_list", roles=(Role.ADMIN, Role.SUPERVISOR)),
    NavItem(_("Settings"), "org:settings", roles=(Role.ADMIN,)),
    NavItem(_("Audit trail"), "audit:trail", roles=(Role.ADMIN,)),
)


def items_for(role: str, items: tuple[NavItem, ...]) -> list[NavItem]:
    return [item for item in items if role in item.roles]
