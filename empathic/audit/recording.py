"""The single way to write an audit row.

Actions call :func:`record` inside their own ``transaction.atomic`` block, so the audit row and
the change it describes commit or roll back together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from empathic.audit.models import AuditEvent

if TYPE_CHECKING:
    from django.db import models

    from empathic.accounts.models import Organisation, User


def record(
    *,
    event_type: str,
    acting_user: User | None,
    organisation: Organisation | None,
    subject: models.Model | None = None,
    details: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=acting_user if acting_user is not None and acting_user.pk else None,
        actor_label=acting_user.email if acting_user is not None else "system",
        event_type=event_type,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        subject_label=str(subject)[:200] if subject is not None else "",
        details=details or {},
        ip_address=ip_address,
    )
