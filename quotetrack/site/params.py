"""Pickers for the canned queries' parameters: each parameter the queries of
``metadata.yml`` share (``:speaker``, ``:outlet``, ``:utterance``, and the
feeds' ``:speaker_id`` and ``:outlet_id``) offers the
values it takes, most quoted first, as a list the browser suggests from while
typing (an HTML ``datalist``; quotetrack.js ties it to the input), the first of
them as the example shown in the empty input."""

from __future__ import annotations

from .queries import every

PICKS = 200  # values offered per parameter

PICKERS = {
    "speaker": f"""select s.name as value, s.role as label, count(*) as n from quotes q
                   join speakers s on s.id = q.speaker_id where q.status = 'current'
                   group by s.id order by n desc, s.name limit {PICKS}""",
    "outlet": f"""select o.name as value, o.kind as label, count(*) as n from outlets o
                  join quotes q on q.status = 'current' and (q.publisher_id = o.id or q.via_outlet_id = o.id)
                  group by o.id order by n desc, o.name limit {PICKS}""",
    "speaker_id": f"""select s.id as value, s.name as label, count(*) as n from quotes q
                      join speakers s on s.id = q.speaker_id where q.status = 'current'
                      group by s.id order by n desc, s.name limit {PICKS}""",
    "outlet_id": f"""select o.id as value, o.name as label, count(*) as n from outlets o
                     join quotes q on q.status = 'current' and (q.publisher_id = o.id or q.via_outlet_id = o.id)
                     group by o.id order by n desc, o.name limit {PICKS}""",
    "utterance": f"""select u.id as value, coalesce(s.name || ': ', '') || substr(u.text, 1, 90) as label,
                     u.report_count as n from utterances u left join speakers s on s.id = u.speaker_id
                     order by u.report_count desc, u.quote_count desc, u.id limit {PICKS}""",
}


async def parameter_options(db) -> dict[str, list[dict]]:
    """Parameter name -> its options (value, label), most used first."""
    return {name: [{"value": r["value"], "label": r["label"] or ""} for r in await every(db, sql)
                   if r["value"]]
            for name, sql in PICKERS.items()}
