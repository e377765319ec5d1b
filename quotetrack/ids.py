"""Stable, citable IDs.

A quote ID is derived from what it points at: the SHA-256 of the article text
and the character span of the quote's content, so that re-ingesting the same
corpus gives the same IDs, other articles never change an ID, and a changed
article gets new ones.

    quote_id = "q-" + base32(sha256(f"{article_sha256}:{start_char}:{end_char}"))[:10]

The alphabet is Crockford's base32 in lower case (digits and letters without
``i``, ``l``, ``o``, ``u``), so an ID read aloud or retyped from print cannot
confuse ``1``/``l`` or ``0``/``o``. Ten characters carry 50 bits: a collision
is unlikely below tens of millions of quotes, and the database refuses one
rather than overwrite (the ID is the primary key).

An utterance ID is derived the same way from the quote ID of its anchor, the
first quote ever stored for it, so it keeps pointing at the same statement as
articles are added. Entity IDs derive from an entity's type and canonical key.
"""

from __future__ import annotations

import hashlib

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
LENGTH = 10


def _digest(text: str, length: int = LENGTH) -> str:
    number = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    chars = []
    for _ in range(length):
        number, rest = divmod(number, 32)
        chars.append(ALPHABET[rest])
    return "".join(chars)


def quote_id(article_sha256: str, start_char: int, end_char: int) -> str:
    return "q-" + _digest(f"{article_sha256}:{start_char}:{end_char}")


def utterance_id(anchor_quote_id: str) -> str:
    return "u-" + _digest(f"utterance:{anchor_quote_id}")


def article_id(article_sha256: str) -> str:
    return "a-" + _digest(f"article:{article_sha256}")


def entity_id(kind: str, key: str) -> str:
    prefix = "o-" if kind == "outlet" else "s-"
    return prefix + _digest(f"{kind}:{key}", 8)
