"""Trigger vocabularies: every `examples` entry runs as a test; the loader names bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import ResourceError
from timeline.events import detect_events
from timeline.events.patterns import PatternError, compile_pattern, verb_forms
from timeline.events.resources import lexicon, read_toml
from timeline.events.triggers import TriggerEntry, find_triggers, load_triggers
from timeline.model import EVENT_TYPES, Document, PubDate

TRIGGERS = load_triggers()
EXAMPLES = [(e.name, e, ex) for e in TRIGGERS.entries for ex in e.examples]
COUNTER = [(e.name, e, ex) for e in TRIGGERS.entries for ex in e.counterexamples]
PUB = PubDate.parse("2025-03-17")


def _events_from(entry: TriggerEntry, text: str) -> list[str]:
    """Types of the events that `entry`'s own matches produced in `text`."""
    starts = {m.start for m in find_triggers(text) if m.entry.name == entry.name}
    events = detect_events(Document("ex", text, PUB), [])
    return [e.type for e in events if e.sources[0].start in starts]


@pytest.mark.parametrize(("name", "entry", "example"), EXAMPLES,
                         ids=[f"{n}:{x[:30]}" for n, _, x in EXAMPLES])
def test_trigger_example_yields_its_event(name: str, entry: TriggerEntry, example: str) -> None:
    assert _events_from(entry, example) == [name.split("#")[0]], \
        f"{name}: {example!r} -> {[(m.entry.name, m.text) for m in find_triggers(example)]}"


@pytest.mark.parametrize(("name", "entry", "example"), COUNTER,
                         ids=[f"{n}:{x[:30]}" for n, _, x in COUNTER])
def test_trigger_counterexample_yields_nothing(name: str, entry: TriggerEntry, example: str) -> None:
    assert _events_from(entry, example) == []


def test_every_event_type_but_other_has_entries_and_every_entry_examples() -> None:
    types = {e.type for e in TRIGGERS.entries}
    assert types == set(EVENT_TYPES)
    assert all(e.examples for e in TRIGGERS.entries)
    assert len(EXAMPLES) >= 40


def test_word_forms_from_lemmas() -> None:
    assert verb_forms("visit") == {"base": ("visit",), "s": ("visits",), "past": ("visited",),
                                   "participle": ("visited",), "ing": ("visiting",)}
    assert verb_forms("plan")["past"] == ("planned",)
    assert verb_forms("arrive")["ing"] == ("arriving",)
    assert verb_forms("apply")["s"] == ("applies",)
    assert set(verb_forms("travel")["past"]) == {"travelled", "traveled"}
    assert verb_forms("hold", {"hold": ("held", "held")})["past"] == ("held",)


def test_alternatives_match_longest_first_on_word_boundaries() -> None:
    found = find_triggers("Officials said visits to Quito and Lima were brief.")
    assert [(m.text, m.entry.type) for m in found] == [("visits to", "travel")]
    # "revisit" is not "visit"; "meetings" is not "meet".
    assert find_triggers("They will revisit it.") == []
    assert all(m.lemma != "meet" or m.text.lower().startswith("meet")
               for m in find_triggers("The meetings were held."))


def test_match_reports_verb_and_form() -> None:
    (m,) = find_triggers("The envoy has wrapped up a tour of Peru.")
    assert m.lemma == "wrap" and m.form == "past"
    assert m.text == "wrapped up a tour"


def test_gap_never_spans_an_auxiliary() -> None:
    # "The envoy will visit" is not the noun phrase "the ... visit".
    (m,) = find_triggers("The envoy will visit Quito.")
    assert m.text == "visit" and m.lemma == "visit"


def test_pattern_errors() -> None:
    with pytest.raises(PatternError):
        compile_pattern("to? visit", "e1", {}, {})
    with pytest.raises(PatternError):
        compile_pattern("<visit> @nope", "e1", {}, {})
    with pytest.raises(PatternError):
        compile_pattern("<Visit!>", "e1", {}, {})
    with pytest.raises(PatternError):
        compile_pattern("visit *2", "e1", {}, {})


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "triggers.toml"
    path.write_text(body, encoding="utf-8")
    load_triggers.cache_clear()
    return path


@pytest.fixture(autouse=True)
def _fresh_cache() -> object:
    yield
    load_triggers.cache_clear()


def test_loader_names_file_and_entry_line_on_unknown_key(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[travel]]\npattern = "<visit>"\nexamples = ["x"]\n\n'
                            '[[travel]]\npattern = "<tour>"\nexample = ["typo"]\n')
    with pytest.raises(ResourceError) as info:
        load_triggers(path)
    assert info.value.path == str(path)
    assert info.value.line == 5
    assert info.value.value == ["example"]
    assert f"{path}:5" in str(info.value)


def test_loader_rejects_bad_patterns_types_slots_and_syntax(tmp_path: Path) -> None:
    bad = {
        '[[travel]]\npattern = "<visit> @missing"\nexamples = ["x"]\n': "bad pattern",
        '[[voyage]]\npattern = "<visit>"\nexamples = ["x"]\n': "unknown tables",
        '[[travel]]\npattern = "<visit>"\nexamples = []\n': "must not be empty",
        '[[travel]]\npattern = "<visit>"\nexamples = ["x"]\ntitles = ["{who} goes"]\n':
            "unknown title slots",
        '[[travel]]\npattern = "<visit>"\nexamples = ["x"]\nrequires = ["weather"]\n':
            "unknown requirements",
        '[[travel]\npattern = 1\n': "not valid TOML",
    }
    for body, message in bad.items():
        path = _write(tmp_path, body)
        with pytest.raises(ResourceError, match=message) as info:
            load_triggers(path)
        assert info.value.path == str(path)


def test_lexicon_loads_and_read_toml_reports_missing_file(tmp_path: Path) -> None:
    assert "will" in lexicon().future
    with pytest.raises(ResourceError) as info:
        read_toml(tmp_path / "missing.toml")
    assert info.value.path.endswith("missing.toml")


def test_place_file_errors_name_the_line(tmp_path: Path) -> None:
    from timeline.events.resources import place_words

    path = tmp_path / "places.toml"
    path.write_text('[aliases]\n"UK" = "United Kingdom"\n\n[regions]\n"Arctic" = ""\n'
                    '"Nunavut" = "Canada"\n\n[lists]\nwith_article = []\n', encoding="utf-8")
    with pytest.raises(ResourceError) as info:
        place_words(path)
    assert info.value.line == 6 and info.value.value == "Canada"
