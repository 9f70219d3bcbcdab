"""Page furniture inside a story (captions, credits, player chrome, links, prompts) is found by
its shape, kept as text and marked so that it is never coded (issue 13); story paragraphs that
merely mention a photo, a video or an agency are not furniture. All lines are our own
paraphrases of the shapes seen on saved news pages."""

from __future__ import annotations

import pytest

from eventwire.documents.cleaning import clean_text
from eventwire.documents.furniture import furniture_kind

from .test_cleaning import _check_offsets

FURNITURE = [
    # captions with a credit at the end
    ("Marchers carry banners past the parliament building. Image: Jane Roe.", "caption"),
    ("Delegates pose for a group picture Image: A. Smith (flickr).", "caption"),
    ("Soldiers stand guard at a checkpoint near the border. (Jan Novak/EPA)", "caption"),
    ("The minister arrives for the summit in Brussels. (AP Photo/Kim Lee)", "caption"),
    (
        "A rocket lifts off from the launch site. (Photo: a space agency via a local paper)",
        "caption",
    ),
    ("Smoke rises over the city after the strike. REUTERS/Omar Ali", "caption"),
    ("Crowds gather in the main square on Sunday. Photograph: Getty Images", "caption"),
    ("Police cordon off the street after the blast | Photo Credit: AP", "caption"),
    ("The prime minister speaks to reporters ©Max Muster (AFP/File)", "caption"),
    # captions with the agency first and no full stop, as tabloid pages print them
    ("Getty Images The president waves to supporters after the vote", "caption"),
    ("EPA Troops fire a missile from the coast during a drill", "caption"),
    ("Reuters The leader watches the launch from an observation post", "caption"),
    ("AP:Associated Press Rescuers carry a wounded man from the rubble", "caption"),
    ("Getty - Contributor The hackers stole the records of millions of customers", "caption"),
    # player and gallery chrome
    (
        "JUST WATCHED Talks fail Replay More Videos ... MUST WATCH Talks fail 01:40",
        "player",
    ),
    (
        "Photos: Protests in the capital Police fire tear gas at marchers. Hide Caption 4 of 9",
        "player",
    ),
    ("Media playback is unsupported on your device Media caption Rebels shell the town", "player"),
    ("Watch: The moment the minister was heckled", "player"),
    ("Scroll down for video", "player"),
    ("12/30 The summit The leaders pose for a photograph in the garden", "player"),
    ("Slideshow (3 Images)", "player"),
    ("CLOSE The minister explains the new rules in a short clip. Buzz60", "player"),
    ("[Video shows rebels firing at a checkpoint]", "player"),
    # links to other stories
    ("Read more: The army seizes the airport in a dawn raid", "link"),
    ("READ MORE: Rebels accuse the government of breaking the truce", "link"),
    ("Related: Ten things to know about the new sanctions", "link"),
    ("More: The president threatens to expel the ambassador", "link"),
    ("Opposition leader vows to block the budget Read more", "link"),
    ("Read or Share this story: https://example.com/x1", "link"),
    ("https://www.example.com/news/page", "link"),
    # prompts to the reader
    ("Sign up for our daily newsletter to get the news first", "prompt"),
    ("We pay for your stories! Email the news team with your tips.", "prompt"),
    (
        "Interested in Politics? Add Politics as an interest to stay up to date on the news.",
        "prompt",
    ),
    ("A post shared by Some Band (@someband) on Jan 2, 2018 at 3:10pm PST", "prompt"),
]

STORY = [
    "Reuters reported on Monday that the talks had stalled.",
    "More than 200 people were killed in the attack, officials said.",
    "AFP was unable to confirm the report independently.",
    "EPA Administrator Jane Roe said on Tuesday that the rule would be withdrawn.",
    "Related talks will be held in Geneva next week.",
    "The ministers met by video link (Reuters).",
    "Police said the video showed the attack: a man fired at the crowd.",
    "Photo opportunities were few as the two leaders met behind closed doors.",
    'The president said: "We will act against anyone who attacks us."',
    "Read the full statement, the spokesman told reporters, and you will see we never agreed.",
    "The image of the country has suffered, the foreign minister said.",
    "Watch groups said the election had been free and fair.",
    "A photographer for the agency was arrested by police in the capital on Friday.",
    "1/2 of the voters backed the proposal, the commission said.",
    "24/7 Rebels kept up the shelling all night",  # not an item of a gallery of 7
    "CLOSE to 200 people were detained after the march.",
]


@pytest.mark.parametrize(("line", "kind"), FURNITURE)
def test_furniture_lines_are_found(line: str, kind: str) -> None:
    assert furniture_kind(line) == kind


@pytest.mark.parametrize("line", STORY)
def test_story_lines_are_not_furniture(line: str) -> None:
    assert furniture_kind(line) is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # Lines with letters outside ASCII skip the word checks before the patterns.
        ("Click here to see the photos of Zürich", "prompt"),
        ("JUST WATCHED Protesters in Zürich", "player"),
        ("Follow Zoë Smith on Twitter", "prompt"),
        ("CLICK HERE TO SUBSCRIBE", "prompt"),
        ("Zoë Smith arrived in Zürich on Monday for talks.", None),
    ],
)
def test_the_word_checks_change_no_answer(line: str, kind: str | None) -> None:
    assert furniture_kind(line) == kind


def test_a_long_paragraph_is_never_furniture() -> None:
    line = "The rebels said they would fight on. " * 12 + "Image: Jane Roe."
    assert furniture_kind(line) is None


PAGE = (
    "Rebels shell border town\n"
    "\n"
    "KABUL (AFP) - Rebels shelled a border town on Tuesday, killing four soldiers, the army "
    "said.\n"
    "Getty Images Soldiers fire at rebel positions near the border\n"
    "The government accused the rebels of breaking the ceasefire.\n"
    "Read more: Rebels attack a police station in the north\n"
    "Talks are due to resume next week.\n"
    "Read or Share this story: https://example.com/r1\n"
)


def test_furniture_is_kept_as_marked_text_with_offsets() -> None:
    cleaned = clean_text(PAGE)
    _check_offsets(PAGE, cleaned.text, cleaned.offsets)
    marked = [cleaned.text[a:b] for a, b in cleaned.furniture]
    assert marked == [
        "Getty Images Soldiers fire at rebel positions near the border",
        "Read more: Rebels attack a police station in the north",
        "Read or Share this story: https://example.com/r1",
    ]
    # The story is all still there, unmarked.
    assert "The government accused the rebels" in cleaned.text
    assert all("accused" not in text for text in marked)


def test_a_sign_off_above_the_closing_links_is_still_read() -> None:
    page = (
        "Rebels shell border town\n\nRebels shelled a border town on Tuesday, the army said.\n"
        "abc/def (AFP, Reuters)\n"
        "Read or Share this story: https://example.com/r1\n"
    )
    cleaned = clean_text(page)
    assert cleaned.credits == ("AFP", "Reuters")
    assert "abc/def" not in cleaned.text
    assert [cleaned.text[a:b] for a, b in cleaned.furniture] == [
        "Read or Share this story: https://example.com/r1"
    ]
