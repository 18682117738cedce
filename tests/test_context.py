"""The clause around a year-less date or a weekday decides its direction; a financial report's
period carries over to "a year earlier". Sentences are our own."""

from __future__ import annotations

import pytest

from timeline import tag
from timeline.tagger.context import changed_schedule


def value_of(text: str, published: str, phrase: str) -> str:
    found = {e.text: e.value for e in tag(text, published)}
    assert phrase in found, found
    return found[phrase]


@pytest.mark.parametrize(("text", "published", "phrase", "value"), [
    # a term still to come is not dated by the announcement's past tense
    ("The board declared a dividend payable Dec. 15 to holders.", "1989-10-26", "Dec. 15",
     "1989-12-15"),
    ("The firm said the new contract, effective June 1, raised costs.", "1989-10-26", "June 1",
     "1990-06-01"),
    # ... unless the clause is in the past perfect
    ("The offer had been due to expire Friday.", "1989-10-30", "Friday", "1989-10-27"),
    # with no cue before it, the verb after it decides
    ("In March, the company sold its truck unit.", "1989-10-30", "March", "1989-03"),
    ("In March, the company will open a new plant.", "1989-10-30", "March", "1990-03"),
    # a trailing attribution does not date a clause with a cue of its own further back
    (("The premier, who took office in May, is due to meet the two presidents in the capital "
      "on Monday before flying on to the coast on Tuesday, his spokesman told reporters."),
     "2025-11-19", "Tuesday", "2025-11-25"),
    # ... which it does when the clause has none
    ("The envoy arrived in the capital on Tuesday, his spokesman told reporters.",
     "2025-11-19", "Tuesday", "2025-11-18"),
    # a period before a word in lower case ends no clause ("U.S. goods")
    ("Canada will impose counter-tariffs on U.S. goods on Thursday, the minister said.",
     "2025-03-12", "Thursday", "2025-03-13"),
    (("Gains on Wall Street helped lift U.S. prices for the expiring front-month September and "
     "October contracts."), "2011-08-22", "September", "2011-09"),
    # ... and a month coordinated with a contract month is one too
    (("Gains on Wall Street helped lift prices for the expiring front-month September and "
     "October contracts."), "2011-08-22", "October", "2011-10"),
    # "next to the embassy" is a place, not a time to come
    ("More than 100 people have been killed in the blasts next to the embassies on Friday.",
     "1998-08-08", "Friday", "1998-08-07"),
    # a person "due in" a place is expected there
    ("The foreign minister is due in the capital on Tuesday with a message.", "2011-08-08",
     "Tuesday", "2011-08-09"),
    # "since" looks back
    ("Police have searched for him since the Oct. 23 shooting.", "1999-05-06", "Oct. 23",
     "1998-10-23"),
    # schedules and "as soon as" look ahead
    ("The hearing was postponed until Tuesday.", "2000-03-30", "Tuesday", "2000-04-04"),
    ("The family could arrive as soon as Tuesday.", "2000-04-03", "Tuesday", "2000-04-04"),
    ("He has scheduled a news conference Thursday.", "1999-05-05", "Thursday", "1999-05-06"),
    # a schedule in the present looks ahead ("meets Monday"); a noun before the day does not
    ("The two leaders meet separately Monday with the envoy.", "1998-05-01", "Monday",
     "1998-05-04"),
    ("The trial opens Tuesday in Denver.", "1998-05-01", "Tuesday", "1998-05-05"),
    ("The talks Monday ended without a deal.", "1998-05-01", "Monday", "1998-04-27"),
    # so is one in the present passive ("are held on Sunday"); a participle after "is" or
    # "are" is no past tense, nor one in the past ("were held") a future
    ("Run-off elections are held on Sunday in both regions.", "2025-03-12", "Sunday",
     "2025-03-16"),
    ("The final is usually played in May at the national stadium.", "2025-03-12", "May",
     "2025-05"),
    ("A new bridge is opened in the autumn, the council says.", "2009-05-07", "the autumn",
     "2009-FA"),
    ("The accord is signed and the new rules apply in June.", "2025-03-12", "June", "2025-06"),
    ("Run-off elections were held on Sunday in both regions.", "2025-03-12", "Sunday",
     "2025-03-09"),
    ("Results are expected Friday, officials said.", "2025-03-12", "Friday", "2025-03-14"),
    # a plan without its auxiliary, or "is to", looks ahead; one in the past perfect is past
    ("The talks, set to resume Monday, drew protests.", "2025-03-16", "Monday", "2025-03-17"),
    ("The shares are to resume trading Tuesday.", "2025-03-14", "Tuesday", "2025-03-18"),
    ("The vote had been scheduled for Friday.", "2025-03-17", "Friday", "2025-03-14"),
    ("Police have searched for him since shortly after the Oct. 23 shooting.", "1999-05-06",
     "Oct. 23", "1998-10-23"),
    # a possessive weekday names a day by what happened on it
    ("Lawyers will try to overturn Wednesday's ruling.", "2025-03-14", "Wednesday",
     "2025-03-12"),
    ("Turnout is expected to be high ahead of Sunday's vote.", "2025-03-14", "Sunday",
     "2025-03-16"),
    # a deadline with "until" is still to come (not in the past perfect)
    ("The agency has given the family until 9 a.m. Tuesday to reply.", "2025-03-17",
     "9 a.m. Tuesday", "2025-03-18T09:00"),
    ("They had waited until Tuesday to reply.", "2025-03-17", "Tuesday", "2025-03-11"),
    # adjectives in un-...-ed are no past verbs
    ("It would be paid on a still unspecified date in January.", "1989-10-26", "January",
     "1990-01"),
    # an infinitive right after a past verb: the date is the infinitive's (nearest reading)
    ("The company agreed to buy the unit for $22 million in February.", "1989-10-30",
     "February", "1990-02"),
    ("He was shot to death on Oct. 23 at his home.", "1999-05-05", "Oct. 23", "1998-10-23"),
    # the weekend just past when written on a weekday about the past, else the coming one
    ("The talks resumed over the weekend.", "2025-03-17", "the weekend", "2025-W11-WE"),
    ("The minister said over the weekend that talks would go on.", "2025-03-17", "the weekend",
     "2025-W11-WE"),
    ("The talks will resume over the weekend.", "2025-03-17", "the weekend", "2025-W12-WE"),
    # a date opening its clause takes the clause's main verb, however long the subject
    (("On Tuesday, the National Association of Independent Hardware and Garden Retailers plans "
     "to hold a news conference."), "2025-03-17", "Tuesday", "2025-03-18"),
    (("On Friday, the regional association of independent hardware and garden retailers "
     "announced a merger."), "2025-03-17", "Friday", "2025-03-14"),
    # "planned" is a schedule as a verb, not as an adjective
    ("Protesters planned a large rally downtown on Saturday.", "2025-03-17", "Saturday",
     "2025-03-22"),
    (("On Friday, when the minister set aside vacation plans for the hastily planned trip, the "
      "embassy lifted a travel warning."), "2025-03-17", "Friday", "2025-03-14"),
    ("The minister's planned visit on Tuesday drew protests.", "2025-03-17", "Tuesday",
     "2025-03-11"),
    # a record is one already set
    ("The index is within 70 points of its record high set on Aug. 6.", "2025-02-06", "Aug. 6",
     "2024-08-06"),
    # with no cue near it either way, the nearest one further back in its clause
    (("The company's results were hurt by problems tied to the launch of a major new family of "
      "desktop computers in April."), "2025-10-26", "April", "2025-04"),
    # ... unless a present tense stands between
    (("The sale, which had been expected, is part of the group's program to pay down a big "
      "bridge loan from its banks by February."), "2025-10-30", "February", "2026-02"),
    # a present perfect names no past time of its own: the nearest reading
    ("The bank has extended the firm $90 million in revolving loans through January.",
     "2025-10-30", "January", "2026-01"),
    # ... but a date before a noun names that event's time
    ("Police say they have gathered enough evidence in the October killing.", "2025-04-19",
     "October", "2024-10"),
    # a reporting verb after a date, or one before a date its "that" follows, is the date's own
    ("In March, officials said the plant will close.", "2025-12-01", "March", "2025-03"),
    (("The minister told a news conference on Tuesday that the blockade might be extended."),
     "2025-03-19", "Tuesday", "2025-03-18"),
    # ... but the reported clause's own date is the reported clause's
    ("The minister said the blockade will be extended on Tuesday.", "2025-03-17", "Tuesday",
     "2025-03-18"),
    # a reporting verb in the passive is no telling of its own: the modal before it decides
    ("The winners would be announced on Friday, the jury said.", "2025-03-17", "Friday",
     "2025-03-21"),
    ("The winners were announced on Friday.", "2025-03-17", "Friday", "2025-03-14"),
    # "last" after a modal is the verb, no past cue ("last week"): the modal decides
    ("The outbreak had been contained, though the lull might only last until the autumn.",
     "2025-05-04", "the autumn", "2025-FA"),
    # "may" in lower case is a modal looking ahead, as "might" is
    ("The virus may return in the winter.", "2025-05-04", "the winter", "2025-WI"),
    ("Officials may try to turn Friday prayers into a rally.", "2025-03-13", "Friday",
     "2025-03-14"),
    # a plan in the past ("was supposed to have begun") is no future
    ("A truce that was supposed to have begun in April never took hold.", "2025-06-20",
     "April", "2025-04"),
    ("The truce is supposed to begin in April.", "2025-06-20", "April", "2026-04"),
    # a date after "since" lies before the writing, however near the next one is
    ("Thousands have died since March.", "2025-02-16", "March", "2024-03"),
    ("Employers hired the most since April.", "2025-03-07", "April", "2024-04"),
    # "vs." before a name and a month's abbreviation before its day end no sentence
    (("In January, a month after the Smith vs. Jones ruling by the state's highest court, a "
     "protest erupted downtown."), "2025-10-20", "January", "2025-01"),
    ("Prices peaked on Aug. 6 and again in December.", "2025-10-20", "December", "2024-12"),
])
def test_clause_decides_direction(text: str, published: str, phrase: str, value: str) -> None:
    assert value_of(text, published, phrase) == value


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("Profit rose 5% in the third quarter. A year earlier, it lost money.", "A year earlier",
     "1988-Q3"),
    ("Sales fell in the second quarter, compared with the 1988 quarter.", "the 1988 quarter",
     "1988-Q2"),
    ("Sales fell in the quarter ended Sept. 30.", "the quarter", "1989-Q3"),
    ("Results for the latest quarter were weak.", "the latest quarter", "1989-Q3"),
    ("Revenue in the 1988 third quarter was flat.", "the 1988 third quarter", "1988-Q3"),
    ("Sales grew in the last half of 1988.", "the last half of 1988", "1988-H2"),
    ("Sales grew in the first two quarters of 1990.", "the first two quarters of 1990",
     "1990-H1"),
    # a period not yet begun is a forecast, not the period the report is about
    (("Profit rose in the third quarter. It sees a loss in the second quarter of 1990. "
      "In the year-ago period, it earned less."), "the year-ago period", "1988-Q3"),
    # before another noun only the adjective is the expression
    ("Profit rose in the third quarter. Year-earlier results included a gain.",
     "Year-earlier", "1988-Q3"),
    ("Profit rose in the third quarter, up from the comparable year-ago quarter.",
     "the comparable year-ago quarter", "1988-Q3"),
    ("Profit rose in the third quarter from the corresponding period last year.",
     "the corresponding period last year", "1988-Q3"),
    ("Profit rose in the second quarter. Sales for last year's quarter were flat.",
     "last year's quarter", "1988-Q2"),
    # "from now" counts from the writing, not from the period under discussion
    ("Output fell in the first quarter. A year from now it will have recovered.",
     "A year from now", "1990"),
])
def test_financial_periods(text: str, phrase: str, value: str) -> None:
    assert value_of(text, "1989-11-02", phrase) == value


def test_period_is_forgotten_far_away() -> None:
    filler = "The chairman spoke at length about the future of the industry. " * 30
    text = f"Profit rose in the third quarter. {filler}A year earlier, it was different."
    assert value_of(text, "1989-11-02", "A year earlier") == "1988"


@pytest.mark.parametrize(("phrase", "value"), [
    ("two and a half years", "P2Y6M"),
    ("2 1/2 hours", "PT2H30M"),
    ("a minute and a half", "PT1M30S"),
    ("one and a half days", "P1DT12H"),
    ("half an hour", "PT30M"),
    ("half a century", "P50Y"),
    ("two and a half decades", "P25Y"),
])
def test_fractional_durations_use_smaller_units(phrase: str, value: str) -> None:
    found = tag(f"It took {phrase}.", "2025-03-17")
    assert [(e.text, e.value) for e in found] == [(phrase, value)]


def test_following_and_previous_count_from_the_last_date() -> None:
    text = ("On May 22, 1995, she was promoted; the following year she moved abroad. "
            "In March 2001 the firm was sold. The previous month, talks had stalled.")
    found = {e.text: e.value for e in tag(text, "2025-03-17")}
    assert found["the following year"] == "1996"
    assert found["The previous month"] == "2001-02"


@pytest.mark.parametrize(("text", "phrase", "value"), [
    # 2025-03-07 is a Friday: the previous Friday is a week before it, not the last one
    ("Shares closed higher on March 7. They were up 3% from the previous Friday.",
     "the previous Friday", "2025-02-28"),
    ("The storm hit on Jan. 2, 2019. The following Monday, schools reopened.",
     "The following Monday", "2019-01-07"),
    ("The vote was on Wednesday, Aug. 6, 2014; the preceding Sunday saw protests.",
     "the preceding Sunday", "2014-08-03"),
])
def test_previous_and_following_weekday_count_from_the_last_day(
        text: str, phrase: str, value: str) -> None:
    assert value_of(text, "2025-03-17", phrase) == value


def test_previous_weekday_without_a_date_counts_from_publication() -> None:
    # 2025-03-17 is a Monday
    assert value_of("Prices fell from the previous Friday.", "2025-03-17",
                    "the previous Friday") == "2025-03-14"


def test_following_without_a_date_counts_from_publication() -> None:
    assert value_of("The following week, talks resumed.", "2025-03-17",
                    "The following week") == "2025-W13"


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("Orangemen march each July.", "each July", "XXXX-07"),
    ("It floods every spring.", "every spring", "XXXX-SP"),
    ("Flights leave on Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"),
    ("He swims on Mondays.", "Mondays", "XXXX-WXX-1"),
])
def test_recurring_calendar_names_are_sets(text: str, phrase: str, value: str) -> None:
    found = {e.text: (e.type, e.value) for e in tag(text, "1998-03-01")}
    assert found[phrase] == ("SET", value), found


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("The offer expires at 5 p.m. EST Nov. 9.", "5 p.m. EST Nov. 9", "1989-11-09T17:00"),
    ("Trading halted in mid-afternoon yesterday.", "mid-afternoon yesterday", "1989-11-01TAF"),
])
def test_clock_and_part_of_day_with_their_day(text: str, phrase: str, value: str) -> None:
    assert value_of(text, "1989-11-02", phrase) == value


def test_a_cue_between_a_change_and_its_date_decides() -> None:
    text = "They moved the talks held last week from Monday to Tuesday."
    verb_end = text.index("moved") + len("moved")
    assert changed_schedule(text, verb_end, text.index("Monday"), "past") == "past"
    text = "They moved the talks from Monday to Tuesday."
    assert changed_schedule(text, verb_end, text.index("Monday"), "past") == "future"
    assert changed_schedule(text, verb_end, text.index("Monday"), None) == "future"
    assert changed_schedule(text, verb_end, text.index("Monday"), "nearest") == "nearest"
