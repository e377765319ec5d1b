"""Editorial corrections, the Python API behind ``quotetrack correct``: make
one, withdraw one, list them (what they are and how they apply:
:mod:`quotetrack.corrections`).

Making or withdrawing a correction records it and relinks the corpus
(:func:`quotetrack.pipeline.relink`, from the stored quotes and their stored
vectors: no parsing, no model) in one transaction, so that a failure leaves
the database as it was. Every error is a :class:`CorrectionError` naming the
record and the problem.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import attrs

from .corrections import Outcome, checked, follow, target_kind
from .errors import CorrectionError, StoreError
from .records import Correction
from .store import open_store

#: what a quote's status means, where it says why a correction cannot take
_STATUS_TEXT = {
    "superseded": "from an earlier version of its article",
    "revised": "from an earlier analysis of its article",
    "removed": "from an article removed from the collection",
}


@attrs.frozen(kw_only=True)
class Change:
    """A value a record shows that a correction (or its withdrawal) changed."""

    field: str  # speaker, speaker ID, role, status, name
    before: str | None
    after: str | None


@attrs.frozen(kw_only=True)
class Edited:
    """What making or withdrawing corrections did."""

    numbers: tuple[int, ...]  # the corrections made or withdrawn
    target_id: str  # the record named
    applies_to: str | None  # the record they set (a quote that took the named one's place)
    changes: tuple[Change, ...]  # what that record shows now, that it did not before
    outcomes: tuple[Outcome, ...]  # how every correction stands after the relink

    @property
    def stale(self) -> int:
        """Corrections whose records are gone."""
        return sum(o.state == "stale" for o in self.outcomes)


@attrs.frozen(kw_only=True)
class Listed:
    """A correction and how the last relink left it (``outcome`` None before any)."""

    correction: Correction
    outcome: Outcome | None


def correct(db_path: str | Path, target_id: str, *, speaker: str | None = None, role: str | None = None,
            not_a_quote: bool = False, name: str | None = None, note: str | None = None, who: str) -> Edited:
    """Correct a quote (``speaker``, ``role``, ``not_a_quote``) or a speaker or
    outlet (``name``), and apply the corrections."""
    fields = [(field, value) for field, value in (("speaker", speaker), ("role", role), ("name", name))
              if value is not None] + ([("not_a_quote", None)] if not_a_quote else [])
    if not fields:
        raise CorrectionError(f"{target_id}: nothing to correct (give a speaker, a role, a name, or not a quote)")
    if not_a_quote and len(fields) > 1:
        raise CorrectionError(f"{target_id}: a quote that is none has no speaker or role to correct; "
                              "make one correction or the other")
    target, values = target_id, []
    for field, value in fields:
        target, value = checked(target_id, field, value)
        values.append((field, value))
    who = _who(who)
    note = " ".join((note or "").split()) or None
    store = _open(db_path)
    try:
        applies_to = _applies_to(store, target)
        before = _shown(store, applies_to)
        with store.db.atomic():
            numbers = tuple(store.add_correction(target, field, value, note, who) for field, value in values)
            outcomes = _relink(store, db_path)
        landed = {o.number: o.applies_to for o in outcomes}
        applies_to = landed.get(numbers[-1]) or applies_to
        return Edited(numbers=numbers, target_id=target, applies_to=applies_to,
                      changes=_changes(before, _shown(store, applies_to)), outcomes=outcomes)
    finally:
        store.close()


def withdraw(db_path: str | Path, number: int, *, who: str) -> Edited:
    """Withdraw correction ``number`` (kept, marked withdrawn) and apply the rest."""
    who = _who(who)
    store = _open(db_path)
    try:
        found = {c.number: c for c in store.corrections()}.get(number)
        if found is None:
            raise CorrectionError(f"{db_path}: no correction number {number} (see `quotetrack correct --list`)")
        if not found.active:
            raise CorrectionError(f"correction {number} was withdrawn already, on {found.withdrawn_at} "
                                  f"by {found.withdrawn_by}")
        applies_to = store.correction_states()[number]["applies_to"]
        before = _shown(store, applies_to)
        with store.db.atomic():
            store.withdraw_correction(number, who)
            outcomes = _relink(store, db_path)
        return Edited(numbers=(number,), target_id=found.target_id, applies_to=applies_to,
                      changes=_changes(before, _shown(store, applies_to)), outcomes=outcomes)
    finally:
        store.close()


def list_corrections(db_path: str | Path) -> list[Listed]:
    """Every correction, in the order made, with how it stands."""
    store = _open(db_path)
    try:
        states = store.correction_states()
        return [Listed(correction=c, outcome=_outcome(c.number, states.get(c.number)))
                for c in store.corrections()]
    finally:
        store.close()


def _outcome(number: int, row: dict | None) -> Outcome | None:
    if row is None or row["state"] is None:
        return None
    return Outcome(number=number, state=row["state"], applies_to=row["applies_to"], original=row["original"])


def _who(who: str | None) -> str:
    who = " ".join((who or "").split())
    if not who:
        raise CorrectionError("say who makes the correction (--who NAME)")
    return who


def _open(db_path: str | Path):
    """The store at ``db_path``, which must exist (a correction never makes a database)."""
    if not Path(db_path).is_file():
        raise CorrectionError(f"{db_path}: no such database; run `quotetrack ingest` first")
    return open_store(db_path)


def _relink(store, db_path) -> tuple[Outcome, ...]:
    from .pipeline import relink  # the whole flow, needed only here

    try:
        return relink(store)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{db_path}: database error while applying the corrections ({error}); "
                         "nothing was changed") from error


def _applies_to(store, target: str) -> str:
    """The record a new correction of ``target`` will set; a clear error when there is none."""
    kind = target_kind(target)
    if kind == "quote":
        row = store.quote(target)
        if row is None:
            raise CorrectionError(f"{store.path}: no quote with the ID {target}")
        landing = follow(target, store.live_quote_ids(), store.quote_successors())
        if landing is None:
            raise CorrectionError(f"{target} is a quote {_STATUS_TEXT.get(row['status'], row['status'])}, and no "
                                  "current quote took its place: there is nothing left to correct")
        return landing
    if store.entity(target) is not None:
        return target
    successor = store.redirect(target)
    if successor is None or store.entity(successor) is None:
        raise CorrectionError(f"{store.path}: no {kind} with the ID {target}")
    return successor


def _shown(store, record_id: str | None) -> dict[str, str | None]:
    """What a quote, speaker or outlet shows, of the values corrections set."""
    if record_id is None:
        return {}
    if target_kind(record_id) == "quote":
        row = store.quote(record_id) or {}
        return {"status": row.get("status"), "speaker": row.get("speaker_name"),
                "speaker ID": row.get("speaker_id"), "role": row.get("speaker_role")}
    return {"name": (store.entity(record_id) or {}).get("name")}


def _changes(before: dict, after: dict) -> tuple[Change, ...]:
    return tuple(Change(field=k, before=before.get(k), after=after.get(k))
                 for k in after if before.get(k) != after.get(k))
