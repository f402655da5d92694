"""Register the Stanza `quote` processor without importing Stanza when it is not in use.

`import quotes` must make `stanza.Pipeline(..., processors="...,quote")` work, but importing
Stanza (and torch) costs seconds that the command line should not pay. So the processor is
registered at once if Stanza is already loaded, and otherwise right after Stanza loads.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

TRIGGER = "stanza.pipeline.core"  # imported by `import stanza`, after the processor registry


class _RegisterAfterStanzaLoads(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname != TRIGGER:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            importlib.import_module("quotes.stanza_processor")

        spec.loader.exec_module = exec_module
        return spec


def register_quote_processor() -> None:
    if TRIGGER in sys.modules:
        importlib.import_module("quotes.stanza_processor")
    elif importlib.util.find_spec("stanza") is not None:
        sys.meta_path.insert(0, _RegisterAfterStanzaLoads())
