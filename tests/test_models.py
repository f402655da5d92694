"""Stanza with real models (../shared/stanza-tiny: complete, small, roughly right): found where
users' models are, chosen only when a pipeline can load them, names whole whatever the tokenizer
does, any NER label set, loaded only when needed, and batched (issue 19)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED, conllu_for
from typer.testing import CliRunner

from quotes import annotate_stanza
from quotes.annotate_stanza import StanzaAnnotator, StanzaSettings, read_conllu
from quotes.cli import app
from quotes.errors import ModelsMissing
from quotes.models import choose_engine, find_models, models_dir
from quotes.pipeline import quotes_from_doc
from quotes.read import read_article

TINY = SHARED / "stanza-tiny"
needs_tiny = pytest.mark.skipif(not (TINY / "resources.json").is_file(), reason="../shared/stanza-tiny is not beside the checkout")


def run(*args, home, **extra_env):
    """A command as a user runs it, with HOME (and so Stanza's default folder) at HOME."""
    env = {k: v for k, v in os.environ.items() if k not in ("QUOTES_STANZA_DIR", "STANZA_RESOURCES_DIR", "XDG_CACHE_HOME")}
    env.update(HOME=str(home), **extra_env)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=600)


def default_folder(home):
    """Stanza's default models folder for a user whose home is HOME."""
    result = run("-c", "import stanza.resources.common as c; print(c.DEFAULT_MODEL_DIR)", home=home)
    return result.stdout.strip()


def install_tiny(target, leave_out=()):
    """The tiny models copied to TARGET, as `stanza.download` lays them out, without LEAVE_OUT."""
    shutil.copytree(TINY, target, ignore=lambda folder, names: [n for n in names if os.path.join(os.path.basename(folder), n) in leave_out])
    return target


def test_the_default_folder_is_stanzas_own(tmp_path):
    result = run("-c", "import stanza.resources.common as c; from quotes.models import models_dir; print(c.DEFAULT_MODEL_DIR); print(models_dir())", home=tmp_path)
    stanzas, ours = result.stdout.split()
    assert stanzas == ours and stanzas.startswith(str(tmp_path))


def test_the_option_then_the_environment_win_over_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv("QUOTES_STANZA_DIR", str(tmp_path / "a"))
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "b"))
    assert models_dir(tmp_path / "c") == tmp_path / "c"
    assert models_dir() == tmp_path / "a"
    monkeypatch.delenv("QUOTES_STANZA_DIR")
    assert models_dir() == tmp_path / "b"


@needs_tiny
@pytest.mark.parametrize(
    "leave_out, engine, why",
    [
        ((), "stanza", "Stanza models (default) in"),
        (("pretrain/conll17.pt",), "rules", "are incomplete (missing en/pretrain/conll17.pt)"),
        (("forward_charlm/1billion.pt", "depparse/combined_charlm.pt"), "rules", "are incomplete (missing en/depparse/combined_charlm.pt"),
        (None, "rules", "no Stanza models in"),
    ],
    ids=["complete", "no-pretrain", "no-charlm", "missing"],
)
def test_auto_uses_stanza_only_when_a_pipeline_can_load_its_models(tmp_path, samples_dir, leave_out, engine, why):
    if leave_out is not None:
        install_tiny(default_folder(tmp_path), leave_out)
    result = run("-m", "quotes", "extract", str(samples_dir / "harbor-festival.txt"), home=tmp_path)
    assert result.returncode == 0, result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"Engine: {engine} (") and why in first
    assert "ERROR" not in result.stderr and "Traceback" not in result.stderr
    assert "Tom Becker" in result.stdout


@needs_tiny
def test_engine_stanza_with_incomplete_models_stops_in_one_line(tmp_path):
    models = install_tiny(tmp_path / "models", ("pretrain/conll17.pt",))
    with pytest.raises(ModelsMissing, match=r"incomplete \(missing en/pretrain/conll17.pt\) \(install them: quotes models download"):
        choose_engine("stanza", find_models(models))


@needs_tiny
def test_models_status_and_the_readme_processor_example_find_the_default_folder(tmp_path, samples_dir):
    install_tiny(default_folder(tmp_path))
    status = run("-m", "quotes", "models", "status", home=tmp_path)
    assert "complete for the default package" in status.stdout
    assert "--engine auto would use: stanza" in status.stdout
    example = (
        "import stanza\nimport quotes\n"
        "nlp = stanza.Pipeline('en', processors='tokenize,mwt,pos,lemma,depparse,ner,quote', download_method=None)\n"
        "doc = nlp(open(%r, encoding='utf-8').read())\n"
        "print([quote['speaker'] for quote in doc.quotes])\n"
    ) % str(samples_dir / "harbor-festival.txt")
    result = run("-c", example, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Tom Becker" in result.stdout


@needs_tiny
def test_ingest_with_stanza_on_the_samples_then_unchanged_loads_no_model(tmp_path, samples_dir, monkeypatch):
    loads = []
    real = annotate_stanza.load_pipeline
    monkeypatch.setattr(annotate_stanza, "load_pipeline", lambda settings: loads.append(settings) or real(settings))
    db = tmp_path / "q.db"
    folders = [str(samples_dir)] + ([str(SHARED / "seeds")] if (SHARED / "seeds").is_dir() else [])
    count = sum(1 for folder in folders for _ in Path(folder).glob("*.txt"))
    first = CliRunner().invoke(app, ["ingest", *folders, "--db", str(db), "--engine", "stanza", "--models", str(TINY)])
    assert first.exit_code == 0, first.output
    assert f"{count} new" in first.output and len(loads) == 1
    again = CliRunner().invoke(app, ["ingest", *folders, "--db", str(db), "--engine", "stanza", "--models", str(TINY)])
    assert f"{count} unchanged" in again.output and len(loads) == 1
    from quotes.store import open_database

    database = open_database(db)
    assert database.execute("select distinct engine from documents").fetchall() == [("stanza",)]
    speakers = {row[0] for row in database.execute("select speaker from quotes")}
    assert {"Tom Becker", "Amara Okafor"} <= speakers


@needs_tiny
def test_switching_engines_says_stored_articles_keep_theirs(tmp_path, samples_dir):
    db = tmp_path / "q.db"
    CliRunner().invoke(app, ["ingest", str(samples_dir), "--db", str(db), "--engine", "rules"])
    result = CliRunner().invoke(app, ["ingest", str(samples_dir), "--db", str(db), "--engine", "stanza", "--models", str(TINY)])
    assert "Note: 3 stored articles were extracted with rules; unchanged ones keep it (--force extracts them again with stanza)" in result.output


@needs_tiny
def test_articles_annotated_together_read_as_one_by_one(samples_dir):
    annotator = StanzaAnnotator(StanzaSettings(str(TINY)))
    articles = [read_article(path) for path in sorted(samples_dir.glob("*.txt"))]
    together = annotator.many(articles)
    alone = [annotator(article) for article in articles]
    assert [doc.tokens for doc in together] == [doc.tokens for doc in alone]
    assert [[(q.text, q.speaker) for q in quotes_from_doc(doc)] for doc in together] == [[(q.text, q.speaker) for q in quotes_from_doc(doc)] for doc in alone]


@needs_tiny
def test_a_name_the_tokenizer_splits_at_its_hyphen_comes_out_whole():
    text = (
        'Harbor talks\n\n"We will not leave the harbor," Omar al-Beik said on Monday. "The boats stay," he told AFP.\n\n'
        '"The pier opens in May," said J.R. O\'Malley, the harbor master.\n'
    )
    annotator = StanzaAnnotator(StanzaSettings(str(TINY)))
    doc = annotator(read_article_from(text))
    assert {"al-Beik", "J.R.", "O'Malley"} <= {t.text for t in doc.tokens}
    assert [(q.text, q.speaker) for q in quotes_from_doc(doc)] == [
        ("We will not leave the harbor,", "Omar al-Beik"),
        ("The boats stay,", "Omar al-Beik"),
        ("The pier opens in May,", "J.R. O'Malley"),
    ]


def read_article_from(text):
    from quotes.read import make_article

    return make_article("t.txt", text)


SPOKE = 'Body.\n\n"We will rebuild the pier," Dana Wells said.'


def spoke_rows(name_labels, verb="said", words=("Dana", "Wells")):
    """CoNLL-U rows for SPOKE (with WORDS for its speaker) with those two words labelled NAME_LABELS."""
    first, second = name_labels
    return [
        ("Body", "NOUN", 0, "root"), (".", "PUNCT", 1, "punct"), None,
        ('"', "PUNCT", 11, "punct"), ("We", "PRON", 4, "nsubj"), ("will", "AUX", 4, "aux"), ("rebuild", "VERB", 11, "ccomp"),
        ("the", "DET", 6, "det"), ("pier", "NOUN", 4, "obj"), (",", "PUNCT", 11, "punct"), ('"', "PUNCT", 11, "punct"),
        (words[0], "PROPN", 10, "compound", first), (words[1], "PROPN", 11, "nsubj", second), (verb, "VERB", 0, "root"), (".", "PUNCT", 11, "punct"),
    ]


@pytest.mark.parametrize(
    "words, labels, speaker_type",
    [
        (("Dana", "Wells"), ("B-PERSON", "E-PERSON"), "person"),  # OntoNotes
        (("Dana", "Wells"), ("B-PER", "E-PER"), "person"),  # CoNLL-03, WikiNER, UNER
        (("Harbor", "Gazette"), ("B-ORG", "E-ORG"), "organization"),  # the entity layer knows better than the word lists
        (("Harbor", "Gazette"), ("B-ORGANIZATION", "E-ORGANIZATION"), "organization"),  # the WorldWide set
        (("Dana", "Wells"), ("B-ORG", "E-ORG"), "person"),  # a known given name: a person the model mislabelled
    ],
)
def test_every_ner_label_set_names_the_speaker_and_its_type(words, labels, speaker_type):
    text = SPOKE.replace("Dana Wells", " ".join(words))
    doc = read_conllu(conllu_for(text, spoke_rows(labels, words=words)), text)
    (quote,) = quotes_from_doc(doc)
    assert (quote.speaker, quote.speaker_type) == (" ".join(words), speaker_type)


@pytest.mark.parametrize("label", ["B-LOC", "B-MISC", "B-GPE", "B-NORP"])
def test_place_and_group_labels_leave_a_name_a_name(label):
    text = 'Body.\n\n"We will rebuild the pier," Jordan Wells said.'
    rows = spoke_rows((label, "E-PER"))
    rows[11] = ("Jordan", *rows[11][1:4], label)  # a given name the model took for a place or a people
    (quote,) = quotes_from_doc(read_conllu(conllu_for(text, rows), text))
    assert quote.speaker == "Jordan Wells"


@pytest.mark.parametrize("label, name_word", [("PER", True), ("MISC", True), ("LOC", True), ("DATE", False), ("FAC", False), ("WORK_OF_ART", False)])
def test_a_label_for_no_name_keeps_the_word_out_of_one(label, name_word):
    from quotes.words import is_name_word
    from quotes.records import Token

    assert is_name_word(Token(0, 6, "Tuesday", entity=label)) is name_word


@needs_tiny
def test_a_gpu_asked_for_where_there_is_none_is_one_line(tmp_path, samples_dir):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    result = CliRunner().invoke(app, ["extract", str(samples_dir / "harbor-festival.txt"), "--engine", "stanza", "--models", str(TINY), "--device", "cuda"])
    assert result.exit_code == 1
    assert "--device cuda: torch sees no CUDA GPU here (use --device cpu)" in result.output
    ingested = CliRunner().invoke(app, ["ingest", str(samples_dir), "--db", str(tmp_path / "q.db"), "--engine", "stanza", "--models", str(TINY), "--device", "cuda"])
    assert ingested.exit_code == 1
    assert [line for line in ingested.output.splitlines() if "cuda" in line] == [
        "Error: --device cuda: torch sees no CUDA GPU here (use --device cpu)"
    ]
