from django.db import migrations


def add_templates(apps, schema_editor):
    from learning.mailings.defaults import TEMPLATES

    MessageTemplate = apps.get_model("learning", "MessageTemplate")
    for template in TEMPLATES:
        MessageTemplate.objects.get_or_create(name=template["name"], defaults=template)


class Migration(migrations.Migration):
    dependencies = [("learning", "0006_cohort_messages")]

    operations = [migrations.RunPython(add_templates, migrations.RunPython.noop)]
