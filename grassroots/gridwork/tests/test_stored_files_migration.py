"""The migrations that made demand attachments, visit photos and training materials
``StoredFile`` rows keep every existing row, its values and its file."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image

from grassroots.demands.models import Attachment
from grassroots.gridwork import months
from grassroots.gridwork.models import TrainingMaterial, VisitPhoto
from grassroots.gridwork.services.training import training_create
from grassroots.gridwork.services.visits import visit_record
from grassroots.testing.fixtures import make_demand

BEFORE = [("demands", "0014_demand_origin"), ("gridwork", "0002_demand_origin_from_visits")]
FIELDS = ("file", "original_name", "content_type", "size", "sha256", "extension", "uploaded_at")


def png(name):
    buf = io.BytesIO()
    Image.new("RGB", (5, 4), (200, 10, 10)).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue())


def rows(model):
    return sorted(model.objects.values_list("pk", *FIELDS))


@pytest.mark.django_db(transaction=True)
def test_the_stored_file_migrations_keep_every_row(gw):
    make_demand(gw, photos=[png("门口.png")])
    visit_record(actor=gw.secretary, grid=gw.grid_a, date=months.today(), form="household",
                 people_met=3, households_met=1, notes="走访", photos=[png("院子.png")])
    training_create(actor=gw.org_dept, title="政策培训", kind="policy", date=date(2026, 3, 1),
                    place="县委党校", materials=[SimpleUploadedFile("讲义.pdf", b"%PDF-1.4 x")])
    models = (Attachment, VisitPhoto, TrainingMaterial)
    expected = {m: rows(m) for m in models}
    assert all(len(v) == 1 for v in expected.values())

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # back to the three separate models
    old = executor.loader.project_state(BEFORE).apps
    for model in models:
        historical = old.get_model(model._meta.app_label, model._meta.model_name)
        assert sorted(historical.objects.values_list("pk", *FIELDS)) == expected[model]
        assert "pixels" not in {f.name for f in historical._meta.get_fields()}

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # and forward again
    for model in models:
        assert rows(model) == expected[model]
        stored = model.objects.get()
        assert stored.pixels is None  # unknown for a row stored before (not made up)
        assert stored.file.open("rb").read()[:4] in (b"\x89PNG", b"%PDF")
    assert VisitPhoto.objects.get().uploaded_by is None  # the old table had no uploader
