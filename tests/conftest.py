from pathlib import Path

import pytest

from quotes.annotate import annotate_text
from quotes.pipeline import extract_quotes
from quotes.store import open_database

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def quotes_in():
    """Extract the quotes of a short text written for a test."""
    return extract_quotes


@pytest.fixture
def make_doc():
    return annotate_text


@pytest.fixture
def fresh_db(tmp_path):
    return open_database(tmp_path / "test.db")


@pytest.fixture
def seeds_dir():
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    return path


@pytest.fixture
def samples_dir():
    return ROOT / "data" / "samples"
