"""Pickers for the canned queries' parameters: each parameter the queries of
``metadata.yml`` share (``:speaker``, ``:outlet``, ``:utterance``, and the
feeds' ``:speaker_id`` and ``:outlet_id``) offers the
values it takes, most quoted first, as a list the browser suggests from while
typing (an HTML ``datalist``; quotetrack.js ties it to the input), the first of
them as the example shown in the empty input."""

from __future__ import annotations

from .queries import every

PICKS = 200  # values offered per parameter

def _speakers(value: str, label: str) -> str:
    """The speakers by number of current quotes, as (value, label) from two of their columns."""
    return f"""select s.{value} as value, s.{label} as label, count(*) as n from quotes q
               join speakers s on s.id = q.speaker_id where q.status = 'current'
               group by s.id order by n desc, s.name limit {PICKS}"""


def _outlets(value: str, label: str) -> str:
    """The outlets by number of current quotes published or carried."""
    return f"""select o.{value} as value, o.{label} as label, count(*) as n from outlets o
               join quotes q on q.status = 'current' and (q.publisher_id = o.id or q.via_outlet_id = o.id)
               group by o.id order by n desc, o.name limit {PICKS}"""


PICKERS = {
    "speaker": _speakers("name", "role"),
    "speaker_id": _speakers("id", "name"),
    "outlet": _outlets("name", "kind"),
    "outlet_id": _outlets("id", "name"),
    "utterance": f"""select u.id as value, coalesce(s.name || ': ', '') || substr(u.text, 1, 90) as label,
                     u.report_count as n from utterances u left join speakers s on s.id = u.speaker_id
                     order by u.report_count desc, u.quote_count desc, u.id limit {PICKS}""",
}


async def parameter_options(db, names) -> dict[str, list[dict]]:
    """Parameter name -> its options (value, label), most used first, for those of
    ``names`` (the query's parameters) that have a picker: each is a query over
    the quotes, so a page runs only those it shows."""
    return {name: [{"value": r["value"], "label": r["label"] or ""} for r in await every(db, PICKERS[name])
                   if r["value"]]
            for name in names if name in PICKERS}
