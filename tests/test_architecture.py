"""The dependency rules between our packages."""

from __future__ import annotations

import subprocess
import sys


def _modules_after_import(package: str) -> set[str]:
    code = f"import sys, {package}, pkgutil, importlib\n" + (
        f"for m in pkgutil.walk_packages({package}.__path__, '{package}.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('\\n'.join(sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return {name.split(".")[0] for name in result.stdout.split()}


def test_analysis_is_pure():
    loaded = _modules_after_import("analysis")
    assert not loaded & {"flask", "flask_babel", "flask_wtf", "wtforms", "sqlalchemy", "engagement"}


def test_forms_never_touch_the_database():
    loaded = _modules_after_import("forms")
    assert not loaded & {"sqlalchemy", "engagement", "psycopg"}
