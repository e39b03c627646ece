"""Who speaks: people under other spellings, titles held at a date, institutions, new people.

- Spellings: names are compared by a skeleton that folds the usual transliteration variants
  (Zelensky/Zelenskyy/Zelenskiy, Yury/Yuri, Dmitri/Dmitry, Oleksii/Olexiy), so a known person
  is found before a new actor is proposed.
- Titles: an alias that names none of the person's own names ("White House press secretary",
  "the Kremlin aide") is a title, and a title names its holder only on a date within one of
  the actor's role periods; on another date (or without a date) it is not that person.
- Institutions: "the White House said", "the Élysée", "the chancellery", "China's foreign
  ministry" speak as an organization, known (its record) or new (the draft proposes one).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .pages import MONTH

INSTITUTION = re.compile(
    r"(?:\b[Tt]he\s+)?(?:(?:[A-Z][\w’'-]*(?:'s|’s)?\s+)?(?:[Ff]oreign|[Dd]efen[cs]e|[Ii]nterior)"
    r"\s+[Mm]inistry|[Ss]tate\s+[Dd]epartment|[Cc]hancellery|Élysée(?:\s+[Pp]alace)?|Elysee|"
    r"Eliseo|Kremlin|Cremlino|White\s+House|Downing\s+Street|Pentagon|Quai\s+d'Orsay)\b")
"""An institution that can speak: 'the chancellery said', "China's foreign ministry said"."""
TITLED = re.compile(
    r"\b(?:President|Chancellor|Prime\s+Minister|Premier|King|Queen|Emir|Crown\s+Prince|"
    r"Secretary-General|presidente|cancelliere|premier|Präsident|Kanzler|président|chancelier)"
    r"(?:\s+(?:[a-zà-ÿ]+|[A-Z]\.))?\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})")
"""A leader named with a title: 'German Chancellor Olaf Scholz', 'il presidente francese
Emmanuel Macron'."""


def skeleton(name: str) -> str:
    """A spelling-insensitive key: lowercase, no accents, y->i, x->ks, doubled letters single."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.lower())
                    if not unicodedata.combining(c))
    plain = re.sub(r"[^a-z ]", "", plain.replace("’", "'").replace("'", ""))
    plain = plain.replace("y", "i").replace("x", "ks").replace("j", "i")
    return re.sub(r"(.)\1+", r"\1", " ".join(plain.split()))


def is_title(alias: str, name: str) -> bool:
    """Does an alias name none of the person's own names (a title or a description)?"""
    own = {skeleton(w) for w in name.split() if len(w) >= 2}
    return not any(skeleton(w) in own for w in re.findall(r"[\w’'-]+", alias))


def period_covers(period: str | None, day: dt.date | None) -> bool:
    """Does a role's period ('December 2021', '2014', '2021–2022', 'since May 2022') include the
    day? A period that names no year, or no day to check, covers nothing."""
    if not period or day is None:
        return False
    years = [int(y) for y in re.findall(r"\b(19\d{2}|20\d{2})\b", period)]
    if not years:
        return False
    months = [MONTH[w.lower()] for w in re.findall(r"[A-Za-z]+", period) if w.lower() in MONTH]
    start = dt.date(years[0], months[0] if months else 1, 1)
    if re.search(r"(?i)\b(?:since|from)\b", period) and len(years) == 1:
        return start <= day
    last_year = years[-1]
    last_month = months[-1] if months else 12
    end = (dt.date(last_year + (last_month == 12), last_month % 12 + 1, 1) - dt.timedelta(days=1))
    return start <= day <= end


class FullNames:
    """The fullest form of a name the text gives ('Olaf Scholz' for 'Scholz'): its first
    occurrence preceded by one or two capitalised words. The text's words are indexed once, so
    that finding the names of a thousand quotes' speakers reads the text once, not once each."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at: dict[str, list[int]] = {}
        for word in re.finditer(r"\w+", text):
            self.at.setdefault(word.group(), []).append(word.start())
        self.known: dict[str, str | None] = {}

    def of(self, surname: str) -> str | None:
        if surname not in self.known:
            self.known[surname] = self._find(surname)
        return self.known[surname]

    def _find(self, surname: str) -> str | None:
        first = re.match(r"\w+", surname)
        if first is None:
            return None
        for start in self.at.get(first.group(), ()):
            end = start + len(surname)
            if (not self.text.startswith(surname, start)
                    or (end < len(self.text) and re.match(r"\w", self.text[end]))):
                continue
            before = self.text[max(0, start - 200):start]
            found = re.search(r"(?<![\w’'-])((?:[A-Z][\w’'-]+\s+){1,2})$", before)
            if found is None:
                continue
            words = [w for w in found.group(1).split() if w not in TITLE_ONLY]
            return " ".join(words + [surname]) if words else None
        return None


def full_name(text: str, surname: str) -> str | None:
    """The fullest form of surname in one short text (a speaker's description)."""
    return FullNames(text).of(surname)


TITLE_ONLY = {"President", "Chancellor", "Prime", "Minister", "Premier", "King", "Queen", "Mr.",
              "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Secretary", "Spokesman", "Aide",
              "Kremlin", "White", "House", "German", "French", "Russian", "Ukrainian", "Chinese",
              "US", "U.S.", "American", "British", "Italian", "Press", "Foreign", "Senior",
              "Said", "The", "Sen.", "Rep.", "Gov.", "Gen."}
