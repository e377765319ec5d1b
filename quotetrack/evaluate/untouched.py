"""The untouched slice of PolNeAR train, and the folds of the rest.

The rules were tuned on PolNeAR dev for rounds, so dev flatters them. The
**slice** is a fixed part of train that nobody reads or tunes on: it is scored
(``quotetrack evaluate polnear --split slice``) to see whether a rule change
that helps dev holds on articles it was not made for. Everywhere else
``train`` means train *less the slice* (:func:`quotetrack.evaluate.polnear.load_split`).

The rule that draws it: the :data:`SLICE_SIZE` train articles with the lowest
sha256 of :data:`SLICE_SALT` + the article name, among the train articles no
stand-off set of ``quotetrack/evaluate/data/`` names (those were read to label
them). :data:`SLICE_FINGERPRINT` pins the result: if anything changes the
slice (another PolNeAR, the rule, a stand-off set that takes in one of its
articles) reading it is an error, not a new slice.

The **folds** split the rest (train less the slice, and dev) into :data:`FOLDS`
parts by the sha256 of :data:`FOLD_SALT` + the name, so that a figure comes
with its spread over article samples of the same kind.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from typing import Iterable

from ..errors import QuotetrackError

SLICE_SIZE = 150
SLICE_SALT = "quotetrack untouched slice, issue 21:"
#: sha256 of the slice's names, sorted, one a line (see :func:`fingerprint`)
SLICE_FINGERPRINT = "c2e877b4a9ef25b67bb43b937c2810ba8894d180e3eb301782539b7d9bbe0011"
FOLDS = 5
FOLD_SALT = "quotetrack fold:"
#: the stand-off sets whose PolNeAR articles have been read (labelled): never in the slice
STANDOFF_SETS = ("polnear_provenance.json", "polnear_statements.json")


def _rank(salt: str, name: str) -> int:
    return int(hashlib.sha256(f"{salt}{name}".encode("utf-8")).hexdigest(), 16)


def draw_slice(train: Iterable[str], read: Iterable[str] = ()) -> frozenset[str]:
    """The slice the rule draws from the train article names ``train``, leaving
    out the articles already ``read``."""
    left = sorted(set(train) - set(read))
    if len(left) < SLICE_SIZE:
        raise QuotetrackError(f"PolNeAR train has {len(left)} articles outside the stand-off sets: "
                              f"too few for an untouched slice of {SLICE_SIZE}")
    return frozenset(sorted(left, key=lambda n: _rank(SLICE_SALT, n))[:SLICE_SIZE])


def fingerprint(names: Iterable[str]) -> str:
    """The sha256 of ``names`` sorted, one a line."""
    return hashlib.sha256("".join(f"{n}\n" for n in sorted(names)).encode("utf-8")).hexdigest()


@cache
def standoff_train_names() -> frozenset[str]:
    """The train articles the stand-off sets name."""
    names = set()
    folder = resources.files("quotetrack") / "evaluate" / "data"
    for file in STANDOFF_SETS:
        where = f"quotetrack/evaluate/data/{file}"
        try:
            records = json.loads((folder / file).read_text(encoding="utf-8"))["articles"]
            names.update(r["name"] for r in records if r["split"] == "train")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise QuotetrackError(f"{where}: cannot read its article names ({exc})") from None
    return frozenset(names)


def untouched_slice(train: Iterable[str]) -> frozenset[str]:
    """The slice of the train article names ``train``: drawn by the rule, and
    checked against :data:`SLICE_FINGERPRINT`."""
    drawn = draw_slice(train, standoff_train_names())
    if fingerprint(drawn) != SLICE_FINGERPRINT:
        raise QuotetrackError(
            "the untouched slice of PolNeAR train is not the one drawn for issue 21 (its names' "
            f"sha256 is {fingerprint(drawn)}, not {SLICE_FINGERPRINT}): another PolNeAR, or a stand-off "
            f"set of quotetrack/evaluate/data/ ({', '.join(STANDOFF_SETS)}) now names one of its articles; "
            "the slice is never read, so label other articles")
    return drawn


def fold_of(name: str, folds: int = FOLDS) -> int:
    """The fold (0 .. ``folds`` - 1) of an article outside the slice."""
    return _rank(FOLD_SALT, name) % folds
