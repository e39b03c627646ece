"""`briefing ingest ARTICLE.txt`: store an article's verbatim text and draft its source record.

The article is read by plain, documented rules and nothing is guessed: a value the text does not
give stays unknown, and every value the draft holds says (in a comment) which line it came from.

- headline: the first line, when it reads as a title (short, no final full stop, not a byline,
  a date, a staff line or a masthead);
- outlet: a masthead line ("- The Washington Times - Thursday, December 30, 2021"), a staff
  line ("Example Wire staff report", "By Example Wire staff"), a line at the top naming a known
  outlet record and nothing else, or a copyright line ("Copyright © 2022 The Washington Times,
  LLC"); `outlet_org` is the organization record of that name or alias (kind `outlet` first);
- authors: a "By X and Y" line, a name line beside the date line at the top, or
  "X can be reached at …"; contributors: "X contributed to this report/article";
- published: a date standing alone near the top ("December 30, 2021", "Thursday, December 30,
  2021") or in the masthead; updated: an "Updated on …" line;
- quotes: text between double quotation marks, straight or curly, each with its likely speaker
  (see `quotes`: speech verbs, appositions, he/she continuations);
- mentions: the known actors, organizations and calls (by name, alias or title);
- calls: the calls whose participants the text names and whose date it names (or whose
  weekday it names, within a week before the publication date), or whose title it gives; when
  none matches, the `briefing new call …` command that would create the call it reports.

Modules: `metadata` (headline, outlet, authors, dates) with `pages` (datelines, time stamps,
bylines as pages print them) and `language`, `names` (the corpus's known names, spellings and
dated titles), `quotes` and `speakers` (quotes and who said them), `reported` (the call the
article reports: date, format, participants, requester, duration, times), `calls` (the corpus
calls it reports or recaps, by evidence), `citing` (every passage the draft cites, typed once
under a key), `draftcall` (the draft call block), `drafting` (ids, file names, the draft and the
command as a whole). Every pattern runs in time linear in the text.

The passages the draft call cites (its lead, summary and facts, and each quote with its likely
speaker) are drafted under `passages:` on the source record, each keyed once; the call, the
mentions and the candidates do not fit the source schema, so they are written as YAML comments
in the draft, the call citing the keys, ready to save as a call file or to paste into one.
"""

from .drafting import ingest, render_draft
from .model import Draft, IngestError

__all__ = ["Draft", "IngestError", "ingest", "render_draft"]
