"""Build hook for the optional compiled extraction engine.

Everything about the package is declared in pyproject.toml; this file only adds C extension
modules when asked to.  With ``CLAIMLEDGER_MYPYC=1`` in the environment, the modules of the
extraction engine (``src/claimledger/extract`` and ``models.py``) are compiled with mypyc,
which turns the type-annotated Python into C.  The compiled engine gives the same output as
the interpreted one (``tests/test_compiled.py`` compares them claim by claim) and runs about
1.5x faster; everything else in the package stays Python.  ``make compiled`` builds it into
``build/compiled`` with the development environment's mypy (see README, "Speed").
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from setuptools import setup

ROOT = Path(__file__).parent
#: What is compiled: the extraction engine (with its subpackages, such as ``numbers``) and the
#: models it builds.  ``resources`` (the data files and their readers) stays Python.
ENGINE = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src/claimledger/extract").rglob("*.py"))
COMPILED = [*ENGINE, "src/claimledger/models.py"]


def ext_modules() -> list[Any]:
    if os.environ.get("CLAIMLEDGER_MYPYC") != "1":
        return []
    from mypyc.build import mypycify  # the dev environment's mypy; only needed for this build

    return list(mypycify(COMPILED, opt_level="3"))


setup(ext_modules=ext_modules())
