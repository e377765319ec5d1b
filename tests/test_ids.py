import re

from quotetrack import ids

ID_RE = re.compile(r"^q-[0-9a-hjkmnp-tv-z]{10}$")


def test_quote_ids_are_short_readable_and_derived_from_what_they_point_at():
    a = ids.quote_id("ab" * 32, 10, 20)
    assert ID_RE.match(a)
    assert a == ids.quote_id("ab" * 32, 10, 20)
    assert a != ids.quote_id("ab" * 32, 10, 21)
    assert a != ids.quote_id("cd" * 32, 10, 20)
    assert not set(a[2:]) & set("ilou")


def test_other_ids_have_their_prefixes():
    assert ids.article_id("ab" * 32).startswith("a-")
    assert ids.utterance_id("q-0123456789").startswith("u-")
    assert ids.entity_id("person", "sergei ryabkov").startswith("s-")
    assert ids.entity_id("outlet", "reuters").startswith("o-")


def test_no_collisions_over_many_spans():
    seen = {ids.quote_id("ab" * 32, s, s + n) for s in range(0, 3000, 3) for n in (5, 50, 500)}
    assert len(seen) == 3000
