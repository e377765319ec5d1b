"""Evaluation of quotetrack's stages against annotated corpora.

:mod:`.polnear` scores quote extraction on PolNeAR (``quotetrack evaluate
polnear``); :mod:`.corenlp` reads the CoreNLP parses PolNeAR ships;
:mod:`.provenance` scores quotes' channel (via outlet and how) on the stand-off
provenance set ``data/polnear_provenance.json`` (``quotetrack evaluate
provenance``).
"""
