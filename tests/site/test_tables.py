"""The table pages: the quotes table's curated default view and what it hides,
article texts cut short, canned query pickers and the database page's list."""

from __future__ import annotations

import asyncio
import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from quotetrack.site.tables import QUOTE_COLUMNS, TEXT_CELL_CHARS

from ..helpers import article, attributed
from .test_site import make_datasette

LONG = " ".join(["The city was quiet on Monday as talks went on."] * 12)
TEXT_A = (f'Deal near, envoy says\n\n"We are close to a deal," Lavrov said on Monday.\n\n'
          f"The meeting between Kerry and Lavrov was confirmed.\n\n{LONG}\n")
TEXT_B = 'Talks resume\n\n"We will talk again," Kerry said.\n'
TEXT_C = 'No date here\n\n"Nothing is agreed," Lavrov said.\n'


def get(ds, path):
    async def run():
        return await ds.client.get(path)

    return asyncio.run(run())


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from quotetrack import ids
    from quotetrack.pipeline import relink
    from quotetrack.store import open_store

    path = tmp_path_factory.mktemp("tables") / "quotes.db"
    store = open_store(path)
    a = article(TEXT_A, "a.txt", title="Deal near, envoy says", publisher="MEE", date="2016-12-05")
    b = article(TEXT_B, "b.txt", title="Talks resume", publisher="Example Wire", date="2016-12-08")
    c = article(TEXT_C, "c.txt", title="No date here", publisher="Example Wire")
    close = attributed(a, "We are close to a deal,", "Lavrov", "said", name="Sergei Lavrov")
    # reported speech whose speaker was not found: the class measured as often wrong
    meeting = attributed(a, "The meeting between Kerry and Lavrov", None, "confirmed", name=None,
                         kind="indirect", resolution="unresolved", speaker_type="unknown")
    talk = attributed(b, "We will talk again,", "Kerry", "said", name="John Kerry")
    nothing = attributed(c, "Nothing is agreed,", "Lavrov", "said", name="Sergei Lavrov")
    for art, quotes in ((a, [close, meeting]), (b, [talk]), (c, [nothing])):
        store.write_article(art, ids.article_id(art.sha256), quotes, "test", {})
    relink(store)
    store.close()
    ids_ = dict(close=close.quote_id, meeting=meeting.quote_id, talk=talk.quote_id, nothing=nothing.quote_id)
    return make_datasette(path), ids_


def _row_ids(page: str) -> list[str]:
    return re.findall(r'<td class="col-id[^"]*"[^>]*><a href="[^"]*">(q-[0-9a-z]{10})</a>', page)


def test_the_quotes_table_opens_on_the_curated_view(tables):
    ds, q = tables
    response = get(ds, "/quotes/quotes")
    assert response.status_code == 302
    target = response.headers["location"]
    params = parse_qsl(urlsplit(target).query)
    assert [v for k, v in params if k == "_col"] == list(QUOTE_COLUMNS)
    page = get(ds, target).text
    headers = re.findall(r'<th [^>]*data-column="([a-z_]+)"', page)
    assert headers == ["id", *QUOTE_COLUMNS]
    # newest first, a missing date last; the often-wrong class hidden
    assert _row_ids(page) == [q["talk"], q["close"], q["nothing"]]
    # publisher and speaker by name, never the raw publisher string
    assert "Middle East Eye" in page and ">MEE<" not in page
    # the JSON and other query strings are not redirected
    assert get(ds, "/quotes/quotes.json").status_code == 200
    assert get(ds, "/quotes/quotes?_sort=id").status_code == 200


def test_hidden_quotes_say_why_and_one_click_shows_them(tables):
    ds, q = tables
    page = get(ds, get(ds, "/quotes/quotes").headers["location"]).text
    notice = page[page.index('class="qt-table-notice"'):]
    notice = notice[:notice.index("</div>")]
    assert "1 quote hidden" in notice and "indirect, no speaker:" in notice and "PolNeAR train+dev" in notice
    show = re.search(r'<a href="([^"]+)">Show them</a>', notice).group(1).replace("&amp;", "&")
    shown = get(ds, show).text
    assert q["meeting"] in _row_ids(shown)
    assert "Hide them" in shown
    # the rules table has the measurements and the reason
    rules = get(ds, "/quotes/rules.json?_shape=objects&rule=indirect,+no+speaker").json()["rows"]
    assert rules and rules[0]["hidden"] and rules[0]["precision"] < 0.75


def test_facets_of_the_quotes_table(tables):
    ds, _ = tables
    data = get(ds, "/quotes/quotes.json?_size=0").json()
    assert {"publisher_id", "speaker_id", "kind", "via_outlet_id", "date"} <= set(data["facet_results"])
    publishers = {f["label"]: f["count"] for f in data["facet_results"]["publisher_id"]["results"]}
    assert publishers == {"Example Wire": 2, "Middle East Eye": 2}
    dates = {f["value"]: f["count"] for f in data["facet_results"]["date"]["results"]}
    assert dates == {"2016-12-05": 2, "2016-12-08": 1}


def test_article_texts_are_cut_short_in_tables(tables):
    ds, _ = tables
    page = get(ds, "/quotes/articles").text
    assert LONG not in page
    cell = re.search(r'<span class="qt-truncated"[^>]*>(.*?)</span>', page, re.S).group(1)
    assert cell.endswith("&nbsp;…") and len(html.unescape(cell)) <= TEXT_CELL_CHARS + 2


def test_the_quote_context_view_names_the_publisher_by_its_outlet(tables):
    ds, q = tables
    rows = get(ds, f"/quotes/quote_context.json?_shape=objects&id={q['close']}").json()["rows"]
    assert rows[0]["publisher"] == "Middle East Eye" and rows[0]["date"] == "2016-12-05"


def test_canned_query_parameters_offer_their_values(tables):
    ds, _ = tables
    page = get(ds, "/quotes/quotes_by_speaker").text
    listed = re.search(r'<datalist id="qt-param-speaker"[^>]*data-qt-example="([^"]+)"[^>]*>(.*?)</datalist>',
                       page, re.S)
    assert listed.group(1) == "Sergei Lavrov"  # the most quoted first
    assert re.findall(r'<option value="([^"]+)"', listed.group(2)) == ["Sergei Lavrov", "John Kerry"]
    assert 'id="qt-param-utterance"' in get(ds, "/quotes/utterance_trail").text
    # only the query's own parameters get a picker (each is a query over the quotes)
    assert "qt-param-outlet" not in page and "qt-param-utterance" not in page
    assert "<datalist" not in get(ds, "/quotes/most_quoted_speakers").text
    typed = get(ds, "/quotes?sql=select+id+from+outlets+where+name+like+:outlet&outlet=").text
    assert 'id="qt-param-outlet"' in typed and "qt-param-speaker" not in typed


def test_the_database_page_lists_queries_with_their_descriptions(tables):
    ds, _ = tables
    page = get(ds, "/quotes").text
    listing = page[page.index('<dl class="qt-query-list">'):]
    assert "Quotes by speaker" in listing
    assert "Every current quote of the speakers whose name contains" in listing
