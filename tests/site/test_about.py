"""Publishing rights (#17 item 8), the site's side: the data licence and rights
statement apart from the software's, the /-/about page, /robots.txt, and the
Atom feeds of each speaker and outlet (datasette-atom over canned queries)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
import yaml

from quotetrack.site.about import ACCURACY, METHOD, read_accuracy

from ..helpers import METADATA, ROOT, build_site_db
from .test_site import get, make_datasette, marked

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("about") / "quotes.db"
    expected = build_site_db(db_path)
    return make_datasette(db_path), expected


# -- licence and rights ----------------------------------------------------------------


def test_the_data_licence_and_rights_are_apart_from_the_softwares():
    metadata = yaml.safe_load(METADATA.read_text())
    assert "Apache" not in metadata["license"] and "creativecommons.org" in metadata["license_url"]
    settings = metadata["plugins"]["quotetrack"]
    assert settings["software_license"] == "Apache-2.0"
    assert "publishers" in settings["rights"] and "not cover" in settings["rights"]
    assert metadata["about_url"] == "/-/about"


def test_every_page_links_the_about_page_and_the_data_licence(site):
    ds, ex = site
    for path in ("/", "/quotes", "/quotes/quotes?_sort=id", f"/quotes/quotes/{ex['close']}", f"/-/quote/{ex['close']}",
                 f"/-/speaker/{ex['speaker']}", "/-/quote/q-0000000000", "/-/about", "/-/search?q=close"):
        footer = get(ds, path).text.split('<footer class="ft">')[1]
        assert 'href="/-/about"' in footer, path
        assert "Data license" in footer and "creativecommons.org/licenses/by/4.0" in footer, path


# -- the about page ---------------------------------------------------------------------


def test_the_about_page(site):
    ds, ex = site
    response = get(ds, "/-/about")
    assert response.status_code == 200
    page = response.text
    for heading, _ in METHOD:
        assert f"<h3>{heading}</h3>" in page
    assert "Stanza" in page and "MiniLM" in page
    table = marked(page, "qt-accuracy")
    for measure in read_accuracy(ACCURACY):
        assert measure.task in table
        for what, value in measure.scores:
            assert f"{what}: {value}" in table
    assert "CC BY 4.0" in marked(page, "qt-data-license")
    assert "Apache-2.0" in marked(page, "qt-software-license")
    assert "belong to their publishers" in marked(page, "qt-rights")
    assert "publishes the full texts of its articles" in page
    # how to cite, with a real quote's citation as the quote page gives it
    example = marked(page, "qt-example-citation")
    quote_id = re.search(r"Quote ID (q-\w+)", example)[1]
    assert example == marked(get(ds, f"/-/quote/{quote_id}").text, "qt-citation")
    assert "Atom feed" in page


def test_the_about_json(site):
    ds, _ = site
    data = get(ds, "/-/about.json").json()
    assert data["ok"] is True and data["excerpts_only"] is False
    assert [m["heading"] for m in data["method"]] == [h for h, _ in METHOD]
    assert data["accuracy"][1]["scores"][0] == ["F1, a quote matching when it covers at least 0.3 of the gold content",
                                                "0.883"]
    assert data["data_license"]["name"].startswith("CC BY 4.0")
    assert data["software_license"] == {"name": "Apache-2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0"}
    assert data["collections"] == [{"database": "quotes", "quotes": 8, "articles": 6, "speakers": 2, "outlets": 4,
                                    "excerpts_only": False, "example_quote_id": data["example_citation"]["quote_id"]}]


def test_the_readme_reports_every_figure_of_the_accuracy_file():
    """The about page's figures are the README's: one file holds them, the README reports each."""
    readme = (ROOT / "README.md").read_text()
    assert "quotetrack/data/accuracy.json" in readme
    for measure in read_accuracy(ACCURACY):
        for what, value in measure.scores:
            assert value in readme, (measure.task, what, value)


def test_a_broken_accuracy_file_is_an_error_naming_it(tmp_path):
    from quotetrack.errors import QuotetrackError

    bad = tmp_path / "accuracy.json"
    bad.write_text('{"measures": [{"task": "x"}]}')
    with pytest.raises(QuotetrackError, match=r"accuracy\.json: not an accuracy file \(KeyError"):
        read_accuracy(bad)
    with pytest.raises(QuotetrackError, match="cannot be read"):
        read_accuracy(tmp_path / "missing.json")


# -- robots.txt -------------------------------------------------------------------------


def allowed(robots: str, url: str) -> bool:
    """RFC 9309 for one user agent: the longest matching rule decides, Allow on a tie;
    ``*`` matches any characters, ``$`` the end."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    best = (-1, True)
    for line in robots.splitlines():
        field, _, value = line.partition(":")
        value = value.strip()
        if field.lower() not in ("allow", "disallow") or not value:
            continue
        pattern = "^" + re.escape(value).replace(r"\*", ".*").replace(r"\$", "$")
        if re.match(pattern, path) and (len(value), field.lower() == "allow") > best:
            best = (len(value), field.lower() == "allow")
    return best[1]


def test_robots_lets_crawlers_read_the_record_pages_and_not_the_queries(site):
    ds, ex = site
    response = get(ds, "/robots.txt")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    robots = response.text
    assert robots.startswith("User-agent: *\n")
    assert "Sitemap: http://localhost/sitemap.xml" in robots.splitlines()
    for url in (f"/-/quote/{ex['close']}", f"/-/quote/{ex['close']}.json", f"/-/speaker/{ex['speaker']}",
                f"/-/outlet/{ex['interfax']}", f"/-/article/{ex['aj_article']}", f"/-/utterance/{ex['utterance']}",
                "/-/about", "/sitemap.xml", "/", "/quotes", "/quotes/quotes"):
        assert allowed(robots, url), url
    for url in ("/quotes?sql=select+*+from+quotes", "/quotes/quotes?_facet=kind", "/quotes/quotes.csv",
                "/quotes/quotes.json", "/quotes/quotes?_search=aleppo", "/quotes/quotes?_next=100",
                "/quotes/quotes_by_speaker?speaker=Ryabkov", "/-/versions", "/-/search?q=aleppo"):
        assert not allowed(robots, url), url
    # every page the sitemap lists may be crawled
    sitemap = ET.fromstring(get(ds, "/sitemap.xml").text)
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(allowed(robots, loc) for loc in locs)


def test_robots_follows_the_base_url(tmp_path):
    from datasette.app import Datasette
    from datasette.utils import parse_metadata

    db_path = tmp_path / "quotes.db"
    build_site_db(db_path)
    make_datasette(db_path)  # registers the plugin if needed
    ds = Datasette([str(db_path)], metadata=parse_metadata(METADATA.read_text()),
                   settings={"base_url": "/archive/"})
    robots = get(ds, "/robots.txt").text  # the client puts the base_url in front
    assert "Allow: /archive/-/quote/" in robots and "Disallow: /archive/*?" in robots
    assert "Sitemap: http://localhost/archive/sitemap.xml" in robots


# -- the Atom feeds ---------------------------------------------------------------------


def feed(ds, path) -> ET.Element:
    response = get(ds, path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def entries(root: ET.Element) -> list[dict]:
    return [{"id": e.find(f"{ATOM}id").text, "title": e.find(f"{ATOM}title").text,
             "updated": e.find(f"{ATOM}updated").text, "link": e.find(f"{ATOM}link").get("href"),
             "author": e.find(f"{ATOM}author/{ATOM}name").text, "content": e.find(f"{ATOM}content").text}
            for e in root.findall(f"{ATOM}entry")]


def test_a_speakers_feed_carries_its_current_quotes_newest_first(site):
    ds, ex = site
    page = get(ds, f"/-/speaker/{ex['speaker']}").text
    link = re.search(r'<link rel="alternate" type="application/atom\+xml" title="Sergei Ryabkov: quotes \(Atom\)" '
                     r'href="([^"]+)">', page)
    assert link and link[1] == f"/quotes/speaker_feed.atom?speaker_id={ex['speaker']}"
    assert re.search(r'<a id="qt-feed" href="/quotes/speaker_feed.atom\?speaker_id=', page)
    got = entries(feed(ds, link[1]))
    data = get(ds, f"/-/speaker/{ex['speaker']}.json").json()
    assert {e["id"] for e in got} == {f"urn:quotetrack:{q['id']}" for q in data["quotes"]}
    assert len(got) == 6
    assert [e["updated"] for e in got] == sorted((e["updated"] for e in got), reverse=True)
    assert got[0]["updated"] == "2016-12-11T00:00:00+00:00"  # the newest article, a day without time
    close = next(e for e in got if e["id"] == f"urn:quotetrack:{ex['close']}")
    assert close["title"] == f"“{ex['close_text']}” — Sergei Ryabkov"
    assert close["link"] == f"/-/quote/{ex['close']}" and close["author"] == "Sergei Ryabkov"
    assert "Reported by Al Jazeera, 2016-12-08" in close["content"]
    past = next(e for e in got if e["id"] == f"urn:quotetrack:{ex['past']}")
    assert "Reported by Al Jazeera, citing Interfax" in past["content"]


def test_reported_speech_is_never_in_quotation_marks_in_a_feed(tmp_path):
    from quotetrack import ids
    from quotetrack.pipeline import relink
    from quotetrack.store import open_store

    from ..helpers import article, attributed

    path = tmp_path / "quotes.db"
    store = open_store(path)
    text = "Ryabkov said the talks would continue in Geneva next week.\n"
    art = article(text, "indirect.txt", title="Talks to continue", publisher="Example Wire", date="2016-12-13")
    q = attributed(art, "the talks would continue in Geneva next week", "Ryabkov", "said", name="Sergei Ryabkov",
                   kind="indirect", resolution="surname")
    store.write_article(art, ids.article_id(art.sha256), [q], "test", {})
    relink(store)
    speaker = next(store.db.query("select speaker_id from quotes"))["speaker_id"]
    store.close()
    ds = make_datasette(path)
    (entry,) = entries(feed(ds, f"/quotes/speaker_feed.atom?speaker_id={speaker}"))
    assert entry["title"] == "Sergei Ryabkov said the talks would continue in Geneva next week"
    assert not set("“”\"") & set(entry["title"])


def test_an_outlets_feed_carries_what_it_published_and_what_came_through_it(site):
    ds, ex = site
    page = get(ds, f"/-/outlet/{ex['interfax']}").text
    url = f"/quotes/outlet_feed.atom?outlet_id={ex['interfax']}"
    assert f'type="application/atom+xml" title="Interfax: quotes (Atom)" href="{url}"' in page
    assert [e["id"] for e in entries(feed(ds, url))] == [f"urn:quotetrack:{ex['past']}"]
    published = entries(feed(ds, f"/quotes/outlet_feed.atom?outlet_id={ex['aljazeera']}"))
    assert {e["id"] for e in published} == {f"urn:quotetrack:{ex['close']}", f"urn:quotetrack:{ex['past']}"}


def test_an_empty_feed_is_a_clear_404(site):
    ds, _ = site
    response = get(ds, "/quotes/speaker_feed.atom?speaker_id=s-00000000")
    assert response.status_code == 404 and "No current quotes for this feed" in response.text
    assert get(ds, "/quotes/outlet_feed.atom?outlet_id=o-00000000").status_code == 404


def test_a_retired_speaker_id_keeps_its_feed(tmp_path):
    import sqlite3

    copy = tmp_path / "quotes.db"
    ex = build_site_db(copy)
    conn = sqlite3.connect(copy)
    conn.execute("insert into entity_redirects (old_id, new_id, kind, since) values (?, ?, 'speaker', '2026-12-01')",
                 ["s-00000000", ex["speaker"]])
    conn.commit()
    conn.close()
    got = entries(feed(make_datasette(copy), "/quotes/speaker_feed.atom?speaker_id=s-00000000"))
    assert len(got) == 6
