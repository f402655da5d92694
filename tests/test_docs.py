import subprocess
import sys
from pathlib import Path

import pytest

from quotes.cli import app
from quotes.attribute.rules import SIEVES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_generated_sections_are_current():
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", "README.md"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr + " (run: cog -r README.md)"


@pytest.mark.parametrize("command", [c.name or c.callback.__name__ for c in app.registered_commands])
def test_readme_mentions_every_command(command):
    assert f"quotes {command}" in README


@pytest.mark.parametrize("sieve", [s.name for s in SIEVES])
def test_readme_mentions_every_sieve(sieve):
    assert f"`{sieve}`" in README


def test_ci_runs_the_readme_commands():
    ci_commands = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line.startswith((".venv", "python3"))]
    assert len(ci_commands) == 2
    for command in ci_commands:
        assert f"```bash\n{command}\n```" in README
