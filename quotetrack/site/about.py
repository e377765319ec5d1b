"""The ``/-/about`` page (and ``.json``): how the quotes were found, how well
(the measured figures of ``quotetrack/data/accuracy.json``), how to cite them,
and under what terms the data is published (the metadata's data licence and
the quotetrack plugin's rights statement, apart from the software's licence).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import attrs

from ..errors import QuotetrackError
from .queries import can_view, collection_facts, quotetrack_databases

ACCURACY = Path(__file__).resolve().parent.parent / "data" / "accuracy.json"
PLUGIN = "quotetrack"  # the key of the plugin's settings under the metadata's plugins:

#: how the quotes were found, paragraph by paragraph (README.md says more)
METHOD = (
    ("Parsing", "Each article is parsed with Stanza (tokens, sentences, parts of speech, lemmas and "
     "dependency trees), with compact English models that ship inside quotetrack: nothing is sent "
     "anywhere or downloaded to do it. The parse is kept, so that improved rules re-analyse an "
     "article without parsing it again."),
    ("Quotes", "Rules over the dependency trees find direct quotes (in quotation marks), indirect quotes "
     "(reported speech) and mixed quotes, each with its reporting expression (said, told, according "
     "to …) and the words that name its speaker. Every quote is stored with its exact character "
     "offsets in the article text, and its ID is derived from the SHA-256 of that text and those "
     "offsets: anyone who holds the article can check both."),
    ("Speakers and outlets", "Within an article a pronoun, a surname or a description is tied to a "
     "speaker named before; across the collection the names are resolved to one speaker (a person "
     "or an organisation, with the roles the articles give). Each article's publisher is an outlet, "
     "and so is an outlet a quote came through: named with it (told Reuters, Interfax reported), "
     "carried on from an earlier report (he added), or itself the source (state TV said)."),
    ("Statements", "Quotes that report one statement are grouped as one utterance: the pieces of one "
     "quotation, the same words in other articles, paraphrases (proposed by MiniLM sentence vectors "
     "and confirmed by shared claim words or a quoted fragment), a headline or lede that sums up a "
     "body quote, a pull quote. A republished copy (a wire story under another byline) is found "
     "from shared word shingles and counts as one report with its source; the first reports of a "
     "statement are those nothing is known to precede."),
    ("Machine-found", "All of this is done by software, without review, and can be wrong: every quote "
     "page shows the span of the source its quote was taken from, to check it against."),
)


@attrs.frozen(kw_only=True)
class Measure:
    task: str
    set: str
    command: str
    measured: str
    scores: tuple[tuple[str, str], ...]  # (what, the figure as reported)


def read_accuracy(path: Path) -> tuple[Measure, ...]:
    """The measures of an accuracy file; a file that is missing or not of its
    shape is an error naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple(Measure(task=m["task"], set=m["set"], command=m["command"], measured=m["measured"],
                             scores=tuple((str(what), str(value)) for what, value in m["scores"]))
                     for m in data["measures"])
    except OSError as error:
        raise QuotetrackError(f"{path}: cannot be read ({error})") from None
    except (ValueError, KeyError, TypeError) as error:
        raise QuotetrackError(f"{path}: not an accuracy file ({type(error).__name__}: {error})") from None


@functools.cache
def accuracy() -> tuple[Measure, ...]:
    """The package's measured figures (read once)."""
    return read_accuracy(ACCURACY)


def terms(datasette) -> dict:
    """The data licence and source (Datasette's own metadata keys), the rights
    statement and the software's licence (the plugin's settings)."""
    config = datasette.plugin_config(PLUGIN) or {}
    return {
        "data_license": {"name": datasette.metadata("license"), "url": datasette.metadata("license_url")},
        "source": {"name": datasette.metadata("source"), "url": datasette.metadata("source_url")},
        "rights": config.get("rights"),
        "software_license": {"name": config.get("software_license"), "url": config.get("software_license_url")},
    }


async def about_context(datasette, request) -> dict:
    """Everything the about page shows, for the HTML and the JSON."""
    from .pages import quote_context  # the example citation is the quote page's own

    collections, example = [], None
    for db in await quotetrack_databases(datasette):
        if not await can_view(datasette, request, db.name, "quotes"):
            continue
        facts = await collection_facts(db)
        collections.append({"database": db.name, **facts})
        if example is None and facts["example_quote_id"]:
            ctx = await quote_context(datasette, db, facts["example_quote_id"], request)
            example = {"quote_id": ctx["quote"]["id"], "permalink": ctx["permalink"], "citation": ctx["citation"],
                       "citation_csl": ctx["citation_csl"], "citation_bibtex": ctx["citation_bibtex"]}
    return {
        "title": datasette.metadata("title"),
        "method": [{"heading": h, "text": t} for h, t in METHOD],
        "accuracy": [attrs.asdict(m) for m in accuracy()],
        **terms(datasette),
        "collections": collections,
        "excerpts_only": bool(collections) and all(c["excerpts_only"] for c in collections),
        "example_citation": example,
        "feeds": "atom" in datasette.renderers,
    }
