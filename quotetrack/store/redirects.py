"""Entity IDs that keep resolving: when a speaker's or outlet's canonical name
or grouping changes (a fuller name arrives, two entities merge), its ID
changes with it, since IDs derive from canonical names. The old ID is kept as
a redirect to the entity that took over its quotes, so a cited ``s-…`` or
``o-…`` still leads somewhere.

Pure functions over links (record -> entity ID, before and after a relink);
:meth:`quotetrack.store.Store.write_entities` stores what they decide in
``entity_redirects``.
"""

from __future__ import annotations

from collections import Counter


def successors(before: dict[str, str], after: dict[str, str], live: set[str]) -> dict[str, str]:
    """Old entity ID -> the live entity that took over most of its records.

    ``before`` and ``after`` map a record (a quote, an article) to the entity it
    was linked to before and after relinking; ``live`` are the entity IDs that
    exist now. An ID still live is no redirect; one whose records went nowhere
    has no successor. Ties go to the first ID in order.
    """
    taken: dict[str, Counter] = {}
    for record, old in before.items():
        new = after.get(record)
        if old not in live and new in live:
            taken.setdefault(old, Counter())[new] += 1
    return {old: min(c, key=lambda eid: (-c[eid], eid)) for old, c in taken.items()}


def updated_redirects(existing: dict[str, str], found: dict[str, str], live: set[str]) -> dict[str, str]:
    """The redirect table after a relink: the ``existing`` redirects, their
    targets followed through the ``found`` ones (an ID retired twice leads to
    its latest successor), plus ``found``; an ID that is live again, or whose
    successor is gone with no successor of its own, is no redirect."""
    merged = {old: found.get(new, new) for old, new in existing.items()}
    merged.update(found)
    return {old: new for old, new in merged.items() if old not in live and new in live}
