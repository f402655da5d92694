from pathlib import Path

import pytest

from quotes.annotate import annotate_text
from quotes.pipeline import extract_quotes
from quotes.store import open_database

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ARTICLE = 'Story {n}\n\n"We counted {n} boats today," harbour master Ana Ruiz{n} said.\n\n"It was busy."\n'


def write_corpus(folder, count, start=0):
    """COUNT articles written for the tests, two quotes each, in FOLDER (made if need be)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"{n:05d}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    return folder


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


@pytest.fixture
def shared_stanza_dir():
    path = SHARED / "stanza"
    if not (path / "resources.json").is_file():
        pytest.skip("../shared/stanza (tokenize and mwt models) is not beside the checkout")
    return path


def conllu_for(text, rows):
    """CoNLL-U for TEXT from (form, upos, head, deprel[, ner]) rows, with offsets found in order."""
    lines, cursor, number = [], 0, 0
    for row in rows:
        if row is None:  # sentence break
            lines.append("")
            number = 0
            continue
        form, upos, head, deprel, *ner = row
        start = text.index(form, cursor)
        cursor = start + len(form)
        number += 1
        misc = f"start_char={start}|end_char={cursor}|ner={ner[0] if ner else 'O'}"
        lines.append(f"{number}\t{form}\t{form.lower()}\t{upos}\t_\t_\t{head}\t{deprel}\t_\t{misc}")
    return "\n".join(lines) + "\n\n"


@pytest.fixture
def partial_quote_parse():
    """A parsed sentence in which a partial quote hangs under "said" through two clauses."""
    text = 'Body.\n\nThe mayor, Ana Ruiz, said the repairs were "long overdue" and costly.'
    rows = [
        ("Body", "NOUN", 0, "root"), (".", "PUNCT", 1, "punct"), None,
        ("The", "DET", 2, "det"), ("mayor", "NOUN", 7, "nsubj"), (",", "PUNCT", 4, "punct"),
        ("Ana", "PROPN", 2, "appos", "B-PERSON"), ("Ruiz", "PROPN", 4, "flat", "E-PERSON"), (",", "PUNCT", 4, "punct"),
        ("said", "VERB", 0, "root"), ("the", "DET", 9, "det"), ("repairs", "NOUN", 13, "nsubj"),
        ("were", "AUX", 13, "cop"), ('"', "PUNCT", 13, "punct"), ("long", "ADJ", 13, "advmod"),
        ("overdue", "ADJ", 7, "ccomp"), ('"', "PUNCT", 13, "punct"), ("and", "CCONJ", 16, "cc"),
        ("costly", "ADJ", 13, "conj"), (".", "PUNCT", 7, "punct"),
    ]
    return text, conllu_for(text, rows)
