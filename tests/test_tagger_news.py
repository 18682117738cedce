"""Values of the rules added for news written after the corpora the tagger was tuned on (wire
datelines, tokenized text, clock times with zones, ...). Every sentence here is our own."""

from __future__ import annotations

import pytest

from timeline import tag


def tagged(text: str, published: str) -> dict[str, tuple[str, str]]:
    return {e.text: (e.time.type, e.time.value) for e in tag(text, published)}


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a comma standing apart, as tokenized text writes it, keeps the year in the date
    ("The clinic reopened on October 2 , 2014 after repairs.", "2014-10-20",
     {"October 2 , 2014": ("DATE", "2014-10-02")}),
    ("OSLO | Tue Nov 4 , 2014", "2014-11-04", {"Tue Nov 4 , 2014": ("DATE", "2014-11-04")}),
    ("The survey closed on Sunday , 9 March 2014 .", "2014-03-20",
     {"Sunday , 9 March 2014": ("DATE", "2014-03-09")}),
    # a month's abbreviation without its period, before a day
    ("LIMA Aug 3 (Wire) - Farmers blocked the road.", "2014-08-03",
     {"Aug 3": ("DATE", "2014-08-03")}),
    # ... but only capitalized, and never a verb
    ("Nothing may 3 times mar 4 of them.", "2014-08-03", {}),
])
def test_dates_in_wire_and_tokenized_text(text: str, published: str,
                                          expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a clock time with its zone; a dot between hour and minutes only before a zone
    ("The polls closed at 21:00 GMT.", "2015-05-07", {"21:00 GMT": ("TIME", "2015-05-07T21:00")}),
    ("Page updated 14.52 BST", "2015-05-07", {"14.52 BST": ("TIME", "2015-05-07T14:52")}),
    ("Shares rose 14.52 percent.", "2015-05-07", {}),
    # a 24-hour time after a preposition of time
    ("The ferry sails at 07:45 daily.", "2015-05-07",
     {"07:45": ("TIME", "2015-05-07T07:45"), "daily": ("SET", "P1D")}),
    # a date and its clock time are one expression, in either order
    ("Posted Thursday 7 May 2015 16.20 BST", "2015-05-07",
     {"Thursday 7 May 2015 16.20 BST": ("TIME", "2015-05-07T16:20")}),
    ("At 22:10 6th May 2015 , a reader wrote:", "2015-05-07",
     {"22:10 6th May 2015": ("TIME", "2015-05-06T22:10")}),
    ("KIEV | Wed May 6 , 2015 3:12 pm EDT KIEV (Wire) -", "2015-05-06",
     {"Wed May 6 , 2015 3:12 pm EDT": ("TIME", "2015-05-06T15:12")}),
    # the date named wins over a weekday that contradicts it
    ("Fri May 6 , 2015 3:12 pm", "2015-05-06", {"Fri May 6 , 2015 3:12 pm": ("TIME", "2015-05-06T15:12")}),
    # a ratio or a verse is no clock time
    ("The vote split 12:30 in the chamber; see Luke 4:18.", "2015-05-07", {}),
])
def test_clock_times_of_news(text: str, published: str,
                             expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, published) == expected


def test_a_dateline_with_its_clock_time_dates_the_article() -> None:
    found = tag("KIEV | Wed May 6 , 2015 3:12 pm EDT KIEV - Talks ended yesterday.")
    assert [(e.text, e.time.value) for e in found][-1] == ("yesterday", "2015-05-05")


@pytest.mark.parametrize(("text", "published", "expected"), [
    # an age in months is a child's, not a duration; a thing's age stays a duration
    ("A 14-month-old boy and six-week-old twins were treated.", "2015-05-07", {}),
    ("The 14-month-old strike has cost the port dearly.", "2015-05-07",
     {"14-month-old": ("DURATION", "P14M")}),
    # 'the present' before a noun is an adjective
    ("The present cabinet differs from the cabinet of the present day.", "2015-05-07",
     {"the present day": ("DATE", "PRESENT_REF")}),
    ("From the 1950s to the present, farming changed.", "2015-05-07",
     {"the 1950s": ("DATE", "195"), "the present": ("DATE", "PRESENT_REF")}),
    # idioms, fractions and document numbers
    ("The crews called it a day at noon.", "2015-05-07", {"noon": ("TIME", "2015-05-07T12:00")}),
    ("The plant made a quarter as many cars.", "2015-05-07", {}),
    ("Resolutions 2118 and 2139 demand access; Flight 1830 landed in 2014.", "2015-05-07",
     {"2014": ("DATE", "2014")}),
])
def test_spans_that_are_no_times(text: str, published: str,
                                 expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # every year of a list of years, tokenized or not
    ("Floods hit the valley in 1931, 1954, 1998 and 2010.", "2015-05-07",
     {"1931": ("DATE", "1931"), "1954": ("DATE", "1954"), "1998": ("DATE", "1998"),
      "2010": ("DATE", "2010")}),
    ("Floods hit in 1931 , 1954 and 1998 .", "2015-05-07",
     {"1931": ("DATE", "1931"), "1954": ("DATE", "1954"), "1998": ("DATE", "1998")}),
    # a range of years whose end keeps only its last two digits
    ("Sales fell in the 2008-09 season and in 1999/00.", "2015-05-07",
     {"2008-09": ("DATE", "2008/2009"), "1999/00": ("DATE", "1999/2000")}),
    ("The code 2012-05 is no range.", "2015-05-07", {}),
    # a tokenized possessive before a year
    ("the club 's 2004 title", "2015-05-07", {"2004": ("DATE", "2004")}),
])
def test_years_of_lists_and_ranges(text: str, published: str,
                                   expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, published) == expected


@pytest.mark.parametrize(("text", "value"), [
    # still to come, the small hours are the next day's; later hours, and past ones, are today's
    ("The convoy will set off at 3 in the morning.", "2021-09-14T03:00"),
    ("The convoy will set off at 1:30 a.m.", "2021-09-14T01:30"),
    ("The convoy set off at 3 in the morning.", "2021-09-13T03:00"),
    ("The convoy will set off at 10 at night.", "2021-09-13T22:00"),
    ("The convoy will set off at 4 p.m.", "2021-09-13T16:00"),
    # a day named before wins, unless the clause is to come and that day is gone
    ("On Thursday the convoy will reach the border. It will cross at 5 in the morning.",
     "2021-09-16T05:00"),
    ("Yesterday the convoy was stopped. It will try again at 5 in the morning.",
     "2021-09-14T05:00"),
    # 12 at night is midnight, the end of its day, as "midnight" is (TimeBank: T24)
    ("The curfew will begin at 12 at night.", "2021-09-13T24:00"),
    ("The curfew will begin at midnight.", "2021-09-13T24:00"),
    ("The curfew will begin at 12:20 at night.", "2021-09-14T00:20"),
])
def test_bare_clock_time_in_a_clause_to_come(text: str, value: str) -> None:
    clocks = [e for e in tag(text, "2021-09-13") if e.time.type == "TIME"]
    assert [e.time.value for e in clocks] == [value]


@pytest.mark.parametrize(("text", "value"), [
    # "could" before a verb of its own looks ahead
    ("A ruling could come on Friday, lawyers said.", "2021-09-17"),
    # ... but not as the past of "can"
    ("The pilots could not be reached on Friday.", "2021-09-10"),
    ("The minister could be seen on Friday at the port.", "2021-09-10"),
    # an irregular past verb is a past cue, whatever comes after it
    ("Engineers are testing parts the maker sent on Friday so it might fix the fault.",
     "2021-09-10"),
    ("Villagers fled on Friday, and more may follow.", "2021-09-10"),
])
def test_tense_of_the_clause(text: str, value: str) -> None:
    days = [e.time.value for e in tag(text, "2021-09-13") if e.text == "Friday"]
    assert days == [value]


def values(text: str, published: str) -> list[tuple[str, str, str, str]]:
    return [(e.text, e.time.value, str(e.time.earliest), str(e.time.latest))
            for e in tag(text, published)]


def test_the_next_day_follows_the_day_last_named() -> None:
    text = "On 4 May 2019 the bridge closed. The next day, engineers found a crack."
    assert values(text, "2019-06-20")[-1] == ("The next day", "2019-05-05", "2019-05-05",
                                               "2019-05-05")
    # AQUAINT values "the next morning" as its day
    text = "The jury retired on Tuesday. The next morning it returned a verdict."
    assert values(text, "2019-06-20")[-1][:2] == ("The next morning", "2019-06-19")
    # "the next day or two" counts from now
    text = "The bridge closed on Tuesday. Repairs start in the next day or two."
    assert values(text, "2019-06-20")[-1][:2] == ("the next day", "2019-06-21")


def test_counted_from_a_date_of_several_days() -> None:
    # a day after some day of a month is some day of that month (or the first of the next),
    # not the day after the publication date
    text = "The strike began in June 2018. The next day, the port shut."
    assert values(text, "2019-06-20")[-1] == ("The next day", "2018-XX-XX", "2018-06-02",
                                               "2018-07-01")
    text = "The strike began in June 2018. Three weeks later the port shut."
    assert values(text, "2019-06-20")[-1] == ("Three weeks later", "2018-WXX", "2018-06-22",
                                               "2018-07-21")
    text = "The strike began in June 2018. A year later the port shut."
    assert values(text, "2019-06-20")[-1] == ("A year later", "2019", "2019-01-01",
                                               "2019-12-31")


@pytest.mark.parametrize(("text", "expected"), [
    # a rate after a count of things is a set
    ("The port handles forty thousand containers a year.", {"a year": ("SET", "P1Y")}),
    ("Nine ferries a day cross to the island.", {"a day": ("SET", "P1D")}),
    ("About two million people a year visit the caves.", {"a year": ("SET", "P1Y")}),
    # ... an offset stays an offset
    ("Two ferries a week ago sank.", {"a week ago": ("DATE", "2017-W14")}),
    # one unit long
    ("After a week-long strike and the year-long siege, talks resumed.",
     {"week-long": ("DURATION", "P1W"), "year-long": ("DURATION", "P1Y")}),
])
def test_rates_and_unit_long(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2017-04-12") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a range of counts is one duration, at least the lower one
    ("Repairs take two to three weeks.", ("two to three weeks", "P2W", "EQUAL_OR_MORE")),
    ("Repairs take four or five days.", ("four or five days", "P4D", "EQUAL_OR_MORE")),
    ("Repairs take about 10-12 hours.", ("about 10-12 hours", "PT10H", "APPROX")),
    # ... but the hyphen of a number in words joins one count
    ("Repairs take twenty-four hours.", ("twenty-four hours", "PT24H", None)),
    ("Prices rose over the past thirty-six months.", ("the past thirty-six months", "P36M", None)),
    # ... but a stretch back or ahead of now of an uncertain count is an unknown count, as
    # TimeBank values "the next 12 to 18 months" (PXM)
    ("Prices rose over the past two or three years.",
     ("the past two or three years", "PXY", None)),
])
def test_a_range_of_counts_is_one_duration(text: str,
                                           expected: tuple[str, str, str | None]) -> None:
    assert [(e.text, e.time.value, e.time.mod) for e in tag(text, "2017-04-12")] == [expected]


def test_an_offset_ends_with_before_only_without_its_object() -> None:
    text = "Troops entered the town on Tuesday. Two days before, the roads were cut."
    assert values(text, "2018-05-10")[-1][:2] == ("Two days before", "2018-05-06")
    text = "Two days before the vote, the roads were cut."
    assert [(e.text, e.time.value) for e in tag(text, "2018-05-10")] == [("Two days", "P2D")]


def test_a_hyphenated_half() -> None:
    found = tag("The hearing ran for four-and-a-half hours.", "2018-05-10")
    assert [(e.text, e.time.value) for e in found] == [("four-and-a-half hours", "PT4H30M")]


@pytest.mark.parametrize(("text", "expected"), [
    # a march is no month; "March of this year" still is
    ("Thousands joined the annual March for Life in March 2016.",
     {"March 2016": ("DATE", "2016-03")}),
    ("They planned a march on the capital for March.", {"March": ("DATE", "2017-03")}),
    # a newspaper called a daily is no set of days; a daily rate still is
    ("The Communist Party daily Granma printed the letter.", {}),
    ("The English-language daily said ferries sail daily.", {"daily": ("SET", "P1D")}),
    # a figure of speech
    ("For the reformers, high noon has come.", {}),
])
def test_names_that_look_like_times(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2017-04-12") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a quoted title in title case is a programme, not a time
    ('The minister said on ABC\'s "This Week" that talks would resume next week.',
     {"next week": ("DATE", "2017-W16")}),
    ("He told CBS's ''60 Minutes'' he slept for 60 minutes.", {"60 minutes": ("DURATION", "PT60M")}),
    # a quoted sentence is no title
    ('"This week we will vote," he said.', {"This week": ("DATE", "2017-W15")}),
])
def test_quoted_titles(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2017-04-12") == expected


@pytest.mark.parametrize("text", [
    # "today's" of these days in general is no day; of a day's event it is
    "Phones shape today's youth, and today's vote will show it.",
    "In today's world, few read today's editions.",
])
def test_today_in_general(text: str) -> None:
    found = [(e.text, e.time.value, e.start) for e in tag(text, "2017-04-12")]
    assert found == [("today", "2017-04-12", text.rindex("today"))]


@pytest.mark.parametrize(("text", "expected"), [
    # a hyphenated modifier before a noun is an adjective: "the" is the noun's
    ("She made the late-November trip.", ("late-November", "2016-11", "END")),
    ("The mid-March vote was delayed.", ("mid-March", "2017-03", "MID")),
    # ... and a noun phrase keeps it
    ("Sales will double by the mid-2020s.", ("the mid-2020s", "202", "MID")),
])
def test_a_hyphenated_modifier_before_a_noun(text: str, expected: tuple[str, str, str]) -> None:
    assert [(e.text, e.value, e.mod) for e in tag(text, "2017-04-12")] == [expected]
