"""How much one input may make the checker do (docs/limits.md).

An auditor runs the checker over whatever a scraper brought home, an office over files from
anyone: every input is untrusted. Each limit below is far above any real notice (the longest
seen is ~60 000 characters, its .docx ~200 KB) and far below what would hang the process or
exhaust the machine; what goes over one is refused with a one-line Chinese error naming the
limit, in milliseconds, before the expensive work starts.
"""

from __future__ import annotations

MB = 1024 * 1024

#: a file as stored on disk (or stdin's bytes)
MAX_BYTES = 20 * MB
#: the text of one notice after decoding, after extracting a web page's main text and after
#: reading a .docx: 2 million characters (~ 1 400 pages); parsing is linear, ~1 s per MB
MAX_CHARS = 2_000_000

# --- .docx packages (a ZIP archive): checked on the sizes the archive declares, before
# anything is inflated; zipfile never inflates more than the declared size of a part (it
# stops there and checks the CRC), so the declared sizes bound what is really inflated
DOCX_MAX_ENTRIES = 2000
#: one part unpacked (word/document.xml, an image …)
DOCX_MAX_PART = 20 * MB
#: all parts together unpacked
DOCX_MAX_TOTAL = 100 * MB
#: unpacked / packed of one part; real XML packs 5–30 : 1, a zip bomb 300–1000 : 1
DOCX_MAX_RATIO = 100
#: parts smaller than this unpacked are not held to the ratio (tiny parts pack oddly)
DOCX_RATIO_FROM = 1 * MB
#: paragraphs (table cells' paragraphs included) of one document
DOCX_MAX_PARAGRAPHS = 200_000
#: a list number Word would show; a larger start or counter is rendered in digits
DOCX_MAX_LIST_VALUE = 32767
#: a level's number pattern ("%1、", "（%2）") longer than this is cut
DOCX_MAX_LEVEL_TEXT = 64

# --- web pages
#: elements open inside each other; real pages nest 20–60 deep, and lexbor builds a tree
#: of depth d in time ~d² (5 000: 0.07 s, 20 000: 1.2 s)
HTML_MAX_DEPTH = 5000

# --- rule packs (user packs are untrusted too)
RULE_FILE_MAX_BYTES = 256 * 1024
RULE_PACK_MAX_FILES = 2000
#: a user pattern the linear-time engine cannot take runs under this budget per text, in
#: CPU seconds (the regex package's timeout); real patterns take milliseconds on a notice
PATTERN_BUDGET_SECONDS = 0.5

#: findings of one rule in one notice: past this, the first ones and a note (a notice has
#: tens of findings; a scraped page of 60 000 stray brackets would otherwise make 60 000)
MAX_FINDINGS_PER_RULE = 1000

# --- batch runs
#: default ``--timeout``: CPU seconds for reading, parsing and checking one file (the
#: largest accepted text, 2 million characters, takes ~4 s)
FILE_TIMEOUT = 10.0
#: default ``--max-memory``: MB of memory one file may add to the process
FILE_MEMORY_MB = 1024
