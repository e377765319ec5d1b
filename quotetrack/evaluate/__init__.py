"""Evaluation of quotetrack's stages against annotated corpora.

:mod:`.polnear` scores quote extraction on PolNeAR (``quotetrack evaluate
polnear``); :mod:`.corenlp` reads the CoreNLP parses PolNeAR ships.
"""
