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
  them). SQLite: a second FTS5 table, ``tracker_sentence_grams``, indexes every character pair
  of every sentence (each character with the next one, the last with an end mark), ASCII
  letters folded to lower case, each pair written as one hex token (``tokenize='ascii'``,
  ``detail='none'``, contentless, with a prefix index on the first character). A 2-character
  term is one token look-up; a 1-character term is a prefix look-up (pairs starting with it).
  SQLite triggers cannot compute the pairs (that needs Python), so the triggers only queue
  changed sentences in ``tracker_sentence_grams_todo`` (id and old text); :func:`catch_up`
  indexes the queue (the migration, :func:`ensure_search_index` and every short search call
  it, at most ``CATCH_UP_BATCH`` sentences at a time) and, until it has, the queued sentences
  are checked with a plain substring test, so results are exact at any moment.
  We chose this over scanning the text (the first version): a ``LIKE`` scan of 75,000
  sentences took 100-200 ms on the bench machine, and the commitment list runs its filter
  in about eight queries (page and facet counts), so a short search cost a second.
  A very common short term (``協力`` is in half the generated sentences) matches so many
  sentences that listing them costs more than checking the text of each candidate row: when the
  pair index's vocabulary says a term is in more than ``COMMON_SHARE`` of the sentences, the
  term becomes a plain ``LIKE`` on the joined sentence instead (a page of 50 rows then stops
  after ~100 rows; a count costs about what the index would).
  PostgreSQL: ``ILIKE`` without the index (a sequential scan, which PostgreSQL does quickly).
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
GRAMS_TABLE = "tracker_sentence_grams"
TODO_TABLE = "tracker_sentence_grams_todo"
CATCH_UP_BATCH = 5000  # sentences a search indexes at most before answering
VOCAB_TABLE = "tracker_sentence_grams_vocab"  # per connection (TEMP): term -> number of sentences
COMMON_SHARE = 0.2  # a short term in more sentences than this is checked on the text (see _is_common)
COMMON_MIN_DOCS = 1000
SQLITE_SETUP += (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {GRAMS_TABLE} USING fts5("
    "grams, content='', tokenize='ascii', detail='none', prefix='6')",
    # old_text: what the index holds for the sentence (NULL: nothing yet), needed to remove it.
    f"CREATE TABLE IF NOT EXISTS {TODO_TABLE} (id INTEGER PRIMARY KEY, old_text TEXT, indexed INTEGER NOT NULL)",
    f"CREATE TRIGGER IF NOT EXISTS {GRAMS_TABLE}_insert AFTER INSERT ON tracker_sentence BEGIN "
    f"INSERT OR IGNORE INTO {TODO_TABLE}(id, old_text, indexed) VALUES (new.id, NULL, 0); END",
    f"CREATE TRIGGER IF NOT EXISTS {GRAMS_TABLE}_update AFTER UPDATE OF text ON tracker_sentence BEGIN "
    f"INSERT OR IGNORE INTO {TODO_TABLE}(id, old_text, indexed) VALUES (old.id, old.text, 1); END",
    f"CREATE TRIGGER IF NOT EXISTS {GRAMS_TABLE}_delete AFTER DELETE ON tracker_sentence BEGIN "
    f"INSERT OR IGNORE INTO {TODO_TABLE}(id, old_text, indexed) VALUES (old.id, old.text, 1); END",
)
SQLITE_TRIGGERS: tuple[str, ...] = (
    f"{FTS_TABLE}_insert", f"{FTS_TABLE}_delete", f"{FTS_TABLE}_update",
    f"{GRAMS_TABLE}_insert", f"{GRAMS_TABLE}_delete", f"{GRAMS_TABLE}_update",
)
SQLITE_TEARDOWN: tuple[str, ...] = (
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
    f"DROP TABLE IF EXISTS {GRAMS_TABLE}",
    f"DROP TABLE IF EXISTS {TODO_TABLE}",
)
POSTGRES_INDEX = "tracker_sentence_text_trgm"
POSTGRES_SETUP: tuple[str, ...] = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {POSTGRES_INDEX} ON tracker_sentence USING gin (UPPER(text) gin_trgm_ops)",
)
POSTGRES_TEARDOWN: tuple[str, ...] = (f"DROP INDEX IF EXISTS {POSTGRES_INDEX}",)


def ensure_search_index(conn: object = None) -> bool:
    """Create the search index when missing and fill it, and index queued sentences; True when
    something was (re)built.

    The migration calls this. Call it again after any migration that rebuilds the
    ``tracker_sentence`` table on SQLite (Django copies the table into a new one, which drops
    its triggers); :func:`search_index_ok` tells whether that happened.
    """
    conn = conn or connection
    vendor = conn.vendor  # type: ignore[attr-defined]
    with conn.cursor() as cursor:  # type: ignore[attr-defined]
        if vendor == "sqlite":
            if search_index_ok(conn):
                while catch_up(conn, batch=50_000):
                    pass
                return False
            for sql in SQLITE_TEARDOWN:  # start clean: the pair index cannot be rebuilt in place
                cursor.execute(sql)
            for sql in SQLITE_SETUP:
                cursor.execute(sql)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            cursor.execute(f"INSERT INTO {TODO_TABLE}(id, old_text, indexed) SELECT id, NULL, 0 FROM tracker_sentence")
        else:
            if vendor == "postgresql":
                for sql in POSTGRES_SETUP:
                    cursor.execute(sql)
            return vendor == "postgresql"
    while catch_up(conn, batch=50_000):
        pass
    return True


def drop_search_index(conn: object = None) -> None:
    conn = conn or connection
    vendor = conn.vendor  # type: ignore[attr-defined]
    statements = SQLITE_TEARDOWN if vendor == "sqlite" else POSTGRES_TEARDOWN if vendor == "postgresql" else ()
    with conn.cursor() as cursor:  # type: ignore[attr-defined]
        for sql in statements:
            cursor.execute(sql)


def search_index_ok(conn: object = None) -> bool:
    """SQLite: both FTS tables, the queue and the six triggers exist. Other databases: always True."""
    conn = conn or connection
    if conn.vendor != "sqlite":  # type: ignore[attr-defined]
        return True
    names = [FTS_TABLE, GRAMS_TABLE, TODO_TABLE, *SQLITE_TRIGGERS]
    with conn.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute(
            f"SELECT count(*) FROM sqlite_master WHERE name IN ({', '.join(['%s'] * len(names))})", names
        )
        return cursor.fetchone()[0] == len(names)


def grams_of(text: str) -> str:
    """The pair tokens of a text: each character with the next (the last with an end mark),
    ASCII letters lower-cased, each pair as 12 hex digits."""
    folded = _fold_ascii(text)
    if not folded:
        return ""
    return " ".join(f"{ord(a):06x}{ord(b):06x}" for a, b in zip(folded, folded[1:] + "\x00", strict=True))


def grams_query(term: str) -> str:
    """FTS5 query of the pair table for a 1- or 2-character term (hex digits only: no syntax)."""
    folded = _fold_ascii(term)
    if len(folded) == 1:
        return f'"{ord(folded):06x}"*'
    return f'"{ord(folded[0]):06x}{ord(folded[1]):06x}"'


def catch_up(conn: object = None, batch: int = CATCH_UP_BATCH) -> int:
    """Index the queued sentences in the pair table (at most ``batch``); returns how many.
    SQLite only; takes the write lock briefly when there is something to do."""
    from django.db import transaction

    conn = conn or connection
    if conn.vendor != "sqlite":  # type: ignore[attr-defined]
        return 0
    with conn.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute(f"SELECT 1 FROM {TODO_TABLE} LIMIT 1")
        if cursor.fetchone() is None:
            return 0
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute(
            f"SELECT t.id, t.old_text, t.indexed, s.text FROM {TODO_TABLE} t "
            f"LEFT JOIN tracker_sentence s ON s.id = t.id ORDER BY t.id LIMIT %s",
            [batch],
        )
        rows = cursor.fetchall()
        removals = [(sid, grams_of(old or "")) for sid, old, indexed, _ in rows if indexed]
        if removals:
            cursor.executemany(
                f"INSERT INTO {GRAMS_TABLE}({GRAMS_TABLE}, rowid, grams) VALUES ('delete', %s, %s)", removals
            )
        additions = [(sid, grams_of(text)) for sid, _, _, text in rows if text is not None]
        if additions:
            cursor.executemany(f"INSERT INTO {GRAMS_TABLE}(rowid, grams) VALUES (%s, %s)", additions)
        cursor.executemany(f"DELETE FROM {TODO_TABLE} WHERE id = %s", [(r[0],) for r in rows])
    return len(rows)


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


def _sentence_term_q(term: str, field: str) -> Q:
    """``field`` (a sentence id or ``sentence__`` path) names a sentence whose text contains ``term``."""
    text_field = "text" if field == "id" else field.removesuffix("_id") + "__text"
    if connection.vendor == "sqlite":
        if len(term) >= MIN_INDEXED:
            ids = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", (fts_phrase(term),))  # noqa: S611
            return Q(**{f"{field}__in": ids})
        catch_up()
        if _is_common(term):
            # Found in a large share of the sentences: checking each candidate's text is as cheap
            # as listing the matches, and a page (ORDER BY ... LIMIT 51) stops after a few rows.
            return Q(**{f"{text_field}__icontains": term})
        # The pair index, except sentences still queued; those are checked on their text.
        like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        ids = RawSQL(
            f"SELECT rowid FROM {GRAMS_TABLE} WHERE {GRAMS_TABLE} MATCH %s AND rowid NOT IN (SELECT id FROM {TODO_TABLE}) "  # noqa: S611
            # CROSS JOIN: SQLite keeps the (short) queue as the outer loop instead of scanning sentences.
            f"UNION ALL SELECT s.id FROM {TODO_TABLE} t CROSS JOIN tracker_sentence s ON s.id = t.id "
            "WHERE s.text LIKE %s ESCAPE '\\'",
            (grams_query(term), like),
        )
        return Q(**{f"{field}__in": ids})
    # PostgreSQL (trigram GIN index on UPPER(text) for 3+ characters; a scan for shorter terms).
    return Q(**{f"{text_field}__icontains": term})


def _is_common(term: str) -> bool:
    """Whether a 1-2 character term occurs in more than ``COMMON_SHARE`` of the sentences, from
    the pair index's vocabulary (one doclist read; no rows returned)."""
    folded = _fold_ascii(term)
    first = f"{ord(folded[0]):06x}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{VOCAB_TABLE} USING fts5vocab(main, {GRAMS_TABLE}, 'row')")
        if len(folded) == 1:
            cursor.execute(f"SELECT sum(doc) FROM temp.{VOCAB_TABLE} WHERE term >= %s AND term < %s",
                           [first, f"{ord(folded[0]) + 1:06x}"])
        else:
            cursor.execute(f"SELECT doc FROM temp.{VOCAB_TABLE} WHERE term = %s", [first + f"{ord(folded[1]):06x}"])
        row = cursor.fetchone()
        docs = (row[0] or 0) if row else 0
        if docs < COMMON_MIN_DOCS:
            return False
        cursor.execute("SELECT max(id) FROM tracker_sentence")
        total = cursor.fetchone()[0] or 0
    return docs > COMMON_SHARE * total


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
