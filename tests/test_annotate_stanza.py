import pytest
from stanza.utils.conll import CoNLL
from typer.testing import CliRunner

from quotes.annotate_stanza import StanzaSettings, annotate_with_stanza, doc_from_stanza, load_pipeline, read_conllu
from quotes.cli import app
from quotes.errors import SourceError
from quotes.pipeline import quotes_from_doc

ARTICLE = 'Council backs bridge plan\n\n"We will rebuild the bridge," Mayor Ana Ruiz said. "It will take a year."\n'


def test_shared_tokenizer_loads_through_our_loader_and_feeds_attribution(shared_stanza_dir):
    pipeline = load_pipeline(StanzaSettings(str(shared_stanza_dir), processors=("tokenize", "mwt")))
    doc = annotate_with_stanza(ARTICLE, pipeline)
    assert doc.engine == "stanza"
    assert [ARTICLE[t.start : t.end] for t in doc.tokens[:4]] == ["Council", "backs", "bridge", "plan"]
    assert all(ARTICLE[t.start : t.end] == t.text for t in doc.tokens)
    quotes = quotes_from_doc(doc)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will rebuild the bridge,", "Ana Ruiz"),
        ("It will take a year.", "Ana Ruiz"),
    ]


def test_stanza_sentences_are_tokenizer_sentences(shared_stanza_dir):
    doc = annotate_with_stanza(ARTICLE, load_pipeline(StanzaSettings(str(shared_stanza_dir), processors=("tokenize", "mwt"))))
    assert [ARTICLE[s.start : s.end] for s in doc.sentences][0] == "Council backs bridge plan"


def test_quote_processor_in_a_stanza_pipeline(shared_stanza_dir):
    import stanza

    import quotes  # noqa: F401  registers the processor

    nlp = stanza.Pipeline("en", dir=str(shared_stanza_dir), processors="tokenize,mwt,quote", download_method=None, logging_level="WARN")
    document = nlp(ARTICLE)
    assert [q["speaker"] for q in document.quotes] == ["Ana Ruiz", "Ana Ruiz"]
    first = document.quotes[0]
    assert ARTICLE[first["start"] : first["end"]] == first["text"]
    assert {"speaker_mention", "speaker_type", "cue", "kind", "sieve", "confidence"} <= set(first)


def test_dependency_sieve_on_stanza_document_from_conllu(partial_quote_parse):
    text, conllu = partial_quote_parse
    document = CoNLL.conll2doc(input_str=conllu)
    doc = doc_from_stanza(document, text)
    assert {"pos", "deps", "entities"} <= doc.layers
    (quote,) = quotes_from_doc(doc)
    assert (quote.text, quote.speaker, quote.sieve, quote.cue.text) == ("long overdue", "Ana Ruiz", "dependency_speech_verb", "said")


def test_read_conllu_matches_stanza_conversion(partial_quote_parse):
    text, conllu = partial_quote_parse
    ours = read_conllu(conllu, text)
    theirs = doc_from_stanza(CoNLL.conll2doc(input_str=conllu), text)
    assert ours.tokens == theirs.tokens
    assert ours.sentences == theirs.sentences


def test_dependency_sieve_skipped_without_parse(quotes_in):
    (quote,) = quotes_in('Body.\n\nThe mayor, Ana Ruiz, said the repairs were "long overdue" and costly.')
    assert quote.speaker == "Ana Ruiz"
    assert quote.sieve != "dependency_speech_verb"


def test_read_conllu_aligns_tokens_without_offsets():
    text = "Ana Ruiz spoke."
    conllu = "1\tAna\t_\tPROPN\t_\t_\t3\tnsubj\t_\t_\n2\tRuiz\t_\tPROPN\t_\t_\t1\tflat\t_\t_\n3\tspoke\t_\tVERB\t_\t_\t0\troot\t_\t_\n4\t.\t_\tPUNCT\t_\t_\t3\tpunct\t_\t_\n\n"
    doc = read_conllu(conllu, text)
    assert [(t.start, t.end, t.head) for t in doc.tokens] == [(0, 3, 2), (4, 8, 0), (9, 14, None), (14, 15, 2)]


def test_read_conllu_bad_line_names_file_and_line():
    with pytest.raises(SourceError, match=r"x.conllu:1: not a CoNLL-U line"):
        read_conllu("1\tonly\tthree\n", "only", "x.conllu")


def test_cli_ingest_conllu_with_text_in_sibling_docs(tmp_path, partial_quote_parse):
    text, conllu = partial_quote_parse
    (tmp_path / "conllu").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "conllu" / "story.conllu").write_text(conllu, encoding="utf-8")
    (tmp_path / "docs" / "story.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "q.db"
    result = CliRunner().invoke(app, ["ingest", "--format", "conllu", str(tmp_path / "conllu"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Engine: conllu" in result.output
    from quotes.store import open_database

    row = next(open_database(db).query("select quotes.speaker, quotes.sieve, documents.engine, documents.path from quotes join documents on documents.id = document_id"))
    assert row["speaker"] == "Ana Ruiz"
    assert row["sieve"] == "dependency_speech_verb"
    assert row["engine"] == "conllu"
    assert row["path"].endswith("docs/story.txt")


def test_cli_conllu_without_text_is_reported(tmp_path, partial_quote_parse):
    _, conllu = partial_quote_parse
    (tmp_path / "lonely.conllu").write_text(conllu, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "--format", "conllu", str(tmp_path)])
    assert "lonely.conllu: no lonely.txt" in result.output
