"""The gate every query passes before it reaches a store: size, nesting, update detection, SERVICE.

pyoxigraph follows ``SERVICE <iri>`` over HTTP and cannot be told not to, and it overflows its stack
on very deeply nested queries, so both are stopped here. The per-request cost matters (this runs on
every cache miss), hence the layering:

1. one pass of a small tokenizer (strings, IRIs and comments are told apart from keywords) gives the
   query form, update keywords, ``FROM`` clauses and the normalised text used as cache key;
2. only when the casefolded, unescaped text contains ``service`` outside IRIs (prologues often
   hold ``sparql-service-description``) is rdflib's SPARQL parser (2-10 ms) asked for the
   ``ServiceGraphPattern`` nodes (prefixed names and ``BASE`` resolved by the parser);
3. when rdflib cannot parse the query (RDF 1.2 syntax, recursion), a conservative textual gate
   accepts only ``SERVICE [SILENT] <absolute allowed IRI>`` and refuses everything else.

A query whose text shows more SERVICE keywords than the parser found is refused too, so a parser
disagreement can only make the gate stricter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from kg.errors import BadRequest, Forbidden, PayloadTooLarge

QUERY_FORMS = frozenset({"select", "ask", "construct", "describe"})
UPDATE_KEYWORDS = frozenset({"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with"})

_TOKEN = re.compile(
    r'''(?P<lstr>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\''(?:[^'\\]|\\.|'(?!''))*'\'\'')'''
    r'''|(?P<str>"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')'''
    r'''|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'''
    r'''|(?P<comment>\#[^\n\r]*)'''
    r'''|(?P<ws>\s+)'''
    r'''|(?P<word>[?$]?(?:[\w\-.:%\u00B7\u203F\u2040]|\\[_~.\-!$&'()*+,;=/?#@%])+)'''
    r'''|(?P<other>.)''',
    re.S,
)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_BRACKETS = re.compile(r"[^(){}\[\]]+")
_SERVICE_TEXT = re.compile(r"service\s+(?:silent\s+)?(<[^<>\s]*>)", re.I)
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


@dataclass(frozen=True)
class QueryInfo:
    """What the gate learnt about one query (computed once, reused by the route and the engine)."""

    text: str
    normalized: str
    form: str | None  # "select" | "ask" | "construct" | "describe" | None when not recognisable
    is_update: bool
    has_dataset_clause: bool  # FROM / FROM NAMED present: the query chooses its own dataset
    services: tuple[str, ...] = field(default=())


def unescape_uchars(text: str) -> str:
    r"""Apply SPARQL's \uXXXX / \UXXXXXXXX codepoint escapes (the grammar says: before parsing)."""
    if "\\u" not in text and "\\U" not in text:
        return text

    def sub(m: re.Match) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return "\ufffd"

    return _UCHAR.sub(sub, text)


def scan(text: str) -> tuple[str, list[str]]:
    """One tokenizer pass: (normalised text, casefolded keyword-like words outside strings/IRIs/comments).

    Normalisation collapses whitespace and drops comments but keeps strings and IRIs verbatim, so two
    queries with the same normalised text are the same query (safe as a cache key).
    """
    out: list[str] = []
    words: list[str] = []
    pending_space = False
    raw_from: int | None = None  # after an unterminated quote, the rest is kept verbatim
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "word":
            words.append(m.group().casefold())
        if kind == "ws" or kind == "comment":
            pending_space = True
            continue
        tok = m.group()
        if pending_space and out:
            out.append(" ")
        pending_space = False
        if kind == "other" and tok in "'\"":
            # Not a string (unterminated, or a raw newline inside): collapsing the whitespace that
            # follows could turn it into one, so stop normalising here.
            raw_from = m.start()
            break
        out.append(tok)
    if raw_from is not None:
        out.append(text[raw_from:])
        for m in _TOKEN.finditer(text, raw_from + 1):
            if m.lastgroup == "word":
                words.append(m.group().casefold())
    return "".join(out), words


def normalize(text: str) -> str:
    """The cache-key form of a query (see `scan`)."""
    return scan(text)[0]


def nesting_depth(text: str, limit: int) -> int:
    """Deepest bracket nesting, computed only when the bracket count could exceed `limit` (cheap path)."""
    if text.count("(") + text.count("{") + text.count("[") <= limit:
        return 0
    depth = deepest = 0
    for ch in _BRACKETS.sub("", text):
        if ch in "({[":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


def inspect(text: str, *, allowlist: tuple[str, ...], max_bytes: int, max_depth: int, endpoint: str = "query") -> QueryInfo:
    """Check a query and describe it; raises the KGError the client should see.

    `endpoint` is "query" (updates refused with 403 pointing to the update URL) or "update".
    """
    if len(text) > max_bytes or len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise PayloadTooLarge(
            f"The query is larger than {max_bytes} bytes.",
            hint="Shorten the query, or raise KG_MAX_REQUEST_BYTES on the server.",
        )
    if max_depth and nesting_depth(text, max_depth) > max_depth:
        raise BadRequest(
            f"The query nests brackets more than {max_depth} levels deep.",
            hint="Flatten the query; the limit (KG_MAX_QUERY_DEPTH) protects the engine's stack.",
        )
    if "\x00" in text:
        raise BadRequest("The query contains a NUL character.", hint="Send the query as UTF-8 text.")
    normalized, words = scan(text)
    form, is_update = _form(words)
    if endpoint == "query" and is_update:
        raise Forbidden(
            "This endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, ...) is refused here.",
            hint="Send updates to /sparql/update with 'Authorization: Bearer <token>' (the server must set the token).",
        )
    has_from = "from" in words
    services = check_services(text, words, allowlist)
    return QueryInfo(text, normalized, form, is_update, has_from, services)


def _form(words: list[str]) -> tuple[str | None, bool]:
    """The query form from the first keyword after the prologue (PREFIX/BASE/VERSION)."""
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        if w in ("prefix", "base", "version"):
            i += 1
            if w == "prefix" and i < n and words[i].endswith(":"):
                i += 1
            continue
        if w in QUERY_FORMS:
            return w, False
        if w in UPDATE_KEYWORDS:
            return None, True
        return None, False
    return None, False


# --- SERVICE ----------------------------------------------------------------------------------
def _canon(iri: str) -> tuple | None:
    """Comparable form of an endpoint IRI, or None when it is not a plain absolute http(s) IRI."""
    if any(c in iri for c in "\\ \t\r\n") or any(ord(c) < 0x20 for c in iri):
        return None
    try:
        parts = urlsplit(iri)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc or parts.fragment:
        return None
    port = port or (443 if scheme == "https" else 80)
    return scheme, parts.hostname.lower().rstrip("."), port, parts.path or "/", parts.query


def is_allowed_endpoint(iri: str, allowlist: tuple[str, ...]) -> bool:
    """Exact match with an allow-list entry, up to the case of scheme and host and a default port."""
    mine = _canon(iri)
    return mine is not None and any(mine == _canon(a) for a in allowlist)


def _refuse(iri: str | None, allowlist: tuple[str, ...]) -> Forbidden:
    allowed = ", ".join(allowlist) or "none"
    what = f"SERVICE <{iri}>" if iri else "SERVICE with a variable or unresolvable endpoint"
    return Forbidden(
        f"{what} is not allowed: federated queries may only call the allow-listed endpoints ({allowed}).",
        hint="Remove the SERVICE clause, or ask the operator to add the endpoint to KG_SERVICE_ALLOWLIST.",
    )


def check_services(text: str, words: list[str], allowlist: tuple[str, ...]) -> tuple[str, ...]:
    """The SERVICE endpoints of a query, all allow-listed; raises Forbidden otherwise."""
    plain = unescape_uchars(text)
    if "service" not in plain.casefold() or "service" not in _IRIREF.sub(" ", plain).casefold():
        # The keyword is nowhere outside IRIs (an IRI cannot hide it: it holds no space, brace or
        # '<'), so no parser is needed. Strings and comments still count: conservative and rare.
        return ()
    keyword_count = sum(1 for w in words if w == "service")
    try:
        found = _services_by_parser(text)
    except Forbidden:
        raise
    except Exception:  # rdflib cannot parse it (RDF 1.2 syntax, recursion, its own bugs)
        found = None
    if found is None:
        return _services_by_text(text, keyword_count, allowlist)
    for iri in found:
        if iri is None or not is_allowed_endpoint(iri, allowlist):
            raise _refuse(iri, allowlist)
    if keyword_count > len(found):
        raise Forbidden(
            "The query contains a SERVICE keyword the gate could not confirm as an allowed endpoint.",
            hint="Write SERVICE <endpoint> with an allow-listed absolute IRI, outside strings and comments.",
        )
    return tuple(found)


def _services_by_parser(text: str) -> list[str | None]:
    """SERVICE targets found by rdflib's parser (None for a variable target)."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef

    algebra = translateQuery(parseQuery(text)).algebra
    found: list[str | None] = []
    seen: set[int] = set()
    stack = [algebra]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                term = node.get("term")
                found.append(str(term) if isinstance(term, URIRef) else None)
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, set)):
            stack.extend(node)
    return found


def _services_by_text(text: str, keyword_count: int, allowlist: tuple[str, ...]) -> tuple[str, ...]:
    """Conservative fallback: every SERVICE must be followed by an absolute allow-listed <IRI>."""
    plain = unescape_uchars(text)
    if re.search(r"\bbase\b", plain, re.I):
        raise Forbidden(
            "SERVICE together with BASE could not be checked (the query parser failed on this query).",
            hint="Write the SERVICE endpoint as an absolute IRI and remove BASE.",
        )
    targets = [m.group(1)[1:-1] for m in _SERVICE_TEXT.finditer(plain)]
    mentions = len(re.findall(r"(?<![\w:?$])service(?![\w:])", plain.casefold()))
    if mentions != len(targets) or keyword_count > len(targets):
        raise _refuse(None, allowlist)
    for iri in targets:
        if not is_allowed_endpoint(iri, allowlist):
            raise _refuse(iri, allowlist)
    return tuple(targets)


def parse_rewrites(pairs: tuple[str, ...]) -> dict[str, str]:
    """Settings.service_rewrite ("IRI=URL" strings) as a dict; a malformed pair is a ConfigError."""
    from kg.errors import ConfigError

    out: dict[str, str] = {}
    for pair in pairs:
        iri, sep, url = pair.partition("=")
        if not sep or _canon(iri.strip()) is None or _canon(url.strip()) is None:
            raise ConfigError(f"KG_SERVICE_REWRITE entry {pair!r} is not 'IRI=URL' with two http(s) IRIs.",
                              hint="For example https://query.wikidata.org/sparql=http://127.0.0.1:9999/sparql")
        out[iri.strip()] = url.strip()
    return out


def rewrite_services(text: str, rewrites: dict[str, str]) -> str:
    """Send `SERVICE [SILENT] <iri>` to its configured URL (only that spelling: the gate already ran)."""
    if not rewrites:
        return text
    out: list[str] = []
    state = 0  # 0: nothing, 1: after SERVICE, 2: after SERVICE SILENT
    for m in _TOKEN.finditer(text):
        kind, tok = m.lastgroup, m.group()
        if kind in ("ws", "comment"):
            out.append(tok)
            continue
        if kind == "word" and tok.casefold() == "service":
            state = 1
        elif kind == "word" and state == 1 and tok.casefold() == "silent":
            state = 2
        elif kind == "iri" and state:
            target = next((url for iri, url in rewrites.items() if is_allowed_endpoint(tok[1:-1], (iri,))), None)
            if target is not None:
                tok = f"<{target}>"
            state = 0
        else:
            state = 0
        out.append(tok)
    return "".join(out)
