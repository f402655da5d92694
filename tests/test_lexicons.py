from importlib import resources
from pathlib import Path

import pytest

from quotes import lexicons
from quotes.errors import QuotesError

DATA = Path(lexicons.__file__).parent / "data"
FILES = sorted(DATA.glob("*.txt"))
SOURCE = "".join(p.read_text(encoding="utf-8") for p in Path(lexicons.__file__).parent.rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_lexicon_is_sorted_and_unrepeated(path):
    entries = lexicons.read_lexicon(path.stem)
    assert entries == sorted(entries)
    assert len(entries) == len(set(entries))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_lexicon_has_header_and_is_used(path):
    assert path.read_text(encoding="utf-8").startswith("# ")
    assert f'read_lexicon("{path.stem}")' in SOURCE
    assert f"{path.stem}()" in SOURCE.replace(f"def {path.stem}()", "")


def test_missing_lexicon_is_a_clear_error():
    with pytest.raises(QuotesError, match="nonexistent.txt"):
        lexicons.read_lexicon("nonexistent")


def test_lexicons_ship_inside_the_package():
    assert resources.files("quotes").joinpath("data").joinpath("speech_verbs.txt").is_file()


def test_every_subpackage_is_packaged():
    """A `pip install .` (not editable) ships only the packages pyproject.toml names."""
    import tomllib

    root = Path(lexicons.__file__).parent
    listed = set(tomllib.loads((root.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {"quotes"} | {"quotes." + ".".join(p.parent.relative_to(root).parts) for p in root.rglob("__init__.py") if p.parent != root}
    assert found | {"quotes.data"} == listed
