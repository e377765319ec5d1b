"""Editorial corrections: what an editor says a stored record should say,
applied after every analysis, so that they survive re-ingest and re-analysis.

A correction names a record by its published ID, one field and a value:

* a quote (``q-…``): ``speaker`` (who said it), ``role`` (the speaker's role or
  title) or ``not_a_quote`` (the words are no quotation; no value);
* a speaker (``s-…``) or an outlet (``o-…``): ``name`` (the name shown).

Corrections are stored (``corrections``) and never deleted: one taken back is
kept, marked withdrawn. :func:`quotetrack.pipeline.relink` applies the active
ones every time it links the corpus: to the stored quotes before linking
(:func:`correct_quotes`), so that a corrected speaker is clustered like any
named one and a quote that is none is left out of speakers, outlets and
statements; and to the linked speakers and outlets after
(:func:`rename_entities`). A quote ID that is no longer current (its article
changed, or was analysed again) is followed to the quote that took its place.

Every relink says how each correction stands (:class:`Outcome`): applied (to
which record), overridden (a later correction of the same field and record
wins; a later speaker overrides an earlier role, which was the other
speaker's), withdrawn, or stale (its record is gone and nothing took its
place: the article was removed, or the quote's words left it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import attrs

from .errors import CorrectionError
from .records import CORRECTION_FIELDS, ENTITY_FIELDS, QUOTE_FIELDS, Correction, Entity, ResolvedQuote
from .resolve.names import mention_type
from .store.redirects import successors

#: how a correction stands after a relink
STATES = ("applied", "overridden", "withdrawn", "stale")
#: the longest name or role a correction takes
MAX_VALUE = 200

_PREFIXES = {"q-": "quote", "s-": "speaker", "o-": "outlet"}


@attrs.frozen(kw_only=True)
class Outcome:
    """How a correction stands after a relink."""

    number: int
    state: str = attrs.field(validator=attrs.validators.in_(STATES))
    applies_to: str | None = None  # the record it sets (applied, overridden)
    original: str | None = None  # the value the analysis gave that record (applied)


def target_kind(target_id: str) -> str | None:
    """"quote", "speaker" or "outlet", from an ID's prefix (None for anything else)."""
    return _PREFIXES.get(target_id[:2])


def checked(target_id: str, field: str, value: str | None) -> tuple[str, str | None]:
    """A new correction's target and value, tidied (spaces trimmed, the ID in
    lower case); a :class:`CorrectionError` says what is wrong with them."""
    target = target_id.strip().lower()
    kind = target_kind(target)
    if kind is None:
        raise CorrectionError(f"“{target_id}” is not a quote (q-…), speaker (s-…) or outlet (o-…) ID")
    if field not in CORRECTION_FIELDS:
        raise CorrectionError(f"no such field to correct: {field} (one of {', '.join(CORRECTION_FIELDS)})")
    if kind == "quote" and field not in QUOTE_FIELDS:
        raise CorrectionError(f"{target}: a quote's {field} cannot be corrected; correct its speaker or role, "
                              "or say it is not a quote (a speaker's or outlet's name is corrected on its s-… or o-… ID)")
    if kind != "quote" and field not in ENTITY_FIELDS:
        raise CorrectionError(f"{target}: {'an' if kind == 'outlet' else 'a'} {kind}'s {field} cannot be "
                              "corrected, only its name "
                              "(a quote's speaker, role or not-a-quote is corrected on its q-… ID)")
    if field == "not_a_quote":
        return target, None
    value = " ".join((value or "").split())
    if not value:
        raise CorrectionError(f"{target}: the new {field} is empty")
    if len(value) > MAX_VALUE:
        raise CorrectionError(f"{target}: the new {field} is {len(value)} characters long (at most {MAX_VALUE})")
    return target, value


def follow(quote_id: str, present: Mapping[str, object] | set[str], successors: Mapping[str, str]) -> str | None:
    """The quote among ``present`` that ``quote_id`` stands for: itself, else the
    quote that took its place (``successors``: a superseded or revised quote's
    ID -> its ``superseded_by``), followed as far as it leads; None if nowhere."""
    seen = set()
    while quote_id not in present:
        if quote_id in seen or quote_id not in successors:
            return None
        seen.add(quote_id)
        quote_id = successors[quote_id]
    return quote_id


@attrs.frozen(kw_only=True)
class Corrected:
    """Stored quotes with the corrections applied."""

    quotes: list[ResolvedQuote]  # the quotes to link: corrected, and without those that are none
    rejected: tuple[str, ...]  # the quotes an editor says are none
    outcomes: tuple[Outcome, ...]  # of every quote correction


def _winners(corrections: Iterable[Correction], where: Callable[[str], str | None]):
    """Each correction's outcome but "applied", and per (record, field) the correction that wins."""
    outcomes: dict[int, Outcome] = {}
    winners: dict[tuple[str, str], Correction] = {}
    for c in sorted(corrections, key=lambda c: c.number):
        landing = where(c.target_id) if c.active else None
        if not c.active:
            outcomes[c.number] = Outcome(number=c.number, state="withdrawn")
        elif landing is None:
            outcomes[c.number] = Outcome(number=c.number, state="stale")
        else:
            beaten = winners.get((landing, c.field))
            if beaten is not None:
                outcomes[beaten.number] = Outcome(number=beaten.number, state="overridden", applies_to=landing)
            winners[(landing, c.field)] = c
    return outcomes, winners


def correct_quotes(quotes: list[ResolvedQuote], corrections: Iterable[Correction],
                   successors: Mapping[str, str]) -> Corrected:
    """``quotes`` (article-level, as stored) with the quote corrections applied.

    A corrected speaker is the name given (``resolution`` "corrected", its type
    read from the name), with the role corrected after it; with none, the
    article's role only if the analysis named no speaker (the role then
    describes the one who spoke: "the U.S. ambassador said"), else none (it
    was the wrong speaker's). A quote that is none is left out, and the quotes
    that were pieces or pull quotes of it stand on their own.
    """
    by_id = {q.quote_id: q for q in quotes}
    outcomes, winners = _winners((c for c in corrections if c.field in QUOTE_FIELDS),
                                 lambda target: follow(target, by_id, successors))
    for (qid, field), c in list(winners.items()):
        speaker = winners.get((qid, "speaker"))
        if field == "role" and speaker is not None and speaker.number > c.number:
            outcomes[c.number] = Outcome(number=c.number, state="overridden", applies_to=qid)
            del winners[(qid, field)]
    original = {"speaker": lambda q: q.speaker_name, "role": lambda q: q.speaker_role,
                "not_a_quote": lambda q: None}
    for (qid, field), c in winners.items():
        outcomes[c.number] = Outcome(number=c.number, state="applied", applies_to=qid,
                                     original=original[field](by_id[qid]))
    rejected = {qid for qid, field in winners if field == "not_a_quote"}
    kept = []
    for q in quotes:
        if q.quote_id in rejected:
            continue
        q = _corrected(q, winners.get((q.quote_id, "speaker")), winners.get((q.quote_id, "role")))
        if q.piece_of in rejected or q.pull_quote_of in rejected:
            q = attrs.evolve(q, piece_of=None if q.piece_of in rejected else q.piece_of,
                             pull_quote_of=None if q.pull_quote_of in rejected else q.pull_quote_of)
        kept.append(q)
    return Corrected(quotes=kept, rejected=tuple(sorted(rejected)),
                     outcomes=tuple(outcomes[n] for n in sorted(outcomes)))


def _corrected(q: ResolvedQuote, speaker: Correction | None, role: Correction | None) -> ResolvedQuote:
    if speaker is not None:
        new_role = role.value if role is not None else q.speaker_role if q.speaker_name is None else None
        return attrs.evolve(q, speaker_id=None, speaker_name=speaker.value, speaker_role=new_role,
                            speaker_type=mention_type(speaker.value, speaker.value, new_role),
                            resolution="corrected")
    if role is not None:
        return attrs.evolve(q, speaker_role=role.value)
    return q


def entity_now(target_id: str, live: set[str], redirects: Mapping[str, str],
               before: Mapping[str, str], after: Mapping[str, str]) -> str | None:
    """The live speaker or outlet that ``target_id`` stands for after a relink:
    itself; the entity a stored redirect leads to; or, when that was retired by
    this relink, the one that took over its records (``before`` and ``after``:
    record -> entity ID, as :func:`~quotetrack.store.redirects.successors`)."""
    entity_id = redirects.get(target_id, target_id)
    if entity_id in live:
        return entity_id
    mine = {record: eid for record, eid in before.items() if eid == entity_id}
    return successors(mine, after, live).get(entity_id)


@attrs.frozen(kw_only=True)
class Renamed:
    """Linked speakers, outlets and quotes with the name corrections applied."""

    speakers: list[Entity]
    outlets: list[Entity]
    quotes: list[ResolvedQuote]
    outcomes: tuple[Outcome, ...]  # of every name correction


def rename_entities(speakers: list[Entity], outlets: list[Entity], quotes: list[ResolvedQuote],
                    corrections: Iterable[Correction], where: Callable[[str], str | None]) -> Renamed:
    """Speakers and outlets with the names the editors gave them (the analysed
    name kept as an alias), and their quotes saying so; ``where`` is the live
    entity ID a correction's target stands for (:func:`entity_now`)."""
    outcomes, winners = _winners((c for c in corrections if c.field in ENTITY_FIELDS), where)
    names = {eid: c.value for (eid, _), c in winners.items()}
    analysed = {e.entity_id: e.name for e in [*speakers, *outlets]}
    for (eid, _), c in winners.items():
        outcomes[c.number] = Outcome(number=c.number, state="applied", applies_to=eid, original=analysed[eid])

    def renamed(e: Entity) -> Entity:
        if e.entity_id not in names:
            return e
        name = names[e.entity_id]
        return attrs.evolve(e, name=name, aliases=tuple(sorted((set(e.aliases) | {e.name}) - {name})))

    quotes = [attrs.evolve(q, speaker_name=names.get(q.speaker_id, q.speaker_name),
                           via_outlet_name=names.get(q.via_outlet_id, q.via_outlet_name))
              if q.speaker_id in names or q.via_outlet_id in names else q for q in quotes]
    return Renamed(speakers=[renamed(e) for e in speakers], outlets=[renamed(e) for e in outlets],
                   quotes=quotes, outcomes=tuple(outcomes[n] for n in sorted(outcomes)))
