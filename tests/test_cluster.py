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
    folder.mkdir(parents=True, exist_ok=True)
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


def test_lookup_key_is_the_same_in_every_process():
    # Ten words of one length: which four are looked up must not depend on the hash seed.
    code = "from quotes.same_statement import lookup_key; print(lookup_key('alpha bravo charl delta echos foxes golfs hotel india julie'))"
    outputs = {
        subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": str(seed)}, capture_output=True, text=True, check=True).stdout
        for seed in range(6)
    }
    assert outputs == {"alpha bravo charl delta\n"}


FIRST = "We need a revolution at the harbor to rebuild the docks before the winter storms"
SECOND = "A revolution at the harbor is what the voters asked for when they elected me"
PHRASE = "Harbor\n\nMayor Ana Ruiz again called for \"a revolution at the harbor\" on Monday."


def test_a_catchphrase_two_statements_share_never_chains_them(tmp_path):
    """Ruiz's "a revolution at the harbor" is inside two different statements: which one it was
    cut from is not written, so it joins neither, and the two stay apart, in any order."""
    articles = {"a.txt": f'Harbor\n\n"{FIRST}," Mayor Ana Ruiz said.', "b.txt": PHRASE, "c.txt": f'Harbor\n\n"{SECOND}," Mayor Ana Ruiz said.'}
    for order in (["a.txt", "b.txt", "c.txt"], ["c.txt", "b.txt", "a.txt"], ["b.txt", "a.txt", "c.txt"]):
        for name in order:  # one ingest per article, in this order
            db = ingest(tmp_path / "-".join(order), {name: articles[name]})
        _, of = clusters(db)
        assert len({of[f"{FIRST},"], of[f"{SECOND},"], of["a revolution at the harbor"]}) == 3, order


def test_a_partial_quote_joins_the_one_statement_it_was_cut_from_in_any_order(tmp_path):
    articles = {"a.txt": f'Harbor\n\n"{FIRST}," Mayor Ana Ruiz said.', "b.txt": PHRASE}
    for order in (["a.txt", "b.txt"], ["b.txt", "a.txt"]):
        for name in order:
            db = ingest(tmp_path / "-".join(order), {name: articles[name]})
        _, of = clusters(db)
        assert of[f"{FIRST},"] == of["a revolution at the harbor"], order
        (cluster,) = clusters(db)[0].values()
        assert (cluster["n_quotes"], cluster["text"]) == (2, f"{FIRST},")


def test_removing_the_second_statement_lets_the_catchphrase_join_the_first(tmp_path):
    ingest(tmp_path, {"a.txt": f'Harbor\n\n"{FIRST}," Mayor Ana Ruiz said.', "b.txt": PHRASE, "c.txt": f'Harbor\n\n"{SECOND}," Mayor Ana Ruiz said.'})
    db = ingest(tmp_path, {"c.txt": 'Harbor\n\n"The docks reopen in May," Mayor Ana Ruiz said.'})
    _, of = clusters(db)
    assert of[f"{FIRST},"] == of["a revolution at the harbor"]


def test_a_catchphrase_said_again_is_no_cluster(tmp_path):
    db = ingest(tmp_path, {
        "a.txt": 'Harbor\n\nMayor Ana Ruiz called for a "harbor revolution" at the docks.',
        "b.txt": 'Harbor\n\nMayor Ana Ruiz repeated her call for a "harbor revolution" in May.',
    })
    assert [row["cluster_id"] for row in db.query("select cluster_id from quotes")] == [None, None]


STATEMENTS = [
    "the new ferry line will carry the first passengers across the bay before the end of the summer",
    "nobody on the council voted to close the old market and nobody will vote to close it now",
    "we have asked the port authority for the accounts three times and we are still waiting for them",
    "the storm wall was built for the floods of the last century and not for the floods that are coming",
    "our teachers have not had a raise in six years and the schools are losing them to the next county",
    "the bridge repairs will cost twice what the city was told and the contractor knew it from the start",
]
SPEAKERS = ["Ana Ruiz", "Tom Hale", "Lena Marsh", "Omar Said"]


def generated_articles(count: int) -> dict[str, str]:
    """COUNT articles quoting the STATEMENTS whole, cut at the start, with a word changed, or in
    part, by the speakers who said them (or another, for a long quote carried wrongly)."""
    articles = {}
    for k in range(count):
        statement = STATEMENTS[k % len(STATEMENTS)]
        words = statement.split()
        speaker = SPEAKERS[(k % len(STATEMENTS)) % len(SPEAKERS)] if k % 7 else SPEAKERS[(k + 1) % len(SPEAKERS)]
        form = k % 4
        if form == 1:
            words = words[3:]
        elif form == 2:
            words[len(words) // 2] = "really"
        whole = " ".join(words)
        other = STATEMENTS[(k + 2) % len(STATEMENTS)].split()
        part = " ".join(other[2:8])
        articles[f"{k:03d}.txt"] = (
            f"Harbor news {k}\n\n\"{whole[0].upper()}{whole[1:]},\" {speaker} said.\n\n"
            f"{SPEAKERS[((k + 2) % len(STATEMENTS)) % len(SPEAKERS)]} said earlier that \"{part}\" in May."
        )
    return articles


def partition(db) -> set[frozenset]:
    members: dict[int, set] = {}
    for row in db.query("select documents.path, quotes.start, quotes.cluster_id from quotes join documents on documents.id = document_id where cluster_id is not null"):
        members.setdefault(row["cluster_id"], set()).add((os.path.basename(row["path"]), row["start"]))
    return {frozenset(group) for group in members.values()}


def test_clusters_are_the_same_whatever_the_order_and_batches_of_storing(tmp_path):
    """All 60 articles clustered at once (in memory) or stored in three ingests, last ones first
    (each clustered through the indexes): the same clusters."""
    articles = generated_articles(60)
    at_once = partition(ingest(tmp_path / "once", articles))
    names = sorted(articles)
    for chunk in (names[40:], names[20:40], names[:20]):
        in_parts = ingest(tmp_path / "parts", {name: articles[name] for name in chunk})
    assert partition(in_parts) == at_once
    assert sum(len(group) > 1 for group in at_once) >= len(STATEMENTS)  # the statements did cluster
