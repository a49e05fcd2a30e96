"""Full-text search over sentence text, commitment topics and organization names, for
Japanese (no word spaces) and English alike.

Semantics: the query is split on whitespace (ASCII and the ideographic space U+3000) into
terms; a sentence matches when its text contains every term as a substring, ignoring the
case of ASCII letters. For commitments (:func:`filter_by_text`) with ``names=True`` a term may
also be found in the commitment's topic (its section title) or in the name or an alias of an
organization the sentence mentions. Every character is literal: ``%``, ``_``, quotes, ``*``, ``AND``... are
searched for as written, never interpreted.

How it stays fast on tens of thousands of sentences:

- **Terms of 3+ characters** use a trigram index. SQLite: the FTS5 table
  ``tracker_sentence_fts`` (``tokenize='trigram'``, external content = ``tracker_sentence``,
  kept in sync by triggers; created by migration ``0002_sentence_search``), queried with the
  term as one quoted FTS5 phrase, which with the trigram tokenizer means "contains this
  substring". PostgreSQL: a GIN ``gin_trgm_ops`` index on ``UPPER(text)`` (pg_trgm), which
  Django's ``icontains`` (``UPPER(text) LIKE UPPER('%term%')``) uses directly.
- **Terms of 1 or 2 characters** (``協力``, ``AI``: common, and a trigram index cannot find
  them) fall back to a plain substring scan (``LIKE`` with escaped wildcards) that runs as part
  of the same query, i.e. only over the rows the other conditions (current statements, active
  commitments, facets chosen, longer terms of the same query) leave. We chose this over a
  bigram side table because the scan of the whole 60,000-sentence table costs a few
  milliseconds in SQLite (about 10 MB of text, no index look-ups), while a unigram+bigram
  table would hold ~10 million rows, double the database, and slow every import; see
  ``bench/web.py`` for the measured figures. When a query has a long term too, the long term
  narrows the candidates through the index and the short one only rechecks them.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from communique.tracker.models import Commitment, Mention, Sentence

FTS_TABLE = "tracker_sentence_fts"
MIN_INDEXED = 3  # shortest term the trigram indexes can find
MAX_TERMS = 10  # more terms than this are ignored: each one is a condition of the query
MAX_TERM_LENGTH = 200

SQLITE_SETUP: tuple[str, ...] = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "text, content='tracker_sentence', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON tracker_sentence BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON tracker_sentence BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE OF text ON tracker_sentence BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
)
SQLITE_TRIGGERS: tuple[str, ...] = (f"{FTS_TABLE}_insert", f"{FTS_TABLE}_delete", f"{FTS_TABLE}_update")
SQLITE_TEARDOWN: tuple[str, ...] = (
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)
POSTGRES_INDEX = "tracker_sentence_text_trgm"
POSTGRES_SETUP: tuple[str, ...] = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {POSTGRES_INDEX} ON tracker_sentence USING gin (UPPER(text) gin_trgm_ops)",
)
POSTGRES_TEARDOWN: tuple[str, ...] = (f"DROP INDEX IF EXISTS {POSTGRES_INDEX}",)


def ensure_search_index(conn: object = None) -> bool:
    """Create the search index when missing and fill it; True when something was (re)built.

    The migration calls this. Call it again after any migration that rebuilds the
    ``tracker_sentence`` table on SQLite (Django copies the table into a new one, which drops
    its triggers); :func:`search_index_ok` tells whether that happened.
    """
    conn = conn or connection
    vendor = conn.vendor  # type: ignore[attr-defined]
    with conn.cursor() as cursor:  # type: ignore[attr-defined]
        if vendor == "sqlite":
            if search_index_ok(conn):
                return False
            for sql in SQLITE_SETUP:
                cursor.execute(sql)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            return True
        if vendor == "postgresql":
            for sql in POSTGRES_SETUP:
                cursor.execute(sql)
            return True
    return False


def drop_search_index(conn: object = None) -> None:
    conn = conn or connection
    vendor = conn.vendor  # type: ignore[attr-defined]
    statements = SQLITE_TEARDOWN if vendor == "sqlite" else POSTGRES_TEARDOWN if vendor == "postgresql" else ()
    with conn.cursor() as cursor:  # type: ignore[attr-defined]
        for sql in statements:
            cursor.execute(sql)


def search_index_ok(conn: object = None) -> bool:
    """SQLite: the FTS table and its three triggers exist. Other databases: always True."""
    conn = conn or connection
    if conn.vendor != "sqlite":  # type: ignore[attr-defined]
        return True
    with conn.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE (type = 'table' AND name = %s) OR (type = 'trigger' AND name IN "
            "(%s, %s, %s))",
            [FTS_TABLE, *SQLITE_TRIGGERS],
        )
        return len(cursor.fetchall()) == 1 + len(SQLITE_TRIGGERS)


def terms_of(q: str | None) -> list[str]:
    """The distinct search terms of a query, in order (whitespace separates terms)."""
    if not q:
        return []
    seen: list[str] = []
    for term in q.replace("\x00", "").split():
        term = term[:MAX_TERM_LENGTH]
        if term.lower() not in (t.lower() for t in seen):
            seen.append(term)
    return seen[:MAX_TERMS]


def fts_phrase(term: str) -> str:
    """The term as one FTS5 phrase: in double quotes, with inner quotes doubled, so that no
    character of the query is read as FTS5 syntax (AND, OR, NOT, NEAR, *, ^, column filters)."""
    return '"' + term.replace('"', '""') + '"'


def _uses_fts(term: str) -> bool:
    return connection.vendor == "sqlite" and len(term) >= MIN_INDEXED


def _sentence_term_q(term: str, field: str) -> Q:
    """``field`` (a sentence id or ``sentence__`` path) names a sentence whose text contains ``term``."""
    if _uses_fts(term):
        ids = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (fts_phrase(term),))  # noqa: S611
        return Q(**{f"{field}__in": ids})
    # PostgreSQL (trigram GIN index on UPPER(text) for 3+ characters) and short terms anywhere.
    text_field = "text" if field == "id" else field.removesuffix("_id") + "__text"
    return Q(**{f"{text_field}__icontains": term})


def search_sentence_ids(q: str | None) -> QuerySet[Sentence]:
    """Ids (``values("id")``, usable as a subquery) of the sentences containing every term of ``q``.
    An empty query matches every sentence."""
    qs = Sentence.objects.all()
    for term in terms_of(q):
        qs = qs.filter(_sentence_term_q(term, "id"))
    return qs.order_by().values("id")


def filter_by_text(queryset: QuerySet[Commitment], q: str | None, *, names: bool = False) -> QuerySet[Commitment]:
    """The commitments of ``queryset`` whose sentence contains every term of ``q``; with ``names``
    a term may instead occur in the topic or in the name or an alias of an organization the
    sentence mentions (``国際協力機構`` finds sentences that only say JICA). Empty query: unchanged.

    The web list and ``communique list`` search the sentences only (what their search box and
    ``--text`` promise; topics and organizations have their own facets); the API offers both.
    """
    for term in terms_of(q):
        condition = _sentence_term_q(term, "sentence_id")
        if names:
            in_names = Mention.objects.filter(active=True).filter(
                Q(organization__name__icontains=term) | Q(organization__aliases__alias__icontains=term)
            )
            condition |= Q(topic__icontains=term) | Q(sentence_id__in=in_names.values("sentence_id"))
        queryset = queryset.filter(condition)
    return queryset


def naive_match(q: str | None, *texts: str) -> bool:
    """The reference semantics (tests compare the database search with it): every term is a
    substring of one of ``texts``, ASCII letters compared without case."""
    folded = [_fold_ascii(t) for t in texts]
    return all(any(_fold_ascii(term) in text for text in folded) for term in terms_of(q))


def _fold_ascii(text: str) -> str:
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
