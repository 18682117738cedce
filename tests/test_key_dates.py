"""Key dates: days ranked by the events and sources on them."""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path
from typing import Any

import attrs
import pytest

from timeline import Event, Source, Timeline, When
from timeline.cli import main
from timeline.keydates import MAX_SPREAD, Weights, coverage_factor, key_dates

D = dt.date


def ev(name: str, start: D | None, end: D | None, *docs: str) -> Event:
    sources = [Source(d, k, k + 4, "text", "A sentence.") for k, d in enumerate(docs or ("a",))]
    return Event(name, "meeting", name, When(None, start, end, "day", "explicit"),
                 sources=sources)


def test_days_ranked_by_events_and_their_documents() -> None:
    tl = Timeline(events=[
        ev("one", D(2024, 5, 1), D(2024, 5, 1)),
        ev("two", D(2024, 5, 2), D(2024, 5, 2), "a", "b", "c"),
        ev("three", D(2024, 5, 3), D(2024, 5, 3), "a", "b"),
        ev("four", D(2024, 5, 3), D(2024, 5, 3), "c"),
    ])
    ranked = tl.key_dates(3)
    assert [(k.day, k.score) for k in ranked] == [
        (D(2024, 5, 2), 3), (D(2024, 5, 3), 3), (D(2024, 5, 1), 1)]  # tie: earlier day first
    assert ranked[1].events == ("three", "four")


def test_a_report_counts_once_per_document() -> None:
    twice = Event("x", "meeting", "x", When(None, D(2024, 5, 1), D(2024, 5, 1), "day",
                                              "explicit"),
                  sources=[Source("a", 0, 3, "met", "s"), Source("a", 9, 12, "met", "s")])
    assert key_dates([twice], 1)[0].score == 1


def test_wide_and_open_intervals_spread_or_do_not_vote() -> None:
    week = ev("week", D(2024, 5, 6), D(2024, 5, 6) + dt.timedelta(days=MAX_SPREAD - 1))
    month = ev("month", D(2024, 5, 1), D(2024, 5, 31))
    open_end = ev("open", None, D(2024, 5, 6))
    day = ev("day", D(2024, 5, 20), D(2024, 5, 20))
    ranked = key_dates([week, month, open_end, day], 10)
    assert ranked[0].day == D(2024, 5, 20) and ranked[0].score == 1
    assert {k.day for k in ranked[1:]} == {D(2024, 5, 6) + dt.timedelta(days=i)
                                          for i in range(MAX_SPREAD)}
    assert all(k.score == pytest.approx(1 / MAX_SPREAD) for k in ranked[1:])


def test_k_bounds() -> None:
    assert key_dates([ev("one", D(2024, 5, 1), D(2024, 5, 1))], 0) == []
    with pytest.raises(ValueError):
        key_dates([], -1)


def test_cli_key_dates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The minister visited Oslo on 4 March 2024.", "utf-8")
    (tmp_path / "b.txt").write_text("Ministers met in Rome on 9 March 2024.", "utf-8")
    out = io.StringIO()
    assert main(["key-dates", str(tmp_path), "-k", "1", "--published", "2024-03-10"],
                stdout=out, stderr=io.StringIO()) == 0
    # event 1 + mention 1 + ln(1 + 6): the 4th is looked back on from further away than the 9th
    assert out.getvalue() == f"2024-03-04\t{2 + math.log(7):g}\t1\n"
    err = io.StringIO()
    assert main(["key-dates", str(tmp_path), "-k", "0"], stdout=io.StringIO(),
                stderr=err) == 2
    assert "at least 1" in err.getvalue()


def test_documents_vote_for_the_days_they_mention_not_their_own_day() -> None:
    from timeline import DayReference

    refs = [DayReference("a", D(2024, 5, 1), D(2024, 5, 9)),   # looked back on 8 days later
            DayReference("b", D(2024, 5, 1), D(2024, 5, 9)),
            DayReference("b", D(2024, 5, 1), D(2024, 5, 9)),   # same document: one vote
            DayReference("c", D(2024, 5, 20), D(2024, 5, 10)),  # a day to come: weight 1
            DayReference("d", D(2024, 5, 9), D(2024, 5, 9))]    # own publication day: none
    tl = Timeline(events=[ev("e", D(2024, 5, 2), D(2024, 5, 2), "a", "b")], references=refs)
    ranked = key_dates(tl.events, 5, tl.references, weights=Weights(coverage=0))  # raw votes
    assert [k.day for k in ranked] == [D(2024, 5, 1), D(2024, 5, 2), D(2024, 5, 20)]
    assert ranked[0].score == round(2 * (1 + math.log(9)), 6)
    assert ranked[0].events == () and ranked[1].events == ("e",)
    assert ranked[2].score == 1


def test_window_limits_candidates_and_is_checked() -> None:
    from timeline import DayReference

    tl = Timeline(events=[ev("x", D(2024, 5, 1), D(2024, 5, 1), "a", "b", "c")],
                  references=[DayReference("a", D(2024, 6, 1), None)])
    assert [k.day for k in tl.key_dates(2)] == [D(2024, 5, 1), D(2024, 6, 1)]
    assert [k.day for k in tl.key_dates(2, window=(D(2024, 5, 2), None))] == [D(2024, 6, 1)]
    assert [k.day for k in tl.key_dates(2, window=(None, D(2024, 5, 31)))] == [D(2024, 5, 1)]
    with pytest.raises(ValueError, match="window"):
        tl.key_dates(1, window=(D(2024, 6, 2), D(2024, 6, 1)))


def test_pipeline_collects_exact_days_mentioned() -> None:
    from timeline import Document, PubDate, extract_documents

    doc = Document("n1", "The talks collapsed on 3 March 2024. A vote is due on 12 March 2024. "
                         "Prices rose in February. Officials spoke on Friday.",
                   PubDate.parse("2024-03-08"))
    days = {(r.document, r.day, r.published) for r in extract_documents([doc]).references}
    assert (("n1", D(2024, 3, 3), D(2024, 3, 8)) in days
            and ("n1", D(2024, 3, 12), D(2024, 3, 8)) in days)
    assert all(r[1].month == 3 for r in days)  # "in February" names no single day


def test_references_stay_out_of_equality_and_json() -> None:
    from timeline import DayReference
    from timeline.export.jsonfmt import timeline_from_json, to_json

    plain = Timeline(events=[ev("x", D(2024, 5, 1), D(2024, 5, 1))], documents=["a"])
    rich = Timeline(events=plain.events, documents=["a"],
                    references=[DayReference("a", D(2024, 4, 1), D(2024, 5, 1))])
    assert rich == plain and to_json(rich) == to_json(plain)
    assert timeline_from_json(to_json(rich)) == rich


def _two_articles(folder: Path) -> None:
    (folder / "a.txt").write_text("The minister visited Oslo on 4 March 2024.", "utf-8")
    (folder / "b.txt").write_text("Ministers met in Rome on 9 March 2024.", "utf-8")


@pytest.mark.parametrize(("window", "days"), [
    ("2024-03-05/..", ["2024-03-09"]),
    ("../2024-03-05", ["2024-03-04"]),
    ("/2024-03-08", ["2024-03-04"]),
    ("2024-03-04/2024-03-09", ["2024-03-04", "2024-03-09"]),
    ("2024-03-10/2024-03-20", []),
])
def test_cli_key_dates_window(tmp_path: Path, window: str, days: list[str]) -> None:
    _two_articles(tmp_path)
    out = io.StringIO()
    assert main(["key-dates", str(tmp_path), "-k", "5", "--published", "2024-03-10",
                 "--window", window], stdout=out, stderr=io.StringIO()) == 0
    assert [line.split("\t")[0] for line in out.getvalue().splitlines()] == days


@pytest.mark.parametrize(("window", "message"), [
    ("2024-03-05", "FIRST/LAST"),
    ("2024-13-01/..", "not an ISO day"),
    ("2024-03-09/2024-03-01", "starts after it ends"),
])
def test_cli_key_dates_bad_window(tmp_path: Path, window: str, message: str) -> None:
    _two_articles(tmp_path)
    err = io.StringIO()
    assert main(["key-dates", str(tmp_path), "--window", window], stdout=io.StringIO(),
                stderr=err) == 2
    assert message in err.getvalue() and "Traceback" not in err.getvalue()


def test_cli_key_dates_reads_like_extract(tmp_path: Path) -> None:
    """Same loader as `extract`: a bad document is reported, the rest ranked, exit 1; the
    encoding option applies; -o never overwrites an input."""
    good = tmp_path / "docs.jsonl"
    good.write_text(
        '{"id": "a", "text": "Ministers met in Rome on 9 March 2024.", "published": "2024-03-10"}\n'
        '{"id": "b", "text": "no date", "published": "2024-02-30"}\n', "utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["key-dates", str(good), "-k", "1"], stdout=out, stderr=err) == 1
    assert out.getvalue().startswith("2024-03-09\t")
    assert "docs.jsonl:2: not a real date" in err.getvalue()
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le ministre a visité Oslo on 4 March 2024.".encode("latin-1"))
    assert main(["key-dates", str(latin), "--published", "2024-03-10"], stdout=io.StringIO(),
                stderr=io.StringIO()) == 2
    out = io.StringIO()
    assert main(["key-dates", str(latin), "--published", "2024-03-10", "--encoding", "latin-1",
                 "-q"], stdout=out, stderr=io.StringIO()) == 0
    err = io.StringIO()
    assert main(["key-dates", str(good), "-o", str(good)], stdout=io.StringIO(),
                stderr=err) == 2
    assert "refusing to overwrite" in err.getvalue()


def _weighed_timeline() -> Timeline:
    from timeline import DayReference

    refs = [DayReference("a", D(2024, 5, 1), D(2024, 5, 9)),    # looked back on 8 days later
            DayReference("b", D(2024, 5, 20), D(2024, 5, 10))]  # a day to come
    return Timeline(events=[ev("e", D(2024, 5, 2), D(2024, 5, 2), "a", "b", "c"),
                            ev("w", D(2024, 5, 6), D(2024, 5, 8), "a", "b", "c")],
                    references=refs)


def test_default_weights_are_the_documented_ranking() -> None:
    from timeline.keydates import DEFAULT_WEIGHTS, Weights

    tl = _weighed_timeline()
    assert DEFAULT_WEIGHTS == Weights(events=1, recall=1, future=1, spread=MAX_SPREAD,
                                      coverage=1, floor=0)
    assert key_dates(tl.events, 9, tl.references, weights=Weights()) == tl.key_dates(9)
    # two documents have a publication day (a: 9 May, b: 10 May); both came after 1-8 May
    # (factor 1); 20 May is after both (only b's forecast names it): factor 1, not 3
    assert [(k.day, k.score) for k in tl.key_dates(9)] == [
        (D(2024, 5, 1), round(1 + math.log(9), 6)), (D(2024, 5, 2), 3), (D(2024, 5, 6), 1),
        (D(2024, 5, 7), 1), (D(2024, 5, 8), 1), (D(2024, 5, 20), 1)]


def test_weights_change_what_each_kind_of_evidence_is_worth() -> None:
    from timeline.keydates import Weights

    tl = _weighed_timeline()

    def ranked(weights: Weights) -> list[tuple[dt.date, float]]:
        raw = attrs.evolve(weights, coverage=0)  # the votes themselves (coverage: its own test)
        return [(k.day, k.score) for k in key_dates(tl.events, 9, tl.references, weights=raw)]

    # no event votes: only the mentioned days are left
    assert ranked(Weights(events=0)) == [(D(2024, 5, 1), round(1 + math.log(9), 6)),
                                        (D(2024, 5, 20), 1)]
    assert ranked(Weights(events=2))[0] == (D(2024, 5, 2), 6)
    # recall 0: a looked-back day weighs 1, like a day to come (tie: the earlier day)
    assert ranked(Weights(events=0, recall=0)) == [(D(2024, 5, 1), 1), (D(2024, 5, 20), 1)]
    assert ranked(Weights(events=0, recall=2))[0][1] == round(1 + 2 * math.log(9), 6)
    assert ranked(Weights(events=0, future=0)) == [(D(2024, 5, 1), round(1 + math.log(9), 6))]
    # spread 2: the three-day event no longer votes; spread 3 it does, a third per day
    assert D(2024, 5, 7) not in dict(ranked(Weights(spread=2)))
    assert dict(ranked(Weights(spread=3)))[D(2024, 5, 7)] == 1


@pytest.mark.parametrize("bad", [{"events": -1}, {"recall": -0.5}, {"future": "1"},
                                 {"recall": float("nan")}, {"spread": 0}, {"spread": 2.5},
                                 {"coverage": -1}, {"floor": float("nan")}, {"floor": True}])
def test_weights_are_checked(bad: dict[str, object]) -> None:
    from timeline.keydates import Weights

    with pytest.raises((ValueError, TypeError)):
        Weights(**bad)  # type: ignore[arg-type]


def _covered_timeline() -> Timeline:
    """Articles of 2 May look back on 1 May and 30 April, one of 20 May on 15 May."""
    from timeline import DayReference

    refs = [DayReference("a", D(2024, 5, 1), D(2024, 5, 2)),
            DayReference("b", D(2024, 5, 1), D(2024, 5, 2)),
            DayReference("b", D(2024, 4, 30), D(2024, 5, 2)),   # b still counts once below
            DayReference("c", D(2024, 5, 2), D(2024, 5, 2)),    # c's own day: no vote
            DayReference("d", D(2024, 5, 15), D(2024, 5, 20)),
            DayReference("e", D(2024, 5, 1), None)]             # publication day unknown: 1
    return Timeline(references=refs)


def test_coverage_scales_a_day_by_the_documents_that_could_look_back_on_it() -> None:
    tl = _covered_timeline()
    one, fifteen = 2 * (1 + math.log(2)) + 1, 1 + math.log(6)  # raw votes of 1 and 15 May
    raw = key_dates(tl.events, 3, tl.references, weights=Weights(coverage=0))
    assert [(k.day, k.score) for k in raw] == [
        (D(2024, 5, 1), round(one, 6)), (D(2024, 5, 15), round(fifteen, 6)),
        (D(2024, 4, 30), round(1 + math.log(3), 6))]
    # 4 documents have a publication day; all 4 came after 30 April and 1 May, 1 after 15 May
    assert [(k.day, k.score) for k in tl.key_dates(3)] == [
        (D(2024, 5, 15), round(fifteen * 5 / 2, 6)), (D(2024, 5, 1), round(one, 6)),
        (D(2024, 4, 30), round(1 + math.log(3), 6))]
    factor = coverage_factor(tl.references)
    # 2 May: only d came later (a, b, c were published that day); 20 May, d's own day: none
    # came later; 31 May is after every document (only a forecast could name it): neutral
    assert [factor(D(2024, 5, d)) for d in (1, 2, 15, 20, 31)] == [1, 5 / 2, 5 / 2, 5, 1]
    assert coverage_factor(tl.references, Weights(coverage=2))(D(2024, 5, 15)) == 6.25
    # floor 0.5: a pseudo-count of 2 documents on both sides, (1 + 2 + 4) / (1 + 2 + 1)
    assert coverage_factor(tl.references, Weights(floor=0.5))(D(2024, 5, 15)) == 7 / 4
    assert coverage_factor(tl.references, Weights(coverage=0))(D(2024, 5, 15)) == 1


def test_coverage_is_neutral_without_publication_days() -> None:
    from timeline import DayReference

    assert coverage_factor([])(D(2024, 5, 1)) == 1
    undated = Timeline(events=[ev("x", D(2024, 5, 1), D(2024, 5, 1), "a", "b")],
                       references=[DayReference("a", D(2024, 6, 1), None)])
    assert [(k.day, k.score) for k in undated.key_dates(2)] == [
        (D(2024, 5, 1), 2), (D(2024, 6, 1), 1)]


def test_pipeline_lists_each_documents_publication_day_without_a_vote() -> None:
    from timeline import Document, PubDate, extract_documents

    docs = [Document("n1", "The talks collapsed on 3 March 2024.", PubDate.parse("2024-03-08")),
            Document("n2", "Nothing is dated here.", PubDate.parse("2024-03-09")),
            Document("n3", "Nor here.", PubDate.parse("2024-03")),   # month only: no day
            Document("n4", "Nor here.")]
    tl = extract_documents(docs)
    assert {(r.document, r.day, r.published) for r in tl.references} == {
        ("n1", D(2024, 3, 3), D(2024, 3, 8)), ("n1", D(2024, 3, 8), D(2024, 3, 8)),
        ("n2", D(2024, 3, 9), D(2024, 3, 9))}
    # the publication days vote for nothing; 3 March (its event and n1's mention), before both
    # dated articles, keeps its raw votes
    assert [(k.day, k.score) for k in tl.key_dates(5)] == [(D(2024, 3, 3),
                                                            round(2 + math.log(6), 6))]


def _benchmark() -> object:
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "key_dates.py"
    spec = importlib.util.spec_from_file_location("key_dates_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_leave_one_out_scores_each_topic_with_what_the_others_chose() -> None:
    bench: Any = _benchmark()
    # variant 1 is best in-sample (mean 0.6) only because of topic 0
    table = [[0.5, 0.5, 0.5],
             [1.0, 0.4, 0.4],
             [0.0, 0.5, 0.5]]
    chosen, scores = bench.leave_one_out(table)
    assert chosen == [0, 1, 1]     # topic 0 held out: 0 and 2 tie on (1, 2), the earlier wins
    assert scores == [0.5, 0.4, 0.4]  # leave-one-out mean 0.433: below the current 0.5
    with pytest.raises(ValueError):
        bench.leave_one_out([[0.5]])


def test_benchmark_rescorings_use_publication_days() -> None:
    from collections import Counter

    bench: Any = _benchmark()
    scores = {D(2024, 5, 1): 2.0, D(2024, 5, 10): 2.0}
    pubs = Counter({D(2024, 5, 2): 3, D(2024, 5, 10): 1})
    # PubCount: articles published on the day or the next one
    assert bench._pub_count(1.0)(scores, pubs) == {
        D(2024, 5, 1): 5.0, D(2024, 5, 2): 3.0, D(2024, 5, 9): 1.0, D(2024, 5, 10): 3.0}
    # density: a day in a busy stretch is divided by more
    dense = bench._density(1, 1.0)(scores, pubs)
    assert dense == {D(2024, 5, 1): 0.5, D(2024, 5, 10): 1.0}
    assert bench._neighbours(0.5)({D(2024, 5, 1): 2.0}, pubs) == {
        D(2024, 4, 30): 1.0, D(2024, 5, 1): 2.0, D(2024, 5, 2): 1.0}


def test_benchmark_recount_is_the_library_ranking_until_a_family_changes_it() -> None:
    from collections import Counter

    from timeline import DayReference, Document, PubDate
    from timeline.keydates import DEFAULT_WEIGHTS

    bench: Any = _benchmark()
    doc = Document("a", "Talks failed on 3 May 2024.\nOn 3 May 2024, \"on 3 May 2024\" they left.\n"
                        "In April 2024 it began.", PubDate.parse("2024-05-10"))
    found = bench.mentions(doc)
    assert [(m.first.isoformat(), m.kind, m.sentence, m.quoted) for m in found] == [
        ("2024-05-03", "day", 0, False), ("2024-05-03", "day", 1, False),
        ("2024-05-03", "day", 1, True), ("2024-04-01", "month", 2, False)]
    refs = [DayReference("a", D(2024, 5, 3), D(2024, 5, 10)),
            DayReference("a", D(2024, 5, 10), D(2024, 5, 10)),
            DayReference("b", D(2024, 5, 1), D(2024, 5, 2))]
    later = bench.Mention("b", D(2024, 5, 2), D(2024, 5, 1), D(2024, 5, 1), "day", 0, False)
    tl = Timeline(events=[ev("x", D(2024, 5, 3), D(2024, 5, 3), "a")], references=refs)
    topic = bench.Topic("t", tl, {}, Counter({D(2024, 5, 10): 1, D(2024, 5, 2): 1}),
                        [*found, later])
    library = {k.day: k.score for k in tl.key_dates(9)}
    assert {d: round(s, 6) for d, s in bench._recount()(topic, DEFAULT_WEIGHTS).items()
            if s > 0} == library
    # a's 3 May: two sentences, three mentions, first one in the lead, none only quoted
    # (raw votes: without the coverage factor, here 1.5 for 3 May)
    raw, vote = Weights(coverage=0), 1 + math.log(8)
    sentences = bench._recount(bench._per_sentence(1.0))(topic, raw)
    assert sentences[D(2024, 5, 3)] == pytest.approx(1 + vote * (1 + math.log(2)))
    mentions = bench._recount(bench._per_mention(1.0))(topic, raw)
    assert mentions[D(2024, 5, 3)] == pytest.approx(1 + vote * (1 + math.log(3)))
    assert bench._recount(bench._lead(2.0))(topic, raw)[D(2024, 5, 3)] == pytest.approx(
        1 + 2 * vote)
    assert bench._recount(bench._quotes(0.0))(topic, raw)[D(2024, 5, 3)] == pytest.approx(
        1 + vote)  # one of the three mentions is quoted, not all
    today = bench.Mention("c", D(2024, 5, 20), D(2024, 5, 20), D(2024, 5, 20), "day", 0, False)
    own = attrs.evolve(topic, mentions=[*topic.mentions, today])  # c names its own day
    assert bench._recount()(own, raw)[D(2024, 5, 20)] == 0
    assert bench._recount(own=0.5)(own, raw)[D(2024, 5, 20)] == 0.5
    month = bench._recount(month=30.0)(topic, raw)
    assert month[D(2024, 4, 17)] == pytest.approx(1.0)  # April's 30 days, one each
    assert D(2024, 5, 1) not in bench._recount(min_documents=2)(topic, raw)


def test_benchmark_fusion_and_diversity() -> None:
    from collections import Counter

    bench: Any = _benchmark()
    scores = {D(2024, 5, 1): 3.0, D(2024, 5, 2): 2.0, D(2024, 5, 9): 1.0}
    fused = bench._pub_count_fusion(0)(scores, Counter({D(2024, 5, 10): 5}))
    # ranks: scores 1, 2, 3; PubCount 9 and 10 May (5 each, tie: the earlier first) 1, 2
    assert fused == {D(2024, 5, 1): 1.0, D(2024, 5, 2): 0.5, D(2024, 5, 9): 1 / 3 + 1,
                     D(2024, 5, 10): 0.5}
    tl = Timeline(events=[ev("a", D(2024, 5, 1), D(2024, 5, 1), "a", "b", "c"),
                          ev("b", D(2024, 5, 2), D(2024, 5, 2), "a", "b"),
                          ev("c", D(2024, 5, 9), D(2024, 5, 9), "a")])
    topic = bench.Topic("t", tl, {}, Counter())
    window = (D(2024, 5, 1), D(2024, 5, 31))
    assert bench.pick(topic, bench.CURRENT, 2, window) == [D(2024, 5, 1), D(2024, 5, 2)]
    assert bench.pick(topic, bench.Variant("d", diverse=0.25), 2, window) == [
        D(2024, 5, 1), D(2024, 5, 9)]  # 2 May, next to 1 May, is worth 0.5 < 1
