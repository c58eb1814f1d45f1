"""Context plan actions of kind "disruption" recorded before the register existed move into it:
one register entry each, linked to its plan action, against the place or group, protecting the
children linked to it then. The plan actions stay (the place's plan is unchanged). New ones are
linked as they are added (``lantern.contexts.hooks``)."""

from django.db import migrations


def forwards(apps, schema_editor):
    ContextAction = apps.get_model("contexts", "ContextAction")
    ContextMember = apps.get_model("contexts", "ContextMember")
    DisruptionAction = apps.get_model("disruption", "DisruptionAction")
    for action in ContextAction.objects.filter(kind="disruption").select_related("context"):
        if DisruptionAction.objects.filter(source_context_action_id=action.pk).exists():
            continue
        context = action.context
        entry = DisruptionAction.objects.create(
            tactic="patrols" if "patrol" in action.description.lower() else "other",
            target_kind="place" if context.kind == "location" else "group",
            target_context_id=context.pk, summary=action.description,
            started_on=action.created_at.date(), owner_id=action.owner_user_id,
            agency_id=action.agency_id, source_context_action_id=action.pk,
            created_by_id=action.created_by_id,
        )
        children = ContextMember.objects.filter(
            context_id=context.pk, unlinked_on__isnull=True, role="child"
        ).values_list("person_id", flat=True)
        entry.protects.set(list(children))


class Migration(migrations.Migration):
    dependencies = [("disruption", "0001_initial"), ("contexts", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
