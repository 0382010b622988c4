"""The README's example is run here, so it cannot drift from the code."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
# The example is the python block after the marker; its printed output is the next text block.
_EXAMPLE = re.compile(r"<!-- example: run -->\s*```python\n(?P<code>.*?)```.*?```text\n(?P<out>.*?)```", re.S)


def test_readme_example_prints_what_the_readme_says() -> None:
    m = _EXAMPLE.search(README.read_text(encoding="utf-8"))
    assert m, "README lost its runnable example (<!-- example: run --> marker)"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(m.group("code"), "README.md", "exec"), {})
    got = [line.rstrip() for line in buf.getvalue().strip().splitlines()]
    want = [line.rstrip() for line in m.group("out").strip().splitlines()]
    assert got == want


def test_readme_opens_with_the_two_commands() -> None:
    head = README.read_text(encoding="utf-8")[:600]
    assert "make demo" in head and "make test" in head
