"""Values of the rules added for TempEval-3 accuracy (issue 4). Sentences are our own."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import tag


def tagged(text: str, published: str) -> dict[str, str]:
    return {e.text: e.value for e in tag(text, published)}


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a year said in words keeps its month or season in one expression
    ("Prices peaked in January nineteen ninety-seven.", "1998-02-27",
     {"January nineteen ninety-seven": "1997-01"}),
    ("Oil fell to that level in the winter of nineteen ninety-four.", "1998-02-27",
     {"the winter of nineteen ninety-four": "1994-WI"}),
    # a season with "the" is the nearest one; "the fall" is mostly a drop, not autumn
    ("Orders recovered from the low levels of the summer.", "1989-10-26",
     {"the summer": "1989-SU"}),
    ("Orders recovered from the low levels of the early summer.", "1989-10-26",
     {"the early summer": "1989-SU"}),
    ("The fall in prices hurt the farmers.", "1989-10-26", {}),
    # ages are no durations, in digits or in words
    ("The six-year-old boy and his twenty-five-year-old cousin arrived.", "2000-01-15", {}),
    ("The boy, six years old, stayed for two weeks.", "2000-01-15", {"two weeks": "P2W"}),
])
def test_values(text: str, published: str, expected: dict[str, str]) -> None:
    assert tagged(text, published) == expected


def test_bare_clock_time_is_on_the_day_last_named() -> None:
    text = "The bomb went off on Friday, Aug. 7. It exploded at 10:35 a.m. near the embassy."
    assert tagged(text, "1998-08-08")["10:35 a.m."] == "1998-08-07T10:35"
    # with no day named before it, the publication day
    assert tagged("The market opened at 9:30 a.m.", "1998-08-08")["9:30 a.m."] \
        == "1998-08-08T09:30"


def test_year_ago_adjective_is_not_the_year() -> None:
    found = tagged("Profit rose in the third quarter. The year-ago results included a gain.",
                   "1989-11-02")
    assert found.get("year-ago") == "1988-Q3", found
    assert "The year" not in found


@pytest.mark.parametrize(("text", "phrase", "value"), [
    # "the full year" after a forecast year is the year of publication ...
    ("It aims to double sales by 1992. It forecast a gain for the full year.", "the full year",
     "1989"),
    # ... after a past year it is that year
    ("Sales fell in 1987. For the full year, it lost money.", "the full year", "1987"),
    # "that year" keeps a year still to come
    ("The games open in 1992. That year, the city will grow.", "That year", "1992"),
])
def test_the_year_after_a_forecast(text: str, phrase: str, value: str) -> None:
    assert tagged(text, "1989-10-30")[phrase] == value


@pytest.mark.parametrize(("text", "phrase", "value", "mod"), [
    ("Growth will slow over the next year or so.", "the next year or so", "1990", "APPROX"),
    ("A merger could come in 1994 or later.", "1994 or later", "1994", "ON_OR_AFTER"),
    ("The plant will run in 1990 and beyond.", "1990 and beyond", "1990", "ON_OR_AFTER"),
    ("The strike lasted two years or more.", "two years or more", "P2Y", "EQUAL_OR_MORE"),
])
def test_suffix_modifiers(text: str, phrase: str, value: str, mod: str) -> None:
    found = {e.text: (e.value, e.time.mod) for e in tag(text, "1989-10-30")}
    assert found[phrase] == (value, mod)


def test_or_later_opens_the_interval() -> None:
    (later,) = tag("A merger could come in 1994 or later.", "1989-10-30")
    assert (later.time.earliest is not None, later.time.latest) == (True, None)
    (earlier,) = tag("It was built in 1950 or earlier.", "1989-10-30")
    assert (earlier.time.earliest, earlier.time.latest is not None) == (None, True)


def test_that_same_day_is_the_day_last_named() -> None:
    text = "The embassy was bombed on Aug. 7. That same day, a second bomb went off."
    assert tagged(text, "1998-08-10")["That same day"] == "1998-08-07"


def test_the_month_and_the_week_follow_the_date_last_named() -> None:
    text = "The index fell on April 9. It recovered by the end of the month."
    found = {e.text: (e.value, e.mod) for e in tag(text, "2025-03-17")}
    assert found["the end of the month"] == ("2025-04", "END")
    # not a span of its own: "the month of May", "the week ended Oct. 27", "the week before"
    assert [e.text for e in tag("They met in the month of May.", "2025-03-17")] == ["May"]
    assert [e.text for e in tag("Sales for the week ended Oct. 27 rose.", "1989-10-30")] \
        == ["Oct. 27"]
    assert tag("He left the week before the vote.", "2025-03-17") == []


@pytest.mark.parametrize(("text", "earliest", "latest"), [
    ("Historians opened the post-1959 archives.", "1960-01-01", None),
    ("Output is back at pre-1990 levels.", None, "1989-12-31"),
])
def test_pre_and_post_open_the_interval(text: str, earliest: str | None,
                                        latest: str | None) -> None:
    (expr,) = tag(text, "2025-03-17")
    assert (str(expr.earliest) if expr.earliest else None,
            str(expr.latest) if expr.latest else None) == (earliest, latest)


@pytest.mark.parametrize(("text", "value"), [
    ("The ferry sails at 4 in the morning.", "2025-03-17T04:00"),
    ("The meeting ran until 3:30 in the afternoon.", "2025-03-17T15:30"),
    ("The rally ended at 9 o'clock at night.", "2025-03-17T21:00"),
    ("The raid began at 2 at night.", "2025-03-17T02:00"),
])
def test_hour_with_its_part_of_day(text: str, value: str) -> None:
    (expr,) = tag(text, "2025-03-17")
    assert expr.value == value


def test_a_period_of_several_quarters_ends_the_quarter_under_discussion() -> None:
    text = ("Net income rose 8% in the third quarter from a year earlier. For the first nine "
            "months, net income fell 3% from a year earlier.")
    found = [(e.text, e.value) for e in tag(text, "1989-11-02")]
    assert found == [("the third quarter", "1989-Q3"), ("a year earlier", "1988-Q3"),
                     ("the first nine months", "P9M"), ("a year earlier", "1988")]


def test_a_figure_compared_with_last_year_is_the_period_a_year_back() -> None:
    text = ("Net rose to $5 million in the third quarter from $4 million last year. Sales grew "
            "12% from last year's $80 million. The chain opened 40 stores last year.")
    found = [(e.text, e.value) for e in tag(text, "1989-11-02")]
    assert found == [("the third quarter", "1989-Q3"), ("last year", "1988-Q3"),
                     ("last year", "1988-Q3"), ("last year", "1988")]
    # with no quarter under discussion it is the year
    assert [e.value for e in tag("Profit rose to $5 million from $4 million last year.",
                                 "1989-11-02")] == ["1988"]


@pytest.mark.parametrize(("text", "expected"), [
    # the week that holds a day, named by the day or by a holiday
    ("A hearing came the week of March 6, lawyers said.", ("the week of March 6", "2000-W10")),
    ("The trial opened the week of Oct. 23, 1995.", ("the week of Oct. 23, 1995", "1995-W43")),
    ("Pilgrims arrived as Easter week began.", ("Easter week", "2000-W16")),
])
def test_the_week_holding_a_day(text: str, expected: tuple[str, str]) -> None:
    assert [(e.text, e.value) for e in tag(text, "2000-04-17")] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # a fiscal year named by its place: the year before or after the publication's
    ("Exports made up 27% of sales in the latest fiscal year.", ("the latest fiscal year", "1988")),
    ("The unit lost money last fiscal year.", ("last fiscal year", "1988")),
    ("The plant opens next financial year.", ("next financial year", "1990")),
    # a year after a determiner and an adjective, before its noun
    ("He lost his unsuccessful 1986 campaign.", ("1986", "1986")),
    ("Leaders of the failed 1968 uprising met.", ("1968", "1968")),
])
def test_fiscal_years_and_years_after_an_adjective(text: str,
                                                   expected: tuple[str, str]) -> None:
    assert [(e.text, e.value) for e in tag(text, "1989-10-26")] == [expected]


def test_a_count_after_an_adjective_is_no_year() -> None:
    assert tag("The firm issued an additional 1996 shares.", "1989-10-26") == []


@pytest.mark.parametrize(("text", "expected"), [
    # an offset keeps its modifier, before or after its count
    ("Then, a week or so ago, the talks broke down.", ("a week or so ago", "1991-W08", "APPROX")),
    ("The mine closed about 20 years ago.", ("about 20 years ago", "1971", "APPROX")),
    ("It opened nearly two years ago.", ("nearly two years ago", "1989", "LESS_THAN")),
])
def test_an_offset_keeps_its_modifier(text: str, expected: tuple[str, str, str]) -> None:
    assert [(e.text, e.value, e.mod) for e in tag(text, "1991-02-25")] == [expected]


def test_that_day_after_a_month_is_some_day_of_it() -> None:
    text = "The doctor was shot last October. His name was crossed out that same day."
    found = [(e.text, e.value, str(e.time.earliest), str(e.time.latest))
             for e in tag(text, "1999-02-06")]
    assert found[-1] == ("that same day", "1998-10-XX", "1998-10-01", "1998-10-31")


def test_later_as_timeml_annotates_it() -> None:
    from timeline.tagger import TaggerConfig

    text = "The index fell on Oct. 12. Three days later it rose; a year earlier it had fallen."
    timeml = TaggerConfig(offsets=False)
    assert [(e.text, e.type, e.value) for e in tag(text, "1989-10-30", timeml)] == [
        ("Oct. 12", "DATE", "1989-10-12"), ("Three days", "DURATION", "P3D"),
        ("a year earlier", "DATE", "1988")]
    # by default the offset is the date it names
    assert [(e.text, e.value) for e in tag(text, "1989-10-30")][1] \
        == ("Three days later", "1989-10-15")


@pytest.mark.parametrize(("text", "expected"), [
    # half of a decade: the decade with its start or end, not a half of the year
    ("Sales stagnated in the last half of the '70s.", ("the last half of the '70s", "197", "END")),
    ("Wages rose in the first half of the 1960s.", ("the first half of the 1960s", "196", "START")),
    # half of a year stays a half
    ("Sales stagnated in the last half of 1979.", ("the last half of 1979", "1979-H2", None)),
])
def test_half_of_a_decade(text: str, expected: tuple[str, str, str | None]) -> None:
    assert [(e.text, e.value, e.mod) for e in tag(text, "1989-10-26")] == [expected]


def test_the_quarter_a_year_ago_is_one_expression() -> None:
    text = "Profit fell in the second quarter. For the quarter a year ago, it earned $3 million."
    assert [(e.text, e.value) for e in tag(text, "1989-10-26")] == [
        ("the second quarter", "1989-Q2"), ("the quarter a year ago", "1988-Q2")]


@pytest.mark.parametrize(("text", "expected"), [
    # a fiscal quarter named by its last day: the calendar quarter of most of its months
    ("The retailer lost money in the quarter ended July 31.",
     [("the quarter", "1989-Q2"), ("July 31", "1989-07-31")]),
    ("Sales rose in the fiscal quarter ending Feb. 28.",
     [("the fiscal quarter", "1989-Q1"), ("Feb. 28", "1989-02-28")]),
    ("The airline earned more in the quarter ended Sept. 30.",
     [("the quarter", "1989-Q3"), ("Sept. 30", "1989-09-30")]),
])
def test_quarter_named_by_its_last_day(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.value) for e in tag(text, "1989-10-26")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "one day" between a modal and its verb is a time to come ...
    ("The city will one day host the games.", [("one day", "DATE", "FUTURE_REF")]),
    ("Engineers say they could someday repair it.", [("someday", "DATE", "FUTURE_REF")]),
    # ... a count of days elsewhere
    ("The strike lasted one day.", [("one day", "DURATION", "P1D")]),
])
def test_one_day_to_come(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(e.text, e.type, e.value) for e in tag(text, "1998-03-03")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the ends of a range apart: the bare day takes its month and year from the other end
    ("The summit will be held on April 24 and 25.",
     [("April 24", "1999-04-24"), ("25", "1999-04-25")]),
    ("The fair runs March 17-19, 2025, downtown.",
     [("March 17", "2025-03-17"), ("19", "2025-03-19")]),
    ("The fair runs from 17 to 19 March 2025.",
     [("17", "2025-03-17"), ("19 March 2025", "2025-03-19")]),
    # a count after the range is no day
    ("On April 24 and 25 members voted.", [("April 24", "1998-04-24")]),
])
def test_range_ends_apart(text: str, expected: list[tuple[str, str]]) -> None:
    from timeline.tagger import TaggerConfig

    timeml = TaggerConfig(ranges=False)
    assert [(e.text, e.value) for e in tag(text, "1999-02-10", timeml)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "soon" next to a past verb is shortly after the story's time, no future of the writer's
    ("The mayor was soon released from the hospital.", []),
    ("The strike soon reached the ports.", []),
    ("The council will soon vote on the plan.", [("soon", "FUTURE_REF")]),
])
def test_soon_in_a_past_story(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.value) for e in tag(text, "2000-02-24")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a paper or a broadcast named "Today" is no day ...
    ("The governor told USA Today that he would run.", []),
    ("You are listening to VOA Today.", []),
    # ... the word in a sentence is
    ("In Brazil today, prices rose.", [("today", "2000-02-24")]),
])
def test_today_in_a_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.value) for e in tag(text, "2000-02-24")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a weekday shares the plural part of day after it: every such night
    ("Buses leave on Monday and Tuesday nights.",
     [("Monday", "SET", "XXXX-WXX-1TNI"), ("Tuesday nights", "SET", "XXXX-WXX-2TNI")]),
    # a singular part of day is one night
    ("Buses left on Monday and Tuesday night.",
     [("Monday", "DATE", "1999-02-08"), ("Tuesday night", "DATE", "1999-02-09TNI")]),
])
def test_weekday_shares_a_plural_part_of_day(text: str,
                                             expected: list[tuple[str, str, str]]) -> None:
    assert [(e.text, e.type, e.value) for e in tag(text, "1999-02-10")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the Nth day of something, said of the present, is the day of publication
    ("Today is the fifth day of the strike.", [("Today", "1998-03-06"), ("the fifth day", "1998-03-06")]),
    ("It's the second day of talks in Vienna.", [("the second day", "1998-03-06")]),
    # in a past story it is no day of publication
    ("It was the second day of talks in Vienna.", []),
])
def test_the_nth_day_of_something_today(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.value) for e in tag(text, "1998-03-06")] == expected


@pytest.mark.parametrize("text", [
    # a comparison between periods names no period of its own
    "The quarter-to-quarter comparison was flattered by a charge.",
    "Sales rose 4% on a year-over-year basis.",
    "Output grew 2% year on year.",
])
def test_unit_to_unit_comparisons_are_no_time(text: str) -> None:
    assert tag(text, "1989-10-27") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The vote was postponed from Nov. 27 to Dec. 2.", [("Nov. 27", "2025-11-27"),
                                                         ("Dec. 2", "2025-12-02")]),
    ("They moved the launch from 3 to 10 April.", [("3", "2025-04-03"),
                                                   ("10 April", "2025-04-10")]),
    ("The launch runs from 3 to 10 April.", [("from 3 to 10 April", "2025-04-03/2025-04-10")]),
])
def test_change_from_to_is_two_dates(text: str, expected: list[tuple[str, str]]) -> None:
    """After a verb of change (vocabulary `change_verb`), "from X to Y" is the old date and the
    new one, not a range of days."""
    assert [(e.text, e.value) for e in tag(text, "2025-03-17")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # told in the past (or the present perfect, or the present passive), the change is done
    # and the plan's days still to come: the nearest such days from the writing on (a
    # Wednesday: its own Wednesday is the day itself)
    ("The organisers moved the summit from Monday to Wednesday.",
     [("Monday", "2025-03-17"), ("Wednesday", "2025-03-12")]),
    ("The hosts have pushed the final from Friday to Sunday.",
     [("Friday", "2025-03-14"), ("Sunday", "2025-03-16")]),
    ("The summit is switched from Tuesday to Thursday.",
     [("Tuesday", "2025-03-18"), ("Thursday", "2025-03-13")]),
    # a month keeps its nearest reading (a plan of last month moved on is no contradiction)
    ("The board moved the meeting from February to April.",
     [("February", "2025-02"), ("April", "2025-04")]),
    # a headline in capitals is read alike ("FROM")
    ("ORGANISERS MOVE SUMMIT FROM MONDAY TO THURSDAY",
     [("MONDAY", "2025-03-17"), ("THURSDAY", "2025-03-13")]),
    # "will move": the future as read
    ("The organisers will move the summit from Monday to Thursday.",
     [("Monday", "2025-03-17"), ("Thursday", "2025-03-13")]),
])
def test_a_change_told_in_the_past_moves_a_plan_still_to_come(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.value) for e in tag(text, "2025-03-12")] == expected


def test_weekday_range_against_a_month_names_no_days() -> None:
    """Published in "2025-03" only: "from Monday to Wednesday" is some such days of the weeks
    the month reaches, not three days made up."""
    (expr,) = tag("The talks ran from Monday to Wednesday.", "2025-03")
    assert expr.value == "2025-WXX-1/2025-WXX-3"
    assert expr.time.earliest is not None and expr.time.latest is not None
    assert expr.time.earliest <= dt.date(2025, 3, 1) and expr.time.latest >= dt.date(2025, 3, 31)


_CHRONOLOGY = (
    "Here is a timeline of the conflict.\n"
    "February 17 - Protesters call February 17 a day of anger.\n"
    "March 19 - The first air strikes begin.\n"
    "August 21 - Rebels enter the capital.\n"
)


def test_a_chronology_looks_back_and_runs_forward() -> None:
    # published in August, "February 17" alone is nearer next February: as a chronology's
    # first entry it is this one, and the entries after it follow it
    found = [(e.text, e.value) for e in tag(_CHRONOLOGY, "2011-08-24") if e.type == "DATE"]
    assert found == [("February 17", "2011-02-17"), ("February 17", "2011-02-17"),
                     ("March 19", "2011-03-19"), ("August 21", "2011-08-21")], found


def test_a_chronology_crosses_the_new_year() -> None:
    text = "Key dates:\nNovember 5 - Talks open.\nDecember 20 - A deal.\nJanuary 15 - It is signed.\n"
    assert [e.value for e in tag(text, "2012-02-10")] == ["2011-11-05", "2011-12-20", "2012-01-15"]


def test_a_schedule_set_out_as_entries_stays_ahead() -> None:
    text = "The plan:\n10 April: troops withdraw.\n12 April: the truce begins.\n"
    assert [e.value for e in tag(text, "2012-04-05")] == ["2012-04-10", "2012-04-12"]


def test_a_date_after_a_dash_inside_a_line_is_no_entry() -> None:
    # a dash inside a sentence heads nothing: the date is read in its clause's tense
    assert tagged("Talks will resume in February - officials said.", "2011-08-24") \
        == {"February": "2012-02"}


def test_a_count_then_as_is_no_rate() -> None:
    assert tag("They named March 17 as a day of mourning.", "2011-03-10")[1].type == "DURATION"


@pytest.mark.parametrize("text", ["Teams worked through the weekend.", "They rest this weekend.",
                                  "They will rest next weekend."])
@pytest.mark.parametrize("published", ["2025-03", "2025"])
def test_a_weekend_against_a_coarse_date_runs_saturday_to_sunday(text: str,
                                                                  published: str) -> None:
    (found,) = tag(text, published)
    assert found.value.endswith("WXX-WE")
    assert found.earliest is not None and found.latest is not None
    assert (found.earliest.isoweekday(), found.latest.isoweekday()) == (6, 7), found
    if published == "2025-03" and "through" in text:   # told in the past: the weekend before
        assert found.earliest == dt.date(2025, 2, 22)


@pytest.mark.parametrize(("text", "span"), [
    ("The trial is expected to last three months.", "three months"),
    ("The war did not last 10 years.", "10 years"),
    ("Prices rose in the last three months.", "the last three months"),
])
def test_last_as_a_verb_stays_out_of_the_duration(text: str, span: str) -> None:
    assert [e.text for e in tag(text, "2025-11-19")] == [span]


@pytest.mark.parametrize(("text", "day"), [
    ("The match kicks off at 1930 local time on Saturday.", "2025-11-22"),
    ("The summit opens at 9 a.m. on Monday.", "2025-11-24"),
    ("The summit opened at 9 a.m. on Monday.", "2025-11-17"),
])
def test_a_schedule_in_the_present_reaches_past_a_clock_time(text: str, day: str) -> None:
    # published on a Wednesday: the clock time and its day agree
    found = [e.value for e in tag(text, "2025-11-19")]
    assert len(found) == 2 and found[1] == day and found[0].startswith(day), found
