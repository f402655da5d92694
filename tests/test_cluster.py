import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from quotes.cli import app
from quotes.cluster import normalise_quote
from quotes.store import open_database


def test_normalise_quote():
    assert normalise_quote("“We’re NOT there… yet,” ") == "we're not there yet"


def ingest(tmp_path, texts):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "q.db"), "--quiet"])
    return open_database(tmp_path / "q.db")


def clusters(db):
    return {
        row["id"]: row for row in db.query("select * from clusters")
    }, {row["text"]: row["cluster_id"] for row in db.query("select text, cluster_id from quotes")}


FULL = "Assad must go, and the sooner the better for everyone in the region"


def test_identical_near_identical_and_partial_quotes_cluster(tmp_path):
    db = ingest(tmp_path, {
        "a.txt": f'Syria\n\n"{FULL}," President Barack Obama said.\n\n{{}}'.format("By Harbor Gazette"),
        "b.txt": f'Syria\n\nBy Lakeside Courier\n\n“{FULL.upper()}” Barack Obama said.',
        "c.txt": f'Syria\n\n"...{FULL[6:]}," Obama said.',
        "d.txt": 'Syria\n\nObama has said Assad "must go" before the talks.',
    })
    found, of = clusters(db)
    assert len({cluster for text, cluster in of.items() if text != "must go"}) == 1
    assert of["must go"] is None  # two words: cut from this statement or another, nobody can tell
    cluster = found[of[f"{FULL},"]]
    assert (cluster["n_quotes"], cluster["n_documents"], cluster["speaker"]) == (3, 3, "Barack Obama")
    assert cluster["text"] == f"{FULL},"


def test_different_quotes_stay_apart(tmp_path):
    db = ingest(tmp_path, {
        "a.txt": 'Talks\n\n"We will rebuild the bridge this year," Ana Ruiz said.',
        "b.txt": 'Talks\n\n"We will not rebuild anything before the election," Tom Hale said.',
        "c.txt": 'Talks\n\nTom Hale called it "close" today.',
        "d.txt": 'Talks\n\nAna Ruiz said the vote was "close" again.',
    })
    _, of = clusters(db)
    assert of["close"] is None  # a one-word fragment belongs to no cluster
    assert len({of["We will rebuild the bridge this year,"], of["We will not rebuild anything before the election,"]}) == 2


def test_conflicting_attribution_is_recorded(tmp_path):
    quote = "The ceasefire will hold if both sides keep their word this time"
    db = ingest(tmp_path, {
        "a.txt": f'Talks\n\n"{quote}," Sergei Lavrov said.',
        "b.txt": f'Talks\n\n"{quote}," Sergei Lavrov told reporters.',
        "c.txt": f'Talks\n\n"{quote}," John Kerry said.',
    })
    (cluster,) = clusters(db)[0].values()
    assert cluster["speaker"] == "Sergei Lavrov"
    assert json.loads(cluster["conflict"]) == {"also_attributed_to": ["John Kerry"]}


def test_changed_article_updates_only_its_clusters(tmp_path):
    db = ingest(tmp_path, {"a.txt": f'Syria\n\n"{FULL}," Obama said.', "b.txt": f'Syria talks\n\n"{FULL}," Obama said.'})
    (cluster,) = clusters(db)[0].values()
    assert cluster["n_documents"] == 2
    db = ingest(tmp_path, {"b.txt": 'Syria\n\n"Something else entirely was said here," Obama said.'})
    found, of = clusters(db)
    assert len(found) == 2
    assert found[of[f"{FULL},"]]["n_documents"] == 1


def test_seeds_toner_quote_is_one_cluster_in_two_documents(seeds_dir, tmp_path):
    CliRunner().invoke(app, ["ingest", str(seeds_dir), "--db", str(tmp_path / "s.db"), "--quiet"])
    db = open_database(tmp_path / "s.db")
    row = next(db.query(
        "select clusters.* from clusters join quotes on quotes.cluster_id = clusters.id "
        "where quotes.text like 'We have not been able to reach a clear understanding%' limit 1"
    ))
    assert (row["n_documents"], row["speaker"]) == (2, "Mark Toner")


def test_lookup_words_are_the_same_in_every_process():
    # Ten words of one length: which four are looked up must not depend on the hash seed.
    code = "from quotes.cluster import lookup_words; print(lookup_words('alpha bravo charl delta echos foxes golfs hotel india julie'.split()))"
    outputs = {
        subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": str(seed)}, capture_output=True, text=True, check=True).stdout
        for seed in range(6)
    }
    assert outputs == {"['alpha', 'bravo', 'charl', 'delta']\n"}


def test_a_catchphrase_two_statements_share_never_chains_them(tmp_path):
    """Ruiz's "a revolution at the harbor" is inside two different statements: the fragment joins
    one of them, and the second statement stays a cluster of its own."""
    first = "We need a revolution at the harbor to rebuild the docks before the winter storms"
    second = "A revolution at the harbor is what the voters asked for when they elected me"
    db = ingest(tmp_path, {
        "a.txt": f'Harbor\n\n"{first}," Mayor Ana Ruiz said.',
        "b.txt": 'Harbor\n\nMayor Ana Ruiz again called for "a revolution at the harbor" on Monday.',
        "c.txt": f'Harbor\n\n"{second}," Mayor Ana Ruiz said.',
    })
    _, of = clusters(db)
    assert of[f"{first},"] == of["a revolution at the harbor"]
    assert of[f"{second},"] != of[f"{first},"]


def test_a_catchphrase_said_again_is_no_cluster(tmp_path):
    db = ingest(tmp_path, {
        "a.txt": 'Harbor\n\nMayor Ana Ruiz called for a "harbor revolution" at the docks.',
        "b.txt": 'Harbor\n\nMayor Ana Ruiz repeated her call for a "harbor revolution" in May.',
    })
    assert [row["cluster_id"] for row in db.query("select cluster_id from quotes")] == [None, None]
