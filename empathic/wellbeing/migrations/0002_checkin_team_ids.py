"""Freeze each check-in's team snapshot as plain ids, so deleting a team cannot change past months.

The old many-to-many rows were deleted with their team; whatever snapshot is left is copied.
"""

from django.db import migrations, models


def copy_team_snapshots(apps, schema_editor):
    CheckIn = apps.get_model("wellbeing", "CheckIn")
    Through = CheckIn.teams.through
    snapshots: dict[int, list[int]] = {}
    for checkin_id, team_id in Through.objects.values_list("checkin_id", "team_id"):
        snapshots.setdefault(checkin_id, []).append(team_id)
    for checkin_id, team_ids in snapshots.items():
        CheckIn.objects.filter(pk=checkin_id).update(team_ids=sorted(team_ids))


def restore_team_snapshots(apps, schema_editor):
    CheckIn = apps.get_model("wellbeing", "CheckIn")
    Team = apps.get_model("accounts", "Team")
    existing = set(Team.objects.values_list("pk", flat=True))
    for checkin in CheckIn.objects.exclude(team_ids=[]):
        checkin.teams.set([pk for pk in checkin.team_ids if pk in existing])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wellbeing", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="checkin",
            name="team_ids",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(copy_team_snapshots, restore_team_snapshots),
        migrations.RemoveField(model_name="checkin", name="teams"),
    ]
