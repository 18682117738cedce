"""People named in a document: full names with titles stripped, and later short mentions.

A capitalized run of words ("UK Prime Minister Keir Starmer") loses its leading titles,
nationality adjectives and place names ("Keir Starmer"); royal titles stay ("King Charles III").
A capitalized gerund opening a sentence is no part of a name ("Regarding Gaddafi"), nor is a run
joined by "for", "of" or "on" to an organisation ("Institute for Communicable Diseases"). A run
of two or more words after "the" with no title ("the Western Cape", "the Baba Amr district") is
no person there; when it heads its phrase or a place noun follows it ("the Western Cape who",
"the Baba Amr district"), it is a place or a thing anywhere in the document; a modifier noun
after it keeps it a person ("the Muammar Gaddafi regime").
A run of two or more words is a person when a title or a role word introduced it, when its last
word also stands alone elsewhere in the document ("Carney"), or when none of its words is an
ordinary word of the document (so "Global Alliances" in a heading is not a person). Single
words then resolve to the full name whose surname (or first word: "Xi") they are; an unresolved
single word is a person when a title introduced it or when it recurs capitalized mid-sentence
and is never written in lower case ("Trump").
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence

from attrs import frozen

from timeline.events.places import gazetteer
from timeline.events.resources import lexicon, people_words, place_words
from timeline.events.text import Sentence, Token, token_after, tokenize

__all__ = ["PeopleIndex", "PersonMention", "index_people"]

#: A regnal number up to XXXIX ("Pope Leo XIV", "King Charles III") or Jr./Sr.
_ROMAN = re.compile(r"^(?:X{0,3}(?:IX|IV|V?I{1,3}|V)|X{1,3}|Jr\.?|Sr\.?)$")
_INNER_CAPITAL = re.compile(r"[a-zà-ÿ][A-Z]")
_MC = re.compile(r"^(Mc|Mac|O’|O'|Le|La|De|Di|Du|Van)")  # "McGill", "LeBlanc", "DiCaprio"


@frozen
class PersonMention:
    """A mention of a person: document offsets of the name (titles excluded) and full name."""

    start: int
    end: int
    name: str
    titled: bool = False


def _name_like(tok: Token) -> bool:
    return _name_like_word(tok.bare)


@functools.lru_cache(maxsize=1 << 16)
def _name_like_word(word: str) -> bool:
    if not word[:1].isupper() or not word[:1].isalpha():
        return False
    inner = word[1:]
    head = word.split("-")[0]
    if "-" in word and len(head) > 1 and head.isupper():
        return False  # "NATO-adjacent"
    tail = word.rsplit("-", 1)[-1]
    if tail != word and tail.islower() and (tail.endswith("ed")
                                            or tail in people_words().compound_tails):
        return False  # "London-based", "Syrian-led", "Gaddafi-era"; not "Ban Ki-moon"
    # "CanadaPM", "CarneyDavosWorld" are not names; "McGill", "O'Brien" are.
    return not (_INNER_CAPITAL.search(inner) and not _MC.match(word))


def prefixed_rest(word: str) -> str | None:
    """The capitalized rest of a name part with a prefix ("al-Assad", "El-Arabi": "Assad",
    "Arabi"; people.toml `name_prefixes`), else None."""
    head, sep, rest = word.partition("-")
    if sep and head.lower() in people_words().name_prefixes and _name_like_word(rest):
        return rest
    return None


def _runs(tokens: Sequence[Token], text: str, base: int) -> list[list[Token]]:
    """Maximal runs of capitalized words joined by single spaces (particles allowed, and
    prefixed parts after a name: "Bashar al-Assad")."""
    words = people_words()
    particles = words.particles
    titles = _single_titles(words.titles, words.royal)
    runs: list[list[Token]] = []
    current: list[Token] = []
    for k, tok in enumerate(tokens):
        word = tok.text
        if not word[:1].isupper() and "-" not in word and word.lower() not in particles:
            # most tokens: neither a name, nor a particle, nor a prefixed part ("al-Assad")
            if current:
                runs.append(current)
                current = []
            continue
        joined = bool(current) and text[current[-1].end - base:tok.start - base] == " " \
            and not current[-1].is_possessive
        particle = False
        if tok.lower in particles:
            rest = [t for t in tokens[k + 1:k + 4] if t.lower not in particles]
            particle = bool(rest) and _name_like(rest[0]) and bool(current)
        name_like = _name_like(tok) or joined and prefixed_rest(tok.bare) is not None
        if name_like and joined and prefixed_rest(current[-1].bare) and tok.text in titles:
            joined = False  # "... Bashar al-Assad President Assad has said": two names
        if (name_like or particle) and (joined or not current):
            current.append(tok)
        else:
            if current:
                runs.append(current)
            current = [tok] if name_like else []
    if current:
        runs.append(current)
    return runs


@functools.lru_cache(maxsize=4)
def _single_titles(titles: tuple[str, ...], royal: frozenset[str]) -> frozenset[str]:
    """The one-word titles, royal ones included."""
    return frozenset(t for t in titles if " " not in t) | royal


def _starts_with(run: Sequence[Token], title: str) -> bool:
    parts = title.split()
    return len(run) > len(parts) and [t.text for t in run[:len(parts)]] == parts


@functools.lru_cache(maxsize=4)
def _titles_by_first_word(titles: tuple[str, ...]) -> dict[str, list[list[str]]]:
    """Titles (as word lists, in their order) by their first word."""
    out: dict[str, list[list[str]]] = {}
    for title in titles:
        parts = title.split()
        out.setdefault(parts[0], []).append(parts)
    return out


def _strip_front(run: list[Token], leading: Collection[str] = ()) -> tuple[list[Token], bool]:
    """Drop leading titles, nationality words and places (`leading`: the cities the document
    names as places, "Beirut" of a caption "Beirut Kofi Annan"); say whether a title was
    dropped."""
    words = people_words()
    places = place_words()
    gaz = gazetteer()
    titled = False
    changed = True
    by_first = _titles_by_first_word(words.titles)
    while run and changed:
        changed = False
        # titles in their order, among those starting with the run's first word
        for parts in by_first.get(run[0].text, ()):
            if [t.text for t in run[:len(parts)]] == parts and len(run) > len(parts):
                run, titled, changed = run[len(parts):], True, True
                break
        if changed:
            continue
        if len(run) > 2 and any(_starts_with(run[1:], " ".join(parts))
                                for parts in by_first.get(run[1].text, ())):
            run, changed = run[1:], True  # "Fijian Prime Minister ...", "Toronto Mayor ..."
            continue
        two = " ".join(t.text for t in run[:2])
        if len(run) > 2 and (two in places.demonyms or _region(two)):
            run, changed = run[2:], True
        elif len(run) > 1 and (run[0].text in places.demonyms or _region(run[0].bare)
                               or run[0].bare in leading
                               or run[0].text in words.not_name_words
                               or gaz.lookup(run[0].bare) and run[1].text in words.titles):
            run, changed = run[1:], True
    return run, titled


def _places_in_slots(text: str) -> set[str]:
    """Single capitalized words of the gazetteer that `text` writes where only a place stands
    ("in Beirut ,", "near Homs ."): a city that opens a longer run there ("Beirut Kofi Annan",
    a caption glued to a name) is no part of the name."""
    cues = people_words().place_cues
    gaz = gazetteer()
    return {m.group(2) for m in _SLOT.finditer(text)
            if m.group(1).lower() in cues and gaz.lookup(m.group(2)) is not None}


_SLOT = re.compile(r"\b([A-Za-z]+) ([A-Z][\w’'-]*)\b(?![\w’'-]| [A-Z])")


def _after_split_title(run: list[Token], before: Sequence[Token]) -> tuple[list[Token], bool]:
    """The run without the end of a title that a lower-case word split off before it
    ("Secretary of | State Hillary Clinton", "Minister of | Foreign Affairs Ana Ruiz"), and
    whether one was cut."""
    cuts = _split_title_cuts(people_words().titles).get(run[0].text)
    if not cuts:
        return run, False
    texts = [t.text for t in before]
    for head, tail in cuts:
        if texts[-len(head):] == head and len(run) > len(tail) \
                and [t.text for t in run[:len(tail)]] == tail:
            return run[len(tail):], True
    return run, False


@functools.lru_cache(maxsize=4)
def _split_title_cuts(titles: tuple[str, ...]
                      ) -> dict[str, tuple[tuple[list[str], list[str]], ...]]:
    """The ways a lower-case word may split a title ("Secretary of | State"): (head, tail)
    pairs whose tail starts with a capital, by the tail's first word; longest title first,
    then by where the cut falls."""
    cuts: dict[str, list[tuple[list[str], list[str]]]] = {}
    for title in titles:
        parts = title.split()
        if not any(w.islower() for w in parts):
            continue
        for i in range(1, len(parts)):
            if parts[i][:1].isupper():
                cuts.setdefault(parts[i], []).append((parts[:i], parts[i:]))
    return {first: tuple(pairs) for first, pairs in cuts.items()}


def _region(name: str) -> bool:
    """True for a country, region or continent name (not a city: "Victoria Beckham")."""
    place = gazetteer().lookup(name)
    return place is not None and place.kind != "city" and name not in place_words().ambiguous


def _own_run(run: list[Token], previous: Sequence[Token], before: Sequence[Token],
             initial: bool) -> tuple[list[Token], bool]:
    """The run without a capitalized gerund, function word or adverb opening its sentence
    ("Complicating Gaddafi's plans", "Even Gaddafi": "Gaddafi"), and whether it continues the name of an organisation ("Institute for
    Communicable Diseases", "Observatory for Human Rights": no person)."""
    words = people_words()
    if previous and len(before) > 1 and before[-1].lower in _ORG_LINKS \
            and before[-2] is previous[-1] and any(t.bare in words.org_words for t in previous):
        return run, True
    head = run[0].text
    if initial and len(run) > 1 and len(head) >= 7 and head.endswith("ing") \
            and head[1:].islower() and head not in words.royal:
        return run[1:], False
    lex = lexicon()
    if initial and len(run) > 1 and head[1:].islower() and (
            run[0].lower in lex.function_words or run[0].lower in lex.adverbs
            or run[0].lower in lex.auxiliaries):
        return run[1:], False  # "Even Lavrov said", "Was Obama right"
    return run, False


def _in_place_slot(run: Sequence[Token], tokens: Sequence[Token]) -> bool:
    """True for a run where only a place stands: after a place cue ("fighting in Kalbar",
    "near Tel Sura") or "<place noun> of" ("the town of Kalbar"), and before a punctuation
    mark or a function word (not "in Haftar 's camp", "at Haftar billboards")."""
    words = people_words()
    # tokens are in order and do not overlap: "In Kalbar ,": "In" is cut
    cut = bisect.bisect_right(tokens, run[0].start, key=_end)
    before = tokens[max(0, cut - 2):cut]
    if not before:
        return False
    cue = before[-1].lower in words.place_cues or (
        len(before) > 1 and before[-1].lower == "of" and before[-2].lower in words.place_of_nouns
    ) or before[-1].text in words.place_apposed  # "the port city Kalbar"
    if not cue:
        return False
    after = token_after(tokens, run[-1].end)
    if not after or not after[0].is_word:
        return not after or after[0].text not in _APOSTROPHES
    lex = lexicon()
    if after[0].text[:1].isdigit():
        return True  # "the town of Kalbar 600 km east of the capital"
    return after[0].text.islower() and (after[0].lower in lex.function_words
                                        or after[0].lower in lex.auxiliaries
                                        or after[0].lower in words.place_cues
                                        or after[0].lower in words.place_followers)


def _end(token: Token) -> int:
    return token.end


_APOSTROPHES = frozenset({"'", "’", "'s", "’s"})


#: Words that join an organisation's name to the rest of it ("Institute for ...").
_ORG_LINKS = frozenset({"for", "of", "on"})


def _use_after_the(run: Sequence[Token], tokens: Sequence[Token]) -> str:
    """How a run after "the" is used, by the word after it: "place" before a place noun ("the
    Baba Amr district"), "modifier" of a person's noun ("the Muammar Gaddafi regime"), "noun"
    modifier of another noun ("the Kofi Annan plan"), else "thing", the head of its phrase
    ("the Western Cape who")."""
    after = token_after(tokens, run[-1].end)
    words = people_words()
    if after and after[0].lower in words.place_nouns:
        return "place"
    if not after or not after[0].is_word or not after[0].text.islower() \
            or after[0].lower in lexicon().function_words:
        return "thing"
    return "modifier" if after[0].lower in words.modifier_nouns else "noun"


def _is_name(run: Sequence[Token]) -> bool:
    words = people_words()
    texts = [t.bare for t in run]
    if not texts or texts[0] in words.particles:
        return False
    for w in texts:
        if w in words.org_words or w in words.not_name_words:
            return False
        if len(w) > 1 and w.isupper() and not _ROMAN.match(w):
            return False
    joined, demonyms = " ".join(texts), place_words().demonyms
    # a nationality is no name, nor ends one: "Sri Lankan", "Two Libyan [diplomats]"
    plural = texts[-1][:-1] if texts[-1].endswith("s") else ""  # "Christian Syrians"
    if _placey(joined) or joined in demonyms or texts[-1] in demonyms or plural in demonyms:
        return False
    return not all(_placey(w) for w in texts)


def _placey(name: str) -> bool:
    """True when `name` is surely a place (not a small town that is also a surname)."""
    place = gazetteer().lookup(name)
    if place is None or name in place_words().ambiguous:
        return False
    return place.kind != "city" or place.population >= 100_000


class PeopleIndex:
    """The people of one document: mentions by offset and short names."""

    def __init__(self, mentions: list[PersonMention], short: dict[str, str]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._short = short

    def within(self, start: int, end: int) -> list[PersonMention]:
        """Mentions inside the offsets `start`..`end`."""
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def short(self, name: str) -> str:
        """The short form of a full name ("Mark Carney" -> "Carney", "Xi Jinping" -> "Xi")."""
        if name in self._short:
            return self._short[name]
        parts = name.split()
        if parts[0] in people_words().royal or not parts[-1][:1].isupper():
            return name  # "King Charles III"; "Nabil el-Arabi", never "el-Arabi"
        k = len(parts) - 1
        if k > 1 and _ROMAN.match(parts[k]):
            return " ".join(parts[k - 1:k])  # "Ferdinand Marcos Jr.": "Marcos", never "Jr"
        while k > 1 and parts[k - 1] in people_words().particles:
            k -= 1  # "Ursula von der Leyen": "von der Leyen", never "Leyen"
        return " ".join(parts[k:])

    @property
    def tokens(self) -> set[str]:
        """Every word of every name (never taken as a place)."""
        return {w for m in self.mentions for w in m.name.split()}


def _known_in_headline(tokens: Sequence[Token], names: dict[tuple[str, ...], str]) -> \
        list[PersonMention]:
    """Known full names (word sequences) inside a headline's tokens."""
    found = []
    k = 0
    while k < len(tokens):
        for words, name in names.items():
            if tuple(t.bare for t in tokens[k:k + len(words)]) == words:
                found.append(PersonMention(tokens[k].start, tokens[k + len(words) - 1].end, name))
                k += len(words) - 1
                break
        k += 1
    return found


def _surnames(full: Sequence[PersonMention]) -> dict[str, str]:
    """The full name each surname stands for ("Assad" too for "Bashar al-Assad"); a surname
    of several names ("Hafez al-Assad", "Bashar al-Assad") stands for the one named most
    often, the first named on a tie."""
    counts = Counter(m.name for m in full)
    by_word: dict[str, list[str]] = {}
    for m in full:
        parts = m.name.split()
        last = parts[-2] if len(parts) > 2 and _ROMAN.match(parts[-1]) else parts[-1]
        for word in (last, prefixed_rest(last)):
            if word and m.name not in by_word.setdefault(word, []):
                by_word[word].append(m.name)
    return {word: max(names, key=lambda n: (counts[n], -names.index(n)))
            for word, names in by_word.items()}


def index_people(text: str, sentences: Sequence[Sentence],
                 quotes: Sequence[tuple[int, int]] = (),
                 tokens_of: Callable[[Sentence], list[Token]] | None = None) -> PeopleIndex:
    """Find the people of a document (quoted passages are skipped). `tokens_of` gives a
    sentence's tokens outside `quotes` when the caller already has them (DocContext.tokens)."""
    words = people_words()
    lower_words = set(re.findall(r"\b[a-zà-ÿ][\w’'-]*", text))
    singles: list[tuple[Token, bool, bool]] = []
    things: set[str] = set()
    candidates: list[tuple[list[Token], bool]] = []
    headlines: list[list[Token]] = []
    placed: set[str] = set()  # names found where only a place stands ("in Kalbar")
    leading = _places_in_slots(text)
    # the words before a run that matter: a split title's head, or "the" and a word
    reach = max(2, max((len(t.split()) for t in words.titles), default=0))
    for sent in sentences:
        tokens = tokens_of(sent) if tokens_of is not None else [
            t for t in tokenize(sent.text, sent.start)
            if not any(a <= t.start < b for a, b in quotes)]
        if sent.headline:
            headlines.append(tokens)
            continue
        previous: list[Token] = []
        starts = [t.start for t in tokens]  # tokens are in order and do not overlap
        for run in _runs(tokens, text, 0):
            first = run[0]
            k = bisect.bisect_left(starts, first.start)
            if k + len(run) < len(tokens) and tokens[k + len(run)].text == "&" \
                    or k and tokens[k - 1].text == "&":
                continue  # "Exploration & Production", "Procter & Gamble": a company
            before = tokens[max(0, k - reach):k]  # all that the tests below look at
            if len(before) > 1 and before[-1].text == ":" and before[-2].text in words.credit_words:
                continue  # "Photograph : Ana Ruiz\/AP": the photographer
            role = bool(before) and before[-1].lower in words.role_words
            initial = first.start == sent.start or (bool(before) and not before[-1].is_word
                                                   and before[-1].text not in ",")
            run, after_org = _own_run(run, previous, before, initial)
            previous = run
            if after_org:
                continue
            after_the = bool(before) and before[-1].lower == "the"
            # "the shattered Baba Amr district", not "the tyrant Muammar Gaddafi"
            loose = len(before) > 1 and before[-2].lower == "the" \
                and before[-1].text.islower() and before[-1].is_word
            run, split = _after_split_title(run, before)
            run, titled = _strip_front(run, leading)
            titled = titled or split
            if not run or not _is_name(run):
                continue
            if not titled and not role and _in_place_slot(run, tokens):
                placed.add(" ".join(t.bare for t in run))
            use = _use_after_the(run, tokens) if (after_the or loose) and not titled \
                and len(run) >= 2 else "person"
            if use == "place" or after_the and use != "person":
                if use in ("thing", "place"):  # "the Western Cape who", "the ... district"
                    things.add(" ".join(t.bare for t in run))
                if use != "modifier":  # "the Kofi Annan plan": not here, maybe elsewhere
                    continue
            if len(run) >= 2:
                candidates.append((run, titled or role))
            else:
                singles.append((run[0], titled or role, initial))
    joined = {" ".join(t.bare for t in run) for run, _ in candidates}
    candidates = [(run[1:], titled) if len(run) > 2 and gazetteer().lookup(run[0].bare)
                  and " ".join(t.bare for t in run[1:]) in joined else (run, titled)
                  for run, titled in candidates]  # "Beirut Kofi Annan" ... "Kofi Annan"
    introduced = {" ".join(t.bare for t in run) for run, titled in candidates if titled} | {
        tok.bare for tok, titled, _ in singles if titled}
    placed -= introduced
    candidates = [(run, titled) for run, titled in candidates
                  if " ".join(t.bare for t in run) not in placed]
    singles = [s for s in singles if s[0].bare not in placed]
    alone = Counter(tok.bare for tok, _, initial in singles if not initial)
    full: list[PersonMention] = []
    for run, titled in candidates:
        names = [t.bare for t in run]
        if " ".join(names) in things and not titled:
            continue
        ordinary = any(w.lower() in lower_words for w in names
                       if w not in words.royal and w[:1].isupper())
        rest = prefixed_rest(names[-1])
        if titled or alone[names[-1]] or alone[names[0]] or rest and alone[rest] \
                or not ordinary:
            full.append(PersonMention(run[0].start, run[-1].start + len(run[-1].bare),
                                     " ".join(names), titled))
    # "Pope Leo" is "Pope Leo XIV" when the document names him so too
    regnal = {m.name.rsplit(" ", 1)[0]: m.name for m in full
              if " " in m.name and _ROMAN.match(m.name.rsplit(" ", 1)[1])}
    full = [PersonMention(m.start, m.end, regnal[m.name], m.titled) if m.name in regnal else m
            for m in full]
    known = {tuple(m.name.split()): m.name for m in full}
    surnames = _surnames(full)
    firsts = {m.name.split()[0]: m.name for m in full if m.name.split()[0] not in words.royal}
    mentions = list(full)
    used: dict[str, set[str]] = {}
    for tok, titled, _ in singles:
        word = tok.bare
        name = surnames.get(word) or firsts.get(word)
        if name is None and len(word) > 1 and (
                titled or (alone[word] >= 2 and word.lower() not in lower_words)):  # not "C$30"
            name = word
        if name is not None:
            mentions.append(PersonMention(tok.start, tok.start + len(word), name, titled))
            used.setdefault(name, set()).add(word)
    for tokens in headlines:
        mentions.extend(_known_in_headline(tokens, {**known, **{(w,): n for n, ws in used.items()
                                                                for w in ws}}))
    short = {}
    for name, forms in used.items():
        parts = name.split()
        rest = prefixed_rest(parts[-1])
        if rest and rest in forms and parts[0] not in words.royal:
            short[name] = rest  # "Assad" when the text calls him so
        elif parts[-1] not in forms and parts[0] in forms and parts[0] not in words.royal:
            short[name] = parts[0]
    return PeopleIndex(mentions, short)
