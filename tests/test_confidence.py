from quotes.confidence import PRIOR_WEIGHT, confidence, confidence_table


def test_unseen_attribution_gets_its_prior():
    assert abs(confidence("cue_after_quote", "person", "full", prior=0.42, table={}) - 0.42) < 1e-9


def test_many_attributions_outweigh_the_prior():
    table = {("cue_after_quote", "person", "full"): (1000, 600)}
    assert abs(confidence("cue_after_quote", "person", "full", prior=0.9, table=table) - 0.6) < 0.01


def test_rare_cell_leans_on_its_sieve_and_mention():
    table = {("colon_after_cue", "person", "full"): (200, 180), ("colon_after_cue", "person", "heading"): (2, 0)}
    rare = confidence("colon_after_cue", "person", "heading", prior=0.5, table=table)
    every_sieve = (0 + PRIOR_WEIGHT * 0.5) / (2 + PRIOR_WEIGHT)  # person mentions on headings: the same 2
    coarse = (180 + PRIOR_WEIGHT * every_sieve) / (202 + PRIOR_WEIGHT)
    assert abs(rare - (0 + PRIOR_WEIGHT * coarse) / (2 + PRIOR_WEIGHT)) < 1e-9
    assert 0.6 < rare < coarse


def test_unseen_sieve_takes_the_figure_of_its_mention_and_quote_kind_over_its_prior():
    # a rule the annotated data never saw answer: as right as every rule's pronouns on full quotes
    table = {("cue_after_quote", "pronoun", "full"): (600, 540), ("cue_after_quote", "person", "full"): (900, 890)}
    unseen = confidence("dash_after_quote", "pronoun", "full", prior=0.3, table=table)
    assert abs(unseen - (540 + PRIOR_WEIGHT * 0.3) / (600 + PRIOR_WEIGHT)) < 1e-9


def test_shipped_table_is_read_and_names_known_sieves():
    from quotes.attribute.rules import SIEVES

    table = confidence_table()
    assert table
    assert {sieve for sieve, _, _ in table} <= {sieve.name for sieve in SIEVES}
    assert all(0 <= right <= n for n, right in table.values())
