"""The SQL of an excerpts-only publication (``quotetrack publish --excerpts``).

It rewrites the published *copy* (never a database an ingest writes): each
article's full text gives way to its excerpts (:mod:`quotetrack.export.excerpts`)
in ``article_excerpts``, at their offsets into the original; ``articles`` keeps
the SHA-256 and gets ``text`` empty, ``text_length`` (the original's length in
characters, as Python counts them) and ``excerpts_only = 1``. Everything else
made from the full text goes: the stored parses (CoNLL-U holds every word),
the republished-copy shingles and signatures, the articles' full-text index
(rebuilt over the titles), and ``quote_context`` reads its sentence and
context from the excerpts. The caller vacuums afterwards, so that no freed
page keeps the text in the file.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

import sqlite_utils

from .schema import CONTEXT_CHARS

EXCERPTS_TABLE = "article_excerpts"

#: the columns of a quote the excerpts are made from
QUOTE_OFFSETS = ("start_char", "end_char", "sentence_start", "sentence_end", "speaker_start", "speaker_end",
                 "cue_start", "cue_end", "via_start", "via_end")

#: tables whose rows are made from the full texts, emptied (the tables stay, as the schema has them)
DERIVED_FROM_TEXT = ("parses", "article_signatures")

QUOTE_CONTEXT_FROM_EXCERPTS = f"""
select q.id, q.kind, q.text, q.speaker_name, q.speaker_role, q.cue,
       a.title as article, a.publisher, a.date,
       substr(e.text, q.sentence_start - e.start_char + 1, q.sentence_end - q.sentence_start) as sentence,
       substr(e.text, max(1, q.start_char - e.start_char + 1 - {CONTEXT_CHARS}),
              min(q.start_char - e.start_char, {CONTEXT_CHARS})) as before,
       substr(e.text, q.end_char - e.start_char + 1, {CONTEXT_CHARS}) as after,
       q.article_id, q.speaker_id, q.via_outlet_id, q.utterance_id
from quotes q join articles a on a.id = q.article_id
left join {EXCERPTS_TABLE} e on e.article_id = q.article_id
     and e.start_char <= q.start_char and q.end_char <= e.start_char + length(e.text)
where q.status = 'current'
"""

#: an excerpt: (start_char, text)
ExcerptRow = tuple[int, str]


def keep_only_excerpts(conn: sqlite3.Connection,
                       excerpts_of: Callable[[str, list[dict]], list[ExcerptRow]]) -> dict[str, int]:
    """Replace every article's text in ``conn`` by ``excerpts_of(text, quote rows)``
    (every quote of the article, current or not: each keeps its page) and drop
    what was made from the texts; returns the counts of articles and excerpts.
    Commits; does not vacuum."""
    db = sqlite_utils.Database(conn)
    conn.execute(f"""create table {EXCERPTS_TABLE} (
        article_id text not null references articles(id),
        start_char integer not null, end_char integer not null, text text not null,
        primary key (article_id, start_char))""")
    lengths: list[tuple[int, str]] = []
    excerpts = 0
    for article_id, text in conn.execute("select id, text from articles order by id"):
        rows = [dict(zip(QUOTE_OFFSETS, r)) for r in conn.execute(
            f"select {', '.join(QUOTE_OFFSETS)} from quotes where article_id = ?", [article_id])]
        found = excerpts_of(text, rows)
        conn.executemany(f"insert into {EXCERPTS_TABLE} (article_id, start_char, end_char, text) values (?, ?, ?, ?)",
                         [(article_id, start, start + len(piece), piece) for start, piece in found])
        lengths.append((len(text), article_id))
        excerpts += len(found)
    if "articles_fts" in db.table_names():
        db["articles"].disable_fts()  # the index and its triggers: it holds every word of the texts
    db["articles"].add_column("text_length", int)
    db["articles"].add_column("excerpts_only", int)
    conn.executemany("update articles set text = '', text_length = ?, excerpts_only = 1 where id = ?", lengths)
    db["articles"].enable_fts(["title"])
    for table in DERIVED_FROM_TEXT:
        if table in db.table_names():
            conn.execute(f"delete from [{table}]")
    conn.execute("drop view if exists quote_context")
    conn.execute(f"create view quote_context as {QUOTE_CONTEXT_FROM_EXCERPTS}")
    conn.commit()
    return {"articles": len(lengths), "excerpts": excerpts}
