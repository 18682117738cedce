"""Values of the rules added after reading the tagger's output on news it was not tuned on
(an audit of Timeline17 articles). Every sentence here is our own."""

from __future__ import annotations

import pytest

from timeline import tag


def tagged(text: str, published: str) -> dict[str, tuple[str, str]]:
    return {e.text: (e.time.type, e.time.value) for e in tag(text, published)}


@pytest.mark.parametrize(("text", "expected"), [
    # a clock time followed by "on" and its day is on that day
    ("The truce starts at 05:00 on 20 June .",
     {"05:00": ("TIME", "2014-06-20T05:00"), "20 June": ("DATE", "2014-06-20")}),
    ("The truce starts at 05:00 -LRB- 02:00 GMT -RRB- on 20 June .",
     {"05:00": ("TIME", "2014-06-20T05:00"), "02:00 GMT": ("TIME", "2014-06-20T02:00"),
      "20 June": ("DATE", "2014-06-20")}),
    ("Printed at 00.15 BST on Friday 13 June 2014 .",
     {"00.15 BST": ("TIME", "2014-06-13T00:15"), "Friday 13 June 2014": ("DATE", "2014-06-13")}),
    ("The polls closed at 21:00 GMT on Sunday.",
     {"21:00 GMT": ("TIME", "2014-06-08T21:00"), "Sunday": ("DATE", "2014-06-08")}),
    # without "on", a clock time stays on the day it is read on
    ("The truce started at 05:00 , and on 20 June it broke.",
     {"05:00": ("TIME", "2014-06-12T05:00"), "20 June": ("DATE", "2014-06-20")}),
])
def test_a_clock_time_on_its_day(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2014-06-12") == expected


@pytest.mark.parametrize(("text", "value"), [
    # the colon of a clock time and the "p.m." of one end no clause: the tense reaches the day
    ("The polls will close at 21:00 on Sunday.", "2014-06-15"),
    ("The polls will close at 9 p.m. on Sunday.", "2014-06-15"),
    ("The polls closed at 9 p.m. Voters went home on Sunday.", "2014-06-08"),
])
def test_a_clock_time_ends_no_clause(text: str, value: str) -> None:
    assert [e.time.value for e in tag(text, "2014-06-12") if e.text == "Sunday"] == [value]


def ranges(text: str, published: str) -> list[tuple[str, str, str, str]]:
    return [(e.text, e.time.value, str(e.time.earliest), str(e.time.latest))
            for e in tag(text, published)]


@pytest.mark.parametrize(("text", "expected"), [
    # "days later", told in the past: after the date last named, before the writing
    ("Talks began on 3 May. Days later , the rebels took the port.",
     ("Days later", "PAST_REF", "2014-05-03", "2014-06-12")),
    ("Years later he returned.", ("Years later", "PAST_REF", "None", "2014-06-12")),
    ("Talks begin on Monday; days later a deal will follow.",
     ("days later", "FUTURE_REF", "2014-06-16", "None")),
    # "soon after" as well; a plan stays to come, and a wish is no past
    ("Soon after , the ministry issued a statement.", ("Soon", "PAST_REF", "None", "2014-06-12")),
    ("The signal came soon after sunset.", ("soon", "PAST_REF", "None", "2014-06-12")),
    ("She will call an election soon after her return.",
     ("soon", "FUTURE_REF", "2014-06-12", "None")),
    ("Treat it as soon after the first signs as possible.",
     ("soon", "FUTURE_REF", "2014-06-12", "None")),
])
def test_later_in_a_past_story(text: str, expected: tuple[str, str, str, str]) -> None:
    assert ranges(text, "2014-06-12")[-1] == expected


@pytest.mark.parametrize(("text", "value"), [
    # a quote's "will", then its speaker: the day is the telling's
    ("`` Other talks will follow , '' the envoy told reporters in Geneva late on Friday .",
     "2014-06-06"),
    ("Prices should rise , analysts told a conference on Friday .", "2014-06-06"),
    # ... not when the day is in the clause the speaker reports
    ("The vote could slip , he said , and that a ruling on Friday could follow .", "2014-06-13"),
])
def test_the_speaker_after_a_quote(text: str, value: str) -> None:
    assert [e.time.value for e in tag(text, "2014-06-12") if e.text == "Friday"] == [value]


@pytest.mark.parametrize(("text", "value"), [
    # a deadline after a past verb and its infinitive is still to come
    ("The envoy hoped to put it to a vote by Friday .", "2014-06-13"),
    ("The envoy agreed to sign the deal on Friday .", "2014-06-06"),
    # "ahead of" a day, with no verb of its own near it, looks ahead
    (("Ministers , under pressure from their voters and from abroad , have been holding talks "
      "ahead of Friday 's meeting ."), "2014-06-13"),
    # ... a past verb near it keeps the day in the story's past
    ("Talks were held ahead of Friday 's vote .", "2014-06-06"),
])
def test_deadlines_to_come(text: str, value: str) -> None:
    assert [e.time.value for e in tag(text, "2014-06-12") if e.text == "Friday"] == [value]


@pytest.mark.parametrize(("text", "value"), [
    # a contract month is the nearest one not behind, whatever the trading day's tense
    ("Brent October crude fell 26 cents .", "2011-10"),
    ("U.S. April crude futures settled higher .", "2012-04"),
    ("Crude for September delivery expired on Monday .", "2011-09"),
    ("Buyers held back from November cargoes .", "2011-11"),
    # a month of the story keeps its tense
    ("Prices rose in October .", "2010-10"),
])
def test_a_contract_month(text: str, value: str) -> None:
    assert [e.time.value for e in tag(text, "2011-08-22") if e.time.granularity == "month"] \
        == [value]


def test_ages_in_decades_are_no_decades() -> None:
    text = "The victims were in their 30s or 40s , not in their 20s and early 30s as in the 1990s ."
    assert tagged(text, "2009-04-28") == {"the 1990s": ("DATE", "199")}


@pytest.mark.parametrize(("text", "expected"), [
    ("The first strike hit at dawn . Hours later , more planes came .",
     ("Hours later", "PAST_REF", "None", "2014-06-12")),
    ("The rebuke came hours earlier .", ("hours earlier", "PAST_REF", "None", "2014-06-12")),
])
def test_hours_later(text: str, expected: tuple[str, str, str, str]) -> None:
    assert ranges(text, "2014-06-12")[-1] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a day of the month in words is a day, not its month
    ("The parade was held on the first of May .", {"the first of May": ("DATE", "2014-05-01")}),
    ("Talks resume on the twenty-first of June , 2015 .",
     {"the twenty-first of June , 2015": ("DATE", "2015-06-21")}),
    # "the last of May" is no day
    ("He sold the last of May 's crop .", {"May": ("DATE", "2014-05")}),
])
def test_a_day_of_the_month_in_words(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2014-06-12") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a stretch from now of an uncertain count: an unknown count of its unit
    ("It may spread in the next six to nine months .",
     {"the next six to nine months": ("DURATION", "PXM")}),
    ("The sun stays up for the next 12 to 13 hours .",
     {"the next 12 to 13 hours": ("DURATION", "PTXH")}),
    # half a year back or ahead of now is six months, not the second half of a year
    ("Assets were held over the last half year .",
     {"the last half year": ("DURATION", "P6M")}),
    ("Sales fell in the first half year .", {"the first half": ("DATE", "2014-H1")}),
    # "last" as a verb names no stretch: the range of counts alone
    ("Such wars last 30-40 years .", {"30-40 years": ("DURATION", "P30Y")}),
])
def test_a_stretch_of_an_uncertain_count(text: str,
                                         expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2014-06-12") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the second season of a coordination comes no earlier than the first
    ("A worse wave comes in the autumn and the winter .",
     {"the autumn": ("DATE", "2009-FA"), "the winter": ("DATE", "2009-WI")}),
    ("It spread in the winter and the spring .",
     {"the winter": ("DATE", "2008-WI"), "the spring": ("DATE", "2009-SP")}),
])
def test_coordinated_seasons(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2009-05-04") == expected


def test_a_header_with_a_two_digit_year() -> None:
    # day, month, a year in two digits, then the clock: the day is the header's
    assert tagged("09 February 12 07:00 GMT The envoy arrived .", "2012-02-09") == {
        "09 February 12 07:00 GMT": ("TIME", "2012-02-09T07:00")}


@pytest.mark.parametrize(("text", "expected"), [
    # a newspaper's name is no set of days nor a Sunday
    ("A Sunday Times reporter said on Sunday that the Daily Mail had it first .",
     {"Sunday": ("DATE", "2012-02-19")}),
    ("The Daily Telegraph and the People 's Daily ran it .", {}),
    # a paper's name after 'daily' in lower case stays a set, as AQUAINT annotates it
    ("The daily Gramma ran it .", {"daily": ("SET", "P1D")}),
    # a nationality, an acronym or a weekday after 'daily' is no paper
    ("They face daily Israeli raids and daily UN briefings .",
     {"daily": ("SET", "P1D")}),
    # lower case is no name
    ("He sent it by mail on Sunday .", {"Sunday": ("DATE", "2012-02-19")}),
    # a daily with its leaning or country and then its name, or a name and then 'daily'
    ("The liberal daily Nowa wrote it , and the Danish daily al-Bayan agreed .", {}),
    ("It is over , says Kanal daily . The Orbit daily predicts a truce .", {}),
    ("He spoke on the Herald Daily podcast on Monday .", {"Monday": ("DATE", "2012-02-20")}),
    # no name after it, or a sentence's first word before it: still a set
    ("Greek daily raids went on . Prices rose daily . Talks daily .",
     {"daily": ("SET", "P1D")}),
])
def test_newspaper_names(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2012-02-22") == expected


def test_a_year_after_one_or_another() -> None:
    text = "One 2004 order listed rifles ; another 2009 cable listed tanks ."
    assert tagged(text, "2011-09-07") == {"2004": ("DATE", "2004"), "2009": ("DATE", "2009")}


@pytest.mark.parametrize(("text", "expected"), [
    # a plural unit before '-long' is an unknown count of it, not 'a months'
    ("They ended a months-long siege .", {"months-long": ("DURATION", "PXM")}),
    ("It shifted the years-long balance .", {"years-long": ("DURATION", "PXY")}),
    ("It was a decades-long alliance .", {}),
])
def test_units_long(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2012-02-05") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("They extended the mission for another month .",
     {"another month": ("DURATION", "P1M")}),
    ("Friday was another day of fighting .", {"Friday": ("DATE", "2012-01-20")}),
])
def test_another_unit(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2012-01-23") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the age of a thing is a duration, '-old' inside the span; a person's age is no timex
    ("The seven-week-old strike goes on .", {"seven-week-old": ("DURATION", "P7W")}),
    ("A 14-month-old girl and a 40-year-old man left .", {}),
])
def test_unit_old(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2012-02-05") == expected


def days(text: str, published: str) -> dict[str, tuple[str, str | None, str | None]]:
    return {e.text: (e.time.value, e.earliest and e.earliest.isoformat(),
                     e.latest and e.latest.isoformat()) for e in tag(text, published)}


@pytest.mark.parametrize(("text", "expected"), [
    # an offset from a month moves all of it; landing in one unit of the offset, it is that
    # unit, as its value says
    ("In September 2011 the port shut . A month later it opened .",
     {"September 2011": ("2011-09", "2011-09-01", "2011-09-30"),
      "A month later": ("2011-10", "2011-10-01", "2011-10-31")}),
    ("In May 2001 the mine shut . Ten years later it opened .",
     {"May 2001": ("2001-05", "2001-05-01", "2001-05-31"),
      "Ten years later": ("2011", "2011-01-01", "2011-12-31")}),
    # a modifier narrows the unit to the side of the count it names
    ("The strike began more than a year ago .",
     {"more than a year ago": ("2011", "2011-01-01", "2011-06-01")}),
    ("The strike began nearly a year ago .",
     {"nearly a year ago": ("2011", "2011-06-01", "2011-12-31")}),
    ("The strike began less than two weeks ago .",
     {"less than two weeks ago": ("2012-W20", "2012-05-18", "2012-05-20")}),
])
def test_offset_intervals(text: str, expected: dict[str, tuple[str, str, str]]) -> None:
    assert days(text, "2012-06-01") == expected


def test_a_weekday_before_day_and_month() -> None:
    text = "The truce began on the morning of Thursday 12 April ."
    assert tagged(text, "2012-06-01") == {"Thursday 12 April": ("DATE", "2012-04-12")}


@pytest.mark.parametrize(("text", "expected"), [
    # a weekday of the week named after it, not the one nearest the publication date
    ("The mandate ends on Friday next week .",
     {"Friday next week": ("DATE", "2012-07-20")}),
    ("They met on Wednesday to Friday last week .",
     {"Wednesday": ("DATE", "2012-07-04"), "Friday last week": ("DATE", "2012-07-06")}),
    ("The talks opened on Monday this week .", {"Monday this week": ("DATE", "2012-07-09")}),
])
def test_a_weekday_of_a_week_named(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2012-07-12") == expected


def mods(text: str, published: str) -> list[tuple[str, str, str | None]]:
    return [(e.text, e.time.value, e.time.mod) for e in tag(text, published)]


@pytest.mark.parametrize(("text", "expected"), [
    # 'over' after a preposition of extent, or after 'well' or 'just', is 'more than'
    ("The museum stayed shut for well over a decade .", ("well over a decade", "P1DE", "MORE_THAN")),
    ("The ferry ran just over a year .", ("just over a year", "P1Y", "MORE_THAN")),
    ("The road was closed for over 30 days .", ("over 30 days", "P30D", "MORE_THAN")),
    ("The dam held for just under a week .", ("just under a week", "P1W", "LESS_THAN")),
    # ... a bare 'over' is the stretch something happened over
    ("Rents rose over two years .", ("two years", "P2Y", None)),
])
def test_over_a_duration(text: str, expected: tuple[str, str, str | None]) -> None:
    assert mods(text, "2013-03-01") == [expected]


@pytest.mark.parametrize(("text", "published", "value"), [
    # a plan told in the past lies on the side of the writing nearest it
    ("The envoy was scheduled to visit the port on Monday .", "2011-08-16", "2011-08-15"),
    ("The envoy was scheduled to visit the port on Monday .", "2011-08-19", "2011-08-22"),
    ("A truce that was supposed to take effect on 3 May never held .", "2012-06-12", "2012-05-03"),
    # ... in reported speech it is the plan as told: still to come
    ("Officials said the ship was due to dock on Wednesday .", "2011-06-09", "2011-06-15"),
    # ... and so is one in the present
    ("The envoy is scheduled to visit the port on Monday .", "2011-08-16", "2011-08-22"),
])
def test_a_plan_told_in_the_past(text: str, published: str, value: str) -> None:
    assert [e.time.value for e in tag(text, published)] == [value]


@pytest.mark.parametrize(("text", "value"), [
    # a deadline, a purpose and an awaited event lie ahead of the clause's past
    ("Talks stalled and there is a deadline of Monday for a deal .", "2011-10-31"),
    ("He had filed the bill with a view to a vote on Thursday .", "2011-11-03"),
    ("The union was awaiting the result of a ballot on Thursday .", "2011-11-03"),
    # ... but not across a comma into a clause of its own
    ("They were awaiting orders from the base , whose jets struck on Thursday .", "2011-10-27"),
])
def test_ahead_of_the_clause(text: str, value: str) -> None:
    assert [e.time.value for e in tag(text, "2011-10-29")] == [value]


@pytest.mark.parametrize(("text", "published", "value"), [
    # "would-be" is an adjective, no modal: the past of the clause decides
    ("The minister survived a would-be assassin in April , his aides said .", "2012-08-09",
     "2012-04"),
    # "is expected on" a day looks ahead, as "is expected to" does
    ("A ruling that the court has prepared is expected on Saturday .", "2011-10-20",
     "2011-10-22"),
    # "can" before a verb of its own looks ahead: a hope, a deadline
    ("Villagers prayed that the boy can be found by Monday .", "2011-08-26", "2011-08-29"),
    # ... but a telling after a cue dates the telling
    ("The family will stay , the governor of the northern province told the paper on Monday .",
     "2011-07-26", "2011-07-25"),
    ("The family can stay , he said , and that the talks resume on Monday .", "2011-07-26",
     "2011-08-01"),
    # a phrase opened by "since" looks back, however long
    ("Many have fled since the start of the strikes against the regime in March .",
     "2011-11-21", "2011-03"),
    # ... not a clause of its own after it
    ("Since the vote he has promised to step down in March .", "2011-11-21", "2012-03"),
    # with no tense of its own, "by" is a deadline
    ("The plan gives the vaccine time enough to be ready by winter .", "2009-05-03", "2009-WI"),
    ("Judging by Thursday 's talks , the rift is deep .", "2011-03-11", "2011-03-10"),
])
def test_tense_cues_of_the_fifth_round(text: str, published: str, value: str) -> None:
    assert [e.time.value for e in tag(text, published)] == [value]


@pytest.mark.parametrize(("text", "expected"), [
    # a weekday said of some day, or the last such day of a period: not placed
    ("It was a Wednesday , and the square was empty .", {"Wednesday": ("DATE", "XXXX-WXX-3")}),
    ("They prayed on the last Friday of the fast .", {"last Friday": ("DATE", "XXXX-WXX-5")}),
    ("They prayed last Friday .", {"last Friday": ("DATE", "2011-08-19")}),
    # "one day" hoped for is some time to come; counted, it is a day
    ("She hopes to one day go home .", {"one day": ("DATE", "FUTURE_REF")}),
    ("One day the town will be rebuilt .", {"One day": ("DATE", "FUTURE_REF")}),
    ("In one day they will finish .", {"one day": ("DURATION", "P1D")}),
    # terms to come, times long past
    ("Prices will fall in the long run , and in the medium-to-long term .",
     {"the long run": ("DATE", "FUTURE_REF"), "the medium-to-long term": ("DATE", "FUTURE_REF")}),
    ("A long-term plan for the long term economy .", {}),
    ("The bridge was built a very long time ago .", {"a very long time ago": ("DATE", "PAST_REF")}),
    ("I worry about the present because of the debt .", {"the present": ("DATE", "PRESENT_REF")}),
    # a group named after a day is no day
    ("The March 14 coalition met the 6 April youth movement .", {}),
    # "soon" in a story told in the past is no future of the writer's
    ("Protests soon spread to the capital .", {}),
    ("Soon the unrest spread to the capital .", {}),
    ("Protests could soon spread to the capital .", {"soon": ("DATE", "FUTURE_REF")}),
    # vague counts, the stretch ahead, rates
    ("It may take hours , or days , to clear the road .",
     {"hours , or days": ("DURATION", "PTXH")}),
    ("Talks are likely in the weeks ahead .", {"the weeks ahead": ("DURATION", "PXW")}),
    ("Shells fell at a rate of one a minute .", {"a minute": ("SET", "PT1M")}),
    ("A bus leaves every half an hour .", {"every half an hour": ("SET", "PT30M")}),
    # the second season of "this autumn and winter" shares its shift
    ("More cases are expected this autumn and winter .",
     {"this autumn": ("DATE", "2011-FA"), "winter": ("DATE", "2011-WI")}),
    # counts and halves split by the dashes of tokenized text
    ("Oil hit 2 - year highs , then a 2-1\\/2 - year peak .",
     {"2 - year": ("DURATION", "P2Y"), "2-1\\/2 - year": ("DURATION", "P2Y6M")}),
])
def test_rules_of_the_fifth_round(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, "2011-08-26") == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a quarter still to come, neither the current one nor the one just ended: the next one
    ("Rates could rise in the second quarter .", "2011-02-25",
     {"the second quarter": ("DATE", "2011-Q2")}),
    ("Results could beat forecasts in the fourth quarter .", "2011-01-20",
     {"the fourth quarter": ("DATE", "2010-Q4")}),
    # a clock time in a parenthesis is the first one's moment in another zone
    ("Shells fell on Thursday , after the truce began at 06:00 -LRB- 03:00 GMT -RRB- .",
     "2012-04-13", {"Thursday": ("DATE", "2012-04-12"), "06:00": ("TIME", "2012-04-12T06:00"),
                    "03:00 GMT": ("TIME", "2012-04-12T03:00")}),
    ("The raid began at 01:00 -LRB- 22:00 GMT -RRB- on 20 June .", "2012-06-25",
     {"01:00": ("TIME", "2012-06-20T01:00"), "22:00 GMT": ("TIME", "2012-06-19T22:00"),
      "20 June": ("DATE", "2012-06-20")}),
    # that part of the day last mentioned; some day of a longer period
    ("The army came on Monday . That night we fled .", "2011-06-23",
     {"Monday": ("DATE", "2011-06-20"), "That night": ("TIME", "2011-06-20TNI")}),
    ("The army came last month . That night we fled .", "2011-06-23",
     {"last month": ("DATE", "2011-05"), "That night": ("TIME", "2011-05-XXTNI")}),
    ("It began in the late 1990s . That day he left .", "2011-06-23",
     {"the late 1990s": ("DATE", "199"), "That day": ("DATE", "XXXX-XX-XX")}),
    # a day of the month alone: the month last mentioned, else the one the tense points to
    ("He flew home on the 22nd , an official said .", "2009-04-28",
     {"the 22nd": ("DATE", "2009-04-22")}),
    ("He will fly home on the 2nd , an official said .", "2009-04-28",
     {"the 2nd": ("DATE", "2009-05-02")}),
    ("In March the army moved in . On the 22nd , it left .", "2009-04-28",
     {"March": ("DATE", "2009-03"), "the 22nd": ("DATE", "2009-03-22")}),
    ("They live on the 51st floor , the 3rd from the top .", "2009-04-28", {}),
    # the hour and minutes heading the entries of a live page
    ("Shots were heard 0911 : Our correspondent in the city says 1157 : The army ...",
     "2011-06-10", {"0911": ("TIME", "2011-06-10T09:11"), "1157": ("TIME", "2011-06-10T11:57")}),
    ("1830 : The city is founded .", "2011-06-10", {}),
])
def test_code_of_the_fifth_round(text: str, published: str,
                                 expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    # ages, names of papers and programmes, grammar: no times
    ("Many over-50s and the under 30s may be immune .", "2010-05-08", {}),
    ("She wrote in the Quarterly Review and in the Monthly Bulletin .", "2010-05-08", {}),
    ("He presents The Evening Tonight and Europe Today on the radio .", "2010-05-08", {}),
    ("Mind the past tense in the first line .", "2010-05-08", {}),
    # a stretch bounded after it is no financial period
    ("The mission ran for the period from 3 March 2010 to 9 April 2010 .", "2010-05-08",
     {"from 3 March 2010 to 9 April 2010": ("DATE", "2010-03-03/2010-04-09")}),
    # "and soon" before a past clause is no future
    ("The pair were jailed and soon the protests spread east .", "2010-05-08", {}),
    # a rate of a unit of measure is a set
    ("The field pumps 5 mcm a day .", "2010-05-08", {"a day": ("SET", "P1D")}),
    # bare plural units before "of", after a clause's start or a participle
    ("The town endured weeks of shelling . Months of talks followed .", "2010-05-08",
     {"weeks": ("DURATION", "PXW"), "Months": ("DURATION", "PXM")}),
    ("The early days of the strike were calm .", "2010-05-08", {}),
    ("For a full year , prices fell , and in a single day they rose .", "2010-05-08",
     {"a full year": ("DURATION", "P1Y"), "a single day": ("DURATION", "P1D")}),
    ("Over the next decades the town will grow .", "2010-05-08",
     {"the next decades": ("DURATION", "PXDE")}),
    ("In the long term the plan may work .", "2010-05-08",
     {"the long term": ("DATE", "FUTURE_REF")}),
    # seasons and months written shortly
    ("Stocks must be rebuilt ahead of winter , but not after the fall of the city .",
     "2010-10-13", {"winter": ("DATE", "2010-WI")}),
    ("Prices for winter 2010\\/11 and for winter 2010/11 rose .", "2010-10-13",
     {"winter 2010\\/11": ("DATE", "2010-WI"), "winter 2010/11": ("DATE", "2010-WI")}),
    ("The plant will restart in Nov , the firm says .", "2010-10-13",
     {"Nov": ("DATE", "2010-11")}),
    ("Those wars -LRB- 1970 's -RRB- and the 1960 's shaped him .", "2010-10-13",
     {"1970 's": ("DATE", "197"), "the 1960 's": ("DATE", "196")}),
    # whole days of hours; an offset from the writing is a date the text goes on from
    ("They met ten days ago . 48 hours later he fell ill .", "2010-10-13",
     {"ten days ago": ("DATE", "2010-10-03"), "48 hours later": ("DATE", "2010-10-05")}),
    # a past verb in an "if" clause of a "might" sentence is unreal; a past perfect is past
    ("Worse might follow if the virus spread in the winter .", "2010-05-08",
     {"the winter": ("DATE", "2010-WI")}),
    ("He could have won if he had been allowed to press his March push .", "2010-05-08",
     {"March": ("DATE", "2010-03")}),
])
def test_rules_of_the_sixth_round(text: str, published: str,
                                  expected: dict[str, tuple[str, str]]) -> None:
    assert tagged(text, published) == expected


def test_a_comment_counts_from_its_own_stamp() -> None:
    text = ("Talks began today . At 09:10 4th Oct 2010 , Kim wrote : I heard yesterday that the "
            "army left on Sunday . At 10:00 9th Oct 2010 , Lee wrote : it began two days ago .")
    assert {e.text: e.time.value for e in tag(text, "2010-10-01")} == {
        "today": "2010-10-01", "09:10 4th Oct 2010": "2010-10-04T09:10",
        "yesterday": "2010-10-03", "Sunday": "2010-10-03", "10:00 9th Oct 2010": "2010-10-09T10:00",
        "two days ago": "2010-10-07"}
