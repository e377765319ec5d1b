"""Article.published and date_precision: the day, or the day and time (in UTC
where the zone is known), from the text's header or the sidecar."""

from pathlib import Path

import pytest

from quotetrack.corpus import infer_metadata, read_article, read_corpus
from quotetrack.errors import ArticleError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def when(line: str) -> tuple:
    """(date, published, date_precision) the header line ``line`` gives."""
    found = infer_metadata(f"Headline\n\n{line}\n\nA body sentence, said someone on Thursday.\n")
    return found.get("date"), found.get("published"), found.get("date_precision")


# --------------------------------------------------------------------------
# The sample corpus, as a reader sees it
# --------------------------------------------------------------------------


def test_the_sample_articles_published_as_their_headers_say():
    articles, errors = read_corpus(CORPUS)
    assert errors == []
    found = {a.doc: (a.date, a.published, a.date_precision, a.provenance.get("published")) for a in articles}
    assert found == {
        # "- 09.12.2016" comes first, but the outlet line "Al Jazeera, 08 Dec 2016"
        # gives the date (as before), and it has no time
        "000_fb29eb345b8b11e0.txt": ("2016-12-08", "2016-12-08", "day", "text"),
        # "Last update:" / "Thursday 8 December 2016 14:30 UTC"
        "001_dd9580831763b974.txt": ("2016-12-08", "2016-12-08T14:30:00+00:00", "time", "text"),
        # "World Monday 05/December/2016 20:06 PM": no zone, a local time; 20:06 PM
        # is read on the 24-hour clock
        "002_c0f3d0dca708e4af.txt": ("2016-12-05", "2016-12-05T20:06:00", "time-local", "text"),
        # no date line (a caption's date is no publication date)
        "003_23e9dcc2e6ed99e6.txt": (None, None, None, None),
        "004_a649bcd0f0e4f320.txt": (None, None, None, None),
    }


def test_read_article_gives_published_without_a_sidecar():
    article = read_article(CORPUS / "001_dd9580831763b974.txt")
    assert (article.date, article.published, article.date_precision) == (
        "2016-12-08", "2016-12-08T14:30:00+00:00", "time")


# --------------------------------------------------------------------------
# From the text
# --------------------------------------------------------------------------


@pytest.mark.parametrize("line, expected", [
    # day only
    ("Al Jazeera, 08 Dec 2016", ("2016-12-08", "2016-12-08", "day")),
    ("Published December 8, 2016", ("2016-12-08", "2016-12-08", "day")),
    ("- 09.12.2016", ("2016-12-09", "2016-12-09", "day")),
    # a time and a zone: in UTC
    ("Published 8 December 2016, 14:30 GMT", ("2016-12-08", "2016-12-08T14:30:00+00:00", "time")),
    ("Thursday 8 December 2016 14:30 UTC", ("2016-12-08", "2016-12-08T14:30:00+00:00", "time")),
    ("2016-12-08T14:30:00Z", ("2016-12-08", "2016-12-08T14:30:00+00:00", "time")),
    ("2016-12-08T14:30:00+03:00", ("2016-12-08", "2016-12-08T11:30:00+00:00", "time")),
    ("8 December 2016 14:30 +0300", ("2016-12-08", "2016-12-08T11:30:00+00:00", "time")),
    ("8 December 2016 14:30 UTC+3", ("2016-12-08", "2016-12-08T11:30:00+00:00", "time")),
    ("8 December 2016 14:30 GMT+05:30", ("2016-12-08", "2016-12-08T09:00:00+00:00", "time")),
    ("8 Dec 2016 at 9:05 CET", ("2016-12-08", "2016-12-08T08:05:00+00:00", "time")),
    ("8 December 2016 14:30 BST", ("2016-12-08", "2016-12-08T13:30:00+00:00", "time")),
    ("8 December 2016 14:30 AST", ("2016-12-08", "2016-12-08T11:30:00+00:00", "time")),  # Arabia
    ("Al Jazeera, 08 Dec 2016 14:30 GMT", ("2016-12-08", "2016-12-08T14:30:00+00:00", "time")),
    # the 12-hour clock and the US zones
    ("Dec 8, 2016 2:30 p.m. ET", ("2016-12-08", "2016-12-08T19:30:00+00:00", "time")),  # ET in winter: EST
    ("June 8, 2016 2:30 p.m. ET", ("2016-06-08", "2016-06-08T18:30:00+00:00", "time")),  # ... in summer: EDT
    ("Updated 10:42 AM EST, Thu December 8, 2016", ("2016-12-08", "2016-12-08T15:42:00+00:00", "time")),
    ("Updated 10:42 AM EDT, Thursday, June 8, 2016", ("2016-06-08", "2016-06-08T14:42:00+00:00", "time")),
    ("Posted 9:15, December 8, 2016", ("2016-12-08", "2016-12-08T09:15:00", "time-local")),
    ("Dec 8, 2016 2 pm PST", ("2016-12-08", "2016-12-08T22:00:00+00:00", "time")),
    # crossing midnight: published moves to the 9th, the date stays as written
    ("8 December 2016 23:30 EST", ("2016-12-08", "2016-12-09T04:30:00+00:00", "time")),
    ("9 December 2016 01:30 CET", ("2016-12-09", "2016-12-09T00:30:00+00:00", "time")),
    ("9 December 2016 00:30 CET", ("2016-12-09", "2016-12-08T23:30:00+00:00", "time")),
    # no zone: the time as written
    ("08/12/2016 14:30", ("2016-12-08", "2016-12-08T14:30:00", "time-local")),
    ("World Monday 05/December/2016 20:06 PM", ("2016-12-05", "2016-12-05T20:06:00", "time-local")),
    ("8 December 2016 14:30:15", ("2016-12-08", "2016-12-08T14:30:15", "time-local")),
    ("8 December 2016 - 14:30", ("2016-12-08", "2016-12-08T14:30:00", "time-local")),
    # a zone the lexicon does not know (or not in capitals) leaves the time local
    ("8 December 2016 14:30 XYZT", ("2016-12-08", "2016-12-08T14:30:00", "time-local")),
    ("8 December 2016 14:30 est", ("2016-12-08", "2016-12-08T14:30:00", "time-local")),
    # the 12-hour clock: 12 am is midnight, 12 pm noon
    ("Dec 8, 2016 12:15 a.m.", ("2016-12-08", "2016-12-08T00:15:00", "time-local")),
    ("Dec 8, 2016 12:15 pm", ("2016-12-08", "2016-12-08T12:15:00", "time-local")),
    ("Dec 8, 2016 1:05 PM", ("2016-12-08", "2016-12-08T13:05:00", "time-local")),
    ("Dec 8, 2016 11:59 am", ("2016-12-08", "2016-12-08T11:59:00", "time-local")),
    ("Dec 8, 2016 0:30 am", ("2016-12-08", "2016-12-08T00:30:00", "time-local")),
    # a time that contradicts itself, or is none, is dropped: the day stays
    ("8 December 2016 20:06 AM", ("2016-12-08", "2016-12-08", "day")),
    ("8 December 2016 0:30 PM", ("2016-12-08", "2016-12-08", "day")),
    ("8 December 2016 25:10", ("2016-12-08", "2016-12-08", "day")),
    ("8 December 2016 12 dead", ("2016-12-08", "2016-12-08", "day")),
    # slashes: day first, unless only the second number can be a day
    ("12/25/2016 9 pm", ("2016-12-25", "2016-12-25T21:00:00", "time-local")),
])
def test_the_header_line_gives_the_date_and_time(line, expected):
    assert when(line) == expected


def test_a_time_belongs_to_its_date_only():
    # a time on another line, or after another date, is not the date's time
    assert when("8 December 2016\n14:30 GMT") == ("2016-12-08", "2016-12-08", "day")
    assert when("Posted 3 December 2016 Updated 9 December 2016 10:00") == ("2016-12-03", "2016-12-03", "day")
    assert when("8 December 2016 Reuters 14:30") == ("2016-12-08", "2016-12-08", "day")
    # a word between the time and the date that is no day of the week cuts them apart
    assert when("10:42 AM EST, Reuters December 8, 2016") == ("2016-12-08", "2016-12-08", "day")
    # a time in the body is never taken
    found = infer_metadata("Headline\n8 December 2016\n\nThe strike came at 14:30 GMT, officials said.\n")
    assert (found["published"], found["date_precision"]) == ("2016-12-08", "day")


def test_a_last_update_label_and_its_date_line():
    found = infer_metadata("Headline\nLast update: \nThursday 8 December 2016 14:30 UTC\n\nBody.\n")
    assert (found["date"], found["published"], found["date_precision"]) == (
        "2016-12-08", "2016-12-08T14:30:00+00:00", "time")


def test_with_several_dates_the_time_comes_with_the_date_chosen():
    # the outlet line's date is the date, as before; the first date line's time is not its time
    found = infer_metadata("Headline\n\n- 09.12.2016 10:00 GMT\n\nAl Jazeera, 08 Dec 2016\n\nBody.\n")
    assert (found["date"], found["published"], found["date_precision"]) == ("2016-12-08", "2016-12-08", "day")
    # no outlet line: the first date, with its time
    found = infer_metadata("Headline\n\n- 09.12.2016 10:00 GMT\n\n08 Dec 2016 11:00 GMT\n\nBody.\n")
    assert (found["date"], found["published"]) == ("2016-12-09", "2016-12-09T10:00:00+00:00")


def test_an_outlet_line_with_more_than_a_time_is_no_outlet_line():
    found = infer_metadata("Headline\n\nAl Jazeera, 08 Dec 2016 and then some words\n\nBody.\n")
    assert "publisher" not in found
    assert found["published"] == "2016-12-08"


def test_no_date_no_published():
    found = infer_metadata("Just a headline\nAt 14:30 GMT a body sentence said nothing.\n")
    assert found == {"title": "Just a headline"}


# --------------------------------------------------------------------------
# From the sidecar
# --------------------------------------------------------------------------


def sidecar(tmp_path, rows: str, text: str = "Headline\n\nBody.\n") -> dict:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    (tmp_path / "articles.csv").write_text(rows, encoding="utf-8")
    articles, errors = read_corpus(tmp_path)
    assert errors == []
    return {a.doc: (a.date, a.published, a.date_precision, a.provenance.get("published")) for a in articles}


@pytest.mark.parametrize("cells, expected", [
    ("2016-12-08,", ("2016-12-08", "2016-12-08", "day")),
    ("2016-12-08T14:30:00+03:00,", ("2016-12-08", "2016-12-08T11:30:00+00:00", "time")),
    ("2016-12-08T14:30:00Z,", ("2016-12-08", "2016-12-08T14:30:00+00:00", "time")),
    ("2016-12-08T14:30Z,", ("2016-12-08", "2016-12-08T14:30:00+00:00", "time")),
    ("2016-12-08T14:30:00.250-0500,", ("2016-12-08", "2016-12-08T19:30:00+00:00", "time")),
    ("2016-12-08T23:30:00-05:00,", ("2016-12-08", "2016-12-09T04:30:00+00:00", "time")),
    ("2016-12-08T14:30,", ("2016-12-08", "2016-12-08T14:30:00", "time-local")),
    ("2016-12-08,14:30", ("2016-12-08", "2016-12-08T14:30:00", "time-local")),
    ("2016-12-08,14:30 UTC", ("2016-12-08", "2016-12-08T14:30:00+00:00", "time")),
    ("2016-12-08,2:30 pm EST", ("2016-12-08", "2016-12-08T19:30:00+00:00", "time")),
    ("2016-12-08,2:30 PM est", ("2016-12-08", "2016-12-08T19:30:00+00:00", "time")),
    ("2016-12-08,11:30 pm EST", ("2016-12-08", "2016-12-09T04:30:00+00:00", "time")),
    ("2016-12-08,12:05 am", ("2016-12-08", "2016-12-08T00:05:00", "time-local")),
    ("2016-12-08,14:30+03:00", ("2016-12-08", "2016-12-08T11:30:00+00:00", "time")),
    ("2016-12-08,14:30 GMT+3", ("2016-12-08", "2016-12-08T11:30:00+00:00", "time")),
    ("2016-06-08,2:30 pm ET", ("2016-06-08", "2016-06-08T18:30:00+00:00", "time")),
])
def test_the_sidecar_date_and_time(tmp_path, cells, expected):
    found = sidecar(tmp_path, f"file,date,time\na.txt,{cells}\n")
    assert found["a.txt"] == (*expected, "sidecar")
    assert found["b.txt"] == (None, None, None, None)


def test_a_sidecar_day_takes_the_time_the_text_gives_that_day(tmp_path):
    text = "Headline\nLast update:\nThursday 8 December 2016 23:30 EST\n\nBody.\n"
    found = sidecar(tmp_path, "file,date\na.txt,2016-12-08\nb.txt,2016-12-07\n", text)
    assert found["a.txt"] == ("2016-12-08", "2016-12-09T04:30:00+00:00", "time", "text")
    # another day than the text's: the sidecar's day, and no time of the text's
    assert found["b.txt"] == ("2016-12-07", "2016-12-07", "day", "sidecar")


def test_a_sidecar_time_wins_over_the_texts(tmp_path):
    text = "Headline\nThursday 8 December 2016 14:30 UTC\n\nBody.\n"
    found = sidecar(tmp_path, "file,date,time\na.txt,2016-12-08,16:00 UTC\n", text)
    assert found["a.txt"] == ("2016-12-08", "2016-12-08T16:00:00+00:00", "time", "sidecar")
    assert found["b.txt"] == ("2016-12-08", "2016-12-08T14:30:00+00:00", "time", "text")


@pytest.mark.parametrize("rows, message", [
    ("file,date\na.txt,8 Dec 2016\n",
     "line 2: date '8 Dec 2016' for a.txt is not YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM"),
    ("file,date\na.txt,2016-12-08\nb.txt,2016-13-08T10:00\n", "line 3: date '2016-13-08T10:00' for b.txt is not"),
    ("file,date\na.txt,2016-12-08T24:10Z\n", "line 2: date '2016-12-08T24:10Z' for a.txt is not"),
    ("file,date\na.txt,2016-12-08T10:00+25:00\n", "line 2: date '2016-12-08T10:00+25:00' for a.txt is not"),
    ("file,date\na.txt,2016-12-08 10:00\n", "line 2: date '2016-12-08 10:00' for a.txt is not"),
    ("file,date,time\na.txt,2016-12-08,25:00\n",
     "line 2: time '25:00' for a.txt is not HH:MM[:SS] or a 12-hour time (2:30 pm), with an optional zone"),
    ("file,date,time\na.txt,2016-12-08,soon\n", "line 2: time 'soon' for a.txt is not HH:MM[:SS]"),
    ("file,date,time\na.txt,2016-12-08,20:06 AM\n", "line 2: time '20:06 AM' for a.txt is not HH:MM[:SS]"),
    ("file,date,time\na.txt,2016-12-08,14:30 XYZ\n",
     "line 2: time '14:30 XYZ' for a.txt: unknown time zone 'XYZ' (the known abbreviations are in the "
     "lexicon's time_zones.csv)"),
    ("file,date,time\na.txt,,14:30\n", "line 2: time '14:30' for a.txt needs a date in the date column"),
    ("file,date,time\na.txt,2016-12-08T10:00Z,14:30\n",
     "line 2: a.txt has a time both in its date ('2016-12-08T10:00Z') and in the time column ('14:30')"),
])
def test_a_bad_sidecar_value_names_the_file_the_line_and_the_value(tmp_path, rows, message):
    (tmp_path / "a.txt").write_text("Headline\n", encoding="utf-8")
    (tmp_path / "articles.csv").write_text(rows, encoding="utf-8")
    with pytest.raises(ArticleError) as error:
        read_corpus(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / 'articles.csv'}: {message}")


def test_the_time_column_is_allowed_and_others_are_not(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n", encoding="utf-8")
    (tmp_path / "articles.csv").write_text("file,date,hour\na.txt,2016-12-08,14\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"allowed: file, title, publisher, date, time, url"):
        read_corpus(tmp_path)


def test_read_article_with_a_day_from_its_caller():
    article = read_article(CORPUS / "004_a649bcd0f0e4f320.txt", {"date": "2016-12-11"})
    assert (article.date, article.published, article.date_precision) == ("2016-12-11", "2016-12-11", "day")
    assert article.provenance["published"] == "sidecar"


def test_an_article_takes_only_the_known_precisions():
    from quotetrack.records import DATE_PRECISIONS, Article

    assert DATE_PRECISIONS == ("day", "time", "time-local")
    Article(doc="a.txt", path="a.txt", text="x", sha256="0", published="2016-12-08", date_precision="day")
    with pytest.raises(ValueError):
        Article(doc="a.txt", path="a.txt", text="x", sha256="0", published="2016-12-08", date_precision="minute")
