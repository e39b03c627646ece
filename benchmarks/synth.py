"""A synthetic corpus of N leaders' calls, valid and deterministic, for the benchmark.

`write_corpus(folder, calls, seed)` writes `folder/{calls,actors,sources,organizations,topics,
events}/*.yaml` and `folder/texts/*.txt`. Everything grows in proportion to the number of calls
(about 2.5 sources, 1.2 people, 0.6 events, 0.3 organizations and 0.12 topics per call), so a
record's page stays the same size as the corpus grows, as it would in a real corpus that adds
calls between more and more leaders.

It exercises what the real content uses: claims citing passages with every kind of attribution,
quotes with remarks shared across sources (some worded differently), facts per source (some
disagreeing), [[wiki-links]] (plain, labelled and kind-qualified), participants with locations,
positions, follow-ups with events, reactions, roles with citations, source boilerplate cut off by
`body_ends_before`, unknown outlets and dates. Source texts are written from the passages the
records cite, in curly quotes and em dashes and wrapped over lines, so verification has to fold.

Run `python benchmarks/synth.py 100 /tmp/synth` to write a corpus of 100 calls.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

START = dt.date(1960, 1, 4)
"""The first call's date; calls follow every three days or so, so that 5,000 calls end in 2001:
validation refuses a call or publication date in the future."""
SYLLABLES = ("ka", "lo", "mi", "ra", "ven", "dor", "sa", "tu", "bel", "no", "ri", "van", "tes", "mar",
             "lu", "zen", "pa", "gor", "el", "dri", "ko", "sel", "ta", "vin", "ro", "mel")
FIRST_NAMES = ("Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Irina",
               "Jonas", "Kira", "Lars", "Maya", "Nikolai", "Olga", "Pavel", "Rosa", "Stefan",
               "Tamar", "Viktor", "Wanda", "Yusuf", "Zora", "Emil")
TOPIC_WORDS = ("energy", "trade", "security", "border", "sanctions", "climate", "grain", "arms control",
               "cyber", "shipping", "migration", "nuclear talks", "troop build-up", "gas transit",
               "prisoner exchange", "fisheries", "water rights", "aviation", "space", "health")
CITIES = ("Geneva", "Vienna", "Helsinki", "Oslo", "Reykjavik", "Istanbul", "Doha", "Singapore",
          "Astana", "Baku", "Tirana", "Valletta")
FORMATS = ("video", "phone", "in-person")
FILLER = (
    "Officials on both sides had been preparing for weeks, according to people familiar with "
    "the planning.",
    "Markets reacted calmly to the news, and analysts said little had changed on the ground.",
    "The two governments have a long history of tense exchanges over the issue.",
    "Diplomats cautioned that any progress would be slow and hard to measure.",
    "The call came after a series of lower-level meetings that produced few results.",
    "Neither side released a full transcript of the conversation.",
    "Lawmakers in both capitals have pressed for a firmer line in recent months.",
    "Previous rounds of talks ended without a joint statement.",
)


class _Dumper(yaml.SafeDumper):
    """Writes every value out (no &anchors/*aliases, which content files refuse)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Text:
    """A source text being written: header lines, then a sentence per cited passage."""

    header: list[str]
    sentences: list[str] = field(default_factory=list)

    def add(self, sentence: str) -> None:
        self.sentences.append(sentence)


@dataclass
class SourceDraft:
    id: str
    record: dict[str, Any]
    text: Text
    calls: list[str]
    boilerplate: str | None = None


class Synth:
    """Builds the records of a corpus of `calls` calls in memory; `files()` lays them out."""

    def __init__(self, calls: int, seed: int = 7):
        self.n = calls
        self.rng = random.Random(seed)
        self.records: dict[str, dict[str, dict[str, Any]]] = {
            kind: {} for kind in ("calls", "actors", "sources", "organizations", "topics", "events")}
        self.sources: dict[str, SourceDraft] = {}
        self.used_names: set[str] = set()
        self.role_cited: set[str] = set()
        self.topic_fact: set[str] = set()
        self.last_call_of_pair: dict[tuple[str, str], str] = {}
        self._world()
        for index in range(calls):
            self._call(index)
        for event in self.background:  # a corpus smaller than the background list
            if not self.records["events"][event]["description"]:
                del self.records["events"][event]

    # --- the world the calls happen in ----------------------------------------------------

    def _name(self, syllables: int = 2) -> str:
        """A new made-up name; longer ones once the short ones run out."""
        for attempt in itertools.count():
            size = syllables + attempt // 20
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(size)).capitalize()
            if word not in self.used_names:
                self.used_names.add(word)
                return word
        raise AssertionError("unreachable")

    def _world(self) -> None:
        n, rng = self.n, self.rng
        self.countries = [self._name(3) for _ in range(max(4, n // 8))]
        self.governments, self.ministries, self.leaders, self.spokespeople = [], [], [], []
        for country in self.countries:
            gov = self._org(f"government of {country}", f"Government of {country}", "government",
                            country=country, aliases=[country])
            ministry = self._org(f"{country} foreign ministry", f"Foreign Ministry of {country}",
                                 "agency", country=country, parent=gov)
            title = rng.choice(("President", "Prime Minister", "Chancellor"))
            leader = self._actor(country, f"{title} of {country}", gov, kind="leader", title=title)
            spokesperson = self._actor(country, f"spokesperson of the {country} foreign ministry",
                                       ministry, kind="spokesperson", title="Spokesperson")
            self.governments.append(gov)
            self.ministries.append(ministry)
            self.leaders.append(leader)
            self.spokespeople.append(spokesperson)
        self.alliances = [self._org(f"{self._name()} alliance", None, "alliance")
                          for _ in range(max(1, n // 40))]
        self.outlets = []
        for _ in range(max(3, n // 25)):
            name = f"The {self._name()} {rng.choice(('Times', 'Post', 'Herald', 'Daily', 'Tribune'))}"
            self.outlets.append((name, self._org(slug(name), name, "outlet")))
        self.wire = self._org("global wire service", "Global Wire Service", "wire-service")
        self.university = self._org("institute of world affairs", "Institute of World Affairs",
                                    "university")
        self.reporters = [self._actor(None, "reporter", None, kind="reporter", title="Reporter")
                          for _ in range(max(4, n // 4))]
        self.analysts = [self._actor(None, "analyst", self.university, kind="analyst",
                                     title="Senior fellow") for _ in range(max(2, n // 10))]
        self.topics = []
        for i in range(max(4, n // 8)):
            word = TOPIC_WORDS[i % len(TOPIC_WORDS)]
            name = word.capitalize() if i < len(TOPIC_WORDS) else f"{word.capitalize()} ({self._name()})"
            self.topics.append(self._put("topics", slug(name), {"name": name}))
        for i, topic in enumerate(self.topics):
            other = self.topics[(i + 1) % len(self.topics)]
            record = self.records["topics"][topic]
            record["aliases"] = [record["name"].lower()]
            record["description"] = (f"Questions of {record['name'].lower()} between governments; "
                                     f"often raised together with [[{other}]].")
            record["related"] = [other]
        self.background = []
        for i in range(max(2, n // 10)):
            city = rng.choice(CITIES)
            self.background.append(self._put("events", f"{slug(city)}-summit-{i + 1}", {
                "name": f"{city} summit {i + 1}",
                "date": f"{2010 + i % 5}-{1 + i % 12:02d}",
                "kind": "summit", "location": city,
                "description": []}))

    def _put(self, kind: str, id_: str, record: dict[str, Any]) -> str:
        base, n = id_, 2
        while id_ in self.records[kind]:
            id_, n = f"{base}-{n}", n + 1
        self.records[kind][id_] = record
        return id_

    def _org(self, id_hint: str, name: str | None, kind: str, **extra: Any) -> str:
        name = name or id_hint.title()
        record: dict[str, Any] = {"name": name, "kind": kind}
        if "aliases" in extra:
            record["aliases"] = extra.pop("aliases")
        if extra.get("country"):
            record["country"] = extra["country"]
        if extra.get("parent"):
            record["parent"] = extra["parent"]
        return self._put("organizations", slug(id_hint), record)

    def _actor(self, country: str | None, description: str, org: str | None, *, kind: str,
               title: str) -> str:
        first = self.rng.choice(FIRST_NAMES)
        last = self._name()
        name = f"{first} {last}"
        record: dict[str, Any] = {"name": name, "aliases": [f"{title} {last}", f"Mr. {last}"
                                                            if first not in FEMININE else f"Ms. {last}"]}
        if country:
            record["country"] = country
        record["roles"] = [{"title": title, **({"organization": org} if org else {}),
                            "period": "unknown", "cites": []}]
        if org:
            record["description"] = f"The {description}, of [[{org}]]."
        else:
            record["description"] = f"A {description}."
        actor = self._put("actors", slug(name), record)
        record["_kind"] = kind
        return actor

    # --- helpers over records -------------------------------------------------------------

    def name(self, actor: str) -> str:
        return self.records["actors"][actor]["name"]

    def surname(self, actor: str) -> str:
        return self.name(actor).split()[-1]

    def title(self, actor: str) -> str:
        return self.records["actors"][actor]["roles"][0]["title"]

    def _cite(self, source: str, passage: str, sentence: str | None = None,
              **attribution: Any) -> dict[str, Any]:
        """A citation of `passage`, written into the source's text (inside `sentence`)."""
        text = self.sources[source].text
        if sentence is not None or not any(passage in s for s in text.sentences):
            text.add(sentence or passage)
        cite = {"source": source, "passage": _straight(passage)}
        cite.update({k if k != "as_" else "as": v for k, v in attribution.items()})
        return cite

    def _role_cite(self, actor: str, source: str) -> None:
        """The first source naming an actor backs their role."""
        if actor in self.role_cited:
            return
        self.role_cited.add(actor)
        role = self.records["actors"][actor]["roles"][0]
        country = self.records["actors"][actor].get("country")
        passage = f"{role['title']} {self.name(actor)}" + (f" of {country}" if country else "")
        role["cites"].append(self._cite(source, passage, f"{passage} has held the post for years."))

    # --- a call ---------------------------------------------------------------------------

    def _call(self, index: int) -> None:
        rng = self.rng
        date = START + dt.timedelta(days=3 * index + rng.randrange(3))
        g1, g2 = rng.sample(range(len(self.countries)), 2)
        la, lb = self.leaders[g1], self.leaders[g2]
        fmt = FORMATS[rng.randrange(10) // 4 if rng.random() < 0.9 else 2]
        call_id = f"{date.isoformat()}-{slug(self.surname(la))}-{slug(self.surname(lb))}-{fmt}-call"
        pair = tuple(sorted((la, lb)))
        previous = self.last_call_of_pair.get(pair)
        self.last_call_of_pair[pair] = call_id
        sources = [self._source(call_id, date, k) for k in range(2 + (index % 2))]
        if previous is not None:
            # A round-up also covers the pair's previous call.
            self.sources[sources[-1]].record["calls"].insert(0, previous)
        s0, s1, s2 = sources[0], sources[1], sources[-1]
        for actor in (la, lb):
            self._role_cite(actor, s0)
        spoke_a, spoke_b = self.spokespeople[g1], self.spokespeople[g2]
        self._role_cite(spoke_a, s1)
        analyst = rng.choice(self.analysts)
        self._role_cite(analyst, s2)
        topics = rng.sample(self.topics, 2)
        minutes = rng.choice((30, 45, 50, 60, 90, 120, 125))
        a, b = self.surname(la), self.surname(lb)
        ca, cb = self.countries[g1], self.countries[g2]
        city = rng.choice(CITIES)
        way = {"video": "by video link", "phone": "by telephone", "in-person": "in person"}[fmt]
        event = self._put("events", f"{slug(city)}-talks-{slug(a)}-{slug(b)}-{index + 1}", {
            "name": f"{city} talks between {ca} and {cb}",
            "date": (date + dt.timedelta(days=10)).isoformat(),
            "kind": "talks", "location": city, "status": "planned",
            "participants": [la, lb], "organizations": [self.governments[g1], self.governments[g2]],
            "topics": topics[:1]})
        self.records["events"][event]["description"] = [{
            "text": f"Negotiators from [[{self.governments[g1]}|{ca}]] and {cb} were to meet in {city}.",
            "cites": [self._cite(s1, f"negotiators from {ca} and {cb} will meet in {city} within two weeks",
                                 f"Officials said negotiators from {ca} and {cb} will meet in "
                                 f"{city} within two weeks.")]}]
        background = self.background[index % len(self.background)]
        bg = self.records["events"][background]
        if not bg["description"]:
            bg["description"].append({
                "text": f"{bg['name']} set the frame for later calls.",
                "cites": [self._cite(s2, f"since the {bg['name']}",
                                     f"Relations have been strained since the {bg['name']}.")]})
        for topic in topics:
            if topic not in self.topic_fact:
                self.topic_fact.add(topic)
                name = self.records["topics"][topic]["name"]
                self.records["topics"][topic]["facts"] = [{
                    "text": f"{name} came up in the call between {a} and {b}.",
                    "cites": [self._cite(s0, f"also discussed {name.lower()}",
                                         f"The leaders also discussed {name.lower()}, aides said.")]}]

        call: dict[str, Any] = {"title": f"{a}–{b} {fmt} call", "date": date, "format": fmt}
        requester = rng.choice((la, lb, None))
        if requester:
            call["requested_by"] = requester
        call["participants"] = [
            {"actor": la, "side": self.governments[g1], "location": f"the presidential office in {ca}",
             "cites": [self._cite(s0, f"{a} spoke from the presidential office in {ca}",
                                  f"{a} spoke from the presidential office in {ca}, aides said.")]},
            {"actor": lb, "side": self.governments[g2], "location": "unknown"},
        ]
        if index % 3 == 0:
            call["participants"].append({"actor": spoke_a, "side": self.governments[g1]})
        call["topics"] = topics
        if index % 4 == 0:
            call["organizations"] = [self.alliances[index % len(self.alliances)]]
        call["events"] = [background, event]
        t0 = topics[0]
        call["summary"] = [
            {"text": f"[[{la}]] and [[{lb}|{self.title(lb)} {b}]] spoke {way} for about "
                     f"{minutes} minutes.",
             "cites": [self._cite(s0, f"{a} and {b} spoke {way} for {minutes} minutes",
                                  f"On {date:%A}, {a} and {b} spoke {way} for {minutes} minutes, "
                                  f"the {ca} readout said.",
                                  attribution="readout", as_=f"the {ca} readout"),
                       self._cite(s1, f"the conversation between {a} and {b} on {date:%A}",
                                  f"Few details emerged from the conversation between {a} and {b} "
                                  f"on {date:%A}.")]},
            {"text": f"They discussed [[topics/{t0}]] and [[{topics[1]}]].",
             "cites": [self._cite(s1, f"the talks focused on {self.records['topics'][t0]['name'].lower()}",
                                  f"A senior official, speaking on condition of anonymity, said "
                                  f"the talks focused on "
                                  f"{self.records['topics'][t0]['name'].lower()}.",
                                  attribution="anonymous",
                                  as_="a senior official speaking on condition of anonymity")]},
        ]
        call["context"] = [{
            "text": f"The call followed weeks of tension after [[{background}]].",
            "cites": [self._cite(s2, f"weeks of tension between {ca} and {cb}",
                                 f"The call followed weeks of tension between {ca} and {cb}, "
                                 f"according to multiple reports.", attribution="wire",
                                 as_="multiple reports")]}]
        call["positions"] = [
            {"side": self.governments[g1],
             "demands": [{"text": f"{a} demanded guarantees on {self.records['topics'][t0]['name'].lower()}.",
                          "cites": [self._cite(s0, f"{a} demanded firm guarantees",
                                               f"{a} demanded firm guarantees — in writing.",
                                               attribution="on-record", speaker=la)]}],
             "warnings": [{"text": f"{a} warned of ‘serious costs’.",
                           "cites": [self._cite(s1, f"warned of 'serious costs' if {cb} moved first",
                                                f"{a} warned of ‘serious costs’ if {cb} moved first.",
                                                attribution="readout", as_=f"the {ca} readout")]}]},
            {"side": self.governments[g2],
             "offers": [{"text": f"{b} offered a working group.",
                         "cites": [self._cite(s0, f"{b} offered to set up a working group",
                                              f"{b} offered to set up a working group on the issue, "
                                              f"an aide said.", attribution="unnamed",
                                              as_="an aide")]}],
             "statements": [{"text": f"[[{spoke_b}]] called the call useful.",
                             "cites": [self._cite(s1, "The conversation was useful and frank",
                                                  "The conversation was useful and frank, a "
                                                  "spokesperson said afterwards.",
                                                  attribution="on-record", speaker=spoke_b)]}]},
        ]
        call["outcomes"] = [{
            "text": "No agreement was announced.",
            "cites": [self._cite(s2, f"no agreement was announced after the {date:%-d %B} call",
                                 f"Officially, no agreement was announced after the {date:%-d %B} call.")]}]
        call["follow_ups"] = [{
            "text": f"Talks were set in {city}.", "event": event,
            "cites": [self._cite(s1, f"negotiators from {ca} and {cb} will meet in {city} within two weeks")]}]
        call["reactions"] = [{
            "text": f"[[{analyst}]] called the call a modest step.",
            "cites": [self._cite(s2, "a modest step, not a breakthrough",
                                 f"It was “a modest step, not a breakthrough,” said "
                                 f"{self.name(analyst)}.", attribution="on-record", speaker=analyst)]},
            {"text": "Critics said the call achieved little.",
             "cites": [self._cite(s2, "Critics said the call achieved little",
                                  "Critics said the call achieved little.", attribution="group",
                                  as_="critics")]}]
        remark = f"{slug(a)}-door-open-{index + 1}"
        words_a = f"Our door remains open to {cb}, but our patience is not endless"
        differ = index % 3 == 1
        words_b = ("Our door remains open, but patience is not endless" if differ else words_a)
        quotes = [
            {"words": words_a, "source": s0, "speaker": la,
             "context": f"On {date:%A}, about [[{lb}]].", "remark": remark, "topics": [t0]},
            {"words": words_b, "source": s1, "speaker": la, "remark": remark},
            {"words": f"We will not accept ultimatums from {ca}", "source": s1, "speaker": lb},
            {"words": "It was a serious conversation", "source": s2,
             "speaker_as": "a senior administration official",
             "context": "Briefing reporters after the call."},
        ]
        self._quote_text(s0, words_a, f"{a} said", "after the call")
        self._quote_text(s1, words_b, f"{a} told aides", "")
        self._quote_text(s1, quotes[2]["words"], f"{b} replied", "")
        self._quote_text(s2, quotes[3]["words"], "a senior administration official said", "")
        call["quotes"] = quotes
        other_minutes = minutes + 5 if index % 3 == 0 else minutes
        hour = 9 + rng.randrange(9)
        call["facts"] = [
            {"key": "duration", "label": "How long the call lasted", "reports": [
                {**self._cite(s0, f"for {minutes} minutes"), "value": f"{minutes} minutes",
                 "minutes": minutes},
                {**self._cite(s2, f"lasted {other_minutes} minutes",
                              f"The call lasted {other_minutes} minutes, officials said."),
                 "value": f"{other_minutes} minutes", "minutes": other_minutes}]},
            {"key": "start", "label": "When the call began", "reports": [
                {**self._cite(s1, f"began at {hour}:05 local time",
                              f"The call began at {hour}:05 local time in {ca}."),
                 "value": f"{hour}:05 local time", "time": f"{hour:02d}:05", "timezone": f"{ca} time"}]},
            {"key": "format", "label": "How they met", "reports": [
                {**self._cite(s0, f"spoke {way}"), "value": way}]},
        ]
        if requester:
            asked = self.surname(requester)
            call["facts"].append({"key": "requested-by", "label": "Who asked for the call", "reports": [
                {**self._cite(s2, f"the call was requested by {asked}",
                              f"Aides said the call was requested by {asked}."), "value": asked}]})
        loc_b = rng.choice(("his residence", "her residence", "the capital"))
        call["facts"].append({"key": f"location-{lb}", "label": f"Where {b} was", "reports": [
            {**self._cite(s1, f"{b} took the call from {loc_b}",
                          f"{b} took the call from {loc_b}."), "value": loc_b},
            {**self._cite(s2, f"{b} was at {'a retreat' if index % 4 == 0 else loc_b}",
                          f"{b} was at {'a retreat' if index % 4 == 0 else loc_b} that day."),
             "value": "a retreat" if index % 4 == 0 else loc_b}]})
        self.records["calls"][call_id] = call

    def _quote_text(self, source: str, words: str, said: str, after: str) -> None:
        tail = f" {after}" if after else ""
        self.sources[source].text.add(f"“{words},” {said}{tail}.")

    def _source(self, call_id: str, date: dt.date, k: int) -> str:
        rng = self.rng
        outlet_name, outlet_org = self.outlets[rng.randrange(len(self.outlets))]
        source_id = self._put("sources", f"{slug(outlet_name)}-{call_id[:10]}-{k + 1}", {})
        reporter = self.reporters[rng.randrange(len(self.reporters))]
        record: dict[str, Any] = {}
        unknown_outlet = rng.random() < 0.1
        record["outlet"] = "unknown" if unknown_outlet else outlet_name
        if not unknown_outlet:
            record["outlet_org"] = outlet_org
        headline = f"Leaders talk again as tensions simmer ({call_id[:10]}, report {k + 1})"
        record["headline"] = headline if rng.random() < 0.85 else "unknown"
        record["authors"] = [reporter]
        if rng.random() < 0.3:
            record["contributors"] = [self.reporters[rng.randrange(len(self.reporters))]]
        if rng.random() < 0.9:  # else unknown: the field is left out
            record["published"] = date + dt.timedelta(days=rng.randrange(2))
        record["url"] = f"https://news.example.org/{source_id}" if rng.random() < 0.5 else "unknown"
        record["calls"] = [call_id]
        record["text"] = f"texts/{source_id}.txt"
        boilerplate = None
        if k == 0:
            boilerplate = f"More stories from {outlet_name} ({source_id})"
            record["body_ends_before"] = boilerplate
        if rng.random() < 0.3:
            record["republished_from"] = "Global Wire Service"
            record["provenance"] = "Wire copy republished by the outlet; see [[global-wire-service]]."
        self.records["sources"][source_id] = record
        header = [headline, f"By {self.name(reporter)}"]
        self.sources[source_id] = SourceDraft(source_id, record, Text(header), [call_id], boilerplate)
        self._role_cite_reporter(reporter, source_id)
        return source_id

    def _role_cite_reporter(self, reporter: str, source: str) -> None:
        if reporter in self.role_cited:
            return
        self.role_cited.add(reporter)
        self.records["actors"][reporter]["roles"][0]["cites"].append(
            {"source": source, "passage": f"By {self.name(reporter)}"})

    # --- output ---------------------------------------------------------------------------

    def files(self) -> dict[str, str]:
        """Relative path -> file text, for the whole corpus, each passage keyed once on its
        source and cited by key, as curators write it (core/citekeys.py)."""
        out: dict[str, str] = {}
        records = {kind: {id_: {k: v for k, v in record.items() if not k.startswith("_")}
                          for id_, record in by_id.items()} for kind, by_id in self.records.items()}
        passages: dict[tuple[str, str], tuple[str, dict]] = {}
        for kind, by_id in records.items():
            if kind != "sources":
                for record in by_id.values():
                    _key_citations(record, passages, None)
        for (source, _), (key, spec) in passages.items():
            records["sources"][source].setdefault("passages", {})[key] = (
                spec["text"] if len(spec) == 1 else spec)
        for kind, by_id in records.items():
            for id_, data in sorted(by_id.items()):
                if kind == "actors":
                    for role in data["roles"]:
                        if not role["cites"]:
                            del role["cites"]
                out[f"{kind}/{id_}.yaml"] = yaml.dump(data, Dumper=_Dumper, sort_keys=False,
                                                     allow_unicode=True, width=100)
        for draft in self.sources.values():
            out[draft.record["text"]] = self._text(draft)
        return out

    def _text(self, draft: SourceDraft) -> str:
        rng = random.Random(draft.id)
        paragraphs = ["\n".join(draft.text.header)]
        sentences = list(dict.fromkeys(draft.text.sentences))
        # Reporting around the cited passages, so texts are as long as real articles (~5 kB).
        for _ in range(rng.randrange(35, 60)):
            sentences.insert(rng.randrange(len(sentences) + 1), _filler(rng))
        while sentences:
            take, sentences = sentences[:4], sentences[4:]
            body = " ".join(s.replace("'", "’") for s in take)
            paragraphs.append(textwrap.fill(body, width=88, break_on_hyphens=False))
        if draft.boilerplate:
            paragraphs.append(f"{draft.boilerplate}\nSign up for our newsletter\nComments are closed.")
        return "\n\n".join(paragraphs) + "\n"


def _filler(rng: random.Random) -> str:
    """A sentence of background reporting that nothing cites."""
    city, other = rng.sample(CITIES, 2)
    return rng.choice(FILLER).replace("the issue", f"the issue raised in {city}") if rng.random() < 0.5 \
        else (f"In {city}, {rng.choice(('diplomats', 'officials', 'analysts', 'lawmakers'))} "
              f"{rng.choice(('said', 'noted', 'warned', 'argued'))} that the "
              f"{rng.choice(TOPIC_WORDS)} question would shape talks in {other} "
              f"{rng.choice(('next month', 'this spring', 'before the summit', 'for years'))}.")


FEMININE = {"Anna", "Clara", "Elena", "Greta", "Irina", "Kira", "Maya", "Olga", "Rosa", "Tamar",
            "Wanda", "Zora"}


_QUOTE_SPEAKER = {"speaker": "speaker", "speaker_as": "as", "speaker_org": "speaker_org"}
_CITATION_SPEAKER = {"attribution": "attribution", "speaker": "speaker", "as": "as"}


def _key_citations(node: Any, passages: dict, field: str | None) -> Any:
    """`node` with every typed-out citation and quote replaced by its passage's key (the
    passage, with its first use's attribution, is added to `passages`)."""
    if isinstance(node, list):
        node[:] = [_key_citations(item, passages, field) for item in node]
        return node
    if not isinstance(node, dict):
        return node
    if "source" in node and ("passage" in node or "words" in node):
        quote = "words" in node
        names = _QUOTE_SPEAKER if quote else _CITATION_SPEAKER
        text = node["words" if quote else "passage"]
        given = {theirs: node[mine] for mine, theirs in names.items() if mine in node}
        at = (node["source"], text)
        if at not in passages:
            passages[at] = (f"{node['source'][:12].strip('-')}-p{len(passages)}",
                            {"text": text, **given})
        key, spec = passages[at]
        rest = {k: v for k, v in node.items() if k not in ("source", "passage", "words", *names)}
        rest.update({mine: node.get(mine, "unknown") for mine, theirs in names.items()
                     if node.get(mine) != spec.get(theirs)})
        if not rest and field in ("cites", "quotes"):
            return key
        return {"cite": key, **rest}
    for name, value in node.items():
        node[name] = _key_citations(value, passages, name)
    return node


def _straight(text: str) -> str:
    """How a curator types a passage: straight quotes and hyphens (the verifier folds them)."""
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("—", "-")


def write_corpus(folder: Path, calls: int, seed: int = 7) -> dict[str, int]:
    """Write a corpus of `calls` calls into `folder` (created); return the number of records by kind."""
    synth = Synth(calls, seed)
    for rel, text in synth.files().items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return {kind: len(records) for kind, records in synth.records.items()}


if __name__ == "__main__":
    counts = write_corpus(Path(sys.argv[2]), int(sys.argv[1]), int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    print(", ".join(f"{n} {kind}" for kind, n in counts.items()))
