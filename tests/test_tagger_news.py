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
