"""Mask the ID numbers and phones that earlier audit entries of people stored in clear.

Data only. From now on auditlog masks them when it writes (core.audit, PERSON_PII_FIELDS);
this brings the entries written before into line (DESIGN §3.2). Masking is idempotent, so the
migration may run on entries that are already masked. There is no way back: the reverse is a
no-op, on purpose.
"""

import json

from django.db import migrations

from fugong.core.masking import mask_personal

FIELDS = ("id_number", "phone")
BATCH = 2000


def _masked(changes):
    if not isinstance(changes, dict):
        return changes, False
    touched = False
    for name in FIELDS:
        values = changes.get(name)
        if not isinstance(values, list):
            continue
        masked = [mask_personal(v) if isinstance(v, str) else v for v in values]
        if masked != values:
            changes[name] = masked
            touched = True
    return changes, touched


def mask_person_changes(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    content_type = ContentType.objects.filter(app_label="people", model="person").first()
    if content_type is None:
        return
    entries = LogEntry.objects.filter(content_type=content_type).only("pk", "changes", "changes_text")
    changed = []
    for entry in entries.iterator(chunk_size=BATCH):
        changes, touched = _masked(entry.changes)
        if touched:
            entry.changes = changes
        if entry.changes_text:
            try:
                text_changes, text_touched = _masked(json.loads(entry.changes_text))
            except ValueError:
                text_changes, text_touched = None, False
            if text_touched:
                entry.changes_text = json.dumps(text_changes)
                touched = True
        if touched:
            changed.append(entry)
        if len(changed) >= BATCH:
            LogEntry.objects.bulk_update(changed, ["changes", "changes_text"])
            changed = []
    LogEntry.objects.bulk_update(changed, ["changes", "changes_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_change_record_proxy"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0003_search_tails"),
    ]

    operations = [migrations.RunPython(mask_person_changes, migrations.RunPython.noop)]
