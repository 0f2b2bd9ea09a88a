"""Name search in any spelling: Mohamed / Mohammed / Muhammad, Guirguis / Girgis, accents, Arabic script, compounds.

Names are transliterated to ASCII (unidecode) and lower-cased. Words are then put in a canonical form: a particle
is joined to the word it belongs to ("Ben Salah", "Ben-Salah" and "Bensalah" are all "binsalah"; "N'Diaye" is
"ndiaye"; "Abdul Rahman", "Abd al-Rahman" and "Abderrahmane" are all "abdrahman"), and a name joined to a particle
also answers to the name alone ("Salah", "Rahman"). Each canonical word gets phonetic keys:

- ``n`` NYSIIS and ``p`` Metaphone (with g read as j), for Latin spellings: MAHANAD is every Mohamed, Mohammed and
  Muhammad, and not Mahmoud (MANAD); HKS is Hegazi and Hegazy. Either key matching is enough.
- ``s`` and ``a``, consonant skeletons, to cross scripts: Arabic script is written without short vowels, so
  محمد becomes "mhmd" as Mohamed does once its vowels are dropped. Latin words store ``s`` keys and ask for ``a`` keys;
  Arabic words store ``a`` keys and ask for ``s`` keys, so a skeleton never matches two Latin spellings together.

A name of several words is also stored written together ("Le Roux" is also "leroux", "Ramgoolam-Seeb"
"ramgoolamseeb"), and each word of a query may also be found written together with the one or two next to it ("van
der berg" finds Vanderberg, by its keys): a compound is found written together or apart, particle or not.

Keys are computed in Python, so the search works on SQLite too; on PostgreSQL the keys and the text are searched
through GIN indexes, and trigram similarity adds typo tolerance and ranks the closest name first.
"""

import re
from dataclasses import dataclass

import jellyfish
from unidecode import unidecode

from core.text import normalise

# Words that belong to the next one: Arabic articles and kinship words, the Abd- of compound names, French, Irish,
# Scottish and Portuguese particles. "n" is N'Diaye's, "m" M'Baye's.
PARTICLES = {
    "al", "el", "ul", "ben", "bin", "ibn", "ould", "wuld", "bou", "bu", "abu", "abou", "n", "m", "mc", "mac",
    "da", "das", "do", "dos", "de", "di", "du", "abd", "abdel", "abdul", "abdal", "abdol", "abdu", "abde", "abdoul",
}  # fmt: skip
# Spellings of one particle, written together with the name: Abdel-, Abdul-, Abd al-, Abder- (assimilated) are Abd.
PREFIXES = [
    (re.compile(r"^abd(?:oul|ul|el|al|ol|u|e|[aeiou]?([rstdnz])\1?)?(?=[a-z]{3})"), "abd"),
    (re.compile(r"^(?:ibn|bin|ben)(?=[a-z]{3})"), "bin"),
    (re.compile(r"^(?:abou|abu)(?=[a-z]{3})"), "abu"),
    (re.compile(r"^(?:el|al|ul)(?=[a-z]{3})"), "al"),
    (re.compile(r"^(?:mac|mc)(?=[a-z]{3})"), "mac"),
    (re.compile(r"^(?:ould|wuld)(?=[a-z]{3})"), "ould"),
]
# The same in Arabic script, as ``arabic_letters`` writes it: Abd, Ibn/Bin, Abu, Ould.
ARABIC_PARTICLES = ("bd", "bn", "bw", "wld")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


@dataclass(frozen=True)
class Word:
    """One canonical word of a name: its text, the name alone when it carries a particle, and its script."""

    text: str
    stem: str
    arabic: bool


def written_words(name: str) -> tuple[list[str], bool]:
    """The words of a name as written, in ASCII letters, and whether it is in Arabic script."""
    arabic = bool(ARABIC_SCRIPT.search(name or ""))
    return (arabic_letters(name) if arabic else normalise(name)).split(), arabic


def canonical_words(name: str) -> list[Word]:
    """The canonical words of a name (or a query), particles joined to the words they belong to."""
    words, arabic = written_words(name)
    particles = ARABIC_PARTICLES if arabic else PARTICLES
    merged: list[str] = []
    pending = ""
    for word in words:
        if word in particles and len(words) > 1:
            pending += word
            continue
        if pending and arabic and word.startswith("l") and len(word) > 3:
            word = word[1:]  # Abd al-Rahman: the article goes with the particle
        merged.append(pending + word)
        pending = ""
    if pending:
        merged.append(pending)
    return [canonical(word, arabic) for word in merged]


def arabic_letters(text: str) -> str:
    """Arabic script in ASCII letters, one per Arabic letter: unidecode writes ayn, hamza, ta marbuta and alif maqsura
    as ` ' @ ~, which would split a word."""
    return normalise(re.sub(r"[`'@~]", "", unidecode(text)))


def canonical(word: str, arabic: bool) -> Word:
    if arabic:
        if word.startswith("bdl") and len(word) > 5:
            word = "bd" + word[3:]  # عبدالرحمن written together is عبد الرحمن: the article goes with the particle
        stem = word[1:] if word.startswith("l") and len(word) > 3 else word  # the article al- is a bare l
        for prefix in ARABIC_PARTICLES:
            if prefix != "bd" and word.startswith(prefix) and len(word) > len(prefix) + 2:
                stem = word[len(prefix) :]
        return Word(word, stem, arabic=True)
    for pattern, replacement in PREFIXES:
        match = pattern.match(word)
        if match:
            rest = word[match.end() :]
            # Abd- makes another name (Abdelkarim is not Karim); an article or a particle does not (Salah, Sherif).
            return Word(replacement + rest, word if replacement == "abd" else rest, arabic=False)
    return Word(word, word, arabic=False)


def collapse(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text)


def latin_skeleton(word: str, long_vowels: bool) -> str:
    """A Latin spelling's consonants, as Arabic script writes the name: g and j, q and k, ch and sh read alike, a
    first vowel is dropped (alif, ayn); with ``long_vowels``, ou and oo are the w, and ee or a final i or y the y,
    that Arabic writes for long vowels."""
    text = word.replace("ch", "sh").replace("dj", "j").replace("g", "j").replace("q", "k")
    text = re.sub(r"c(?=[eiy])", "s", text).replace("c", "k")
    if long_vowels:
        text = re.sub(r"[iy]$", "Y", text.replace("ou", "W").replace("oo", "W").replace("ee", "Y"))
    head, rest = collapse(text)[:1], collapse(text)[1:]  # doubled letters first: Muhammad, Youssef, Ayyad
    rest = re.sub(r"[aeiou]|y(?![aeiou])", "", rest)  # a y before a vowel is a consonant: Ayad, Yasser
    return (("" if head in "aeiou" else head) + rest).lower()


def arabic_skeletons(word: str) -> set[str]:
    """Arabic letters as ``arabic_letters`` gives them, and without the w and y that Latin spellings often write as
    plain vowels: after the first letter, then everywhere (Aisha's y is a hamza's seat)."""
    text = collapse(word.replace("a", "").replace("q", "k"))
    return {text, text[:1] + re.sub(r"[wy]", "", text[1:]), re.sub(r"[wy]", "", text)}


def skeletons(text: str, arabic: bool) -> set[str]:
    keys = arabic_skeletons(text) if arabic else {latin_skeleton(text, True), latin_skeleton(text, False)}
    return {key for key in keys if key}


def latin_keys(text: str) -> set[str]:
    letters = "".join(ch for ch in text if ch.isalpha())
    if len(letters) < 2:
        return set()
    return {f"n{jellyfish.nysiis(letters)}", f"p{jellyfish.metaphone(letters.replace('g', 'j'))}"}


def stored_keys(word: Word) -> set[str]:
    """The keys a person's word is found by: phonetic keys and ``s`` skeletons of Latin words, ``a`` skeletons of
    Arabic ones; for a word with a particle, those of the name alone too."""
    keys = set()
    for text in {word.text, word.stem}:
        if len(text) < 2:
            continue
        if word.arabic:
            keys |= {f"a{key}" for key in skeletons(text, arabic=True)}
        else:
            keys |= latin_keys(text) | {f"s{key}" for key in skeletons(text, arabic=False)}
    return keys


def query_keys(word: Word) -> set[str]:
    """The keys that find a query word: phonetic keys of Latin words, and skeletons across scripts."""
    if len(word.text) < 2:
        return set()
    if word.arabic:
        return {f"{kind}{key}" for key in skeletons(word.text, arabic=True) for kind in "as"}
    return latin_keys(word.text) | {f"a{key}" for key in skeletons(word.text, arabic=False)}


def stored_words(name: str) -> list[Word]:
    """The canonical words a name is found by: its own, and for a name of several words, the whole name written
    together ("De La Cruz" is also "delacruz"), as someone who types it without its spaces writes it."""
    words = canonical_words(name)
    written, arabic = written_words(name)
    if len(written) > 1:
        words.append(canonical("".join(written), arabic))
    return words


def phonetic_keys(*names: str) -> str:
    """Space-separated keys of every word of the names, padded with spaces so a key matches only whole."""
    keys = sorted({key for name in names for word in stored_words(name) for key in stored_keys(word)})
    return f" {' '.join(keys)} " if keys else ""


def searchable_text(*names: str) -> str:
    """The names as one normalised string, then their canonical words ("ben salah" is also "binsalah" and "salah";
    "le roux" is also "leroux"), padded with spaces so that a word can be matched from its start."""
    written = [arabic_letters(name) if ARABIC_SCRIPT.search(name) else normalise(name) for name in names if name]
    canonical_forms = {text for name in names for word in stored_words(name) for text in (word.text, word.stem)}
    extra = sorted(canonical_forms - set(" ".join(written).split()))
    return f" {' '.join([*written, *extra])} "


@dataclass(frozen=True)
class QueryWord:
    """A word of a query: its canonical text, and the keys that find it; besides its own, those of the word written
    together with its neighbours ("le roux": "le" and "roux" are also found by the keys of "leroux"). Keys only, not
    the text: another text condition per neighbour makes PostgreSQL read the matches of one word and filter them,
    rather than intersect the indexes' answers (3 times slower at 100,000 people)."""

    text: str
    keys: frozenset[str]


# A word of a query may be part of a compound of up to this many words, written together in the name.
JOINED_WORDS = 3


def query_words(query: str) -> list[QueryWord]:
    """The words of a search box entry in canonical form, each with the keys that find it."""
    words = canonical_words(query)
    found = []
    for position, word in enumerate(words):
        joined = [canonical("".join(other.text for other in run), word.arabic) for run in runs(words, position)]
        keys = set(query_keys(word)).union(*(query_keys(compound) for compound in joined))
        found.append(QueryWord(word.text, frozenset(keys)))
    return found


def runs(words: list[Word], position: int) -> list[list[Word]]:
    """The runs of two to ``JOINED_WORDS`` consecutive words, of one script, that include the word at ``position``."""
    found = []
    for start in range(max(0, position - JOINED_WORDS + 1), position + 1):
        for end in range(max(start + 2, position + 1), min(len(words), start + JOINED_WORDS) + 1):
            run = words[start:end]
            if len({word.arabic for word in run}) == 1:
                found.append(run)
    return found
