"""Full-text search: equal to a naive substring scan for Japanese and English queries of every
length, query syntax never interpreted, the index kept in sync (SQLite FTS5 / PostgreSQL pg_trgm)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from communique.tracker.models import Commitment, Sentence
from communique.tracker.services import import_statement, list_commitments, search
from communique.tracker.services.search import (
    FTS_TABLE,
    GRAMS_TABLE,
    TODO_TABLE,
    catch_up,
    drop_search_index,
    ensure_search_index,
    filter_by_text,
    fts_phrase,
    grams_of,
    grams_query,
    naive_match,
    search_index_ok,
    search_sentence_ids,
    terms_of,
)

pytestmark = pytest.mark.django_db

JA = [
    {"text": "両国は、人工知能（AI）分野での協力を強化する。", "section": "科学技術"},
    {"text": "日本は、国際協力機構（JICA）を通じて水素プラントを建設する。", "section": "エネルギー",
     "organizations": [{"mention": "JICA", "name": "国際協力機構", "aliases": ["JICA"]}]},
    {"text": "双方は、「脱炭素」の取組を歓迎した。", "section": "エネルギー", "acts": ["welcome"]},
    {"text": "両首脳は、協議を継続することで一致した。", "section": "政治"},
    {"text": "日本側は、50%の削減目標を表明した。", "section": "環境"},
]
EN = [
    {"text": "The two sides will cooperate on AI and quantum research.", "section": "Science"},
    {"text": "Japan will fund 100_000 scholarships, \"Young Leaders\" included.", "section": "People"},
    {"text": "Kazakhstan's ministry AND the agency will meet * every year.", "section": "Politics",
     "organizations": [{"mention": "JETRO", "name": "Japan External Trade Organization", "aliases": ["JETRO"]}]},
    {"text": "The sides said: cut 50% of emissions; O'Brien noted it.", "section": "Climate"},
    {"text": "Hydrogen (H2) plants NEAR the coast; ai-driven grids by 2030.", "section": "Energy"},
]
QUERIES = [
    # Japanese: 1, 2, 3+ characters, several terms, full-width space
    "協", "力", "協力", "人工", "協力を強化", "水素プラント", "国際協力機構", "協力 強化", "協力　歓迎", "「脱炭素」", "脱",
    # English words, mixed case
    "AI", "ai", "Ai", "cooperate", "COOPERATE", "Quantum Research", "h2", "H2)", "Japan", "japan will",
    # characters that mean something to LIKE, FTS5 or SQL
    "%", "50%", "_", "100_000", "'", "O'Brien", '"', '"Young', '"Young Leaders"', "AND", "and the", "*", "* every",
    "NEAR", "NEAR(", "OR", "NOT", "-driven", "^The", "text:AI", "(H2)", "' OR 1=1 --", "%%", "\\", "a\\b", "x",
    # nothing matches
    "存在しない語", "zzz", "J", "",
]


@pytest.fixture
def corpus(db: Any, make_doc: Any) -> list[Sentence]:
    import_statement(make_doc(JA, title="日本・X共同声明", language="ja"), "alice", name="ja")
    import_statement(make_doc(EN, title="Joint statement"), "alice", name="en")
    return list(Sentence.objects.all())


def _ids(qs: Any) -> set[int]:
    return {row["id"] if isinstance(row, dict) else row for row in qs}


@pytest.mark.parametrize("q", QUERIES)
def test_sentence_search_equals_a_naive_scan(corpus: list[Sentence], q: str) -> None:
    expected = {s.pk for s in corpus if naive_match(q, s.text)}
    assert _ids(search_sentence_ids(q)) == expected


def test_queries_find_what_they_should(corpus: list[Sentence]) -> None:
    def found(q: str) -> list[str]:
        ids = _ids(search_sentence_ids(q))
        return sorted(s.text[:6] for s in corpus if s.pk in ids)

    assert len(found("協力")) == 2  # 協力を強化 and 国際協力機構; 協議 does not count
    assert found("協") == sorted(["両国は、人工", "日本は、国際", "両首脳は、協"])
    # "ai-driven" and "said" too: a substring, ASCII case ignored
    assert found("AI") == sorted(["両国は、人工", "The tw", "The si", "Hydrog"])
    assert found("COOPERATE") == ["The tw"]
    assert found("50%") == sorted(["日本側は、5", "The si"])
    assert found("%") == found("50%")
    assert found("_") == ["Japan "]
    assert found('"Young Leaders"') == ["Japan "]
    assert found("AND") == sorted(["The tw", "Kazakh"])  # the word, not the operator
    assert found("協力 強化") == ["両国は、人工"]
    assert found("' OR 1=1 --") == []
    assert len(found("")) == len(corpus)


def test_commitment_search_also_looks_at_topics_and_organization_names(corpus: list[Sentence]) -> None:
    commitments = list(Commitment.objects.select_related("sentence").prefetch_related(
        "sentence__mentions__organization__aliases"))
    assert len(commitments) == len(corpus) - 1  # all but the welcome

    def texts(c: Commitment) -> list[str]:
        names = []
        for m in c.sentence.mentions.all():
            if m.active:
                names += [m.organization.name, *(a.alias for a in m.organization.aliases.all())]
        return [c.sentence.text, c.topic, *names]

    for q in [*QUERIES, "エネルギー", "Science", "External Trade", "trade", "機構", "構"]:
        expected = {c.pk for c in commitments if naive_match(q, *texts(c))}
        assert {c.pk for c in filter_by_text(Commitment.objects.all(), q, names=True)} == expected, q
        in_sentences = {c.pk for c in commitments if naive_match(q, c.sentence.text)}
        assert {c.pk for c in filter_by_text(Commitment.objects.all(), q)} == in_sentences, q
    every = Commitment.objects.all()
    assert {c.sentence.text[:6] for c in filter_by_text(every, "External Trade", names=True)} == {"Kazakh"}
    assert not filter_by_text(every, "External Trade").exists()
    assert filter_by_text(every, "エネルギー", names=True).count() == 1  # the welcome is no commitment
    assert filter_by_text(every, "国際協力機構 エネルギー", names=True).count() == 1


def test_search_combines_with_other_filters(corpus: list[Sentence]) -> None:
    assert list_commitments(text="協力").count() == 2
    assert list_commitments(text="協力", section="科学技術").count() == 1
    assert list_commitments(text="ai", statement="Joint statement").count() == 3
    assert list_commitments(text="50%", party="JPN").count() == 2
    assert list_commitments(text="存在しない").count() == 0


def test_the_index_follows_changed_text(corpus: list[Sentence]) -> None:
    s = Sentence.objects.get(text__startswith="双方は")
    assert _ids(search_sentence_ids("脱炭素")) == {s.pk} == _ids(search_sentence_ids("炭素"))
    Sentence.objects.filter(pk=s.pk).update(text="双方は、再生可能エネルギーを歓迎した。")
    for q in ("脱炭素", "炭素", "炭"):
        assert _ids(search_sentence_ids(q)) == set(), q
    for q in ("再生可能", "再生", "再"):
        assert _ids(search_sentence_ids(q)) == {s.pk}, q
    Sentence.objects.filter(pk=s.pk).update(text="双方は、「脱炭素」の取組を歓迎した。")
    assert _ids(search_sentence_ids("炭素")) == {s.pk} and _ids(search_sentence_ids("再生")) == set()


def test_grams() -> None:
    assert grams_of("Ab") == "000061000062 000062000000"
    assert grams_of("") == ""
    assert grams_query("aB") == grams_query("AB") == '"000061000062"'
    assert grams_query("協") == '"005354"*'  # U+5354


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite pair index")
def test_common_short_terms_are_checked_on_the_text_with_the_same_results(
    corpus: list[Sentence], monkeypatch: pytest.MonkeyPatch
) -> None:
    short = [q for q in QUERIES if q and len(q) <= 2]
    indexed = {q: _ids(search_sentence_ids(q)) for q in short}
    assert GRAMS_TABLE in str(search_sentence_ids("協力").query)
    assert not search._is_common("協力")  # 2 of 10 sentences, below COMMON_MIN_DOCS
    monkeypatch.setattr(search, "COMMON_MIN_DOCS", 1)
    assert search._is_common("協") and search._is_common("ai")  # 3 and 4 of the 10 sentences: > 20 %
    assert not search._is_common("脱") and not search._is_common("zq")
    monkeypatch.setattr(search, "COMMON_SHARE", 0.0)
    sql = str(search_sentence_ids("協力").query)
    assert GRAMS_TABLE not in sql and "LIKE" in sql
    for q in short:
        assert _ids(search_sentence_ids(q)) == indexed[q] == {s.pk for s in corpus if naive_match(q, s.text)}, q


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite pair index")
def test_short_terms_are_exact_before_and_after_the_pair_index_catches_up(
    corpus: list[Sentence], make_doc: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    catch_up()
    monkeypatch.setattr(search, "catch_up", lambda *a, **k: 0)  # leave the queue as it is
    import_statement(make_doc([{"text": "新たにAI協力を始める。"}], title="new"), "alice", name="new")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TODO_TABLE}")
        assert cursor.fetchone()[0] == 1
    every = list(Sentence.objects.all())
    for q in ("協力", "AI", "新", "始め", "協力を"):
        assert _ids(search_sentence_ids(q)) == {s.pk for s in every if naive_match(q, s.text)}, q
    sql = str(search_sentence_ids("協力").query)
    assert GRAMS_TABLE in sql and "MATCH" in sql
    monkeypatch.undo()
    assert catch_up() == 1 and catch_up() == 0
    for q in ("協力", "AI", "新", "始め"):
        assert _ids(search_sentence_ids(q)) == {s.pk for s in every if naive_match(q, s.text)}, q


def test_terms() -> None:
    assert terms_of("  協力　AI ai\tAI  ") == ["協力", "AI"]
    assert terms_of(None) == [] and terms_of("　") == []
    assert terms_of("a\x00b") == ["ab"]
    assert fts_phrase('say "hi" AND *') == '"say ""hi"" AND *"'


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 table")
def test_sqlite_index_is_a_trigram_fts5_table_with_triggers(corpus: list[Sentence]) -> None:
    assert search_index_ok()
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        assert "trigram" in cursor.fetchone()[0]
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")
        assert cursor.fetchone()[0] == len(corpus)
        cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [fts_phrase("水素プラント")])
        assert [r[0] for r in cursor.fetchall()] == [s.pk for s in corpus if "水素プラント" in s.text]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite triggers")
def test_sqlite_index_is_rebuilt_when_its_triggers_went_missing(corpus: list[Sentence]) -> None:
    drop_search_index()
    assert not search_index_ok()
    assert ensure_search_index() is True
    assert search_index_ok() and ensure_search_index() is False
    assert len(_ids(search_sentence_ids("協力"))) == 2 and len(_ids(search_sentence_ids("協力を"))) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL pg_trgm")
def test_postgres_has_the_trigram_index(corpus: list[Sentence]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'tracker_sentence_text_trgm'")
        definition = cursor.fetchone()[0]
    assert "gin_trgm_ops" in definition and "upper" in definition.lower()
    sql = str(search_sentence_ids("水素プラント").query)
    assert "UPPER" in sql.upper() and "LIKE" in sql.upper()
