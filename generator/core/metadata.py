"""What a page tells machines about itself: its description, its Open Graph type, its JSON-LD.

Decided here, printed by the theme (generator/theme/main.html) through the MkDocs adapter. Only
what the records hold goes in: a source without a headline has no `headline`, an actor without
roles no `jobTitle`; nothing is filled in.

- a call is a schema.org Event (its participants as attendees, its date as startDate), with its
  quotes as Quotations (spoken by their speaker, based on their source);
- a source is a NewsArticle (headline, authors, publisher, datePublished where known);
- a person is a Person, an organization an Organization, an event an Event, a topic a Thing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .describe import call_lead, claims_text, name, plain, source_label, trimmed
from .graph import Graph, Key
from .kinds import SECTIONS
from .render.record_pages import is_fragment

SCHEMA_ORG = "https://schema.org"
ORGANIZATION_TYPES = {"outlet": "NewsMediaOrganization", "wire-service": "NewsMediaOrganization",
                      "government": "GovernmentOrganization", "agency": "GovernmentOrganization",
                      "legislature": "GovernmentOrganization", "company": "Corporation",
                      "university": "CollegeOrUniversity"}
"""schema.org's types for an organization's kind; any other kind is a plain Organization."""
ONLINE = {"video": "https://schema.org/OnlineEventAttendanceMode",
          "phone": "https://schema.org/OnlineEventAttendanceMode",
          "in-person": "https://schema.org/OfflineEventAttendanceMode"}
OG_TYPES = {"calls": "article", "sources": "article", "actors": "profile"}
QUOTATIONS = 4
"""The longest quotes of a call that go into its JSON-LD: every page view carries the JSON-LD,
and all of a call's quotes would add a twentieth to its page (the seed's video call: 6 kB of
7.8); every quote is in the data export (data/quotes.csv, data/calls/<id>.json)."""


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    """Plain text, about 160 characters at most, cut at a word."""
    og_type: str
    jsonld: str | None
    """The JSON-LD, safe inside a <script> element (script_json)."""


def page_metadata(graph: Graph, path: str, url: Callable[[str], str]) -> PageMeta | None:
    """The metadata of the generated page at `path` ('calls/x.md'); None for pages it does not
    describe (the site's description then stands). `url` gives the address of another page, by
    its path, as this page should print it."""
    kind, _, stem = path.removesuffix(".md").partition("/")
    if kind in SECTIONS and stem == "index":
        section = SECTIONS[kind]
        return PageMeta(section.title, trimmed(section.intro), "website", None)
    if kind not in SECTIONS or "/" in stem or stem not in graph.corpus.records.get(kind, {}):
        return None
    key = Key(kind, stem)
    data = _DESCRIBE.get(kind, _named)(graph, key, url)  # a new kind: a named Thing
    description = trimmed(data.pop("_description"))
    if description and "description" not in data:
        data["description"] = description
    document = {"@context": SCHEMA_ORG, **data}
    quotes = _quotations(graph, key, url) if kind == "calls" else []
    if quotes:
        document = {"@context": SCHEMA_ORG, "@graph": [data, *quotes]}
    return PageMeta(name(graph, key), description, OG_TYPES.get(kind, "website"),
                    script_json(document))


def other_page_metadata(title: str, site_name: str, site_description: str | None,
                        home: bool = False) -> PageMeta:
    """A page that is no record's: the home page is the site (its name and description); any
    other (a listing, a section's part) puts its own title before the site's description, so
    that no two pages share one."""
    if home:
        return PageMeta(site_name, trimmed(site_description or site_name), "website", None)
    text = f"{title} — {site_description}" if site_description else title
    return PageMeta(title, trimmed(text), "website", None)


def script_json(data: Any) -> str:
    """JSON for inside a <script> element: '<', '>' and '&' as \\u escapes, so that no text of
    the corpus ('</script>', '<!--') can end the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _person(graph: Graph, actor_id: str, url: Callable[[str], str]) -> dict[str, Any]:
    key = Key("actors", actor_id)
    return {"@type": "Person", "name": name(graph, key), "url": url(key.path)}


def _organization(graph: Graph, org_id: str, url: Callable[[str], str]) -> dict[str, Any]:
    key = Key("organizations", org_id)
    kind = graph.record(key).kind
    return {"@type": ORGANIZATION_TYPES.get(kind, "Organization"), "name": name(graph, key),
            "url": url(key.path)}


def _call(graph: Graph, key: Key, url: Callable[[str], str]) -> dict[str, Any]:
    call = graph.record(key)
    return {"@type": "Event", "name": call.title, "url": url(key.path),
            "startDate": call.date.isoformat(), "eventAttendanceMode": ONLINE[call.format],
            "attendee": [_person(graph, p.actor, url) for p in call.participants],
            "_description": call_lead(graph, key.id)}


def _quotations(graph: Graph, key: Key, url: Callable[[str], str]) -> list[dict[str, Any]]:
    """The call's longest quotes (QUOTATIONS), in page order, each speaker and source described
    once and referred to by its @id."""
    nodes: dict[str, dict[str, Any]] = {}
    quotes = []
    whole = [q for q in graph.record(key).quotes if not is_fragment(q)]
    longest = set(sorted(range(len(whole)), key=lambda i: (-len(whole[i].words), i))[:QUOTATIONS])
    for quote in (q for i, q in enumerate(whole) if i in longest):
        source = Key("sources", quote.source)
        item: dict[str, Any] = {"@type": "Quotation", "text": quote.words}
        speaker = (_person(graph, quote.speaker, url) if quote.speaker
                   else _organization(graph, quote.speaker_org, url) if quote.speaker_org
                   else None)
        if speaker is not None:
            reference = _node(nodes, speaker)
            item["creator"] = reference
            if quote.speaker:
                item["spokenByCharacter"] = reference
        item["isBasedOn"] = _node(nodes, {"@type": "NewsArticle", "name": name(graph, source),
                                          "url": url(source.path)})
        quotes.append(item)
    return [*nodes.values(), *quotes]


def _node(nodes: dict[str, dict[str, Any]], thing: dict[str, Any]) -> dict[str, str]:
    """A reference to `thing` by its @id (its page's address), listed once in `nodes`."""
    nodes.setdefault(thing["url"], {"@id": thing["url"], **{k: v for k, v in thing.items()
                                                           if k != "url"}})
    return {"@id": thing["url"]}


def _source(graph: Graph, key: Key, url: Callable[[str], str]) -> dict[str, Any]:
    source = graph.record(key)
    data: dict[str, Any] = {"@type": "NewsArticle", "name": source_label(source)}
    if source.headline:
        data["headline"] = source.headline
    if source.authors:
        data["author"] = [_person(graph, a, url) for a in source.authors]
    if source.outlet_org:
        data["publisher"] = _organization(graph, source.outlet_org, url)
    elif source.outlet:
        data["publisher"] = {"@type": "Organization", "name": source.outlet}
    if source.published:
        data["datePublished"] = source.published.isoformat()
    if source.url:
        data["url"] = source.url
    data["inLanguage"] = source.language
    data["_description"] = (f"{source_label(source)}: the article's text, with the passages "
                            "the briefing cites marked.")
    return data


def _actor(graph: Graph, key: Key, url: Callable[[str], str]) -> dict[str, Any]:
    actor = graph.record(key)
    data: dict[str, Any] = {"@type": "Person", "name": actor.name, "url": url(key.path)}
    if actor.aliases:
        data["alternateName"] = list(actor.aliases)
    titles = list(dict.fromkeys(role.title for role in actor.roles))
    if titles:
        data["jobTitle"] = titles
    data["_description"] = (_named_text(actor.name, plain(graph, actor.description))
                            if actor.description
                            else f"{actor.name}: {'; '.join(titles)}." if titles
                            else f"{actor.name}, as the briefing's sources mention them.")
    return data


def _named(graph: Graph, key: Key, url: Callable[[str], str]) -> dict[str, Any]:
    """An organization, a topic, or a record of a kind with no describer of its own."""
    record = graph.record(key)
    if key.kind == "organizations":
        data = _organization(graph, key.id, url)
        if record.parent:
            data["parentOrganization"] = _organization(graph, record.parent, url)
    else:
        data = {"@type": "Thing", "name": record.name, "url": url(key.path)}
    aliases, facts = getattr(record, "aliases", []), getattr(record, "facts", [])
    description = getattr(record, "description", None)
    if aliases:
        data["alternateName"] = list(aliases)
    data["_description"] = (_named_text(record.name, plain(graph, description))
                            if description
                            else _named_text(record.name, claims_text(graph, facts))
                            if facts
                            else f"{record.name}, as the briefing's sources mention it.")
    return data


def _named_text(name: str, text: str) -> str:
    """A description that says whom it describes: shared with a link card, "Associated Press
    writer in Washington" alone names nobody (and two reporters' pages would read alike)."""
    return text if name.casefold() in text.casefold() else f"{name}: {text}"


def _event(graph: Graph, key: Key, url: Callable[[str], str]) -> dict[str, Any]:
    event = graph.record(key)
    data: dict[str, Any] = {"@type": "Event", "name": event.name, "url": url(key.path),
                            "startDate": event.date}
    if event.end_date:
        data["endDate"] = event.end_date
    if event.location:
        data["location"] = event.location
    if event.participants:
        data["attendee"] = [_person(graph, a, url) for a in event.participants]
    data["_description"] = claims_text(graph, event.description)
    return data


_DESCRIBE: dict[str, Callable[[Graph, Key, Callable[[str], str]], dict[str, Any]]] = {
    "calls": _call, "sources": _source, "actors": _actor, "organizations": _named,
    "topics": _named, "events": _event}
