"""Training the bundled English Stanza models, apart from run time.

:mod:`.train` prepares UD data and runs Stanza's own trainers stage by stage
(``quotetrack models train``); :mod:`.evaluate` scores a pipeline from raw text
with the CoNLL 2018 scorer (``quotetrack models evaluate``). This package may
import the run-time code (:mod:`quotetrack.parse`); nothing at run time imports it.
"""
