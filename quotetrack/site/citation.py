"""Machine-readable citations of a quote: CSL-JSON (what Zotero, Pandoc and
citeproc read) and BibTeX. Both cite the article the quote was found in, with
its URL when the metadata gives one and the date the page was consulted; the
quote itself, with honest marks, its speaker, its span and its stable ID go in
the note."""

from __future__ import annotations

import datetime as dt
import re


def date_parts(day: str | None) -> list[list[int]] | None:
    """``2016-12-08`` -> ``[[2016, 12, 8]]`` (CSL's date form); None for no day."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", day or "")
    return [[int(m[1]), int(m[2]), int(m[3])]] if m else None


def csl_json(quote: dict, article: dict, said: str, speaker: str | None, publisher: str | None,
             permalink: str, accessed: dt.date) -> dict:
    """The CSL-JSON item of a quote's citation (``said``: the quote as displayed)."""
    item = {
        "id": quote["id"],
        "type": "article-newspaper",
        "title": article.get("title") or article.get("doc"),
        "container-title": publisher,
        "issued": {"date-parts": date_parts(article.get("date"))} if date_parts(article.get("date")) else None,
        "URL": article.get("url") or permalink,
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "note": (f"{said} — {speaker or 'unidentified speaker'} (characters {quote['start_char']}–"
                 f"{quote['end_char']}; quote ID {quote['id']}, {permalink})"),
    }
    return {k: v for k, v in item.items() if v is not None}


def _bib(value: str) -> str:
    """A BibTeX field value: braces balanced away, specials escaped."""
    value = value.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")
    return re.sub(r"([&%$#_])", r"\\\1", value)


def bibtex(item: dict) -> str:
    """The BibTeX entry of a CSL-JSON item made by :func:`csl_json`."""
    fields = [("title", item.get("title")), ("journal", item.get("container-title"))]
    issued = (item.get("issued") or {}).get("date-parts")
    if issued:
        y, m, d = issued[0]
        fields += [("year", str(y)), ("month", str(m)), ("day", str(d))]
    accessed = item["accessed"]["date-parts"][0]
    fields += [("url", item.get("URL")), ("urldate", "%04d-%02d-%02d" % tuple(accessed)),
               ("note", item.get("note"))]
    body = ",\n".join(f"  {k} = {{{_bib(v)}}}" for k, v in fields if v)
    key = re.sub(r"[^\w-]", "", item["id"])
    return f"@article{{{key},\n{body}\n}}"
