from pathlib import Path

import pytest

from quotetrack.corpus import MAX_ARTICLE_BYTES, infer_metadata, read_article, read_corpus
from quotetrack.errors import ArticleError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_sample_corpus_metadata_is_read_from_the_text():
    articles, errors = read_corpus(CORPUS)
    assert errors == []
    found = {a.doc: (a.title, a.publisher, a.date) for a in articles}
    assert found == {
        "000_fb29eb345b8b11e0.txt": ("US AND RUSSIA 'CLOSE' TO DEAL ON SYRIA'S ALEPPO", "Al Jazeera", "2016-12-08"),
        "001_dd9580831763b974.txt": ("Aleppo offensive: Russia and US 'close' to deal on Aleppo, says Moscow", "MEE", "2016-12-08"),
        "002_c0f3d0dca708e4af.txt": ("Russia to start talks with US on Aleppo rebel withdrawal", "Times News Service", "2016-12-05"),
        # a photo caption's date is not a publication date, and no outlet is named
        "003_23e9dcc2e6ed99e6.txt": ("Turkish, Russian leaders discuss Aleppo truce", None, None),
        "004_a649bcd0f0e4f320.txt": ("Russia says no safe exit for Aleppo rebels proposed", "Al Jazeera", None),
    }
    for a in articles:
        if a.publisher:
            assert a.text[slice(*a.publisher_span)] == a.publisher
            assert a.provenance["publisher"] == "text"


def test_article_text_is_kept_exactly_as_read(tmp_path):
    raw = "Title\r\n\r\n\u201cQuoted,\u201d she said.\r\n"
    (tmp_path / "a.txt").write_bytes(raw.encode("utf-8"))
    article = read_article(tmp_path / "a.txt")
    assert article.text == raw
    assert len(article.sha256) == 64


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Headline\n\nBEIRUT (Reuters) - The army said on Monday ...", {"publisher": "Reuters"}),
        ("Headline\nBy: Times News Service\nText.", {"publisher": "Times News Service"}),
        ("Headline\nSome text.\n\nSource: Al Jazeera, News Agencies\n", {"publisher": "Al Jazeera"}),
        ("Headline\nLast update:\nThursday 8 December 2016 14:30 UTC\n", {"date": "2016-12-08"}),
        ("Headline\nPublished December 8, 2016\n", {"date": "2016-12-08"}),
        ("Headline\n- 09.12.2016\n", {"date": "2016-12-09"}),
    ],
)
def test_inferred_metadata(text, expected):
    found = infer_metadata(text)
    for key, value in expected.items():
        assert found[key] == value


def test_nothing_is_invented_when_the_text_states_nothing():
    found = infer_metadata("Just a headline\nAnd a body sentence that mentions nobody in particular.\n")
    assert found == {"title": "Just a headline"}


def test_sidecar_metadata_wins(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nSource: Al Jazeera\n\nBody.", encoding="utf-8")
    (tmp_path / "articles.csv").write_text(
        "file,title,publisher,date,url\na.txt,Real title,Reuters,2016-12-08,https://example.org/a\n",
        encoding="utf-8",
    )
    [article], errors = read_corpus(tmp_path)
    assert errors == []
    assert (article.title, article.publisher, article.date, article.url) == (
        "Real title", "Reuters", "2016-12-08", "https://example.org/a")
    assert article.provenance == {"title": "sidecar", "publisher": "sidecar", "date": "sidecar", "url": "sidecar",
                                  "published": "sidecar"}
    assert (article.published, article.date_precision) == ("2016-12-08", "day")


def test_sidecar_errors_name_the_file(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n", encoding="utf-8")
    (tmp_path / "articles.csv").write_text("file,date\na.txt,8 Dec 2016\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"articles\.csv: line 2: date '8 Dec 2016' for a\.txt is not YYYY-MM-DD"):
        read_corpus(tmp_path)
    (tmp_path / "articles.csv").write_text("file,section\na.txt,x\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="unknown metadata columns"):
        read_corpus(tmp_path)


def test_bad_files_are_reported_and_do_not_stop_the_others(tmp_path):
    (tmp_path / "good.txt").write_text("Headline\n\nA sentence.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "big.txt").write_bytes(b"a" * (MAX_ARTICLE_BYTES + 1))
    articles, errors = read_corpus(tmp_path)
    assert [a.doc for a in articles] == ["good.txt"]
    messages = sorted(str(e) for e in errors)
    assert len(messages) == 4
    assert any("big.txt: too large" in m for m in messages)
    assert any("binary.txt: binary file" in m for m in messages)
    assert any("empty.txt: empty file" in m for m in messages)
    assert any("latin1.txt: not valid UTF-8" in m for m in messages)


def test_a_directory_without_articles_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="no articles"):
        read_corpus(tmp_path)
    with pytest.raises(ArticleError, match="not a directory"):
        read_corpus(tmp_path / "missing")
