"""The tests' one set of builders: records over real text, CoNLL-U from
compact parses, and the site's test database (:func:`build_site_db`)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from quotetrack import ids
from quotetrack.records import Article, Cue, Mention, ParsedDoc, Quote, ResolvedQuote

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
METADATA = ROOT / "metadata.yml"
#: the bundled models' parses of corpus/, as CoNLL-U (tests/fixtures/extract/README.md)
FIXTURE_PARSES = ROOT / "tests" / "fixtures" / "extract"


def span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def fixture_parse(art: Article) -> ParsedDoc:
    """The real parse of a corpus/ article, from tests/fixtures/extract (no model is loaded)."""
    from quotetrack.parse import read_conllu

    stem = Path(art.doc).stem
    return read_conllu(art.text, (FIXTURE_PARSES / f"{stem}.conllu").read_text(encoding="utf-8"))


def analysed_corpus() -> list[tuple[Article, list[ResolvedQuote]]]:
    """Each article of corpus/, in file order, with its quotes as
    :func:`quotetrack.pipeline.analyse` gives them from the article's real parse
    (no model is loaded)."""
    from quotetrack.corpus import read_article
    from quotetrack.pipeline import analyse

    result = []
    for path in sorted(CORPUS.glob("*.txt")):
        art = read_article(path)
        result.append((art, analyse(art, fixture_parse(art))))
    return result


class FixtureParser:
    """Parses the sample corpus's articles from their stored real parses; counts its calls."""

    models = "bundled"

    def __init__(self):
        self.calls = 0
        self.by_sha = {}
        for path in sorted(CORPUS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            self.by_sha[hashlib.sha256(text.encode("utf-8")).hexdigest()] = (FIXTURE_PARSES / f"{path.stem}.conllu")

    def versions(self):
        return {"fixture parses": "round 5"}

    def parse(self, text):
        from quotetrack.parse import read_conllu

        self.calls += 1
        fixture = self.by_sha[hashlib.sha256(text.encode("utf-8")).hexdigest()]
        return read_conllu(text, fixture.read_text(encoding="utf-8"))


def article(text: str, doc: str = "a.txt", **meta) -> Article:
    return Article(doc=doc, path=doc, text=text,
                   sha256=hashlib.sha256(text.encode()).hexdigest(), **meta)


def quote(text: str, content: str, speaker: str | None = None, cue: str | None = None,
          kind: str = "direct", after: int = 0, via: str | None = None, lemma: str | None = None,
          near_quote: bool = False, **extra) -> Quote:
    """A quote of ``content`` (its first occurrence from ``after``), with the first
    ``speaker``, ``cue`` and ``via`` words from ``after``, or with ``near_quote``
    the first ones after the quote (the usual order), else from ``after``."""
    start, end = span(text, content, after)

    def find(needle):
        if near_quote and needle in text[end:]:
            return span(text, needle, end)
        return span(text, needle, after)

    mention = None
    if speaker:
        s, e = find(speaker)
        mention = Mention(start_char=s, end_char=e, text=speaker)
    cue_rec = None
    if cue:
        s, e = find(cue)
        cue_rec = Cue(start_char=s, end_char=e, text=cue, lemma=lemma or cue)
    via_rec = None
    if via:
        s, e = find(via)
        via_rec = Mention(start_char=s, end_char=e, text=via)
    return Quote(kind=kind, start_char=start, end_char=end, text=content, speaker=mention,
                 cue=cue_rec, via_outlet=via_rec, rule="test", confidence=0.9, **extra)


def empty_doc(text: str) -> ParsedDoc:
    return ParsedDoc(text=text, sentences=())


def resolved(doc: str, text: str, speaker_name: str, speaker_type: str = "person",
             role: str | None = None, sha: str | None = None, kind: str = "direct") -> ResolvedQuote:
    q = Quote(kind=kind, start_char=0, end_char=len(text), text=text, rule="test", confidence=0.9)
    sha = sha or hashlib.sha256(f"{doc}{text}".encode()).hexdigest()
    return ResolvedQuote(quote_id=ids.quote_id(sha, 0, len(text)), doc=doc, quote=q,
                         speaker_name=speaker_name, speaker_type=speaker_type, speaker_role=role,
                         resolution="name")


def attributed(art: Article, content: str, speaker: str | None, cue: str | None, *,
               name: str | None, role: str | None = None, kind: str = "direct", via: str | None = None,
               resolution: str = "name", speaker_type: str = "person", after: int = 0) -> ResolvedQuote:
    """An article-level resolved quote of ``art``, its speaker and cue found after it (the cue's
    lemma is its last word: "was quoted as saying" -> "saying")."""
    from quotetrack.resolve.names import fold
    from quotetrack.resolve.outlets import channel_outlet, outlet_name

    q = quote(art.text, content, speaker, cue, kind=kind, after=after, via=via,
              lemma=cue.split()[-1] if cue else None, near_quote=True)
    channel = {} if via is None else dict(
        via_outlet_name=channel_outlet(via), via_how="named", via_outlet_mention=q.via_outlet,
        first_hand=None if not art.publisher else fold(outlet_name(art.publisher)) == fold(channel_outlet(via)))
    return ResolvedQuote(quote_id=ids.quote_id(art.sha256, q.start_char, q.end_char), doc=art.doc, quote=q,
                         speaker_name=name, speaker_role=role, speaker_type=speaker_type, resolution=resolution,
                         **channel)


def compact_conllu(*sentences: str) -> str:
    """CoNLL-U from compact hand-written parses: one word a line, ``form head
    deprel UPOS [lemma [XPOS]]`` (heads as 1-based word numbers; ``-`` for no XPOS)."""
    out = []
    for sent in sentences:
        rows = [line.split() for line in sent.strip().splitlines() if line.strip()]
        for i, row in enumerate(rows, 1):
            form, head, deprel, upos = row[:4]
            lemma = row[4] if len(row) > 4 else form.lower()
            xpos = row[5] if len(row) > 5 and row[5] != "-" else "_"
            out.append("\t".join([str(i), form, lemma, upos, xpos, "_", head, deprel, "_", "_"]))
        out.append("")
    return "\n".join(out) + "\n"


# -- the site's test database -------------------------------------------------------

SCRIPT_TEXT = (
    "Officials warn of <script>alert(1)</script> injections\n\n"
    "GENEVA, 10 December 2016\n\n"
    "\"Never trust <b>markup</b> & always escape it,\" an official said on Saturday.\n\n"
    "The statement was posted at <a href=\"x\">the site</a>.\n"
)
REVISED_TEXT = "Aid will reach the east of the city soon, Pawel Krzysiek said on Friday.\n"
CHANGING_V1 = (
    "Talks on Aleppo to resume\n\n"
    "\"The talks will continue in Geneva,\" Sergei Ryabkov said.\n\n"
    "\"We have nothing more to add today,\" he said.\n"
)
CHANGING_V2 = (
    "Talks on Aleppo to resume (updated)\n\n"
    "\"The talks will continue in Geneva,\" Sergei Ryabkov said on Monday.\n\n"
    "\"We will say more tomorrow,\" he said.\n"
)
WIRE_TEXT = (
    "Russia sees deal on Aleppo near\n\n"
    "MOSCOW, 9 December 2016 (Example Wire)\n\n"
    "\"We are close to reaching an understanding but I want to warn against too high expectations,\" "
    "Sergei Ryabkov told reporters in Moscow.\n"
)


def build_site_db(path: str | Path) -> dict:
    """A small quotetrack database, built with the real store API (``write_article``,
    ``relink``) from quotes over two corpus texts and a few of our own; returns the
    IDs and texts the tests look at."""
    # imported here: the other tests that use these builders need none of the pipeline
    from quotetrack.corpus import read_article
    from quotetrack.pipeline import relink
    from quotetrack.store import open_store

    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = open_store(path)
    out: dict = {}
    role = "Russian Deputy Foreign Minister"
    ryabkov = dict(name="Sergei Ryabkov", role=role)
    krzysiek = dict(name="Pawel Krzysiek", role="ICRC spokesman")
    close = "We are close to reaching an understanding, but I want to warn against high expectations"

    def store_article(art, quotes, version="test"):
        store.write_article(art, ids.article_id(art.sha256), quotes, version, {})
        return ids.article_id(art.sha256)

    # 1. Al Jazeera (a real corpus text): two Ryabkov quotes, one via Interfax
    aj = read_article(CORPUS / "000_fb29eb345b8b11e0.txt")
    q_close = attributed(aj, close, "Ryabkov", "added", resolution="surname", **ryabkov)
    q_past = attributed(aj, "In the past several days an intensive document exchange on the situation in Aleppo "
                        "has taken place", "Ryabkov", "was quoted as saying", resolution="surname",
                        via="the Interfax news agency", **ryabkov)
    out.update(aj_article=store_article(aj, [q_past, q_close]), close=q_close.quote_id, past=q_past.quote_id,
               close_text=q_close.quote.text, past_text=q_past.quote.text)

    # 2. Middle East Eye (a real corpus text): the same statement, word for word
    mee = read_article(CORPUS / "001_dd9580831763b974.txt")
    q_close2 = attributed(mee, close, "Ryabkov", "added", resolution="surname",
                          after=mee.text.index('"We are close'), **ryabkov)
    out.update(mee_article=store_article(mee, [q_close2]), close2=q_close2.quote_id)

    # 3. A wire story of our own with slightly different wording (a word-level diff)
    wire = article(WIRE_TEXT, "wire.txt", title="Russia sees deal on Aleppo near",
                   publisher="Example Wire", date="2016-12-09")
    q_wire = attributed(wire, "We are close to reaching an understanding but I want to warn against too high "
                        "expectations", "Sergei Ryabkov", "told", **ryabkov)
    store_article(wire, [q_wire])
    out.update(wire=q_wire.quote_id, wire_text=q_wire.quote.text)

    # 4. An article with markup in it, and an unresolved speaker
    esc = article(SCRIPT_TEXT, "script.txt", title="Officials warn of <script>alert(1)</script> injections",
                  publisher="Example Wire", date="2016-12-10")
    q_esc = attributed(esc, "Never trust <b>markup</b> & always escape it", "an official", "said",
                       name=None, resolution="unresolved", speaker_type="unknown")
    out.update(script_article=store_article(esc, [q_esc]), script=q_esc.quote_id, script_text=q_esc.quote.text)

    # 5. An article that changed: v1's quotes are superseded by v2's
    v1 = article(CHANGING_V1, "changing.txt", title="Talks on Aleppo to resume",
                 publisher="Example Wire", date="2016-12-11")
    v1_same = attributed(v1, "The talks will continue in Geneva", "Sergei Ryabkov", "said", **ryabkov)
    v1_gone = attributed(v1, "We have nothing more to add today", "he", "said", name="Sergei Ryabkov",
                         resolution="pronoun", after=CHANGING_V1.index("We have"))
    v2 = article(CHANGING_V2, "changing.txt", title="Talks on Aleppo to resume (updated)",
                 publisher="Example Wire", date="2016-12-11")
    v2_same = attributed(v2, "The talks will continue in Geneva", "Sergei Ryabkov", "said", **ryabkov)
    v2_new = attributed(v2, "We will say more tomorrow", "he", "said", name="Sergei Ryabkov",
                        resolution="pronoun", after=CHANGING_V2.index("We will"))
    out.update(old_article=store_article(v1, [v1_same, v1_gone]), new_article=store_article(v2, [v2_same, v2_new]),
               old_same=v1_same.quote_id, new_same=v2_same.quote_id, old_gone=v1_gone.quote_id)

    # 6. The same text analysed again by newer rules that read one quote shorter
    again = article(REVISED_TEXT, "again.txt", title="Aid convoy expected in Aleppo",
                    publisher="Example Wire", date="2016-12-12")
    long_ = attributed(again, "Aid will reach the east of the city soon", "Pawel Krzysiek", "said", **krzysiek)
    store_article(again, [long_], "rules 1")
    short = attributed(again, "Aid will reach the east", "Pawel Krzysiek", "said", **krzysiek)
    store_article(again, [short], "rules 2")
    out.update(revised=long_.quote_id, revised_to=short.quote_id)

    relink(store)
    rows = {r["id"]: r for r in store.db.query("select * from quotes")}
    out["speaker"] = rows[q_close.quote_id]["speaker_id"]
    out["interfax"] = rows[q_past.quote_id]["via_outlet_id"]
    out["aljazeera"] = next(store.db.query("select publisher_id from articles where id = ?",
                                           [out["aj_article"]]))["publisher_id"]
    out["utterance"] = rows[q_close.quote_id]["utterance_id"]
    store.close()
    return out


def sentences_doc(text: str, *sentences: str) -> ParsedDoc:
    """A document with the given sentence split and nothing more (each word a
    bare token): for rules that ask only where sentences begin and end."""
    from quotetrack.records import Sentence, Word

    out, position = [], 0
    for number, sentence in enumerate(sentences):
        start = text.index(sentence, position)
        words, cursor = [], start
        for i, token in enumerate(sentence.split()):
            s = text.index(token, cursor)
            cursor = s + len(token)
            words.append(Word(index=i, id=i + 1, text=token, lemma=token.lower(), upos="X", xpos=None,
                              feats=None, head=0 if i == 0 else 1, deprel="root" if i == 0 else "dep",
                              start_char=s, end_char=cursor))
        out.append(Sentence(index=number, words=tuple(words)))
        position = cursor
    return ParsedDoc(text=text, sentences=tuple(out))


class HashedWords:
    """A stand-in for the MiniLM sentence encoder in tests that load no models:
    each word (normalised) adds a fixed pseudo-random direction, so texts that
    share words are close and the vectors are deterministic. Its vectors are
    stored under their own key, never mistaken for MiniLM's."""

    key = "test/hashed-words"

    def encode(self, texts):
        import numpy as np

        from quotetrack.utterances.embed import DIM
        from quotetrack.utterances.wording import normalise

        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in normalise(text).split():
                seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:4], "big")
                out[row] += np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out

    @classmethod
    def shared(cls) -> "HashedWords":
        return _HASHED


_HASHED = HashedWords()


# -- inputs in the formats a corpus comes in ------------------------------------------

ARTICLE_TITLE = "Geneva talks on Aleppo to resume"
ARTICLE_PARAGRAPHS = (
    "Diplomats said on Thursday that talks on a truce in Aleppo would resume in Geneva next week.",
    '"We are ready to meet again on Monday," Sergei Ryabkov told reporters in Moscow.',
    "A spokesman for the United Nations said the talks would include aid convoys.",
)
#: the article as a .txt file holds it (title, blank line, paragraphs)
ARTICLE_TEXT = "\n\n".join((ARTICLE_TITLE, *ARTICLE_PARAGRAPHS)) + "\n"


def news_page(title: str = ARTICLE_TITLE, paragraphs=ARTICLE_PARAGRAPHS, *, site: str | None = "Example News",
              published: str | None = "2016-12-08T14:30:00+03:00", author: str | None = "Jane Doe",
              canonical: str | None = "https://news.example.org/2016/12/08/geneva-talks", lang: str = "en",
              headline: bool = True) -> str:
    """A news page of our own, with the boilerplate a real one has around its
    article: navigation, a cookie banner, a related-links box and a footer."""
    meta = []
    if site:
        meta.append(f'<meta property="og:site_name" content="{site}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if author:
        meta.append(f'<meta name="author" content="{author}">')
    if canonical:
        meta.append(f'<link rel="canonical" href="{canonical}">')
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    h1 = f"<h1>{title}</h1>" if headline else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | {site or "News"}</title>
{chr(10).join(meta)}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner" id="cookie-consent">We use cookies to improve your experience. Accept all cookies to continue reading.</div>
<main><article>{h1}
{body}
</article></main>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Markets rally on hopes of a rate cut</a></li>
<li><a href="/b">Storm closes schools across the north</a></li></ul></aside>
<footer><p>Copyright 2016 Example News Ltd. All rights reserved.</p></footer>
</body></html>
"""


def warc_record(uri: str, body: bytes, *, content_type: str = "text/html; charset=utf-8",
                status: str = "200 OK", date: str = "2016-12-09T01:02:03Z", kind: str = "response") -> bytes:
    """One WARC record (uncompressed) of an HTTP response, written with fastwarc."""
    from fastwarc.warc import WarcRecord, WarcRecordType
    import io

    http = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
            .encode() + body)
    record = WarcRecord()
    record.init_headers(getattr(WarcRecordType, kind))
    record.headers["WARC-Target-URI"] = uri
    record.headers["WARC-Date"] = date
    record.headers["Content-Type"] = "application/http; msgtype=response"
    record.set_bytes_content(http if kind == "response" else b"")
    out = io.BytesIO()
    record.write(out)
    return out.getvalue()


def warc_gz(*records: bytes) -> bytes:
    """A .warc.gz: each record its own gzip member, as web archives are written."""
    import gzip

    return b"".join(gzip.compress(r) for r in records)
