"""Resolution: speaker and outlet mentions -> entities.

Two steps, both pure functions:

* :func:`resolve_article` (:mod:`.article`) ties each quote's speaker mention
  to a name within its article;
* :func:`resolve_corpus` (:mod:`.corpus`) merges names across articles into
  entities and outlets into outlet entities, with aliases and roles, and gives
  every quote its entity IDs.

:mod:`.names` splits names from roles and types mentions; :mod:`.outlets`
names outlets and tells which mentions name one; :mod:`.channels` gives each
quote of an article its channel (the outlet its words came through, how that
was found, and whether it is the publisher's own), as the last step of
:func:`resolve_article`.
"""

from .article import resolve_article
from .corpus import resolve_corpus
from .outlets import outlet_kind, outlet_name

__all__ = ["outlet_kind", "outlet_name", "resolve_article", "resolve_corpus"]
