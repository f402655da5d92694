"""The Stanza `quote` processor: our detection and sieves inside a Stanza pipeline.

    nlp = stanza.Pipeline("en", processors="tokenize,mwt,pos,lemma,depparse,ner,quote")
    doc = nlp(text)
    doc.quotes   # one dict per quote, with the fields of the JSON Lines contract

It needs only `tokenize`; the dependency and entity layers are used when the pipeline has them.
"""
from __future__ import annotations

from stanza.models.common.doc import Document
from stanza.pipeline.processor import Processor, register_processor

from .annotate_stanza import doc_from_stanza
from .output import quote_json
from .pipeline import quotes_from_doc

if not hasattr(Document, "quotes"):
    Document.add_property("quotes", default=None, setter=lambda self, value: setattr(self, "_quotes", value))


@register_processor("quote")
class QuoteProcessor(Processor):
    """Finds the direct quotes of a Stanza Document and who said them."""

    _requires = {"tokenize"}
    _provides = {"quote"}

    def __init__(self, config, pipeline, device):
        self._config = config
        self._pipeline = pipeline

    def _set_up_model(self, config, pipeline, device):
        pass  # rules and word lists: no model to load

    def process(self, document):
        quotes = quotes_from_doc(doc_from_stanza(document, document.text))
        document.quotes = [quote_json(None, quote) for quote in quotes]
        return document
