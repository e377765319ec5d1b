"""Honest quotation marks on display (issue 17, item 1): only a speaker's own
words stand between marks."""

from __future__ import annotations

import asyncio

import attrs

from quotetrack import ids
from quotetrack.site.display import reported, shown

from ..helpers import article, attributed


def test_a_direct_quote_is_shown_in_marks_without_its_closing_comma():
    assert shown("We are close to reaching an understanding,", "direct") == "“We are close to reaching an understanding”"
    assert shown("What more could we want?", "direct") == "“What more could we want?”"


def test_reported_speech_is_shown_without_marks():
    text = "a potential US-Russia deal to allow Syrian rebels to safely leave Aleppo was still on the agenda"
    assert shown(text, "indirect") == text
    assert reported(text, "indirect", "Kremlin", "said", "indirect:ccomp") == f"Kremlin said that {text}"
    assert reported("to continue fighting", "indirect", "rebels", "have vowed", "indirect:xcomp") == \
        "rebels have vowed to continue fighting"
    assert reported("rebels seized the district", "indirect", "state media", "according to", "according-to") == \
        "According to state media, rebels seized the district"
    assert reported("an immediate five-day ceasefire", "indirect", "Syrian rebels", "called for",
                    "indirect:object") == "Syrian rebels called for an immediate five-day ceasefire"


def test_a_mixed_quote_keeps_only_its_own_marks():
    text = 'the retaking of Aleppo as a "huge step" in ending the war,'
    assert shown(text, "mixed") == 'the retaking of Aleppo as a "huge step" in ending the war'
    assert reported(text, "mixed", "Bashar al-Assad", "described", "mixed:indirect:object").startswith(
        'Bashar al-Assad described the retaking of Aleppo as a "huge step"')
    assert "“" not in reported(text, "mixed", "Bashar al-Assad", "described", "mixed:indirect:object")


def test_the_pages_show_reported_speech_as_reported_speech(tmp_path):
    from quotetrack.pipeline import relink
    from quotetrack.store import open_store

    from .test_site import get, make_datasette

    text = ("The Kremlin said on Wednesday that a potential US-Russia deal was still on the agenda.\n\n"
            '"We are close to reaching an understanding," Ryabkov said.\n')
    art = article(text, "a.txt", title="Talks", publisher="Wire", date="2016-12-08")
    indirect = attributed(art, "a potential US-Russia deal was still on the agenda", "The Kremlin", "said",
                          name="Kremlin", kind="indirect", speaker_type="organisation")
    indirect = attrs.evolve(indirect, quote=attrs.evolve(indirect.quote, rule="indirect:ccomp"))
    direct = attributed(art, "We are close to reaching an understanding,", "Ryabkov", "said",
                        name="Sergei Ryabkov", after=text.index('"We'))
    path = tmp_path / "quotes.db"
    store = open_store(path)
    store.write_article(art, ids.article_id(art.sha256), [indirect, direct], "test", {})
    relink(store)
    store.close()
    ds = make_datasette(path)
    page = get(ds, f"/-/quote/{indirect.quote_id}").text
    assert "Kremlin said that a potential US-Russia deal was still on the agenda</h1>" in page
    assert "“a potential" not in page
    assert "<title>Kremlin said that a potential" in page
    page = get(ds, f"/-/quote/{direct.quote_id}").text
    assert "“We are close to reaching an understanding”</h1>" in page
    listing = get(ds, f"/-/article/{ids.article_id(art.sha256)}").text
    assert ">a potential US-Russia deal was still on the agenda</a>" in listing
    assert ">“We are close to reaching an understanding”</a>" in listing
    citation = asyncio.run(ds.client.get(f"/-/quote/{indirect.quote_id}.json")).json()["citation"]
    assert citation.startswith("Kremlin said that a potential")


def test_bibtex_escapes_its_specials():
    import datetime as dt

    from quotetrack.site.citation import bibtex, csl_json

    item = csl_json({"id": "q-1", "start_char": 0, "end_char": 5}, {"title": "50% {off} & more", "date": None},
                    "“Hi”", "A_B", "Pub", "http://x/-/quote/q-1", dt.date(2026, 12, 2))
    entry = bibtex(item)
    assert "title = {50\\% \\{off\\} \\& more}" in entry and "year" not in entry
    assert "issued" not in item and item["accessed"] == {"date-parts": [[2026, 12, 2]]}
