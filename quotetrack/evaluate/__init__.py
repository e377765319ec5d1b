"""Evaluation of quotetrack's stages against annotated corpora.

:mod:`.polnear` scores quote extraction on PolNeAR (``quotetrack evaluate
polnear``) the reference scorer's way (:mod:`.reference`), on dev, train less
the untouched slice and the slice itself (:mod:`.untouched`); :mod:`.corenlp`
reads the CoreNLP parses PolNeAR ships;
:mod:`.provenance` scores quotes' channel (via outlet and how) on the stand-off
provenance set ``data/polnear_provenance.json`` (``quotetrack evaluate
provenance``);
:mod:`.gum` scores speaker resolution and outlet attributions on GUM's
Wikinews documents, from their gold trees and coreference (``quotetrack
evaluate gum``; the outlet annotations are ``data/gum_provenance.json``).
"""
