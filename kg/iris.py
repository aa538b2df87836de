"""Stable, readable IRIs.

An IRI is derived from what defines the thing (a name, a date and type, an article's identity),
never from a counter, so rebuilding or re-ingesting gives the same IRIs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 17)
def slugify(text: str, max_len: int = 80) -> str:
    """'Joint Sea-2014' -> 'joint-sea-2014'; 'Sergei Lavrov' -> 'sergei-lavrov'.

    Memoised: a build slugs the same names, dates and keys for every quad that mentions them.

    >>> slugify("Shanghai Cooperation Organization (SCO)")
    'shanghai-cooperation-organization-sco'
    >>> slugify("Xi Goweï")
    'xi-gowei'
    >>> slugify("the CCP's Military Commission") == slugify("the CCP’s Military Commission")
    True
    """
    norm = unicodedata.normalize("NFKD", text)
    # an apostrophe, straight or typographic, joins ("China's" -> "chinas", as "China’s" does)
    ascii_text = norm.encode("ascii", "ignore").decode("ascii").lower().replace("'", "")
    slug = _NON_SLUG.sub("-", ascii_text).strip("-")
    if not slug:  # e.g. a name only in Chinese characters
        slug = "x-" + short_hash(text)
    return slug[:max_len].rstrip("-")


def short_hash(*parts: str, length: int = 8) -> str:
    """A short, stable hex digest of the parts (for disambiguating slugs)."""
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


class IRIs:
    """Mints every IRI of the graph from one base (Settings.base_iri)."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.ontology = f"{self.base}/ontology#"
        self.resource = f"{self.base}/resource/"
        self.graph = f"{self.base}/graph/"

    def term(self, local: str) -> str:
        return self.ontology + local

    def entity(self, slug: str) -> str:
        return self.resource + slug

    def article(self, article_slug: str) -> str:
        return f"{self.resource}article/{article_slug}"

    def article_graph(self, article_slug: str) -> str:
        return f"{self.graph}article/{article_slug}"

    @property
    def ontology_graph(self) -> str:
        return self.graph + "ontology"

    @property
    def entities_graph(self) -> str:
        return self.graph + "entities"

    @property
    def shared_graph(self) -> str:
        """Statements several articles make (the same person's label, the journal): stored once."""
        return self.graph + "shared"

    @property
    def curated_graph(self) -> str:
        return self.graph + "curated"

    def node(self, kind: str, *key_parts: str) -> str:
        """IRI for an n-ary node (event, agreement, tenure, membership, amount, passage...).

        The slug is built from the defining key parts: node("event", "2017-09-03", "summit", "brics")
        -> <base>/resource/event/2017-09-03-summit-brics.
        """
        slug = "-".join(slugify(p, 60) for p in key_parts if p)
        return f"{self.resource}{kind}/{slug}"
