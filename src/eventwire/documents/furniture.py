"""Page furniture inside a web article: lines that are not the story and are never coded.

A saved news page carries, between the story's paragraphs, photo and video captions with their
credits ("… Image: A. Name.", "(AP Photo/A. Name)", "Getty Images The minister arrives …"),
player and gallery chrome ("JUST WATCHED …", "Hide Caption 3 of 8", "Media caption …"),
links to other stories ("Read more: …", "Related: …", "… Read more") and prompts ("Sign up for
our newsletter", "We pay for your stories!"). A caption describes a picture, a link names
another story, a prompt speaks to the reader: none reports the news, and each coded event from
them was wrong in the hand-checked samples (issue 13: a caption's "fired" as a second missile
launch, a gallery's "condemn" as a new statement).

:func:`furniture_kind` classifies one whole line. The rules look only at the shape of the
line — a credit where captions put it, a link or prompt phrase where pages put it — never at
what the story is about; each rule is written so that a story paragraph (a full sentence that
ends with its full stop and merely mentions a photo, a video or Reuters) does not match:

* **credit at the end**: the line ends with a photo credit: "Image: Name.", "Photograph:
  Name", "(Photo: Name)", "(Name/EPA)", "REUTERS/Name", "(AFP/File)";
* **credit at the start**: the line opens with a picture agency and goes on with a new
  capitalised phrase, and does not end as a sentence does ("EPA South Korea fires a missile
  towards the sea" — captions on tabloid pages carry no full stop; "Reuters reported …"
  does);
* **player and gallery chrome**: "JUST WATCHED", "MUST WATCH", "Hide Caption", "Media
  caption", "Media playback is unsupported", "toggle caption", "Scroll down for video",
  lines opening with "Watch:", "Video:", "Photos:", "Gallery:", "Listen:", a gallery's
  numbered item ("15/34 …"), "Slideshow (2 Images)", a player's "CLOSE …" and a bracketed
  "[Video …]" link;
* **links**: lines opening with "Read more:", "Related:", "More:", "See also:", "Also read:",
  "Read or Share this story", lines closing with "Read more" after an unfinished headline,
  and lines that are only a web address;
* **prompts**: newsletter and sign-up lines, "We pay for your stories", "Click here",
  "Order Reprints", "Add … as an interest", "A post shared by …", "Follow … on Twitter" and
  an "Email:" contact line.
"""

from __future__ import annotations

import re

__all__ = ["FurnitureKind", "furniture_kind"]

FurnitureKind = str  # "caption", "player", "link" or "prompt"

# Agencies and picture libraries that credit photos (case-sensitive where a common word).
_PICTURE_AGENCIES = (
    r"Getty Images|Getty|AFP|AP|EPA|EPA-EFE|Reuters|REUTERS|PA|PA Wire|Alamy|Rex|"
    r"Rex Features|Shutterstock|Corbis|Xinhua|Anadolu|Sipa|Bloomberg|dpa|DPA|ANSA|TASS|Sputnik|"
    r"NurPhoto|SOPA Images|Zuma|ZUMA|Imago|AAP|Yonhap|Kyodo|KCNA|Landov"
)
_AGENCY = rf"(?:{_PICTURE_AGENCIES})"
# A credit label and its name, at the end of the line: "Image: Nicholas Moreau.",
# "Photograph: Getty Images", "Photo credit: A. Name (flickr).", "Picture: PA".
_END_LABEL = re.compile(
    r"(?:^|[\s.)\]])(?:Image|Images|Photo|Photos|Photograph|Picture|Pictures|Photo credit|"
    r"Image credit|Credit|Photo illustration|Illustration|Video|Footage|Graphic|Source image)"
    r"\s*:\s*[^:]{1,90}$"
)
# A parenthesised credit at the end: "(AP Photo/A. Name)", "(Photo: SpaceX via a paper)",
# "(A. Name/EPA)", "(AFP/File)", "(KCNA via KNS/AFP/Getty Images)", "(Getty Images)".
_END_PAREN = re.compile(
    rf"\((?:[^()]{{0,80}}/\s*{_AGENCY}(?:\s*/[^()]{{0,40}})?|{_AGENCY}\s*(?:Photo)?\s*/[^()]{{1,60}}|"
    rf"(?:{_AGENCY} )?(?:Photo|Photograph|Picture|Image|File photo|File Photo|Video)"
    rf"(?:\s*[:/][^()]{{0,80}}|\s+(?:by|courtesy of)\s[^()]{{1,80}}|)|Getty Images)\)\.?$"
)
# An agency credit with the photographer, bare at the end: "REUTERS/A. Name",
# "AFP PHOTO / A. Name", "EPA/A. NAME", "©A. Name (AFP/File)", "Photo: Reuters".
_END_BARE = re.compile(
    rf"(?:\b(?:{_AGENCY})\s*(?:PHOTO|Photo)?\s*/\s*[A-Z][\w.'’ -]{{1,40}}(?:/[\w ]{{1,20}})?|"
    r"©\s*[A-Z][^©]{1,60})$"
)
# A picture agency opening the line, then a new capitalised phrase: "Getty Images The driver …",
# "EPA South Korea fired …", "AP:Associated Press A trader …", "Getty - Contributor A. Name …".
_START_AGENCY = re.compile(
    rf"^(?:{_AGENCY})(?:\s*(?:Images|Photo|-\s*Getty|-\s*Contributor|:\s*Associated Press|"
    r"/[\w ]{1,30}))?\s*[-:–—•]?\s+[A-Z\"“‘']"
)
# The line ends as a sentence does: a tabloid caption has no full stop.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_PLAYER = re.compile(
    r"\b(?:JUST WATCHED|MUST WATCH|Hide Caption|Media playback is unsupported|Media caption|"
    r"toggle caption|Enlarge this image|Replay More Videos|Scroll (?:down )?for video|"
    r"Image copyright|Image caption|Video caption)\b",
    re.IGNORECASE,
)
# A gallery's numbered item ("15/34 16 November 2017 The minister chats …"), a slideshow's
# label, a video player's "CLOSE" before its caption, a bracketed link to a video.
_GALLERY = re.compile(
    r"^(?:(?P<n>\d{1,3})\s*/\s*(?P<of>\d{1,3})\s+[A-Z0-9]|CLOSE\s+[A-Z]|"
    r"Slideshow\s*\(\d+\s+(?:Images|Photos)\)|\[(?:Video|VIDEO|Photos|PHOTOS|Watch|WATCH)\b[^\]]*\]$)"
)
_PLAYER_START = re.compile(
    r"^(?:WATCH|Watch|VIDEO|Video|VIDEOS|Videos|PHOTOS|Photos|PHOTO|Photo|GALLERY|Gallery|"
    r"LISTEN|Listen|IN PICTURES|In pictures|In Pictures)\s*[:|]"
)
_LINK_START = re.compile(
    r"^(?:(?:READ MORE|Read more|Read More|READ ALSO|Read also|Also read|ALSO READ|RELATED|"
    r"Related|MORE|More|SEE ALSO|See also|See Also|RECOMMENDED|Recommended|Related coverage|"
    r"Related Coverage|Related stories|Related Stories|For more [\w ]{1,30} coverage)\s*[:>|]|"
    r"Read or Share this story\b)"
)
# A link ending a line: "A headline of another story Read more" (no full stop before it).
_LINK_END = re.compile(r"[^.!?\"”]\s+Read more\s*$")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")
_PROMPT = re.compile(
    r"(?:\bsign up (?:for|to)\b.{0,60}\b(?:newsletter|e-?mails?|alerts|updates)\b|"
    r"\bsubscribe to (?:our|the)\b.{0,40}\b(?:newsletter|channel|podcast)|"
    r"\bWe pay for (?:your stories|videos)|\bClick here to\b|\bOrder Reprints\b|"
    r"\bas an interest to stay up to date\b|\bThanks for subscribing\b|"
    r"^A post shared by\b|^Follow [\w.@ ]{1,60} on (?:Twitter|Facebook|Instagram)\b|"
    r"^E-?mail\s*:\s*\S+@\S+|\bThis article (?:was|is) (?:originally )?published\b.{0,40}"
    r"\b(?:on|by)\b.{0,60}$|\bdownload (?:our|the) [\w ]{0,20}app\b)",
    re.IGNORECASE,
)
# Words (lower case) without one of which _PLAYER and _PROMPT cannot match an ASCII line:
# most lines of wire copy hold none, and the two searches, tried at every position of the
# line, were most of the cost of this module (issue 13: 600 Gigaword articles, 0.38 -> 0.03
# CPU s; the same answers on every line of the shared corpora). A line with other characters
# goes to the patterns themselves: under IGNORECASE "ı" and "ſ" match "i" and "s".
_PLAYER_WORDS = ("watch", "caption", "media playback", "enlarge this", "replay more", "scroll",
                 "image copyright")  # fmt: skip
_PROMPT_WORDS = ("sign up ", "subscribe to ", "we pay for ", "click here to", "order reprints",
                 "as an interest", "thanks for subscribing", "a post shared by", "follow ", "mail",
                 "this article ", "download ")  # fmt: skip
# Longer lines are story paragraphs whatever their shape; the longest caption of the shared
# corpora's pages (a gallery item with its caption and credit) has about 330 characters.
MAX_FURNITURE_CHARS = 400


def furniture_kind(line: str) -> FurnitureKind | None:
    """What kind of page furniture a whole line is ("caption", "player", "link", "prompt"),
    or None when it may be story text."""
    text = line.strip()
    if not text or len(text) > MAX_FURNITURE_CHARS:
        return None
    lowered = text.lower() if text.isascii() else None
    if (_may_hold(lowered, _PLAYER_WORDS) and _PLAYER.search(text)) or _PLAYER_START.match(text):
        return "player"
    gallery = _GALLERY.match(text)
    if gallery is not None and (
        gallery.group("n") is None or int(gallery.group("n")) <= int(gallery.group("of"))
    ):
        return "player"
    if _LINK_START.match(text) or ("Read more" in text and _LINK_END.search(text)):
        return "link"
    if _URL_ONLY.match(text):
        return "link"
    if _may_hold(lowered, _PROMPT_WORDS) and _PROMPT.search(text):
        return "prompt"
    if (":" in text and _END_LABEL.search(text)) or (")" in text and _END_PAREN.search(text)):
        return "caption"
    if ("/" in text or "©" in text) and _END_BARE.search(text):
        return "caption"
    if _START_AGENCY.match(text) and not _SENTENCE_END.search(text):
        return "caption"
    return None


def _may_hold(lowered: str | None, words: tuple[str, ...]) -> bool:
    """Whether a line (lower-cased, None when not ASCII) may hold one of ``words``."""
    return lowered is None or any(word in lowered for word in words)
