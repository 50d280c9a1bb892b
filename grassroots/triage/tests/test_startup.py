"""Starting Django does not import the text engine's heavy libraries (issue #16)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = (
    "import sys, django; django.setup(); "
    "import grassroots.triage.registry, grassroots.triage.services, grassroots.triage.selectors; "
    "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'jieba'}))"
)


def test_django_setup_does_not_import_sklearn():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout


def test_engine_import_still_loads_sklearn_on_first_use():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    probe = ("import sys, django; django.setup(); "
             "from grassroots.triage.engine.classifier import TextClassifier; "
             "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120, check=True)
    assert out.stdout.strip().splitlines()[-1] == "True"
