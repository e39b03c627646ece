"""Broken corpora: each copies the mini fixture, breaks one thing the way a curator might, runs
`briefing validate` and checks the exact messages: file, line, column, field, what was expected
and the fix, one line per problem, every problem at once, exit status 1, never a traceback.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from generator.adapters.cli import main

from .broken import (
    ALPHA_REPORT,
    BETA_REPORT,
    PHONE,
    TRADE,
    VIDEO,
    Breakage,
    append,
    both,
    edit,
    remove,
    rename,
    symlink,
    write,
)
from .conftest import MINI, ROOT

BOMB = "a: &a [lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nname: *c\n"
"""Billion laughs, small: every level multiplies the one before."""


def case(name: str, breakage: Breakage, *lines: str):
    """One broken corpus and the exact report: its problem lines, then the count."""
    count = len(lines)
    summary = f"{count} content problem{'s' if count != 1 else ''} found; nothing was built."
    return pytest.param(breakage, "\n".join(lines + (summary,)) + "\n", id=name)


CASES = [
    case("duplicate-key", edit(TRADE, "name: Trade\n", "name: Trade\nname: Commerce\n"),
         "content/topics/trade.yaml:2:1: name: duplicate key 'name' (first on line 1); keep one"),
    case("unquoted-time", edit(PHONE, "time: '15:35'", "time: 15:35"),
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:24:15: facts[1].reports[0].time: expected text, but YAML read 15:35 as the number 935: write times in quotes, '15:35'"),
    case("no-as-boolean", edit("organizations/ruritania-government.yaml", "country: Ruritania", "country: NO"),
         "content/organizations/ruritania-government.yaml:3:10: country: expected text, but YAML read NO as false: write it in quotes, 'NO'"),
    case("yes-as-boolean-in-list", edit("events/sanctions-vote.yaml", "topics: [trade]", "topics: [yes]"),
         "content/events/sanctions-vote.yaml:5:10: topics[0]: expected text, but YAML read yes as true: write it in quotes, 'yes'"),
    case("octal-looking-number", edit("actors/bob-brown.yaml", "name: Bob Brown", "name: 0755"),
         "content/actors/bob-brown.yaml:1:7: name: expected text, but YAML read 0755 as the number 493: write it in quotes, '0755'"),
    case("unquoted-partial-date", edit("events/sanctions-vote.yaml", "date: '2021-12'", "date: 2021-12-01"),
         "content/events/sanctions-vote.yaml:2:7: date: expected text, but YAML read 2021-12-01 as a date: write it in quotes, '2021-12-01'"),
    case("impossible-date", edit(VIDEO, "date: 2021-12-07", "date: 2021-13-45"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:2:7: date: '2021-13-45' looks like a date but is not one (month must be in 1..12); write a real date as YYYY-MM-DD, or put the value in quotes if it is text"),
    case("number-as-date", edit("sources/alpha-report.yaml", "published: 2021-12-07", "published: 20211207"),
         'content/sources/alpha-report.yaml:5:12: published: expected a date (YYYY-MM-DD), got the number 20211207'),
    case("text-as-date", edit("sources/alpha-report.yaml", "published: 2021-12-07", "published: 7 December 2021"),
         "content/sources/alpha-report.yaml:5:12: published: expected a date (YYYY-MM-DD), got the text '7 December 2021'"),
    case("empty-file", write(TRADE, ""),
         'content/topics/trade.yaml: file is empty; a record needs at least its required fields'),
    case("comment-only-file", write(TRADE, "# nothing yet\n"),
         'content/topics/trade.yaml: file holds no YAML value; a record needs at least its required fields'),
    case("not-utf8", write(TRADE, b"name: Caf\xe9\n"),
         'content/topics/trade.yaml:1: file is not valid UTF-8 (byte 0xe9); save it as UTF-8'),
    case("binary-junk", write(TRADE, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
         'content/topics/trade.yaml: file contains NUL bytes: it is binary, not YAML text'),
    case("control-characters", write(TRADE, b"name: Trade\x07\n"),
         'content/topics/trade.yaml:1:12: file contains the control character U+0007, which YAML does not allow; remove it (is this a text file?)'),
    case("escaped-control-character", write(TRADE, 'name: "Tr\\x01ade"\n'),
         'content/topics/trade.yaml:1:7: name: the value contains the control character U+0001 (written as an escape); remove it'),
    case("tab-indentation", edit("actors/bob-brown.yaml", "  - title: Premier", "\t- title: Premier"),
         'content/actors/bob-brown.yaml:4:1: invalid YAML: a tab character here: YAML indentation must use spaces, not tabs'),
    case("alias-bomb", write(TRADE, BOMB),
         'content/topics/trade.yaml:1:4: YAML anchors (&a) are not allowed in content files; write the value out'),
    case("alias-without-anchor", edit(TRADE, "name: Trade", "name: *trade"),
         'content/topics/trade.yaml:1:7: YAML aliases (*name) are not allowed in content files; write the value out'),
    case("python-tag", edit(TRADE, "name: Trade", "name: !!python/object/apply:os.system [ls]"),
         'content/topics/trade.yaml:1:7: name: YAML tags (!!python/object/apply:os.system) are not allowed in content files; write plain text, numbers, lists and fields'),
    case("unclosed-quote", edit(TRADE, "name: Trade", "name: 'Trade"),
         'content/topics/trade.yaml:1:7: invalid YAML: the quote opened here is never closed'),
    case("colon-in-value", edit(TRADE, "name: Trade", "name: Trade: the talks"),
         "content/topics/trade.yaml:1:12: invalid YAML: a ': ' inside a value (or a line indented too far); put the value in quotes"),
    case("bad-indentation", edit("actors/bob-brown.yaml", "    cites:", "   cites:"),
         'content/actors/bob-brown.yaml:5:4: invalid YAML: this line is not indented like the list above it (the list begins on line 4)'),
    case("two-documents", write(TRADE, "name: Trade\n---\nname: Commerce\n"),
         "content/topics/trade.yaml:2:1: invalid YAML: a content file holds one record: remove the second '---' and what follows it"),
    case("list-instead-of-record", write(TRADE, "- name: Trade\n"),
         'content/topics/trade.yaml:1:1: a record must be a mapping of fields, not a list'),
    case("unknown-field-close", edit(TRADE, "name: Trade\n", "name: Trade\ndescripton: Commerce.\n"),
         "content/topics/trade.yaml:2:1: descripton: unknown field 'descripton' — did you mean 'description'?"),
    case("misspelt-required-field", edit(TRADE, "name:", "nmae:"),
         "content/topics/trade.yaml:1:1: nmae: unknown field 'nmae' — did you mean 'name'? ('name' is required)"),
    case("unknown-field-far", edit(TRADE, "name: Trade\n", "name: Trade\ncolour: blue\n"),
         "content/topics/trade.yaml:2:1: colour: unknown field 'colour'; allowed: aliases, description, facts, id, name, redirect_from, related"),
    case("text-instead-of-list", edit(PHONE, "participants:\n", "participants: everyone\nspeakers:\n"),
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:4:15: participants: expected a list, got the text 'everyone'; write one entry per line, each starting with '- ', or [a, b] on one line",
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:5:1: speakers: unknown field 'speakers'; allowed: agenda, background_topics, context, date, events, facts, follow_ups, format, id, lead, organizations, outcomes, participants, positions, quotes, reactions, redirect_from, requested_by, requested_by_org, summary, title, topics"),
    case("list-instead-of-text", edit(TRADE, "name: Trade", "name: [Trade, Commerce]"),
         'content/topics/trade.yaml:1:7: name: expected text, got a list'),
    case("text-instead-of-mapping", edit(PHONE, "participants:\n  - actor: alice-adams\n    side: ruritania-government\n", "participants:\n  - alice-adams\n"),
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:5:5: participants[0]: expected a mapping of fields (actor, side …, each on its own line as 'field: value'), got the text 'alice-adams'"),
    # A citation given as text is a passage key now: a source's id in its place is an unknown key.
    case("source-id-instead-of-a-passage-key", edit(PHONE, "    cites: [beta-a-week-later-they-spoke]", "    cites:\n      - beta-report\n      - beta-a-week-later-they-spoke"),
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:12:9: summary[0].cites[0]: unknown passage key 'beta-report': a key names one of the `passages` of a source record"),
    case("missing-required-field", edit(VIDEO, "format: video\n", ""),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:1:1: format: required field is missing; add 'format:' (How the leaders met)"),
    case("empty-required-value", edit(TRADE, "name: Trade", "name:"),
         'content/topics/trade.yaml:1:6: name: expected text, but the value is empty'),
    case("empty-required-list", edit(PHONE, "participants:\n  - actor: alice-adams\n    side: ruritania-government\n  - actor: bob-brown\n    side: ruritania-government\n", "participants: []\n"),
         'content/calls/2021-12-14-adams-brown-phone-call.yaml:4:15: participants: needs at least one entry'),
    case("word-instead-of-number", edit(PHONE, "minutes: 50", "minutes: fifty"),
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:18:18: facts[0].reports[0].minutes: expected a whole number, got the text 'fifty'"),
    case("yes-as-number", edit(PHONE, "minutes: 50", "minutes: yes"),
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:18:18: facts[0].reports[0].minutes: expected a whole number, got yes (which YAML reads as true)"),
    case("fractional-minutes", edit(PHONE, "minutes: 50", "minutes: 50.5"),
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:18:18: facts[0].reports[0].minutes: expected a whole number, got the number 50.5"),
    case("negative-number", edit(PHONE, "minutes: 50", "minutes: -5"),
         'content/calls/2021-12-14-adams-brown-phone-call.yaml:18:18: facts[0].reports[0].minutes: must be at least 0, got -5'),
    case("misspelt-choice", edit(VIDEO, "format: video", "format: vidoe"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:3:9: format: 'vidoe' is not allowed; expected 'video', 'phone' or 'in-person' — did you mean 'video'?"),
    case("misspelt-status", edit("events/sanctions-vote.yaml", "status: planned", "status: planed"),
         "content/events/sanctions-vote.yaml:4:9: status: 'planed' is not allowed; expected 'done', 'planned' or 'expected' — did you mean 'planned'?"),
    case("id-not-the-file-name", edit(TRADE, "name: Trade", "id: commerce\nname: Trade"),
         "content/topics/trade.yaml:1:5: id: id 'commerce' does not match the file name; rename the file to 'commerce.yaml' or set id: trade"),
    case("duplicate-id", both(write("topics/commerce.yaml", "id: trade\nname: Commerce\n")),
         "content/topics/commerce.yaml:1:5: id: id 'trade' is already the id of content/topics/trade.yaml; ids are unique: set id: commerce or leave the id out (the file name is the id)"),
    case("duplicate-fact-key", edit(PHONE, "  - key: start", "  - key: duration"),
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:19:10: facts[1].key: duplicate fact key 'duration' (first at facts[0]); put every source's version under one key, in its reports"),
    case("call-id-without-its-date", edit(VIDEO, "date: 2021-12-07", "date: 2021-12-08"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:2:7: date: a call's id starts with its date: expected '2021-12-08-…', got '2021-12-07-adams-brown-video-call'"),
    case("file-name-not-an-id", rename(TRADE, "topics/Trade Talks.yaml"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:14:10: topics[0]: unknown topic 'trade'",
         "content/calls/2021-12-07-adams-brown-video-call.yaml:28:14: quotes[0].topics[0]: unknown topic 'trade'",
         "content/events/sanctions-vote.yaml:5:10: topics[0]: unknown topic 'trade'",
         "content/topics/Trade Talks.yaml: file name 'Trade Talks.yaml' is not a valid id: use lowercase letters, digits and single hyphens, e.g. 'trade-talks.yaml'"),
    case("yml-extension", write("topics/energy.yml", "name: Energy\n"),
         "content/topics/energy.yml: not a record file: records are '<id>.yaml' files (rename it to 'energy.yaml' or move it out of content/)"),
    case("backup-of-a-record", write("topics/energy.yaml.bak", "name: Energy\n"),
         "content/topics/energy.yaml.bak: not a record file: records are '<id>.yaml' files, and this looks like a copy or backup of 'energy.yaml'; move it out of content/ or delete it"),
    case("editor-backup-of-a-record", write("topics/energy.yml~", "name: Energy\n"),
         "content/topics/energy.yml~: not a record file: records are '<id>.yaml' files, and this looks like a copy or backup of 'energy.yml'; move it out of content/ or delete it"),
    case("yaml-in-utf16", write(TRADE, "name: Trade\n".encode("utf-16")),
         "content/topics/trade.yaml: file is UTF-16 text, not UTF-8; save it as UTF-8"),
    case("yaml-in-utf16-without-bom", write(TRADE, "name: Trade\ndescription: Trade talks\n".encode("utf-16-le")),
         "content/topics/trade.yaml: file is UTF-16 text, not UTF-8; save it as UTF-8"),
    case("key-too-long-for-yaml", write(TRADE, "name: Trade\n" + "x" * 1500 + ": talks\n"),
         "content/topics/trade.yaml:2:1: invalid YAML: the key before ':' is 1,500 characters long; YAML allows at most 1024 (a field name is a short word; text goes after the field's ':')"),
    case("unknown-folder", write("topic/energy.yaml", "name: Energy\n"),
         "content/topic: unknown content folder 'topic' — did you mean 'topics'?; expected one of: calls, actors, sources, organizations, topics, events"),
    case("reserved-id", write("topics/index.yaml", "name: Index\n"),
         "content/topics/index.yaml: file name 'index.yaml' is reserved for the topics index page; choose another id"),
    case("id-leaving-the-output-directory", edit(VIDEO, "requested_by: bob-brown", "requested_by: ../../etc/passwd"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:4:15: requested_by: '../../etc/passwd' is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'etc-passwd')"),
    case("text-path-leaving-content", edit("sources/beta-report.yaml", "text: texts/beta.txt", "text: ../../etc/passwd"),
         "content/sources/beta-report.yaml:4:7: text: '../../etc/passwd' is not a text path; write 'texts/<file>.txt' (relative to content/)",
         "content/texts/beta.txt: no source uses this text: remove the file, or point a source's 'text:' to it (text: texts/beta.txt)"),
    case("wikilink-leaving-the-site", edit(TRADE, "[[alice-adams]]", "[[../../etc/passwd]]"),
         'content/topics/trade.yaml:2:14: description: unknown record in link [[../../etc/passwd]]'),
    case("symlink-outside-content", symlink(TRADE, "outside.yaml", "name: Trade\n"),
         "content/topics/trade.yaml: symlink points outside content/ (to '{tmp}/outside.yaml'); copy the file in instead"),
    case("folder-symlinked-outside", lambda content: (
             shutil.move(content / "organizations", content.parent / "orgs"),
             (content / "organizations").symlink_to(content.parent / "orgs")),
         "content/organizations/alpha-times.yaml: symlink points outside content/ (to '{tmp}/orgs/alpha-times.yaml'); copy the file in instead",
         "content/organizations/ruritania-government.yaml: symlink points outside content/ (to '{tmp}/orgs/ruritania-government.yaml'); copy the file in instead"),
    case("symlink-loop", lambda content: (
             (content / "topics" / "energy.yaml").symlink_to("energy.yaml")),
         "content/topics/energy.yaml: symlink loop: the link leads back to itself; replace it by the file"),
    case("source-text-symlink-loop", both(
             remove("texts/beta.txt"),
             lambda content: (content / "texts" / "beta.txt").symlink_to("beta.txt")),
         "content/sources/beta-report.yaml:4:7: text: source text 'texts/beta.txt' is a broken symlink (or a symlink loop); put the file itself there"),
    case("source-text-symlink-outside", symlink("texts/beta.txt", "outside.txt", "text"),
         'content/sources/beta-report.yaml:4:7: text: source text is a symlink that points outside content/; copy the file in instead'),
    case("missing-source-text", remove("texts/beta.txt"),
         "content/sources/beta-report.yaml:4:7: text: source text 'texts/beta.txt' does not exist (expected at content/texts/beta.txt)"),
    case("source-text-not-utf8", write("texts/beta.txt", b"caf\xe9"),
         "content/texts/beta.txt:1: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"),
    case("unknown-actor", edit(VIDEO, "requested_by: bob-brown", "requested_by: bob-browne"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:4:15: requested_by: unknown actor 'bob-browne' — did you mean 'bob-brown'?"),
    case("unknown-wikilink", edit(TRADE, "[[alice-adams]]", "[[alice-adam]]"),
         "content/topics/trade.yaml:2:14: description: unknown record in link [[alice-adam]] — did you mean 'alice-adams'?"),
    # A quote's words are typed once, as a passage of its source: a changed word is reported
    # there, once, however many records cite the passage.
    case("quote-changed-by-one-word", edit(ALPHA_REPORT, 'text: "We want peace - and trade"', 'text: "We want war - and trade"'),
         'content/sources/alpha-report.yaml:21:11: passages.alpha-we-want-peace-and-trade.text: passage not found verbatim in source \'alpha-report\': "We want war - and trade"; closest passage in the source: "We want peace - and trade" (yours has \'war\' where the source has \'peace\')'),
    case("passage-cited-three-times-changed-by-one-word", edit(ALPHA_REPORT, 'text: "warned of \\"grave consequences\\" if sanctions came"', 'text: "warned of \\"dire consequences\\" if sanctions came"'),
         'content/sources/alpha-report.yaml:26:11: passages.alpha-warned-of-grave-consequences-if.text: passage not found verbatim in source \'alpha-report\': "warned of "dire consequences" if sanctions came"; closest passage in the source: "warned of "grave consequences" if sanctions came" (yours has \'dire\' where the source has \'grave\')'),
    case("quote-citing-a-key-changed-by-one-word", edit(VIDEO, "cite: alpha-we-want-peace-and-trade", "cite: alpha-we-want-war-and-trade"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:25:11: quotes[0].cite: unknown passage key 'alpha-we-want-war-and-trade': a key names one of the `passages` of a source record — did you mean 'alpha-we-want-peace-and-trade'?"),
    case("passage-not-in-source", edit(ALPHA_REPORT, 'alpha-premier-bob-brown: "Premier Bob Brown"', 'alpha-premier-bob-brown: "Prime Minister Bob Brown"'),
         'content/sources/alpha-report.yaml:14:28: passages.alpha-premier-bob-brown: passage not found verbatim in source \'alpha-report\': "Prime Minister Bob Brown"; closest passage in the source: "Premier Bob Brown" (yours has \'Prime Minister\' where the source has \'Premier\')'),
    case("quote-from-another-source", edit(BETA_REPORT, 'text: "We want peace and trade too."', 'text: "Leaders Talk For Two Hours"'),
         "content/sources/beta-report.yaml:12:11: passages.beta-we-want-peace-and-trade.text: passage not found verbatim in source 'beta-report': \"Leaders Talk For Two Hours\"; nothing like it stands in that text (is it from another source?)"),
    case("quote-without-words", edit(BETA_REPORT, 'text: "We want peace and trade too."', "text: '...'"),
         "content/sources/beta-report.yaml:12:11: passages.beta-we-want-peace-and-trade.text: passage has no words (\"...\"): copy the words exactly as source 'beta-report' prints them"),
    case("unsafe-url", edit("sources/beta-report.yaml", "outlet: unknown", "outlet: unknown\nurl: javascript:alert(1)"),
         "content/sources/beta-report.yaml:2:6: url: 'javascript:alert(1)' is not a usable URL: write the full http:// or https:// address (without spaces, quotes, brackets, parentheses or invisible characters), or unknown"),
    case("too-long-text", edit(TRADE, "name: Trade", "name: " + "x" * 20_001),
         'content/topics/trade.yaml:1:7: name: is too long (20,001 characters); at most 20,000 are allowed'),
    case("deep-nesting", write(TRADE, "name: " + "[" * 100 + "]" * 100 + "\n"),
         'content/topics/trade.yaml:1:46: values are nested more than 40 levels deep; no record needs that many (check the brackets and indentation)'),
    case("several-files-broken", both(edit(TRADE, "name:", "nmae:"), edit(VIDEO, "requested_by: bob-brown", "requested_by: bob-browne"), write("topics/energy.yaml", "")),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:4:15: requested_by: unknown actor 'bob-browne' — did you mean 'bob-brown'?",
         'content/topics/energy.yaml: file is empty; a record needs at least its required fields',
         "content/topics/trade.yaml:1:1: nmae: unknown field 'nmae' — did you mean 'name'? ('name' is required)"),

]


BETA = "texts/beta.txt"
AFTER_BETA = (MINI / BETA).read_text("utf-8").count("\n") + 1
"""The line a text appended to the fixture's beta.txt starts on."""
PHONE_MINUTES = "content/calls/2021-12-14-adams-brown-phone-call.yaml:18:18: facts[0].reports[0].minutes: "

# Content validation (issue 18: numbers, dates, names, ids, messages, duplicates).
CASES += [
    *(case(f"number-written-{name}", edit(PHONE, "minutes: 50", f"minutes: {raw}"),
           PHONE_MINUTES + f"YAML reads {raw} as the number {value}{why}: write whole numbers in "
                           f"plain decimal digits, e.g. {meant}")
      for name, raw, value, why, meant in [
          ("octal", "050", 40, " (a leading 0 makes it octal)", 50),
          ("hex", "0x32", 50, "", 50), ("binary", "0b110010", 50, "", 50),
          ("underscore", "5_0", 50, "", 50), ("plus", "+50", 50, "", 50),
          ("sexagesimal", "1:30", 90, "", 90)]),
    case("retired-field", edit("events/sanctions-vote.yaml", "status: planned", "scheduled: true"),
         "content/events/sanctions-vote.yaml:4:1: scheduled: 'scheduled' is now 'status', as on claims: write 'status: planned' where the source reports the event as arranged ('slated to meet'), 'status: expected' where only as anticipated ('expected … in coming days'), or leave it out if it happened"),
    case("impossible-partial-date", edit("events/sanctions-vote.yaml", "date: '2021-12'", "date: '2021-02-30'"),
         "content/events/sanctions-vote.yaml:2:7: date: '2021-02-30' is not a day of the calendar (February 2021 has 28 days); check the day"),
    case("blank-name", edit("events/sanctions-vote.yaml", "name: Sanctions vote", "name: '   '"),
         "content/events/sanctions-vote.yaml:1:7: name: holds only spaces; write the text"),
    case("end-date-before-date", edit("events/sanctions-vote.yaml", "date: '2021-12'", "date: '2021-12'\nend_date: '2021-11-30'"),
         "content/events/sanctions-vote.yaml:3:11: end_date: end_date '2021-11-30' is before date '2021-12'; check both dates"),
    case("publication-in-the-future", edit("sources/alpha-report.yaml", "published: 2021-12-07", "published: 2201-12-07"),
         "content/sources/alpha-report.yaml:5:12: published: 2201-12-07 is in the future; a call or publication date is a day that has passed (a typo in the year?)"),
    case("publication-before-1900", edit("sources/alpha-report.yaml", "published: 2021-12-07", "published: 1021-12-07"),
         "content/sources/alpha-report.yaml:5:12: published: 1021-12-07 is before 1900; check the year"),
    case("id-ending-in-a-newline", write("topics/energy\n.yaml", "name: Energy\n"),
         "content/topics/energy\\n.yaml: file name 'energy\\n.yaml' is not a valid id: use lowercase letters, digits and single hyphens, e.g. 'energy.yaml'"),
    case("id-too-long", write(f"topics/{'a' * 121}.yaml", "name: Long\n"),
         f"content/topics/{'a' * 121}.yaml: file name '{'a' * 121}.yaml' is too long (121 characters); ids have at most 120, e.g. '{'a' * 120}.yaml'"),
    case("control-character-in-source-text", append(BETA, b"Bad \x1b[31m here\n"),
         f"content/texts/beta.txt:{AFTER_BETA}:5: the text contains the control character U+001B, which has no place in an article; remove it"),
    case("nul-in-source-text", append(BETA, b"Bad \x00 here\x07\n"),
         f"content/texts/beta.txt:{AFTER_BETA}:5: the text contains the control character U+0000, which has no place in an article; remove it"),
    case("source-text-utf16", write(BETA, "Second call".encode("utf-16")),
         "content/sources/beta-report.yaml:4:7: text: source text 'texts/beta.txt' is UTF-16, not UTF-8; save it as UTF-8"),
    case("source-text-utf16-without-bom", write(BETA, "Second call between Adams".encode("utf-16-le")),
         "content/sources/beta-report.yaml:4:7: text: source text 'texts/beta.txt' is UTF-16, not UTF-8; save it as UTF-8"),
    case("source-text-is-a-folder", both(remove(BETA), lambda content: (content / BETA).mkdir()),
         "content/sources/beta-report.yaml:4:7: text: source text 'texts/beta.txt' is a folder, not a text file"),
    case("source-text-is-a-fifo", both(remove(BETA), lambda content: os.mkfifo(content / BETA)),
         "content/sources/beta-report.yaml:4:7: text: source text 'texts/beta.txt' is a FIFO (named pipe), not a text file"),
    case("source-text-symlink-to-a-fifo", both(
             remove(BETA), lambda content: os.mkfifo(content / "texts/pipe"),
             lambda content: (content / BETA).symlink_to("pipe")),
         "content/sources/beta-report.yaml:4:7: text: source text 'texts/beta.txt' is a symlink to a FIFO (named pipe), not a text file"),
    case("source-text-symlink-to-dev-zero", both(remove(BETA), lambda content: (content / BETA).symlink_to("/dev/zero")),
         "content/sources/beta-report.yaml:4:7: text: source text is a symlink that points outside content/; copy the file in instead"),
    case("source-text-too-big", write(BETA, "word " * 400_001),
         "content/sources/beta-report.yaml:4:7: text: source text 'texts/beta.txt' is 2,000,005 bytes; source texts are limited to 2,000,000 (one article, not a whole site)"),
    case("raw-line-separator-in-yaml", edit(TRADE, "name: Trade", "name: Tr\u2028ade"),
         "content/topics/trade.yaml:1:9: a raw U+2028 (line separator) here, which YAML reads as a line break; replace it by a space (or by a real line break)"),
    case("raw-next-line-in-yaml", edit(TRADE, "name: Trade", "name: Tr\x85ade"),
         "content/topics/trade.yaml:1:9: a raw U+0085 (next line) here, which YAML reads as a line break; replace it by a space (or by a real line break)"),
    case("byte-order-mark-inside-a-value", edit(TRADE, "name: Trade", "name: Tr\ufeffade"),
         "content/topics/trade.yaml:1:7: name: the value contains a byte order mark (U+FEFF), an invisible character; remove it"),
    case("bidi-override-shown-escaped", edit(VIDEO, "requested_by: bob-brown", "requested_by: bob\u202ebrown\u2066"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:4:15: requested_by: 'bob\\u202ebrown\\u2066' is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'bob-brown')"),
    case("passage-of-spaces-with-boilerplate", edit(ALPHA_REPORT, 'alpha-premier-bob-brown: "Premier Bob Brown"', "alpha-premier-bob-brown: '     '"),
         "content/sources/alpha-report.yaml:14:28: passages.alpha-premier-bob-brown: passage has no words (\"     \"): copy the words exactly as source 'alpha-report' prints them"),
    case("unclosed-wikilink", edit(TRADE, "[[alice-adams]]", "[[alice-adams"),
         "content/topics/trade.yaml:2:14: description: malformed link near '[[alice-adams.': write [[id]] or [[id|words]], with both pairs of brackets"),
    case("stray-wikilink-brackets", edit(TRADE, "[[alice-adams]]", "alice-adams]]"),
         "content/topics/trade.yaml:2:14: description: malformed link near ']].': write [[id]] or [[id|words]], with both pairs of brackets"),
    case("wikilink-in-a-plain-field", edit(VIDEO, "location: his dacha", "location: '[[bob-brown]] dacha'"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:12:15: participants[1].location: [[…]] links are not resolved in this field (only in prose such as text and description); write plain text"),
    case("record-symlink-to-a-fifo", both(
             lambda content: os.mkfifo(content / "topics" / "pipe"),
             lambda content: (content / "topics" / "energy.yaml").symlink_to("pipe")),
         "content/topics/energy.yaml: a symlink to a FIFO (named pipe): a record must be a YAML text file",
         "content/topics/pipe: not a record file: records are '<id>.yaml' files (rename it to 'pipe.yaml' or move it out of content/)"),
    case("record-broken-symlink", lambda content: (content / "topics" / "energy.yaml").symlink_to("nothing.yaml"),
         "content/topics/energy.yaml: a broken symlink: a record must be a YAML text file"),
    case("person-copied-to-a-second-file", lambda content: shutil.copy(content / "actors/bob-brown.yaml", content / "actors/bob-brown-2.yaml"),
         "content/actors/bob-brown-2.yaml:1:7: name: 'Bob Brown' is already the name of content/actors/bob-brown.yaml; one actor, one record: merge the two files, or tell them apart in the name"),
    case("name-that-is-another-record-alias", write("actors/premier.yaml", "name: premier  BROWN\n"),
         "content/actors/premier.yaml:1:7: name: 'premier  BROWN' is already an alias of content/actors/bob-brown.yaml; one actor, one record: merge the two files, or tell them apart in the name"),
    case("event-copied-to-a-second-file", lambda content: shutil.copy(content / "events/sanctions-vote.yaml", content / "events/sanctions-vote-2.yaml"),
         "content/events/sanctions-vote-2.yaml:1:7: name: 'Sanctions vote' is already the name of content/events/sanctions-vote.yaml; one event, one record: merge the two files, or tell them apart in the name"),
]


def test_an_event_of_the_same_name_on_another_date_is_no_duplicate(tmp_path, monkeypatch):
    """Events are told apart by name and date: the same vote a year earlier is another event."""
    def breakage(content: Path) -> None:
        text = (content / "events/sanctions-vote.yaml").read_text("utf-8")
        (content / "events/sanctions-vote-2020.yaml").write_text(text.replace("'2021-12'", "'2020-12'"), "utf-8")
    result = _run(tmp_path, monkeypatch, breakage, "validate")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "2 events" in result.stdout

def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, breakage: Breakage, *args: str):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    breakage(content)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, list(args) + ["--content", "content"])


@pytest.mark.parametrize(("breakage", "expected"), CASES)
def test_broken_corpus_is_reported_exactly(tmp_path, monkeypatch, breakage, expected):
    """`briefing validate` prints exactly the expected problems on stderr and exits 1."""
    result = _run(tmp_path, monkeypatch, breakage, "validate")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (result.exit_code, result.stderr, result.stdout) == (
        1, expected.replace("{tmp}", str(tmp_path)), "")


def test_there_are_at_least_thirty_broken_corpora():
    """The table keeps covering the traps the issue lists (and more)."""
    assert len(CASES) >= 30


@pytest.mark.parametrize(("breakage", "expected"), [
    c for c in CASES if c.id in ("unquoted-time", "quote-changed-by-one-word", "several-files-broken")])
def test_briefing_build_reports_the_same_and_writes_no_site(tmp_path, monkeypatch, breakage, expected):
    """`briefing build` stops on content problems with the same report, before MkDocs runs."""
    result = _run(tmp_path, monkeypatch, breakage, "build", "-f", str(ROOT / "mkdocs.yml"),
                  "-d", "site")
    assert (result.exit_code, result.stderr) == (1, expected)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_missing_content_directory(tmp_path, monkeypatch):
    """A missing content/ directory is one line naming it and saying what to do."""
    result = _run(tmp_path, monkeypatch, lambda content: shutil.rmtree(content), "validate")
    assert (result.exit_code, result.stderr) == (
        1, "Error: content directory 'content' does not exist; run from the project root or pass "
           "--content\n")


def test_content_path_that_is_a_file(tmp_path, monkeypatch):
    """content/ being a file, not a folder, is reported as such."""
    def breakage(content: Path) -> None:
        shutil.rmtree(content)
        content.write_text("not a folder")
    result = _run(tmp_path, monkeypatch, breakage, "validate")
    assert (result.exit_code, result.stderr) == (
        1, "Error: content path 'content' is not a directory\n")


def test_a_kind_that_is_a_file_not_a_folder(tmp_path, monkeypatch):
    """content/topics as a file is reported, not silently skipped (its records would vanish)."""
    def breakage(content: Path) -> None:
        shutil.rmtree(content / "topics")
        (content / "topics").write_text("trade\n")
    result = _run(tmp_path, monkeypatch, breakage, "validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        "content/topics: 'topics' must be a folder of '<id>.yaml' record files",
        "7 content problems found; nothing was built."]  # every topic reference of the fixture


def test_unreadable_content_directory(tmp_path, monkeypatch):
    """content/ that cannot be listed (no read permission) is one line, exit 1, no usage text."""
    listing, access = Path.iterdir, os.access

    def refuse(self):
        if self.name == "content":
            raise PermissionError(13, "Permission denied", str(self))
        return listing(self)

    def no_read(path, mode, **kwargs):  # what chmod 000 does for a user other than root
        return not (Path(path).name == "content" and mode & os.R_OK) and access(path, mode,
                                                                                 **kwargs)
    monkeypatch.setattr(Path, "iterdir", refuse)
    monkeypatch.setattr(os, "access", no_read)
    for command in ("validate", "build", "ingest"):
        args = ["ingest", __file__] if command == "ingest" else [command]
        result = _run(tmp_path / command, monkeypatch, lambda content: None, *args)
        assert (result.exit_code, (result.stderr.splitlines() or [""])[-1]) == (
            1, "Error: content directory 'content' cannot be read (Permission denied); check "
               "its permissions"), (command, result.output)


def test_unreadable_kind_folder(tmp_path, monkeypatch):
    """A folder of records that cannot be listed is reported with the other problems."""
    listing = Path.iterdir

    def refuse(self):
        if self.name == "topics":
            raise PermissionError(13, "Permission denied", str(self))
        return listing(self)
    monkeypatch.setattr(Path, "iterdir", refuse)
    result = _run(tmp_path, monkeypatch, lambda content: None, "validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        "content/topics: the folder cannot be read (Permission denied); check its permissions",
        "7 content problems found; nothing was built."]


# Identity, duplicates, consistency and every problem at once (issues 28 and 23).
CASES += [
    *(case(f"name-of-invisible-characters-{name}", edit(TRADE, "name: Trade", f'name: "{chars}"'),
           f"content/topics/trade.yaml:1:7: name: holds only invisible characters ({escaped}); write the text")
      for name, chars, escaped in [
          ("zero-width-space", "\\u200b", "\\u200b"), ("soft-hyphen", "\\u00ad", "\\u00ad"),
          ("word-joiners", "\\u2060 \\u2063", "\\u2060, \\u2063"),
          ("bidi-marks", "\\u200e\\u200f\\u061c", "\\u200e, \\u200f, \\u061c")]),
    case("country-of-invisible-characters", edit("organizations/ruritania-government.yaml", "country: Ruritania", 'country: "\\u200b\\u2063"'),
         "content/organizations/ruritania-government.yaml:3:10: country: holds only invisible characters (\\u200b, \\u2063); write the text, or unknown"),
    case("same-name-with-an-invisible-character", write("actors/bob-brown-2.yaml", 'name: "Bob Brown\\u200b"\n'),
         "content/actors/bob-brown-2.yaml:1:7: name: 'Bob Brown\\u200b' is already the name of content/actors/bob-brown.yaml; one actor, one record: merge the two files, or tell them apart in the name"),
    case("same-name-in-full-width-letters", write("actors/bob-brown-2.yaml", "name: \uff22ob \u00adBrown\n"),
         "content/actors/bob-brown-2.yaml:1:7: name: '\uff22ob \\xadBrown' is already the name of content/actors/bob-brown.yaml; one actor, one record: merge the two files, or tell them apart in the name"),
    case("id-with-an-invisible-character-shown-escaped", edit(VIDEO, "requested_by: bob-brown", 'requested_by: "bob-brown\\u200b"'),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:4:15: requested_by: 'bob-brown\\u200b' is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'bob-brown')"),
    case("event-in-year-zero", edit("events/sanctions-vote.yaml", "date: '2021-12'", "date: '0000'"),
         "content/events/sanctions-vote.yaml:2:7: date: '0000' is not a date: there is no year 0000; check the year"),
    case("topic-listed-twice", edit(VIDEO, "topics: [trade]", "topics: [trade, customs-duties, trade]"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:14:33: topics[2]: 'trade' is listed twice (first at topics[0]); remove this one"),
    case("nested-topic-listed-twice", edit(VIDEO, "    topics: [trade]", "    topics: [trade, customs-duties, trade]"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:28:37: quotes[0].topics[2]: 'trade' is listed twice (first at quotes[0].topics[0]); remove this one"),
    case("source-listing-a-call-twice", edit("sources/alpha-report.yaml", "calls: [2021-12-07-adams-brown-video-call]", "calls: [2021-12-07-adams-brown-video-call, 2021-12-07-adams-brown-video-call]"),
         "content/sources/alpha-report.yaml:7:44: calls[1]: '2021-12-07-adams-brown-video-call' is listed twice (first at calls[0]); remove this one"),
    case("call-citing-a-source-that-does-not-list-it", edit("sources/beta-report.yaml", "calls: [2021-12-07-adams-brown-video-call, 2021-12-14-adams-brown-phone-call]", "calls: [2021-12-14-adams-brown-phone-call]"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:90:44: lead[1].cites[1].source: cites source 'beta-report', whose calls: in content/sources/beta-report.yaml does not list this call: add '- 2021-12-07-adams-brown-video-call' to its calls:, or cite a source that covers this call"),
    case("orphaned-source-text", write("texts/gamma.txt", "An article no source record uses.\n"),
         "content/texts/gamma.txt: no source uses this text: remove the file, or point a source's 'text:' to it (text: texts/gamma.txt)"),
    case("type-error-hides-nothing", both(
             edit(PHONE, "time: '15:35'", "time: 15:35"),
             edit(PHONE, "agenda: [customs-duties]", "agenda: [customs-dutys]"),
             edit(PHONE, "cite: beta-they-talked-for-nearly-an", "cite: beta-they-talked-for-nearly-two")),
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:24:15: facts[1].reports[0].time: expected text, but YAML read 15:35 as the number 935: write times in quotes, '15:35'",
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:38:15: facts[3].reports[1].cite: unknown passage key 'beta-they-talked-for-nearly-two': a key names one of the `passages` of a source record — did you mean 'beta-they-talked-for-nearly-an'?",
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:40:10: agenda[0]: unknown topic 'customs-dutys' — did you mean 'customs-duties'?"),
    # The form before cite-once is still read: its passages are checked beside a type error too.
    case("type-error-hides-nothing-typed-out", both(
             edit(PHONE, "time: '15:35'", "time: 15:35"),
             edit(PHONE, "agenda: [customs-duties]", "agenda: [customs-dutys]"),
             edit(PHONE, "      - cite: beta-they-talked-for-nearly-an\n", "      - source: beta-report\n        passage: They talked for nearly two hours on the phone.\n")),
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:24:15: facts[1].reports[0].time: expected text, but YAML read 15:35 as the number 935: write times in quotes, '15:35'",
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:39:18: facts[3].reports[1].passage: cited passage not found verbatim in source 'beta-report': \"They talked for nearly two hours on the phone.\"; closest passage in the source: \"They talked for nearly an hour on the phone\" (yours has 'two hours' where the source has 'an hour')",
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:41:10: agenda[0]: unknown topic 'customs-dutys' — did you mean 'customs-duties'?"),
    case("quote-and-reference-beside-a-type-error", both(
             edit(VIDEO, "format: video", "format: 16:04"),
             edit(VIDEO, "requested_by: bob-brown", "requested_by: bob-browne"),
             edit(VIDEO, "cite: alpha-we-want-peace-and-trade", "cite: alpha-we-want-peace-and-tariffs")),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:3:9: format: '16:04' is not allowed; expected 'video', 'phone' or 'in-person'",
         "content/calls/2021-12-07-adams-brown-video-call.yaml:4:15: requested_by: unknown actor 'bob-browne' — did you mean 'bob-brown'?",
         "content/calls/2021-12-07-adams-brown-video-call.yaml:25:11: quotes[0].cite: unknown passage key 'alpha-we-want-peace-and-tariffs': a key names one of the `passages` of a source record — did you mean 'alpha-we-want-peace-and-trade'?"),
    case("quote-and-reference-beside-a-type-error-typed-out", both(
             edit(VIDEO, "format: video", "format: 16:04"),
             edit(VIDEO, "requested_by: bob-brown", "requested_by: bob-browne"),
             edit(VIDEO, "  - cite: alpha-we-want-peace-and-trade\n", "  - source: alpha-report\n    words: We want peace - and tariffs\n    speaker: alice-adams\n")),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:3:9: format: '16:04' is not allowed; expected 'video', 'phone' or 'in-person'",
         "content/calls/2021-12-07-adams-brown-video-call.yaml:4:15: requested_by: unknown actor 'bob-browne' — did you mean 'bob-brown'?",
         "content/calls/2021-12-07-adams-brown-video-call.yaml:26:12: quotes[0].words: quote not found verbatim in source 'alpha-report': \"We want peace - and tariffs\"; closest passage in the source: \"We want peace - and\" (yours has 'tariffs' where the source has 'trade')"),
    # A type error in a source's passages is reported once, where the passage is typed; the
    # call quoting it is not refused on top.
    case("passage-changed-beside-a-type-error-in-its-source", both(
             edit(ALPHA_REPORT, "published: 2021-12-07", "published: 20211207"),
             edit(ALPHA_REPORT, 'text: "We want peace - and trade"', 'text: "We want peace - and tariffs"')),
         "content/sources/alpha-report.yaml:5:12: published: expected a date (YYYY-MM-DD), got the number 20211207",
         "content/sources/alpha-report.yaml:21:11: passages.alpha-we-want-peace-and-trade.text: passage not found verbatim in source 'alpha-report': \"We want peace - and tariffs\"; closest passage in the source: \"We want peace - and\" (yours has 'tariffs' where the source has 'trade')"),
    # A type error in a passage is reported once, where it is typed: on its source for what the
    # passage gives, beside the key for what one citation gives.
    case("misspelt-attribution-of-a-passage", edit(ALPHA_REPORT, "attribution: readout", "attribution: readuot"),
         "content/sources/alpha-report.yaml:17:18: passages.alpha-spoke-for-just-over-two.attribution: 'readuot' is not allowed; expected 'outlet', 'on-record', 'readout', 'anonymous', 'unnamed', 'group' or 'wire' — did you mean 'readout'?"),
    case("misspelt-attribution-beside-a-key", edit("events/sanctions-vote.yaml", "attribution: outlet", "attribution: outlt"),
         "content/events/sanctions-vote.yaml:10:22: description[0].cites[0].attribution: 'outlt' is not allowed; expected 'outlet', 'on-record', 'readout', 'anonymous', 'unnamed', 'group' or 'wire' — did you mean 'outlet'?"),
    case("passage-words-as-a-list", edit(ALPHA_REPORT, '    text: "grave consequences"\n', "    text: [grave, consequences]\n"),
         "content/sources/alpha-report.yaml:30:11: passages.alpha-grave-consequences.text: expected text, got a list"),
    case("passage-as-a-number", edit(ALPHA_REPORT, 'alpha-by-ann-writer: "By Ann Writer"', "alpha-by-ann-writer: 42"),
         "content/sources/alpha-report.yaml:12:24: passages.alpha-by-ann-writer: expected a mapping of fields, got the number 42"),
    # What a call gives a keyed quote or report itself is the call's, checked there.
    case("unknown-topic-on-a-keyed-quote", edit(VIDEO, "    topics: [trade]", "    topics: [trad]"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:28:14: quotes[0].topics[0]: unknown topic 'trad' — did you mean 'trade'?"),
    case("unknown-speaker-beside-a-quote-key", edit(VIDEO, "  - cite: beta-we-want-peace-and-trade\n", "  - cite: beta-we-want-peace-and-trade\n    speaker: bob-browne\n"),
         "content/calls/2021-12-07-adams-brown-video-call.yaml:30:14: quotes[1].speaker: unknown actor 'bob-browne' — did you mean 'bob-brown'?"),
    case("fact-report-by-key-without-its-value", edit(PHONE, "      - cite: beta-the-call-began-at-3\n        value: 3:35 p.m. Eastern time\n", "      - cite: beta-the-call-began-at-3\n"),
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:22:9: facts[1].reports[0].value: required field is missing; add 'value:' (The value as the source states it (\"just over two hours\", \"3:35 p.m. ET\"))"),
    case("fact-report-as-a-bare-key", edit(PHONE, "      - cite: beta-for-50-minutes\n        value: 50 minutes\n        minutes: 50\n  - key: start", "      - beta-for-50-minutes\n  - key: start"),
         "content/calls/2021-12-14-adams-brown-phone-call.yaml:16:9: facts[0].reports[0].value: required field is missing; add 'value:' (The value as the source states it (\"just over two hours\", \"3:35 p.m. ET\"))"),
    case("empty-required-list-hides-nothing", both(
             edit("sources/beta-report.yaml", "calls: [2021-12-07-adams-brown-video-call, 2021-12-14-adams-brown-phone-call]", "calls: []\nouthor: x"),
             edit("sources/beta-report.yaml", "author and date", "author ([[ann-writter]]) and date")),
         "content/sources/beta-report.yaml:3:8: calls: needs at least one entry",
         "content/sources/beta-report.yaml:4:1: outhor: unknown field 'outhor' — did you mean 'authors'?",
         "content/sources/beta-report.yaml:6:13: provenance: unknown record in link [[ann-writter]] — did you mean 'ann-writer'?"),
]


@given(stem=st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
       suffix=st.sampled_from([".yaml", ".yml"]),
       tail=st.lists(st.sampled_from([".bak", ".orig", ".old", ".swp", "~", ".1", ".yaml"]),
                     min_size=1, max_size=3))
def test_a_copy_of_a_record_is_named_as_one(stem: str, suffix: str, tail: list[str]):
    """Any backup or copy of a record file (energy.yaml.bak, energy.yml~, energy.yaml.1.orig) is
    said to be one, with the record's own file name, never 'rename it to energy.yaml.yaml'."""
    from generator.core.load import not_a_record

    message = not_a_record(stem + suffix + "".join(tail))
    assert message == ("not a record file: records are '<id>.yaml' files, and this looks like a "
                       f"copy or backup of '{stem}{suffix}'; move it out of content/ or delete it")
