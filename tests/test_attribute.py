"""Attribution patterns of issue 2 §3 on fixtures/forms/attribution.html (and marks.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from verify.pipeline import Pipeline
from verify.attribute import attribute
from verify.find import find_quotations
from verify.read import read_document, read_text_document
from verify.records import SPEAKER_FROM_SOURCE, VERDICTS, Finding, Source

FORMS = Path(__file__).resolve().parent.parent / "fixtures" / "forms"
_PIPE = Pipeline.from_dir(FORMS / "sources")


def _credited(f: Finding) -> str | None:
    """Whom the article credits with a finding's words: its speaker, unless the article names
    nobody and the speaker is the matched statement's (SPEAKER_FROM_SOURCE)."""
    return None if f.quotation.speaker_cue == SPEAKER_FROM_SOURCE else f.quotation.speaker


EXPECTED = [
    # (quotation as printed, speaker, how the speaker was found)
    ("Nobody knows what happens next.", None, "no cue: unknown stays null"),
    ("We are not going to speculate about sanctions,", "Jane Doe", "said State Department spokesperson Jane Doe"),
    ("We will not negotiate with the port authority until the strike ends,", "Jane Doe", "she said: most recent woman"),
    ("our country will never be anyone's backyard.", "Ana Ruiz", "posted on social media"),
    ("is ready to help.", "Robert Hale", "according to (surname -> full name)"),
    ("Thank you to every worker who made this possible.", "Ana Ruiz", "wrote on X"),
    ("I think the workers have made their point,", "Robert Hale", "Mr. Hale said"),
    ("It is time for both sides to come back to the table,", "Robert Hale", "he added"),
    ("We don't want to see a single ship turned away from this port.", "Robert Hale", "floating quote"),
    ("must listen.", "Sam Ortiz", "Name, a title, said"),
    ("We are not moving.", "Sam Ortiz", "—Name dash form"),
    ("productive.", "Robert Hale", "the secretary: title resolved to the full name"),
    ("It is going to be a long night,", None, "one docker said: unnamed"),
]


@pytest.fixture(scope="module")
def findings():
    pipe = Pipeline.from_dir(FORMS / "sources")
    return {f.quotation.text: f for f in pipe.check(read_document(FORMS / "attribution.html")).findings}


@pytest.mark.parametrize("text,speaker,why", EXPECTED, ids=[e[2] for e in EXPECTED])
def test_speaker(findings, text: str, speaker: str | None, why: str) -> None:
    assert text in findings, sorted(findings)
    assert findings[text].quotation.speaker == speaker, why


def test_every_quotation_is_expected(findings) -> None:
    assert set(findings) == {e[0] for e in EXPECTED}


def test_possessive_subject_is_not_the_speaker() -> None:
    pipe = Pipeline.from_dir(FORMS / "sources")
    fs = {f.quotation.text: f for f in pipe.check(read_document(FORMS / "marks.txt")).findings}
    assert fs["We are not moving until the port listens."].quotation.speaker == "Sam Ortiz"
    assert fs["an insult to every docker’s family"].quotation.speaker is None   # Ortiz's deputy


def test_pronoun_takes_the_compatible_speaker() -> None:
    pipe = Pipeline.from_dir(FORMS / "sources")
    text = ("Robert Hale met Jane Doe on Monday.\n\n“We are going to keep every channel open,” Hale said.\n\n"
            "“We are not going to speculate about sanctions,” she said.\n")
    fs = pipe.check_text(text).findings
    assert [f.quotation.speaker for f in fs] == ["Robert Hale", "Jane Doe"]
    assert [f.verdict for f in fs] == ["truncated", "exact"]


SNIPPETS = [
    # (article text, speakers of its quotations in order, the rule)
    ("Hale spoke on Tuesday.\n\n\"I think the workers have made their point and it is time for both\n"
     "sides to come back to the table,\" Hale said, adding that talks would resume. \"We don't want to see\n"
     "a single ship turned away from this port.\"\n",
     ["Robert Hale", "Robert Hale"], "wrapped lines; a quotation opening a sentence floats"),
    ("Jane Doe and Robert Hale testified. Doe was unsatisfied. \"With respect, that is not enough,\" she told Hale.\n",
     ["Jane Doe"], "pronoun: subject of the sentence before, same paragraph"),
    ("A senior official, speaking on condition of anonymity, said the report had been \"sitting in an inbox for a year.\"\n",
     [None], "indefinite subject: unnamed"),
    ("Investigators at the Harbor Safety Board blamed corrosion. In its statement, the board said: "
     "\"Our findings point to corrosion of two plates on the north span.\"\n",
     ["Harbor Safety Board"], "'the board' -> the organisation named"),
    ("It was, by the secretary's own account, a \"very long winter.\"\n\n"
     "Secretary of State Robert Hale said the talks would go on.\n",
     ["Robert Hale"], "a lede's title, named in the next paragraph"),
    ("The plan did little to win over Sen. Jane Doe (D-N.M.), who told a radio host that the bill "
     "\"puts the burden on rural towns.\"\n",
     ["Jane Doe"], "Name (party-state), who told … that"),
    ("\"We are going to keep every channel open,\" Hale said. A senior official later added that talks "
     "were \"close to collapse.\" \"Nobody expected this,\" the official said.\n",
     ["Robert Hale", None, None], "'the official' after 'a senior official' is not the last named speaker"),
    ("NAIROBI, Oct 2 (Global Wire) - Secretary of State Robert Hale on Thursday called the port \"a lifeline\".\n",
     ["Robert Hale"], "dateline skipped; 'on Thursday' between name and verb"),
    ("\"We will keep our commitments,\" Hale said, adding that he was \"not going to negotiate from a podium.\"\n",
     ["Robert Hale", "Robert Hale"], "'adding that he was' belongs to the main verb's speaker"),
    ("A Kenyan official, who asked not to be named, said the talks had been \"frank but warm.\"\n",
     [None], "'A Kenyan official': unnamed"),
    ("Ruiz was faster on social media:\n\nOur country will never be anyone's backyard.\n"
     "— Ana Ruiz (@AnaRuizMin) March 3, 2026\n\n\"Never anyone's backyard\" is a line that works at home.\n",
     ["Ana Ruiz", "Ana Ruiz"], "a quotation right after a post floats to its author"),
    ("Some coverage has the secretary saying the port \"must stay open at any cost.\"\n\n"
     "Secretary of State Robert Hale denied it.\n",
     ["Robert Hale"], "participle agent: 'has the secretary saying'"),
    ("Hale's statement was short. The heart of it:\n\nWe will not negotiate with the port authority until the "
     "strike ends. The United States stands with the 40,000 workers who keep our harbors open.\n\n"
     "Note what it does not say; it says only that the workers \"keep our harbors open.\"\n",
     ["Robert Hale", "Robert Hale"], "block intro 'Hale's statement'; 'it says' = the text quoted before"),
    ("\"We are going to keep every channel open,\" Robert Hale said. But the American was firm. "
     "\"We will not negotiate,\" the 61-year-old said.\n",
     ["Robert Hale", "Robert Hale"], "'the 61-year-old', 'the American': the person quoted before"),
    ("Hale: \"Keep every channel open\"\n\nGovernor-elect Jane Doe spoke next. \"We are not going to "
     "speculate about sanctions,\" Doe said.\n",
     ["Robert Hale", "Jane Doe"], "headline 'Name: quote'; a hyphenated title before a name"),
    ("Republican Jane Doe spoke briefly in a statement to reporters.\n\n"
     "- On sanctions: \"We are not going to speculate about sanctions.\"\n"
     "- On the strike: \"We will not negotiate with the port authority until the strike ends.\"\n",
     ["Jane Doe", "Jane Doe"], "list of labelled quoted lines under a paragraph where the subject speaks"),
    ("\"We are going to keep every channel open,\" Hale said.\n\nA Downing Street spokeswoman said the "
     "government was \"following the situation closely\".\n\nPassenger Sue Whitaker, 52, said: \"We have paid for it.\"\n",
     ["Robert Hale", None, "Sue Whitaker"], "'A … spokeswoman said' stays unnamed; 'Passenger' is a label"),
    ("\"We are going to keep every channel open,\" Jane Doe said.\n\nBoard member Carl Jennings was less "
     "enthusiastic. \"Administration is already stretched thin (sic),\" he said.\n",
     ["Jane Doe", "Carl Jennings"], "'he' after a sentence naming 'Board member Carl Jennings'"),
    ("Jane Doe has a message for the dockers: relax.\n\n\"We are not going to speculate about sanctions,\" "
     "the State Department spokesperson told CNN. What Doe did not say is when \"the strike ends\".\n\n"
     "\"It is the best case, not the likely case,\" said Dr. Amara Okoye, who studies trade.\n",
     ["Jane Doe", "Jane Doe", "Amara Okoye"], "'the … spokesperson told CNN'; 'What Doe'; 'said Dr. Amara Okoye'"),
    ("By Sam Ortiz\n\nMayor Robert Hale and challenger Jane Doe debated. \"We are going to keep every channel open,\" "
     "Doe said.\n\nThe mayor did not respond. Instead, he repeated that the port would \"come back to the table.\"\n",
     ["Jane Doe", "Robert Hale"], "'the mayor' is the one titled Mayor, not the next name; bylines are not speakers"),
    ("\"We are not going to speculate about sanctions,\" Jane Doe wrote in a letter to staff. The letter says "
     "the department \"stands with the 40,000 workers.\"\n\nDoe's letter ends with a line: \"We will not negotiate.\"\n",
     ["Jane Doe", "Jane Doe", "Jane Doe"], "'The letter says', 'Doe's letter ends with'"),
    ("Port CEO says talks are coming \"back to the table\"\n\nPort chief executive Robert Hale spoke on Monday. "
     "But, as he put it, if the union writes the rules, \"we will all be worse off.\" In Hale's words, the port is "
     "\"not going anywhere.\"\n\nSen. Jane Doe seized on the remarks. \"Good,\" the Ohio Democrat wrote on X. "
     "\"Then he can testify.\"\n",
     ["Robert Hale", "Robert Hale", "Robert Hale", "Jane Doe", "Jane Doe"],
     "headline title; 'as he put it'; 'In Hale's words'; 'the Ohio Democrat wrote on X.'"),
    ("Gov. John P. Walsh Jr. declared an emergency, according to a statement from his office. \"Every resource "
     "is available,\" the statement said.\n\n\"We've been through two of these,\" Dolores Ramirez-Ortiz, 67, told "
     "The Associated Press.\n",
     ["John P. Walsh Jr.", "Dolores Ramirez-Ortiz"], "'the statement said' (its author); 'Name, 67, told'"),
    ("\"We are going to keep every channel open,\" Robert Hale said.\n\nThe readout said Doe "
     "\"met with the minister this morning.\"\n",
     ["Robert Hale", None], "'The readout said' alone names nobody"),
    ("\"We are not here to score political points,\" said Hale, who has led the department since 2019.\n",
     ["Robert Hale"], "said Name, who … (surname -> the known full name)"),
    ("Margaret Flynn, 71, swims every day. \"It's where this town meets,\" she said.\n\n"
     "Her son, Tom Flynn, said the council \"never once sat down with us\". \"They didn't read it,\" Mr Flynn said.\n\n"
     "His mother was blunt. \"They'll regret it,\" Mrs Flynn said.\n",
     ["Margaret Flynn", "Tom Flynn", "Tom Flynn", "Margaret Flynn"],
     "namesakes: 'Mr/Mrs Flynn' is the Flynn of that gender; a shared surname gives no one's gender"),
    ("Deputy leader Anita Shah, who voted against, told the Gazette she was \"disappointed but not surprised\".\n",
     ["Anita Shah"], "a capitalised title, a role in lower case, then the name: the subject"),
    ("'We never stopped believing,' Robert Hale told BBC Sport.\n\nCastleford boss Karen Blake was furious with "
     "the decision.\n\n'It's never a penalty,' she said.\n\nRovers striker Jordan Lewis, who scored the winner, "
     "dedicated the goal to his grandfather.\n\n'That one's for my granddad,' the 23-year-old said.\n",
     ["Robert Hale", "Karen Blake", "Jordan Lewis"],
     "a quotation opening a paragraph after one that introduces a person: that person ('boss', 'striker' as titles)"),
    ("'We never stopped believing,' Robert Hale said.\n\n'The best night of my career'\n\nGoalkeeper Sam Achebe, "
     "making his debut after signing from Dundee, described it as 'the best night of my career'.\n",
     ["Robert Hale", "Sam Achebe", "Sam Achebe"],
     "a subhead repeating a later quotation is its speaker's; 'Name, making …, described' is Name"),
    ("'Keep every channel open': Secretary of State Robert Hale on the strike\n\nQ: The dockers' union says your "
     "offer is \"an insult\". Its general secretary, Sam Ortiz, said so on Monday. What do you say?\n\nA: Come back.\n",
     ["Robert Hale", "Sam Ortiz"],
     "headline \"'…': Name on …\"; a 'Q:' label is nobody; 'the … union says' is the officer named after it"),
    ("Mayor Gene Kowalski called it \"a gut punch\".\n\n\"We cannot wait two years,\" he told reporters.\n\n"
     "Maria Garcia and her husband, Luis Garcia, run a bakery by the bridge.\n\n\"Half our customers walk over,\" "
     "she said.\n\nHer husband was more hopeful. \"People here look after each other,\" Mr. Garcia said.\n",
     ["Gene Kowalski", "Gene Kowalski", "Maria Garcia", "Luis Garcia"],
     "a couple named Garcia: 'Mr. Garcia' gives Maria no gender and is the husband named in apposition; "
     "'\"…,\" he told' tells Gene's"),
    ("Rachel Thornton accused of 'fiscal vandalism' by opposition as Downing Street insists she is safe\n\n"
     "The Labour MP Joanne Hirst wrote on X that the chancellor was \"the most serious economist in this government\".\n",
     [None, "Joanne Hirst"], "a clause after the quotation ('as X insists') is not its cue; 'MP' is a title"),
    ("Denise Johnson, 58, lost everything. Her son, Marcus Johnson, 31, said he was grateful. \"Stuff is stuff,\" "
     "he said.\n\nMs. Johnson shook her head.\n\n\"I don't know yet,\" Ms. Johnson said.\n",
     ["Marcus Johnson", "Denise Johnson"], "'Ms. Johnson' is the Johnson known to be a woman, not one of unknown gender"),
    ("\"We respect the jury's work,\" Jane Doe said.\n\n\"This was not a mistake. It was a plan,\" Assistant District "
     "Attorney Luis Ferreira told jurors.\n",
     ["Jane Doe", "Luis Ferreira"], "'Assistant …' does not start with the article 'a': a title, not 'an attorney'"),
    ("\"The risk remains low,\" Jane Doe said. The remarks drew a response from the association's president, "
     "Rick Dalton: \"Farms are already testing.\"\n\nDoe said she had \"nothing but respect\" for them. Her deputy, "
     "Dr. Aaron Whitfield, was more pointed. \"Every farm that refuses to test is gambling.\"\n",
     ["Jane Doe", "Rick Dalton", "Jane Doe", "Aaron Whitfield"],
     "'a response from …, Name: \"…\"'; a short sentence about a person introduces the cue-less quotation after it"),
    ("U.S. climate envoy Daniel Hirsch said the US would pay. \"We are paying our share,\" he said.\n",
     ["Daniel Hirsch"], "'U.S.' is one token before a title, not a person 'U'"),
    ("Agnes and Callum Reid on the gallery. Photograph: Ewan Ross\n\nAgnes Reid has climbed the steps of Skerry Point "
     "for 31 years. She loves it.\n\n\"People think it's lonely,\" she says.\n\nHer husband, Callum Reid, is less "
     "sentimental. \"The lamp is better than us,\" he admits.\n\nCallum read it aloud. \"Properly,\" he repeated.\n",
     ["Agnes Reid", "Callum Reid", "Callum Reid"],
     "a family by first names ('Callum' = Callum Reid); a place ('Skerry Point') between a name and 'She' does not block the vote"),
    ("Among the strikers was Sam Ortiz. \"We are not moving,\" he said.\n\n\"It is not fair,\" Jane Doe countered. "
     "Hale's response was swift: \"Then put it to a vote.\"\n\n\"Nobody wins,\" the port's chief Robert Hale said.\n\n"
     "Ortiz says the port \"must listen.\" Doe says it \"already has.\"\n\n\"Bring coffee,\" Mendes said.\n",
     ["Sam Ortiz", "Jane Doe", "Robert Hale", "Robert Hale", "Sam Ortiz", "Jane Doe", "Mendes"],
     "'Among … was Name'; 'countered'; 'X's response:'; 'the …'s chief Name said'; a full stop ends a quotation's "
     "cue; an unknown surname right after a quotation"),
    ("\"It's the end of an era.\" So said Jane Smith, a fan.\n\nJane Smith met Robert Brown. She said it was "
     "\"productive.\" He called it \"a start.\"\n\nCoach Tom Baker was furious with referee Paul Green. \"It was a "
     "disgrace,\" the 61-year-old said.\n",
     ["Jane Smith", "Jane Smith", "Robert Brown", "Tom Baker"],
     "'So said Name'; a quotation's full stop ends its sentence; 'She' after 'met Robert Brown.' is not his; "
     "'the 61-year-old' is the subject of the sentence before"),
    ("\"We will not negotiate,\" Jane Doe said.\n\nThe RNLI has asked people to stay away from the coast. In a "
     "statement, the charity said: \"Please do not put our volunteers at risk.\"\n",
     ["Jane Doe", "RNLI"], "'the charity said' is the organisation the sentence before is about"),
    ("Port Holdings Inc rejects $4.1 bln bid as \"opportunistic\"\n\nPort Holdings Inc said the bid was low. "
     "Crestline Partners made it.\n\nCrestline, which holds a 6.2% stake in Port, said it was \"disappointed\".\n\n"
     "\"We are going to keep every channel open,\" Robert Hale said.\n",
     ["Port Holdings", "Crestline Partners", "Robert Hale"],
     "'X rejects … as \"…\"'; 'Name, which …, said' is Name; a short company name is its full one; no 'Inc'"),
    ("Housing Minister Rita Lomax-Vane faced the House. \"Nobody is left out,\" she said.\n\nDeniz Okafor-Bray, "
     "for the opposition, was unmoved. He called the minister's promise \"a press release with a budget line\".\n",
     ["Rita Lomax-Vane", "Deniz Okafor-Bray"],
     "'He called the minister's promise \"…\"': the naming verb's subject speaks, not the noun's owner"),
    ("Grocer Oddvar Lind-Ekholm shrugged. \"They'll be 'consulting' us again next spring,\" he said. \"The pilot "
     "told me 'not tonight' and left.\"\n",
     ["Oddvar Lind-Ekholm", "Oddvar Lind-Ekholm", "Oddvar Lind-Ekholm", None],
     "a scare quote inside a quotation is its speaker's word; words reported inside it ('told me '…'') are not"),
    ("Transport Secretary Lena Parkes-Obi testified. Asked by Rep. Carla Mendes-Roe, D-Calif., whether the collapse "
     "could have been prevented, Parkes-Obi declined to answer. \"I will not speculate,\" she said.\n\nSen. Tom "
     "Reyes-Amaro chaired. Pressed on the cost, Reyes-Amaro, a Republican, said the bill was \"fully paid for.\"\n",
     ["Lena Parkes-Obi", "Tom Reyes-Amaro"],
     "an opening 'Asked by …, …, whether …,' clause: the name before the main verb; a party tag ('D-Calif.') "
     "and an apposed description ('a Republican') are never the speaker"),
    ("Mayor Ingrid Hald-Sorensen defended the fares. The opposition's Per Aasvik-Lund, who has spent a year calling "
     "the freeze a \"fairy tale\", said Hald-Sorensen should \"apologise to every island family\". He also said "
     "the council was \"running the ferries like a hobby\".\n",
     ["Per Aasvik-Lund", "Per Aasvik-Lund", "Per Aasvik-Lund"],
     "'Name, who … calling it a \"…\", said Other should \"…\"': Name, not the reported clause's subject; "
     "a full stop outside the marks ends the sentence, so 'He also said' after it is no cue of the one before"),
    ("Mrs Justice Eleanor Ashbury-Kent sentenced him on Friday.\n\n\"Nothing I say today can restore what has "
     "been taken from them,\" the judge said.\n",
     ["Eleanor Ashbury-Kent"],
     "'the judge' is the 'Mrs Justice' of the story; a capitalised pair inside the quotation ('Nothing I') is nobody"),
    ("Judge says builder made a \"deliberate choice\"\n\nA builder was jailed on Friday.\n\nPassing sentence, Mrs "
     "Justice Eleanor Ashbury-Kent said he had been warned.\n\nThe judge had read the statement of the victim's "
     "mother, Joanne, who described her loss.\n\n\"It was a choice,\" the judge said.\n\nShe noted that he had no "
     "previous convictions.\n\n\"I accept that you are distressed,\" she said.\n\nAndrew Pell-Iqbal, of the Crown "
     "Prosecution Service's Special Crime Division, said: \"He knew the scaffold was unsafe.\"\n",
     ["Eleanor Ashbury-Kent", "Eleanor Ashbury-Kent", "Eleanor Ashbury-Kent", "Andrew Pell-Iqbal"],
     "a headline's 'Judge says' is the judge named below; 'She noted …' opening a paragraph is no speech "
     "event of the last woman mentioned; 'Name, of the Org, said' is Name"),
    ("Press secretary Celeste Varga-Nunn took the podium. When a reporter asked whether the President blames the "
     "railroads — the companies that keep this country fed — Varga-Nunn put on her best Sunday-school voice: \"The "
     "President isn't interested in assigning blame.\" In one breath she trashed the railroads; in the next, she "
     "turned around and insisted, \"The offer is a serious proposal.\"\n\n\"Every day this White House waits, "
     "another elevator fills up,\" Sen. Hal Brixton-Moe, R-Kan., said on the Senate floor.\n",
     ["Celeste Varga-Nunn", "Celeste Varga-Nunn", "Hal Brixton-Moe"],
     "the subject of the clause a colon ends, past earlier speech verbs; 'she turned around and insisted'; "
     "'Name, R-Kan., said' after the quotation"),
    ("DRIVING THE DAY\n\n“Senator, I believe SNAP is essential.”\n\nThat’s what Curtis Dahl-Berg, the nominee, told "
     "Sen. Luis Arredo-Cruz (D-N.M.) on Wednesday.\n\n“When a family farm closes, it doesn’t come back,” Sen. Ruth "
     "Kessel-Mar (D-Vt.) told Dahl-Berg.\n\nRanking member Arredo-Cruz was not impressed: “Farmers need more.”\n\n"
     "QUOTE OF THE DAY — “He still knows how to fix a combine.” — Sen. Pete Halvor-Sund (R-N.D.), introducing his "
     "fellow North Dakotan.\n\nTRADE, TRADE, TRADE — Chair Joan Whit-Ford (R-Neb.) set the tone. “The next Secretary "
     "will not have a learning curve,” she said.\n\nHalvor-Sund’s pitch — “He is a farm person” — landed well.\n",
     ["Curtis Dahl-Berg", "Ruth Kessel-Mar", "Luis Arredo-Cruz", "Pete Halvor-Sund", "Joan Whit-Ford", "Pete Halvor-Sund"],
     "a newsletter's forms: 'That’s what Name told' in the next paragraph; '(D-Vt.)' before the verb; 'Ranking member "
     "Name was not impressed:'; '— Sen. Name (R-N.D.), introducing …'; a capitalised kicker before the subject; "
     "'Name’s pitch — “…” —'"),
    ("Health Secretary Helen March-Banks spoke first. Owen Tre-Harne, the shadow health secretary, replied.\n\n"
     "March-Banks hit back, accusing the Conservatives of hypocrisy. ‘He talks about broken promises,’ she said.\n\n"
     "Dr Ranjit So-Hal, the chief executive of the Trusts Alliance, which represents NHS trusts in England, said: "
     "‘Publishing the numbers is the easy part.’\n",
     ["Helen March-Banks", "Ranjit So-Hal"],
     "'Name hit back, accusing X of …' is about Name, not X; 'Name, the chief executive of Y, which represents Z, "
     "said:' is Name"),
    ("CTO Sana Qure-Shi published a blog post. Her post says the bug lasted three hours.\n\n"
     "\"Titles only,\" Qure-Shi wrote.\n\nThe numbers are not small.\n\n"
     "\"We have identified 18,412 accounts,\" the post says.\n",
     ["Sana Qure-Shi", "Sana Qure-Shi"],
     "'the post says' is the author of the post the story named earlier ('Her post says …')"),
    ("Deputy Pádraig Ó Flaith said the figures were grim. \"That is a policy that has failed,\" he told Corrib "
     "FM.\n\nHousing Minister Cathal O'Dono announced €450 million for councils.\n\nIn a statement, he said:\n\n"
     "\"I want to see results quickly.\"\n",
     ["Pádraig Ó Flaith", "Cathal O'Dono"],
     "a broadcaster ('Corrib FM') is no person; 'In a statement, he said:' opening its paragraph is the man the "
     "paragraph before introduces"),
    ("\"We are ready,\" Secretary of State Marco Rubio-Vale said.\n\nEl Salvador marked the second stop of Rubio-Vale's "
     "trip.\n\nHis journey began in Panama, where he called for \"immediate changes\" there.\n",
     ["Marco Rubio-Vale", "Marco Rubio-Vale"],
     "a name opening with a Spanish article ('El Salvador') is a place, never the 'he' of the next paragraph"),
    ("Treasurer says deficit is 'a deliberate choice'\n\nTreasurer Adam Ren-Nick handed down the budget on "
     "Tuesday.\n\nBench says the rule is \"sweeping\"\n\nBudget 2027: deficit up as Opposition calls it a "
     "'band-aid on a broken leg'\n\nThe Bench was not persuaded. \"The remedy can be worse than the disease,\" "
     "observed the Bench.\n",
     ["Adam Ren-Nick", None, None, None],
     "a headline's 'Treasurer says' is the treasurer named below; 'Bench says' names a court, not a person"),
    ("Governor demands 'honest numbers, not hopeful numbers' on outages\n\nGov. Dana Whit-Lock spoke on Monday.\n\n"
     "\"We need honest numbers, not hopeful numbers,\" Whit-Lock told reporters.\n\nCrews called the storm "
     "'extraordinary'.\n",
     ["Dana Whit-Lock", "Dana Whit-Lock", None],
     "a headline quotation with no cue quotes words the story then gives with their speaker: theirs (but one "
     "word is anybody's)"),
    ("Priya Venkat-Aram, who runs the silicon team, is up. She says the hardest problem was heat. \"You can't put a "
     "fan on someone's face.\"\n\nHer fix: \"So we designed a new chip from scratch.\"\n",
     ["Priya Venkat-Aram", "Priya Venkat-Aram"],
     "'She says …' just before a cue-less quotation introduces her words; 'Her fix: \"…\"' is hers"),
    ("Lifeguard Jamie Okoro said staff were told that morning. \"Nobody has spoken to us,\" they said.\n",
     ["Jamie Okoro"], "singular 'they': a named person of no stated gender, when no organisation spoke"),
]


@pytest.mark.parametrize("text,speakers,rule", SNIPPETS, ids=[s[2] for s in SNIPPETS])
def test_general_rules(text: str, speakers: list, rule: str) -> None:
    pipe = Pipeline.from_dir(FORMS / "sources")
    got = [_credited(f) for f in pipe.check_text(text).findings]
    assert got == speakers, rule


def test_an_uncredited_quotation_takes_its_statements_speaker(tmp_path: Path) -> None:
    """Words the article credits to nobody it names are the speaker's of the statement holding
    them (a transcript's: the turn's), marked as found there; a reporter's question ("Q:") names
    nobody, and a body that spoke but was not found stays unnamed."""
    text = ('Port strike: "We will not negotiate with the port authority until the strike ends"\n\n'
            'One question hung over the room: "Will the Secretary travel to the port next week to meet the '
            'strikers?"\n\n"I will go to the port myself next week and meet every one of them."\n\n'
            'The union said it was "ready to talk at any hour of the day or night".\n')
    fs = _checked(tmp_path, text, (
        "id: briefing\nspeaker: Jane Doe\norganization: State Department\nkind: transcript\n---\n"
        "MS. DOE: We will not negotiate with the port authority until the strike ends.\n\n"
        "Q: Will the Secretary travel to the port next week to meet the strikers?\n\n"
        "ROBERT HALE: I will go to the port myself next week and meet every one of them.\n"))
    assert [(f.quotation.speaker, f.quotation.speaker_cue, f.source and f.source.id) for f in fs] == [
        ("Jane Doe", SPEAKER_FROM_SOURCE, "briefing"),
        (None, None, "briefing"),
        ("Robert Hale", SPEAKER_FROM_SOURCE, "briefing"),
        (None, "unnamed", None),
    ]


def test_letters_no_statement_answers_to_are_no_evidence_of_misattribution(tmp_path: Path) -> None:
    """'The SG said "…"' where no statement's speaker or organisation is 'SG': an office the
    library does not know, so the words are not judged misattributed; who is quoted is the
    statement's speaker, marked as found there. Letters the library knows still speak for it."""
    text = ('When the bench pressed him, the SG said "I will take instructions on the notice period and report '
            'back to the court on Monday."\n')
    f = _checked(tmp_path, text, (
        "id: hearing\nspeaker: Vikram Bhandari\norganization: Ministry of Law and Justice\nkind: transcript\n---\n"
        "I will take instructions on the notice period and report back to the court on Monday.\n"))[0]
    assert (f.quotation.speaker, f.quotation.speaker_cue, f.verdict) == ("Vikram Bhandari", SPEAKER_FROM_SOURCE, "exact")


def test_a_floated_speaker_is_no_evidence_of_misattribution(tmp_path: Path) -> None:
    """A quotation with no cue of its own takes the speaker quoted before it (a float); when a
    statement of somebody else holds its words, the float is more likely wrong than the article:
    the words are that statement's speaker's, not misattributed. Words credited by a cue stay
    misattributed."""
    doe = "id: doe\nspeaker: Jane Doe\n---\nWe will not negotiate with the port authority until the strike ends.\n"
    hale = "id: hale\nspeaker: Robert Hale\n---\nI will go to the port myself next week and meet every one of them.\n"
    text = ('"We will not negotiate with the port authority until the strike ends," Jane Doe said.\n\n"I will go to '
            'the port myself next week and meet every one of them."\n\n"I will go to the port myself next week," '
            'Jane Doe said.\n')
    fs = _checked(tmp_path, text, doe, hale)
    assert [(f.quotation.speaker, f.quotation.speaker_cue, f.verdict) for f in fs] == [
        ("Jane Doe", "after", "exact"), ("Robert Hale", SPEAKER_FROM_SOURCE, "exact"),
        ("Jane Doe", "after", "misattributed")]


def test_a_monarch_by_title_and_a_company_by_its_short_name(tmp_path: Path) -> None:
    """'the King told' is the one speaker of the sources titled King, not the palace the
    sentence's opening clause names; 'Her Majesty said' is the queen the story names; 'Kisaragi
    said' speaks for 'Kisaragi Motor Co., Ltd.' (its release's speaker)."""
    text = ("The monarch paid tribute to his mother Queen Heloise, who died on Tuesday.\n\nSpeaking in French from the "
            "Palais de Bellegarde, the King told viewers: \"She did not think that any of it was beneath her, and she "
            "did not think that any of it was about her.\"\n\nHer Majesty said in her farewell broadcast: \"The crown "
            "is not mine to keep.\"\n\nKisaragi said the data \"was falsified or did not accurately reflect the "
            "conditions under which tests were performed.\"\n")
    fs = _checked(tmp_path, text, (
        "id: address\nspeaker: King Lucien III\nkind: speech\n---\nShe did not think that any of it was beneath "
        "her, and she did not think that any of it was about her.\n"), (
        "id: release\nspeaker: Kenji Takeda\norganization: Kisaragi Motor Co., Ltd.\nkind: release\n---\nThe data "
        "was falsified or did not accurately reflect the conditions under which tests were performed.\n"))
    assert [(f.quotation.speaker, f.verdict) for f in fs] == [
        ("King Lucien III", "exact"), ("Queen Heloise", "unsourced"), ("Kenji Takeda", "truncated")]


def test_a_coordinated_clause_with_its_own_subject(tmp_path: Path) -> None:
    """'X is under pressure and the home carrier is planning for “…”': the words are the
    carrier's clause's, not the sentence's first subject's."""
    text = ("Avalon Airways flies most routes from the airport.\n\nTransport Secretary Catherine Ellwood is under "
            "pressure and the home carrier is planning for “at least two weeks” of cuts.\n")
    f = _checked(tmp_path, text, (
        "id: presser\nspeaker: Siobhan Carruthers\norganization: Avalon Airways\nkind: transcript\n---\n"
        "We are planning for at least two weeks of reduced flying from the airport.\n"))[0]
    assert (f.quotation.speaker, f.verdict) == ("Siobhan Carruthers", "truncated")


def test_spanish_cues() -> None:
    """« » quotations with Spanish cues: 'dijo Ruiz', 'según Ruiz', 'afirmó la canciller'."""
    pipe = Pipeline.from_dir(FORMS / "sources")
    text = ("La canciller Ana Ruiz habló el martes ante los trabajadores.\n\n"
            "«Nuestro país no negocia su soberanía con nadie», dijo Ruiz.\n\n"
            "Según Ruiz, los trabajadores «merecen un salario justo».\n\n"
            "«Los trabajadores del puerto merecen un salario justo y lo van a tener», afirmó la canciller.\n")
    fs = pipe.check_text(text).findings
    assert [(f.quotation.speaker, f.verdict) for f in fs] == [
        ("Ana Ruiz", "exact"), ("Ana Ruiz", "truncated"), ("Ana Ruiz", "exact")]


def test_spanish_descriptions_bylines_and_a_dropped_subject() -> None:
    """'dice el embajador' in a headline is the ambassador named below, not the 'Por …' byline;
    '"…", afirmó en un comunicado' (Spanish drops the subject) is the person just introduced;
    'El embajador aseguró' is the ambassador; 'embajador de Estados Unidos' is no person."""
    text = ("Nuevo puerto: «no es caridad», dice el embajador\n\nPor Carmen Ibarra-Soto | Diario del Sur\n\n"
            "El embajador de Estados Unidos en el Perú, Tomás Harlow-Vega, anunció una inversión.\n\n"
            "La ministra de Transportes, Rosa Quilca-Mena, celebró el anuncio. “El puerto será el motor del "
            "país”, afirmó en un comunicado.\n\n"
            "El embajador aseguró que los pescadores «no perderán el acceso a la bahía».\n")
    got = _speakers(text)
    assert got == ["Tomás Harlow-Vega", "Rosa Quilca-Mena", "Tomás Harlow-Vega"]


def test_spanish_roles_and_more_verbs() -> None:
    """'anunció Name', 'según la alcaldesa', a dropped subject after a quotation of the same
    speaker, 'relata Name, de 74 años'; and capitals that qualify a noun ("The Spanish
    Mediterranean city's tourism board says") name nobody."""
    text = ("La alcaldesa, Lucía Ferrer-Olmo, presentó el plan.\n\n«No habrá nuevas licencias», anunció Ferrer-Olmo. "
            "Según la alcaldesa, «cada euro irá a vivienda». «Ni un euro se quedará en un cajón», añadió.\n\n"
            "«Éramos doce vecinos; ahora somos dos», relata Pilar Ginés-Rubio, de 74 años.\n\n"
            "The Spanish Mediterranean city's tourism board says it wants visitors to come \"as guests, not as "
            "crowds.\"\n")
    got = _speakers(text)
    assert got == ["Lucía Ferrer-Olmo"] * 3 + ["Pilar Ginés-Rubio", None]


def test_tabloid_sports_page() -> None:
    """A club speaking in its own name ('The club confirmed …, saying:') is that club when the
    sources hold its statement; '…, with Ferrandi saying:' is the participle's own agent, not the
    sentence's subject; "'IN TEARS' Kingsmere boss" holds no name ending in a closing mark;
    'The Italian said' is no person called Italian."""
    src = [Source(id="k1", path="k1.txt", speaker="Kingsmere United", organization="Kingsmere United", text="x"),
           Source(id="f1", path="f1.txt", speaker="Luca Ferrandi", organization="Kingsmere United", text="y")]
    text = ("'IN TEARS' Kingsmere boss Luca Ferrandi reveals injury blow\n\nKingsmere United lost their winger.\n\n"
            "The club confirmed the news last night, saying: \"Callum will undergo surgery.\"\n\n"
            "The Italian said: \"I spoke with him yesterday.\"\n\n"
            "Kingsmere vowed to dedicate the clash to him, with Ferrandi saying: \"We want to win it for Callum.\"\n")
    doc = read_text_document("x.txt", text)
    got = [q.speaker for q in attribute(doc, find_quotations(doc), src)]
    assert got == ["Luca Ferrandi", "Kingsmere United", None, "Luca Ferrandi"]


def test_block_quotations_introduced_by_the_course_of_a_speech(tmp_path: Path) -> None:
    """'She started with …:' and 'Then she turned to …:' introduce the speaker's own words; so does
    a colon sentence before words in the first person, also set in bold; the radio host is a man
    called Colin MacAskill, not 'Host Colin', so 'she' is not he."""
    text = ("Rosalind Kilbride-Moss, president of Local 418, took the microphone.\n\n"
            "She started with what the union had asked for:\n\n> We asked for three things.\n\n"
            "Then she turned to what came back:\n\n> And what did they give us? One and a half per cent.\n\n"
            "Minister Denise Arsen-Ault went on the radio. \"No, I don't accept that,\" Arsen-Ault said. Host Colin "
            "MacAskill asked her about a ban.\n\n"
            "Pressed by MacAskill, she left the door open, just a crack:\n\n"
            "**\"I'm not ruling anything out for the spring session.\"**\n")
    p = tmp_path / "bulletin.md"
    p.write_text(text, encoding="utf-8")
    got = [(f.quotation.kind, f.quotation.speaker) for f in _PIPE.check(read_document(p)).findings]
    assert got == [("block", "Rosalind Kilbride-Moss"), ("block", "Rosalind Kilbride-Moss"),
                   ("inline", "Denise Arsen-Ault"), ("inline", "Denise Arsen-Ault")]


def test_a_q_and_a_excerpt_under_topic_lead_ins() -> None:
    """An interview written up as excerpts: "On why she left TV:" and "On Ninebark:" head the
    interviewee's answers; "The Knife's Edge star" names no person called Knife Edge; a colon
    before a paragraph quoting inline makes no block quotation of it."""
    text = ("'I was cooking for a camera': Tessa Marl-Owe on leaving TV\n\nThe Knife's Edge star opened up on a "
            "podcast.\n\nHere are the highlights.\n\nOn why she left TV:\n\n\"Honestly? Because I stopped cooking.\"\n\n"
            "On those feud reports:\n\nThe host brought up reports of a fight over \"the celebrity version\" of the show, "
            "which the network has been developing for next year.\n\n"
            "On Ninebark:\n\n\"Ninebark is 28 seats in an old ship chandlery.\"\n")
    got = [(f.quotation.kind, f.quotation.speaker) for f in _PIPE.check_text(text).findings]
    assert got == [("inline", "Tessa Marl-Owe"), ("inline", "Tessa Marl-Owe"), ("inline", None),
                   ("inline", "Tessa Marl-Owe")]


def test_german_cues() -> None:
    """„…“, sagte Name; „…“, so Name; '„…“, erklärte sie' after a sentence about her; a German
    title before the name ('Bundeskanzlerin')."""
    text = ("Bundeskanzlerin Katharina Wend-Ler trat ans Rednerpult.\n\n„Diese Koalition hat gestritten“, sagte "
            "Wend-Ler. „Deutschland hat zu lange von der Substanz gelebt“, so Wend-Ler in der Mitteilung.\n\n"
            "Auch bei der Rente versuchte Wend-Ler, Sorgen zu zerstreuen. „Niemand muss sich Sorgen machen“, "
            "erklärte sie.\n")
    got = _speakers(text)
    assert got == ["Katharina Wend-Ler"] * 3


def test_french_cues_honorifics_and_spelling() -> None:
    """'a écrit Etienne Marchal' is the source's 'Étienne Marchal' ('a' is the auxiliary, not an
    article); 'Et d’ajouter :' continues the speaker; 'M. Wierzbicki' is the man, not 'M'; 'il avait
    prévenu' is the subject of the sentence before; 'la présidente de la Commission' is the one
    speaker of the Commission."""
    src = [Source(id="m1", path="m1.txt", speaker="Étienne Marchal", text="x", kind="post"),
           Source(id="v1", path="v1.txt", speaker="Annelies Verhoeven", organization="European Commission", text="y"),
           Source(id="w1", path="w1.txt", speaker="Tomasz Wierzbicki", organization="European Council", text="z")]
    text = ("« Accord historique », a écrit Etienne Marchal sur X. « C’est un budget. » Et d’ajouter : "
            "« Merci à la présidente. »\n\n"
            "« Nous avons travaillé toute la nuit », a conclu M. Wierzbicki, qui espère un accord.\n\n"
            "Dans son message, M. Marchal se félicite. Jeudi, il avait prévenu : « L’heure n’est plus aux "
            "hésitations. »\n\n"
            "Annelies Verhoeven et Tomasz Wierzbicki ont ouvert le sommet. « Ce n’est pas un chèque en "
            "blanc », a rassuré la présidente de la Commission.\n")
    doc = read_text_document("x.txt", text)
    got = [q.speaker for q in attribute(doc, find_quotations(doc), src)]
    assert got == ["Étienne Marchal", "Étienne Marchal", "Étienne Marchal", "Tomasz Wierzbicki",
                   "Étienne Marchal", "Annelies Verhoeven"]


_PIECES = ["“", "”", "\"", "‘", "’", "'", "«", "»", " said ", " he ", " she ", " it says ", "Hale", "Jane Doe",
           "Mr. ", ", who ", ". ", "\n\n", ":", " — ", "- ", "> ", "[t]he ", "(sic) ", "the governor ",
           "We will not negotiate", " port ", "A senior official", "— Ana Ruiz (@AnaRuizMin) March 3, 2026",
           "pic.twitter.com/x1 ", "…", "...", "NAIROBI - ", "the 40-year-old ", "Según ", "a déclaré "]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_pipeline_never_raises(text: str) -> None:
    """Whatever the text, attribution and judging return findings whose offsets hold."""
    report = _PIPE.check_text(text)
    for f in report.findings:
        assert text[f.quotation.file_start:f.quotation.file_end] == f.quotation.text
        assert f.verdict in VERDICTS


def test_acronym_names_the_organisation(tmp_path: Path) -> None:
    """'DHS said' names the Department of Homeland Security: the release's named speaker, not a
    misattribution."""
    (tmp_path / "r.txt").write_text("id: r\nspeaker: Erin Castillo\norganization: U.S. Department of Homeland "
                                    "Security\nkind: release\n---\nThe two leaders signed an agreement on "
                                    "deportation flights today.\n", encoding="utf-8")
    f = Pipeline.from_dir(tmp_path).check_text(
        "In a readout, DHS said the leaders “signed an agreement on deportation flights today.”\n").findings[0]
    assert (f.quotation.speaker, f.verdict) == ("Erin Castillo", "truncated")


@pytest.mark.parametrize("intro,speaker", [
    ("<p>The coastguard wrote to the couple in January:</p>", "Margaret Oyelaran"),   # signed by the footer
    ("<p>Its chief, Margaret Oyelaran, defended the change in a letter to the couple:</p>", "Margaret Oyelaran"),
])
def test_block_quotation_signed_or_introduced(tmp_path: Path, intro: str, speaker: str) -> None:
    """A blockquote's footer ('— Name, title') signs it; an intro naming 'a letter' speaks for its subject."""
    footer = "<footer>— Margaret Oyelaran, chief of navigation</footer>" if "wrote" in intro else ""
    page = (f"<html><body><article><h1>Keepers</h1><p>Agnes Reid has kept the light for 31 years.</p>{intro}"
            "<blockquote><p>Automation will make Skerry Point safer, not less safe. We owe you a great debt.</p>"
            f"{footer}</blockquote><p>Callum read it aloud.</p></article></body></html>")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    fs = _PIPE.check(read_document(tmp_path / "a.html")).findings
    assert [(f.quotation.kind, f.quotation.speaker) for f in fs] == [("block", speaker)]


def test_pronoun_takes_the_most_recent_speaker_of_unknown_gender() -> None:
    """'He said' after a quotation of someone the story never genders is that someone, not an
    older speaker whose gender happens to be known."""
    text = ("Governor Robert Hale opened the session. \"We will fund the clinics,\" Hale said.\n\n"
            "Treasurer Okonkwo Adeyemi-Baptiste spoke next, adding that \"the money is already there.\"\n\n"
            "He said that \"nobody will lose a bed this winter.\"\n")
    speakers = {f.quotation.text: f.quotation.speaker for f in _PIPE.check_text(text).findings}
    assert speakers["nobody will lose a bed this winter."] == "Okonkwo Adeyemi-Baptiste"
    assert speakers["We will fund the clinics,"] == "Robert Hale"


_KIN_CASES = [
    # kinship and a first name: the pronoun in the next paragraph is that relative, of the
    # kinship's gender, though no first-name list knows 'Tobiah' (and never the byline)
    ("Obituary\n\nBy Nell Farrant\n\nWren Castell died on Sunday. Her husband, Tobiah, said the cause was "
     "cancer.\n\n\"She laughed until the last day,\" he said.\n", "She laughed until the last day,", "Tobiah"),
    ("Wren Castell died on Sunday. Her daughter, Ysmay, spoke first.\n\nOrla Finch, a neighbour, said she "
     "would be missed. Wren's son, Corran, remembered her garden. \"She grew everything,\" he said.\n",
     "She grew everything,", "Corran"),
    # 'the coach', 'the defender', 'the Norwegian': the person the story gives that title or
    # role ("City's coach, Name," included), else the subject of the sentence before
    ("Dale Hurst scored twice. \"Lovely day,\" Hurst said.\n\nCity's coach, Ingvild Sand, was calmer. "
     "\"We were lucky,\" the coach said.\n", "We were lucky,", "Ingvild Sand"),
    ("Dale Hurst scored twice. \"Lovely day,\" Hurst said.\n\nHis captain, Rui Pata, was angry. "
     "\"It was offside,\" the defender said.\n", "It was offside,", "Rui Pata"),
    ("Dale Hurst scored twice. \"Lovely day,\" Hurst said.\n\nRui Pata, on loan from Porto, set it up. "
     "\"He owes me,\" the Portuguese said.\n", "He owes me,", "Rui Pata"),
    # "according to a statement from his office": his words
    ("Ama Quist backs the plan. Her rival, Senator Kwame Boadu, has resisted. According to a statement "
     "from his office, the senator \"will vote against it.\"\n", "will vote against it.", "Kwame Boadu"),
]


def test_gender_from_the_next_sentence_only_and_from_an_apposed_subject() -> None:
    """'He' right after 'The board chair, Eamon Gilchrist, said …' makes Gilchrist a man; a 'She'
    two sentences after a later mention ('Gilchrist and Ndiaye-Lund clashed. "…," he told …. She
    replied') says nothing of him."""
    text = ("Saoirse Ndiaye-Lund runs the group.\n\nThe board chair, Eamon Gilchrist, said the board would decide in "
            "March. He called the results \"genuinely encouraging.\"\n\nGilchrist and Ndiaye-Lund have clashed before. "
            "\"We don't fund hope,\" he told the board last year, according to the minutes. She replied that \"hope is "
            "not what we are asking for.\"\n\nThat was a year ago. \"It still stings,\" he said.\n")
    speakers = {f.quotation.text: f.quotation.speaker for f in _PIPE.check_text(text).findings}
    assert speakers["genuinely encouraging."] == "Eamon Gilchrist"
    assert speakers["It still stings,"] == "Eamon Gilchrist"


_LABEL_CASES = [
    # "said one of them, a Republican aide": unnamed; a party label is not a surname
    ("Rep. Dana Cole has allies. \"She reads the bill,\" said one of them, a Republican aide.\n",
     "She reads the bill,", None),
    # "the Speaker" is the one the story calls Speaker, not the person quoted just before
    ("Speaker Tobias Grange met Rep. Dana Cole. \"We talk,\" Cole said.\n\nAsked about her, the Speaker "
     "said: \"I trust people who do their homework.\"\n", "I trust people who do their homework.", "Tobias Grange"),
    # "a statement from the Treasury Department": the organisation named after 'the'
    ("Rep. Dana Cole spoke first. \"We talk,\" Cole said. According to a statement from the Treasury "
     "Department, the money runs out by \"early August.\"\n", "early August.", "Treasury Department"),
]


def test_family_name_first_and_a_couple_sharing_a_surname() -> None:
    """'Wang Lei' then 'Mr Wang', 'Wang Fang' then 'Ms Wang': the title picks the person (the first
    'Mr/Ms Wang' after each full name says who is who); 'her husband, Emeka Okonkwo' is a person of
    his own, so 'Mr Okonkwo' is him and 'she said' is his wife, not the man quoted before."""
    text = ("Wang Lei buys sesame. \"Four hours,\" Mr Wang said.\n\nHis supplier is Ngozi Okonkwo, who runs a "
            "cooperative with her husband, Emeka Okonkwo. Mrs Okonkwo said delays cost them.\n\n\"The farmers sell "
            "elsewhere,\" she said.\n\nMr Okonkwo was cautious. \"One week is not a system,\" he said.\n\nThe clearing "
            "house's chief executive, Wang Fang, said 140 firms joined. \"We expected forty firms,\" Ms Wang said.\n\n"
            "Mr Wang has ordered again. \"It will not fail,\" he said.\n")
    speakers = {f.quotation.text: f.quotation.speaker for f in _PIPE.check_text(text).findings}
    assert speakers == {"Four hours,": "Wang Lei", "The farmers sell elsewhere,": "Ngozi Okonkwo",
                        "One week is not a system,": "Emeka Okonkwo", "We expected forty firms,": "Wang Fang",
                        "It will not fail,": "Wang Lei"}


_AGE_CASES = [
    # a reporter's question at a news conference: "another reporter asked" is nobody named
    ("\"We have two suspects,\" Superintendent Kim Ji-woo said.\n\n\"Are you looking for anyone else?\" another "
     "reporter asked.\n\n\"We are not ruling anything out,\" the superintendent replied.\n",
     "Are you looking for anyone else?", None),
    # "the 19-year-old" is the one the story gives that age, not the coach quoted just before
    ("Ines Brand, 19, beat Toyin Mbeki. Her coach, Dmitri Volkov, was pleased. \"We knew,\" he said.\n\n"
     "\"I was so nervous,\" the 19-year-old said.\n", "I was so nervous,", "Ines Brand"),
    # "the two-time champion": a sport's role, held by the one the story calls champion
    ("Ines Brand beat the defending champion, Toyin Mbeki, on Tuesday. \"Great day,\" Brand said.\n\n"
     "\"She played better,\" the two-time champion said.\n", "She played better,", "Toyin Mbeki"),
    # "the Swede": a nationality, the subject of the sentence before
    ("\"Great day,\" Ines Brand said.\n\nFreya Lind-Osei, 31, beat Marta Ruiz earlier. \"She hits hard,\" "
     "the Swede said of Brand.\n", "She hits hard,", "Freya Lind-Osei"),
    # "Asked whether …, Name laughed. "…"": the long 'Asked' clause is not the subject
    ("\"We knew,\" Dmitri Volkov said.\n\nAsked whether she had expected to win at all, Ines Brand laughed. "
     "\"No. Honestly, no.\"\n", "No. Honestly, no.", "Ines Brand"),
    # a plural at the start of a standfirst, under a headline with no full stop, is nobody's name
    ("A rocky world with water in its sky\n\nAstronomers say the planet sits at “the top of the list” of places "
     "to look.\n\n\"It is the top of the list,\" said Anjali Venka-Tesan, who led the study.\n",
     "the top of the list", None),
    # a law's name is no "he": the justice whose dissent the paragraph before introduced
    ("Justice Howard Brenne-Man wrote the dissent.\n\nThe Protecting Minors Act says platforms must “verify the age "
     "of every user.”\n\nHe stresses the record, noting that Congress found “the platforms chose profits over "
     "safety anyway.”\n", "the platforms chose profits over safety anyway.", "Howard Brenne-Man"),
    # a headline drops the article: "governor says" is the governor the story names further down
    ("“We will get through it again,” governor says as storm moves inland\n\nBy Bree Kowal-Czyk\n\n"
     + "The storm came ashore at dawn and the rain has not stopped since. " * 12
     + "\n\nGov. Tom Brant-Ley spoke at the emergency center. \"Stay off the roads,\" he said.\n",
     "We will get through it again,", "Tom Brant-Ley"),
    # Italian: the verb before its subject ("ha ammesso Brandreth"), or no subject at all (the
    # person the sentence before is about), and a place after a preposition is no subject
    ("Mateo Fer-Rán ha vinto il Leone d'oro. «Questo film ha richiesto undici anni», ha raccontato dal palco "
     "della Sala Grande.\n", "Questo film ha richiesto undici anni", "Mateo Fer-Rán"),
    ("La presidente di giuria era Celia Brand-Reth.\n\n«Quella regola è stata maledetta», ha ammesso Brand-Reth.\n",
     "Quella regola è stata maledetta", "Celia Brand-Reth"),
    # '«…», ha detto.': the Italian participle after its auxiliary ends the sentence, subject dropped
    ("Nel briefing, la direttrice della Sala Stampa, Chiara Bell-Andi, ha respinto la lettura politica. «Il Primate "
     "non parlava contro nessun governo», ha detto.\n", "Il Primate non parlava contro nessun governo",
     "Chiara Bell-Andi"),
    # an Italian headline's topic, then its speaker: 'Naufragio di Lampedusa, il Primate Adebayo: «…»'
    ("Naufragio di Lampedusa, il Primate Ade-Bayo: «L'indifferenza è un secondo naufragio»\n\nAll'udienza generale "
     "Samuele Ade-Bayo ha ricordato le vittime.\n", "L'indifferenza è un secondo naufragio", "Samuele Ade-Bayo"),
    # 'Il difetto, spiega, …': Italian's article, not French's 'il' (he), before a verb that drops
    # its subject, here a woman's
    ("Maria Cor-Vi, nipote del fondatore, ha registrato un videomessaggio. Il difetto, spiega, si trova nel "
     "«separatore», la membrana della cella.\n", "separatore", "Maria Cor-Vi"),
    # an Italian first name says a woman: 'he' is the minister, not the prime minister named after him
    ("But within hours Italy's interior minister Raffaele Cor-Vino, a close ally of Prime Minister Giulia "
     "Ansel-Mi, hit back in a lengthy post on X.\n\nWhile praising the Coast Guard, he repeated his claim that "
     "charity rescue ships act as a “taxi service for traffickers” and insisted Italy would not be lectured.\n",
     "taxi service for traffickers", "Raffaele Cor-Vino"),
    # an article ends no name, and alone names nobody: 'su X. La portavoce: «…»'
    ("La replica del ministro Cor-Vino su X. La portavoce: nessuna polemica.\n\nLa portavoce: «Parlava per i "
     "morti»\n", "Parlava per i morti", None),
    # a headline's topic, then a bare role: "… closure live: transport secretary says"
    ("Runway closure live: transport secretary says \"those responsible will be held to account\"\n\nBy Jo Reed\n\n"
     "Transport Secretary Catherine Ell-Wood told MPs the closure was unacceptable.\n",
     "those responsible will be held to account", "Catherine Ell-Wood"),
    # '"…," he replied' after "X has asked Mr Y how …": the one asked answers
    ("Greengate chief executive Gavin Rour-Ke appeared first.\n\nSenator Tamsin Kerr-Igan has asked Mr Rour-Ke how "
     "Greengate could justify a profit that “rose 14 per cent last year”.\n\n“Our profit grew because more "
     "Australians chose to shop with us,” he replied.\n",
     "Our profit grew because more Australians chose to shop with us,", "Gavin Rour-Ke"),
    # 'Doug' is a man: "she" is not the owner named in the clause before it
    ("Mayor Teresa Villa-Nueva took a victory lap at City Hall.\n\nAsked what happens if Doug Ferr-Ante, 71, sells "
     "the team, she said the lease transfers to any buyer. “Nobody gets to buy this team and move it,” she said.\n",
     "Nobody gets to buy this team and move it,", "Teresa Villa-Nueva"),
    # an office, its department in lower case, then the holder: "VP of engineering Rohan Mehtani"
    ("Celeste Var-Ga apologised on Monday.\n\nVP of engineering Rohan Meh-Tani was just as candid in the report, "
     "admitting \"we didn't catch that circular dependency in testing.\"\n",
     "we didn't catch that circular dependency in testing.", "Rohan Meh-Tani"),
    # a plain-text page's masthead in capitals is nobody: "the chief" of the headline is not it
    ("THE CITY COURANT\nCompanies | Technology\n\nNimbara chief admits ‘our failure’ as regulator demands answers\n\n"
     "By Jo Reed\n\nThe outage froze payments for nine hours.\n", "our failure", None),
    # a pronoun inside the words quoted after a name says nothing of its gender: 'Strand put it:
    # “He knows …”' leaves Strand a possible "she"
    ("Lt. Gov. Dana Holl-Is spoke first.\n\nAs Colleen Str-And put it afterward: “He knows how to read a budget. "
     "He just doesn't like what this one says.”\n\nShe also reminded viewers that “mayors don't get to make "
     "speeches instead of fixing things,” which sounds like a bumper sticker.\n",
     "mayors don't get to make speeches instead of fixing things,", "Colleen Str-And"),
    # after an opening clause the subject is a lower-case pronoun: "Speaking at …, she said Lumora …"
    ("\"The Act is not a suggestion,\" antitrust chief Ilse Vanden-Berghe said.\n\nSpeaking at a news conference, "
     "she said Lumora had hidden the links. \"Lumora defeated its purpose,\" she said.\n",
     "Lumora defeated its purpose,", "Ilse Vanden-Berghe"),
    # "when asked" is a clause of time: "adding" is the main verb's, the speaker's
    ("\"Nobody pays a fine if they follow the rules,\" Ilse Vanden-Berghe told reporters when asked about the "
     "criticism, adding: \"we enforce our laws in Europe.\"\n", "we enforce our laws in Europe.", "Ilse Vanden-Berghe"),
    # "Consumer group European Consumer Voice said": the body its kind introduces
    ("Consumer group European Consumer Voice welcomed the decision but said fines alone \"won't fix this\" for "
     "shoppers.\n", "won't fix this", "European Consumer Voice"),
    # German: 'Laut X' is 'according to X', and the subject follows its verb ('antwortete sie')
    ("Laut Ilse Vanden-Berghe brachen die Warnungen den Kauf ab. „Lumora hat das Gesetz umgangen“, sagte sie. "
     "Auf die Frage eines Journalisten antwortete sie auf Englisch: \"Nobody pays a fine if they follow the "
     "rules.\"\n", "Nobody pays a fine if they follow the rules.", "Ilse Vanden-Berghe"),
    # two appositions between the name and its verb: where they work, and a relative clause
    ("\"We are seeing it, and it has water in it,\" Dr Anjali Venka-Tesan, of Whitmore University in Boston, who "
     "led the study, said.\n", "We are seeing it, and it has water in it,", "Anjali Venka-Tesan"),
    # an organisation's letters after an article: "La TDEM" is the TDEM
    ("La TDEM también advirtió en la red social X: “Si usted evacuó, no regrese todavía”.\n",
     "Si usted evacuó, no regrese todavía", "TDEM"),
    # a British paper's shortened police ranks
    ("Det Insp Amanda Rowe is leading the inquiry.\n\n\"We believe this was a targeted attack,\" Det Insp Amanda "
     "Rowe said.\n", "We believe this was a targeted attack,", "Amanda Rowe"),
]


def _speakers(text: str) -> list[str | None]:
    """The speakers the pipeline finds the article crediting with the quotations of `text`, in
    order (fixtures/forms sources)."""
    return [_credited(f) for f in _PIPE.check_text(text).findings]


def _speaker_of(text: str, quote: str) -> str | None:
    """The speaker the pipeline finds the article crediting with `quote` (fixtures/forms sources)."""
    return {f.quotation.text: _credited(f) for f in _PIPE.check_text(text).findings}[quote]


@pytest.mark.parametrize("text, quote, speaker", _KIN_CASES + _LABEL_CASES + _AGE_CASES)
def test_descriptions_kin_and_titles_name_the_speaker(text: str, quote: str, speaker: str | None) -> None:
    assert _speaker_of(text, quote) == speaker


_COURT_POOL_CASES = [
    # the speaker in the next sentence: '"…" That was how Jane Doe, the mayor, put it.'
    ("Judge Ana Ruiz ruled on Monday. \"We never saw the cameras.\" That was how Leo Marsh, a plaintiff, put it.\n",
     "We never saw the cameras.", "Leo Marsh"),
    # "The lawsuit alleges" / "According to the complaint,": the filing's words, not the judge's just before
    ("\"The rule is void,\" Judge Ana Ruiz wrote.\nThe lawsuit alleges that the city \"ignored every warning.\"\n",
     "ignored every warning.", None),
    ("\"The rule is void,\" Judge Ana Ruiz wrote.\nAccording to the complaint, the files were kept \"for years.\"\n",
     "for years.", None),
    # the pool's "POTUS said" is the president the story names
    ("President Arthur Hale toured the mill.\nAsked about prices, POTUS said, \"Prices are coming down.\"\n",
     "Prices are coming down.", "Arthur Hale"),
    # "Sen. X (R-Ohio), who traveled with POTUS, called …": the senator, not the last name before the verb
    ("President Arthur Hale toured the mill.\nSen. Raymond Koch (R-Ohio), who traveled with POTUS, called the visit "
     "\"a great day for the valley.\"\n", "a great day for the valley.", "Raymond Koch"),
    # an Instagram caption
    ("Mira Solano posted on Sunday.\n\"I'm done apologizing,\" she captioned a photo of herself.\n",
     "I'm done apologizing,", "Mira Solano"),
    # a description, then the name set off by commas
    ("Dr. Helen Osei led the study.\n\"Do not skip your medication,\" the agency's chief medical officer, "
     "Dr. Paula Grant, told reporters.\n", "Do not skip your medication,", "Paula Grant"),
    # "the company" is the organisation the story's apposition names ("tools company Quillstack")
    ("Developer tools company Quillstack paused the tool.\nIn a blog post, the company said a bug had "
     "\"exposed private code.\"\n", "exposed private code.", "Quillstack"),
    # "the post said" opening a paragraph: the post named in the paragraph before
    ("Developer tools company Quillstack paused the tool.\nIn a blog post, the company said a bug had "
     "\"exposed private code.\"\n\"We take full responsibility,\" the post said.\n",
     "We take full responsibility,", "Quillstack"),
    # a colon hands the sentence to the quotation: its subject, a surname the story introduced
    ("Janet Marlow won.\n\"We start tomorrow,\" said Derek Sloane.\nAsked about her first priority, Marlow did not "
     "hesitate: \"Fixing the buses.\"\n", "Fixing the buses.", "Janet Marlow"),
]


@pytest.mark.parametrize("text, quote, speaker", _COURT_POOL_CASES)
def test_filings_pool_shorthand_captions_and_late_speakers(text: str, quote: str, speaker: str | None) -> None:
    assert _speaker_of(text, quote) == speaker


_ROLE_FIRST_CASES = [
    # a role first, the person named by an honorific and surname in the next sentence
    ("Keldmark Foods cut its forecast.\nThe company's chief executive told analysts that shoppers were "
     "\"buying the own-label jar.\" Mr Oduya-Brandt, who took over in May, said the slide would last.\n",
     "buying the own-label jar.", "Oduya-Brandt"),
    # "according to" a role, then the name in apposition: the pronoun after is that person
    ("Nadia Kerrow said sales fell.\n\"It is temporary,\" Ms Kerrow said.\nExports held up, according to the head "
     "of its Asian arm, Tadeo Ilunga-Marsh. \"Asia is still growing,\" he said.\n",
     "Asia is still growing,", "Tadeo Ilunga-Marsh"),
    # "the spokesperson" after "a council spokesperson": that unnamed one, not the last speaker
    ("\"We lost,\" said Councillor Bryn Aldous-Eke.\nA council spokesperson said the charges start in April. "
     "\"Machines will be updated,\" the spokesperson said.\n", "Machines will be updated,", None),
    # a person the story names by first name only, then "he said": not the last man quoted
    ("\"It works,\" said Dr Emeka Thorsen-Adu.\nOne volunteer, who gave only his first name, Ketil, said he "
     "never napped. \"My wife thought I was ill,\" he said.\n", "My wife thought I was ill,", "Ketil"),
    # an opening participle clause, then "the minister, Name," as the subject: "he told MPs" is that name
    ("\"Resign,\" said Dame Philippa Oduya-Rhys.\nSpeaking in the Commons on Monday, the minister, Tobiah "
     "Fennimore-Achebe, apologised. \"I accept the findings,\" he told MPs.\n", "I accept the findings,",
     "Tobiah Fennimore-Achebe"),
    # a name after a preposition is not the verb's subject: "A source close to X said"
    ("\"I accept the findings,\" said Tobiah Fennimore-Achebe.\nA source close to Fennimore-Achebe said he "
     "had been \"badly advised.\"\n", "badly advised.", None),
    # "the prime minister's spokesman" is not the minister the story named
    ("\"I accept the findings,\" said the minister, Tobiah Fennimore-Achebe.\nThe prime minister's official "
     "spokesman said: \"He has full confidence.\"\n", "He has full confidence.", None),
    # "Name of Employer Bank said": the person, not the run of capitals with the employer
    ("Others were less kind. Jesper Kallstrom-Ndiaye of Sund Bank said the plan \"reads like a wish list.\"\n",
     "reads like a wish list.", "Jesper Kallstrom-Ndiaye"),
    # a rank of the police or fire service, and "Name of Kelderby Police": the person
    ("Detective Inspector Marisol Achterkamp-Doyle of Kelderby Police spoke first. \"It was no accident,\" she "
     "told reporters.\n", "It was no accident,", "Marisol Achterkamp-Doyle"),
    ("Station Manager Olufemi Bergqvist-Hale said crews were there for hours. \"It was defensive,\" he said.\n",
     "It was defensive,", "Olufemi Bergqvist-Hale"),
    # 'she' after a sentence about an unnamed person is that person, not the last speaker
    ("\"It was defensive,\" said Olufemi Bergqvist-Hale.\nA 34-year-old nurse who did not want to be named said "
     "she ran. \"I have never been so frightened,\" she said.\n", "I have never been so frightened,", None),
    # a wire's bare role in apposition: "Name, president of the board, told"
    ("\"We want the permit cancelled,\" Quilla Mamani-Ferreira, president of the irrigation board, told "
     "the agency.\n", "We want the permit cancelled,", "Quilla Mamani-Ferreira"),
    # a paragraph opening with '"…," she says' after one whose last sentence is about her
    ("Wenna Okri-Lusk opened the shop in 1990. She still runs it.\n\"We sell what works,\" said its landlord, Ms Ayla Brecon-Tau.\n\n"
     "There is no new lease yet. Okri-Lusk has seen the offer.\n\n\"It is very small,\" she says.\n",
     "It is very small,", "Wenna Okri-Lusk"),
    # an organisation subject past a parenthetical: not the person quoted before
    ("\"We lost,\" said Councillor Bryn Aldous-Eke.\nThe chamber of commerce, in a statement, described "
     "the vote as \"a sad day for the seafront.\"\n", "a sad day for the seafront.", None),
    # after the quotation a possessive opens the role the name is apposed to: "Acme's chief executive, Name, told"
    ("The lander tipped over.\n\n\"We landed badly,\" Meridian's chief executive, Dana Whitcombe-Oyelaran, told "
     "reporters.\n", "We landed badly,", "Dana Whitcombe-Oyelaran"),
    ("\"The dividend is safe,\" its finance chief, Zofia Amadi-Brecht, said.\n", "The dividend is safe,", "Zofia Amadi-Brecht"),
    # "the housing minister" is not the economist quoted just before: somebody else, unnamed,
    # also with a clause set off after the role
    ("\"Build,\" says economist Dr. Leena Marchetti-Oyo.\n\nThe housing minister, asked about the figures, said "
     "the plan was \"on track\" to succeed.\n", "on track", None),
    ("\"Build,\" says economist Dr. Leena Marchetti-Oyo.\n\nThe housing minister said the plan was \"on track\" to "
     "succeed.\n", "on track", None),
    # ... but "the senator", "the Democrat" of the story's senator is she
    ("\"Build,\" says Sen. Leena Marchetti-Oyo.\n\nThe senator, asked about the figures, said the plan was "
     "\"on track\" to succeed.\n", "on track", "Leena Marchetti-Oyo"),
    # ... nor when the sentence just before is about him: "Name, the manager" is "the coach" too
    ("Teams met.\n\nBram Teller-Osei, the manager, spoke first.\n\nTeller-Osei was asked about his striker. "
     "\"He is fine,\" the coach said.\n", "He is fine,", "Bram Teller-Osei"),
    # how it was said, as features and tabloids write it
    ("\"It was the best night of my life,\" beamed Rosa Fenn-Ito, 22.\n", "It was the best night of my life,",
     "Rosa Fenn-Ito"),
    ("\"We are expecting,\" Kira Dellow-Park revealed on Instagram.\n", "We are expecting,", "Kira Dellow-Park"),
    # "the congressman" is the story's "Rep. …", not the senator quoted before him; "Name of
    # Minnesota" is the person from that place
    ("\"We keep kicking the can,\" Sen. Dale Whitmore-Ide told reporters.\n\nIn the House, which passed the bill, "
     "Rep. Jordan Pike-Amos, R-Texas, said he had voted no. \"I was sent here to cut spending,\" the second-term "
     "congressman said.\n",
     "I was sent here to cut spending,", "Jordan Pike-Amos"),
    ("Rep. Gunnar Halvorsen of Minnesota was guarded. \"She's capable,\" Halvorsen said.\n", "She's capable,",
     "Gunnar Halvorsen"),
]


@pytest.mark.parametrize("text, quote, speaker", _ROLE_FIRST_CASES)
def test_roles_named_later_and_unnamed_voices(text: str, quote: str, speaker: str | None) -> None:
    assert _speaker_of(text, quote) == speaker


_SOUND_BITES_AND_ROLES = [
    # a list of sound bites, each labelled with its speaker (the label opens the line)
    ("Here is what I pulled from the release:\n\n- Tomas Hale-Ono: \"We will build the bridge by May.\"\n"
     "- Hale-Ono on costs: \"Every cent is accounted for.\"\n"
     "- Lead investigator Dr. Mira Achter-Berg: \"The data are clear.\"\n",
     {"We will build the bridge by May.": "Tomas Hale-Ono", "Every cent is accounted for.": "Tomas Hale-Ono",
      "The data are clear.": "Mira Achter-Berg"}),
    # ... but "Marchbank tells MPs:" is no label: a verb and its object
    ("Helen March-Bank spoke at noon.\n\nMarch-Bank tells MPs: \"The hon. Lady is right.\"\n",
     {"The hon. Lady is right.": "Helen March-Bank"}),
    # a title-case headline's capitals name nobody; a lower-case role before a titled name
    ("Just Another Amyloid Drug? I Am Adding Before The Filing\n\nChief medical officer Dr. Renata Sol-Berg wasted "
     "no time on the call. She said the drug \"beat placebo on every endpoint,\" which matters.\n",
     {"beat placebo on every endpoint,": "Renata Sol-Berg"}),
    # a party tag between the name and its description
    ("Sen. Luis Arre-Dondo, D-N.M., the committee’s ranking Democrat, asked whether the nominee had “fully "
     "divested” from the firm.\n", {"fully divested": "Luis Arre-Dondo"}),
    # "Helms’ camp" (a plural's possessive) is somebody else than Helms
    ("Grant Helms sued the singer. His lawyer, Nathan Hol-Lis, asked the questions.\n\nHelms’ camp wasn’t "
     "feeling the love. Speaking to reporters, Hol-Lis said the jury had heard the truth.\n\n“She has a huge "
     "platform,” he said.\n",
     {"She has a huge platform,": "Nathan Hol-Lis"}),
    # a first name weighs more than one pronoun opening the next sentence ("Her answer?" is the
    # witness's, not the lawyer's)
    ("Ana Talia-Ro testified for two hours.\n\nNathan Hol-Lis pressed her on the audit. Her answer was short.\n\n"
     "Nathan Hol-Lis sat down. \"We are done here,\" he said.\n", {"We are done here,": "Nathan Hol-Lis"}),
]


_SOUND_BITES_AND_ROLES += [
    # a sentence's opening conjunction is no part of the name; a byline's role is nobody
    ("Fans Cheer New Striker\n\nBy DANNY WELLS, Chief Football Writer\n\nBoss Niall Har-Greaves was all smiles. "
     "And Har-Greaves revealed: \"He looked sharp.\"\n\n\"Mateus will run all day,\" he said.\n",
     {"He looked sharp.": "Niall Har-Greaves", "Mateus will run all day,": "Niall Har-Greaves"}),
    # French: the name set off after the role the verb introduces
    ("« On veut une date, pas une promesse », a réagi le maire de Québec, Bruno Lava-Llée, en entrevue.\n\n"
     "« Ottawa envoie un message clair », a déclaré la porte-parole bloquiste en matière de transports, Sylvie "
     "Gagnon-Roy, dans un communiqué.\n",
     {"On veut une date, pas une promesse": "Bruno Lava-Llée", "Ottawa envoie un message clair": "Sylvie Gagnon-Roy"}),
    # a Q&A list: each question is the reporters', each answer the one the line above introduces
    ("Fire Chief Raymond Or-Tiz spoke at 8 p.m.\n\nReporters pressed Or-Tiz on several points. Here's what he "
     "said:\n\nIs Hadley going to burn? \"I'm not going to say that.\"\n\nAny injuries? \"One firefighter was "
     "treated.\"\n", {"I'm not going to say that.": "Raymond Or-Tiz", "One firefighter was treated.": "Raymond Or-Tiz"}),
]

_SOUND_BITES_AND_ROLES += [
    # a description after the name with "with" ("launch weather officer with the 45th Squadron")
    ("\"Winds look good,\" Capt. Nora Lind-Ahl, launch weather officer with the 45th Weather Squadron, said.\n",
     {"Winds look good,": "Nora Lind-Ahl"}),
    # whose call it was: the owner of a speech noun; then "she said" is she
    ("Tobias Wren-Ash posted on X.\n\nOn the net, launch director Mara Quin-Tero's call came seconds later: "
     "\"Hold, hold, hold.\"\n\n\"We have an abort,\" she said.\n",
     {"Hold, hold, hold.": "Mara Quin-Tero", "We have an abort,": "Mara Quin-Tero"}),
]

_SOUND_BITES_AND_ROLES += [
    # a Spanish participle opening the sentence is no name: the subject after it speaks
    ("La presidenta Lucía Barra-Gán habló el jueves.\n\nCuestionada por una reportera sobre si Washington lo "
     "había pedido, Barra-Gán fue tajante: «No. Eso no está sobre la mesa».\n",
     {"No. Eso no está sobre la mesa": "Lucía Barra-Gán"}),
]

_SOUND_BITES_AND_ROLES += [
    # a bold sound bite signed after a double hyphen
    ("THE QUOTES THAT MATTER\n\n- **\"Demand continues to outrun supply.\"** -- CEO Henrik Sol-Berg, in prepared "
     "remarks\n- **\"Margins will recover.\"** -- Nwo-Su\n", {"Demand continues to outrun supply.": "Henrik Sol-Berg"}),
]

_SOUND_BITES_AND_ROLES += [
    # a board's and a company's titles before the name are no part of it
    ("\"We heard every parent,\" said Trustee Greg Kess-Ler.\n\n\"That is on us,\" Chief Executive Dana "
     "Whit-Field said.\n", {"We heard every parent,": "Greg Kess-Ler", "That is on us,": "Dana Whit-Field"}),
]

_SOUND_BITES_AND_ROLES += [
    # a tabloid's subhead in capitals: its subject opens it, and the rest is no name
    ("Sienna Vale-Ro and Theo Mar-Chetti have split.\n\nTHEO BREAKS HIS SILENCE: ‘I’LL BE CHEERING FOR HER’\n\n"
     "Mar-Chetti, 30, spoke on his podcast.\n", {"I’LL BE CHEERING FOR HER": "Theo Mar-Chetti"}),
]

_SOUND_BITES_AND_ROLES += [
    # "Then Name, her role, took the floor": a conjunction, then the subject; "she began" speaks
    ("COP president Tomás Ribe-Ira turned to the delegations. “Your voices are in this text,” he said.\n\n"
     "Then Salote Naka-Rawa, Nalau’s lead negotiator, took the floor. “Mr President, we will not block this "
     "decision,” she began.\n", {"Mr President, we will not block this decision,": "Salote Naka-Rawa"}),
]

_SOUND_BITES_AND_ROLES += [
    # "what it called": the organisation the sentence is about
    ("On Wednesday the NBA suspended the guard one game for what it called \"recklessly shoving\" a rival.\n",
     {"recklessly shoving": "NBA"}),
]

_SOUND_BITES_AND_ROLES += [
    # a list item's bullet before an opening participle clause
    ("Coach Marcus Rid-Ley spoke after the game.\n\nSERIES NOTES\n\n- Asked whether Markovic would play, Rid-Ley "
     "said he was \"sore\" but added: \"I would be shocked if you could keep him off the floor.\"\n",
     {"I would be shocked if you could keep him off the floor.": "Marcus Rid-Ley"}),
]

_SOUND_BITES_AND_ROLES += [
    # a member known by a seat ("the Galway West TD") is a role, not a name
    ("Sinn Féin housing spokesman Pádraig Flah-Erty said the Government had failed.\n\n\"Every year the number goes "
     "up,\" the Galway West TD said.\n", {"Every year the number goes up,": "Pádraig Flah-Erty"}),
    # the subject of the clause a colon ends, opening its sentence (a pronoun too)
    ("“It is over,” said her publicist, Carla Men-Des. Sienna Vale-Ro posted a caption on Wednesday. She closed with "
     "a promise to step back: “I am going to take a little time offline.”\n",
     {"I am going to take a little time offline.": "Sienna Vale-Ro"}),
    # ... and a member's or an honour's letters after a full name are no part of it
    ("\"We will vote against it,\" Mary Cox-Ray MP said.\n\n\"It is wrong,\" said Sir Ed Dav-Ey KC MP.\n",
     {"We will vote against it,": "Mary Cox-Ray", "It is wrong,": "Ed Dav-Ey"}),
]


@pytest.mark.parametrize("text, want", _SOUND_BITES_AND_ROLES)
def test_sound_bites_labels_and_roles(text: str, want: dict[str, str]) -> None:
    findings = _PIPE.check_text(text).findings
    speakers = {f.quotation.text: f.quotation.speaker for f in findings}
    assert {q: speakers.get(q) for q in want} == want
    assert all(f.quotation.kind == "inline" for f in findings)   # no line taken for a block quotation


def _checked(tmp_path: Path, text: str, *sources: str) -> list:
    """The findings of `text` checked against a library of the given source files (each a whole
    file: header, `---`, text; named by its id)."""
    src = tmp_path / "sources"
    src.mkdir()
    for body in sources:
        (src / (body.split("\n", 1)[0].removeprefix("id: ") + ".txt")).write_text(body, encoding="utf-8")
    return list(Pipeline.from_dir(src, brute_force=True).check_text(text).findings)


def test_an_organisation_speaking_in_its_own_name_keeps_that_name(tmp_path: Path) -> None:
    """A source whose speaker is its organization ("NASA") is an organisation speaking: "NASA"
    is not shortened from "NASA CIRRUS" of "NASA CIRRUS mission", and "the agency said" after
    it is that organisation, not the company of the person quoted before."""
    text = ("The NASA CIRRUS mission waits.\n\n\"The vehicle is safe, and the team is safe,\" launch director Mara "
            "Quin-Tero said.\n\nNASA, in a blog update, said \"the countdown system performed as designed.\" "
            "\"NASA will keep working with the company before another attempt,\" the agency said.\n")
    found = {f.quotation.text: f for f in _checked(
        tmp_path, text,
        "id: blog\nspeaker: NASA\norganization: NASA\nkind: release\n---\nThe countdown system performed as "
        "designed. NASA will keep working with the company before another attempt.\n",
        "id: web\nspeaker: Mara Quin-Tero\norganization: Ridgeline Aerospace\nkind: transcript\n---\nThe vehicle "
        "is safe, and the team is safe.\n")}
    assert found["the countdown system performed as designed."].quotation.speaker == "NASA"
    last = found["NASA will keep working with the company before another attempt,"]
    assert (last.quotation.speaker, last.verdict) == ("NASA", "exact")


def test_a_wire_slug_a_bank_of_and_a_statement_named_the_paragraph_before(tmp_path: Path) -> None:
    """'UPDATE 3-Bank of Canada cuts rate, says …' is the bank (its governor's statement); 'the
    bank said' is the Bank of Canada; '"…," the statement said' under 'X conceded defeat in a
    written statement' is X's."""
    text = ("UPDATE 3-Bank of Canada cuts rate, says tariffs 'weighing heavily' on economy\n\n"
            "OTTAWA (Wire) - The Bank of Canada cut its key rate on Wednesday.\n\n"
            "\"Business investment is weak, and firms are postponing hiring,\" the bank said in its rate announcement.\n\n"
            "Prime Minister Grant Hallo-Way conceded defeat in a written statement shortly after 10.30pm.\n\n"
            "“New Zealanders have spoken, and I respect their decision,” the statement said.\n")
    sp = {f.quotation.text: f.quotation.speaker for f in _checked(
        tmp_path, text, "id: rate\nspeaker: Helena Bris-Ebois\norganization: Bank of Canada\nkind: release\n---\n"
        "Tariffs are weighing heavily on the economy. Business investment is weak, and firms are postponing hiring.\n")}
    assert sp["weighing heavily"] == "Helena Bris-Ebois"
    assert sp["Business investment is weak, and firms are postponing hiring,"] == "Helena Bris-Ebois"
    assert sp["New Zealanders have spoken, and I respect their decision,"] == "Grant Hallo-Way"


def test_a_possessive_role_after_the_name_and_an_agency_by_its_letters(tmp_path: Path) -> None:
    """'Dr. Renata Sol-Berg, Halvern's chief medical officer, said'; '"…," the FTA said' is the
    organisation those letters stand for, and 'the agency said' after it is the same one."""
    text = ("\"These results are a turning point,\" Dr. Renata Sol-Berg, Halvern's chief medical officer, said.\n\n"
            "Halvern plans to ask the Federal Therapeutics Administration to approve the drug.\n\n"
            "\"The agency does not comment on pending applications,\" the FTA said.\n\n"
            "\"Any application the agency receives will be reviewed on the evidence,\" the agency said in an email.\n")
    sp = {f.quotation.text: f.quotation.speaker for f in _checked(
        tmp_path, text, "id: fta\nspeaker: Jeffrey Amund-Sen\norganization: Federal Therapeutics Administration\n"
        "kind: statement\n---\nThe agency does not comment on pending applications. Any application the agency "
        "receives will be reviewed on the evidence.\n")}
    assert sp["These results are a turning point,"] == "Renata Sol-Berg"
    assert sp["The agency does not comment on pending applications,"] == "Jeffrey Amund-Sen"
    assert sp["Any application the agency receives will be reviewed on the evidence,"] == "Jeffrey Amund-Sen"


def test_an_organisation_noun_with_an_auxiliary_before_its_verb(tmp_path: Path) -> None:
    """'The department has said the rule "…"': the department named before, as with 'the
    department said'."""
    text = ("Chip stocks fell after the Commerce Department announced new export rules on Tuesday.\n\n"
            "The department has also said the rule \"closes loopholes that let chips reach end users of concern.\"\n")
    sp = {f.quotation.text: f.quotation.speaker for f in _checked(
        tmp_path, text, "id: bis\nspeaker: Lydia Far-Rant\norganization: Commerce Department\nkind: statement\n---\n"
        "The rule closes loopholes that let chips reach end users of concern.\n")}
    assert sp["closes loopholes that let chips reach end users of concern."] == "Lydia Far-Rant"


def test_a_run_of_capitals_with_a_figure_is_no_person(tmp_path: Path) -> None:
    """'Corvane Q4 takeaways: “…”' under a site's menus: a company's quarter, not somebody named
    'Corvane Q4' (who would make the chief executive's own words misattributed)."""
    text = ("The Die Shot\nHome > Earnings > Corvane\n\nCorvane Q4 takeaways: \"Every wafer we can get, we can sell\"\n\n"
            "By Kai Lind-Qvist | February 9, 2028\n\nCorvane printed another record quarter.\n")
    f, = _checked(tmp_path, text, "id: call\nspeaker: Henrik Sol-Berg\norganization: Corvane\nkind: transcript\n---\n"
                  "Every wafer we can get, we can sell. Demand is not the problem.\n")
    assert f.quotation.speaker != "Corvane Q4"
    assert f.verdict == "exact"


def test_an_unnamed_spokesperson_speaks_for_the_organisations_one_voice(tmp_path: Path) -> None:
    """'a Lumora spokesperson said' and 'the spokesperson said' after it: the one speaker of
    Lumora's statements (the spokesperson the statement names, not the story); but a
    'Transportation Department spokesperson' is not the secretary the story itself quotes."""
    text = ("Transportation Secretary Marcus Il-Unga said the agency was watching closely.\n\n"
            "\"We strongly disagree with the decision and we will appeal,\" a Lumora spokesperson said.\n\n"
            "\"This decision ignores the real risks to privacy,\" the spokesperson said.\n\n"
            "A Transportation Department spokesperson said the agency \"is monitoring compliance closely.\"\n")
    sp = {f.quotation.text: f.quotation.speaker for f in _checked(
        tmp_path, text,
        "id: lumora\nspeaker: Caroline Mer-Tens\norganization: Lumora Inc.\nkind: statement\n---\n"
        "We strongly disagree with the decision and we will appeal. This decision ignores the real risks to privacy.\n",
        "id: dot\nspeaker: Marcus Il-Unga\norganization: Department of Transportation\nkind: post\n---\n"
        "The airline stranded thousands of travelers today.\n")}
    assert sp["We strongly disagree with the decision and we will appeal,"] == "Caroline Mer-Tens"
    assert sp["This decision ignores the real risks to privacy,"] == "Caroline Mer-Tens"
    assert sp["is monitoring compliance closely."] is None


def test_a_name_after_a_place_based_description(tmp_path: Path) -> None:
    """'Her lawyer, the Los Angeles-based Paul Bren-Nerman, who …, wrote … accusing the tribunal
    of ignoring “…”': the name set in apposition, without its description; 'producer Lucía
    Bena-Vídez of Buenos Aires-based Delta Sur Films' is the producer, not her company."""
    text = ("The tribunal banned the sprinter for four years.\n\n"
            "Her lawyer, the Los Angeles-based Paul Bren-Nerman, who has represented several athletes in such cases, "
            "wrote to the unit on Tuesday accusing the tribunal of ignoring 'uncontroverted evidence that meat in the "
            "region is contaminated'.\n\n"
            "“We had offers to cut it to two hours,” said producer Lucía Bena-Vídez of Buenos Aires-based Delta Sur Films.\n")
    sp = {f.quotation.text: f.quotation.speaker for f in _checked(
        tmp_path, text, "id: letter\nspeaker: Paul Bren-Nerman\nkind: letter\n---\nThe decision ignores "
        "uncontroverted evidence that meat in the region is contaminated.\n")}
    assert sp["uncontroverted evidence that meat in the region is contaminated"] == "Paul Bren-Nerman"
    assert sp["We had offers to cut it to two hours,"] == "Lucía Bena-Vídez"


def test_the_chamber_in_a_clause_of_its_own(tmp_path: Path) -> None:
    """'a relief fund that the chamber rightly calls “…”': the Port Delgado Chamber of Commerce named
    before (an organisation, its noun inside its name), so its release's named speaker."""
    text = ("Mayor Elaine Tru-Jillo promised to \"balance the budget on the backs of business.\"\n\n"
            "Martin Kes-Sel of the Port Delgado Chamber of Commerce put it plainly: \"Our small restaurants will absorb "
            "this.\" The city's answer is a relief fund that the chamber rightly calls \"a rounding error.\"\n")
    sp = {f.quotation.text: f.quotation.speaker for f in _checked(
        tmp_path, text, "id: chamber\nspeaker: Martin Kes-Sel\norganization: Port Delgado Chamber of Commerce\n"
        "kind: release\n---\nOur small restaurants will absorb this. The relief fund is a rounding error.\n",
        "id: mayor\nspeaker: Elaine Tru-Jillo\norganization: City of Port Delgado, Office of the Mayor\nkind: statement"
        "\n---\nWe will balance the budget on the backs of business.\n")}
    assert sp["a rounding error."] == "Martin Kes-Sel"


def test_a_full_name_right_before_a_headlines_colon_speaks(tmp_path: Path) -> None:
    """'Leone d'oro all'argentino Mateo Fer-Rán: «…»': the person the sources name, right before
    the colon, not the headline's first word ('Leone', the lion, capitalised)."""
    text = ("Leone d'oro all'argentino Mateo Fer-Rán: «Il cinema non può fermare un fiume»\n\nIl Leone d'oro va "
            "al regista argentino.\n")
    f, = _checked(tmp_path, text, "id: speech\nspeaker: Mateo Fer-Rán\nkind: transcript\n---\nCinema cannot stop "
                  "a river.\n")
    assert f.quotation.speaker == "Mateo Fer-Rán"


def test_a_family_speaks_through_the_tribute_issued_for_it(tmp_path: Path) -> None:
    """'His family said: “…”' and '“…,” the family said': the tribute the police issued for the
    family, in its named author's name; 'a source close to the family' is nobody's family."""
    text = ("Kieran, 19, had just finished his first year at college.\n\n"
            "His family said: \"We would like to thank the people who stopped to help Kieran that night.\"\n\n"
            "\"He would do anything for anyone,\" the family said.\n\n"
            "A source close to the family told the paper: \"They are devastated.\"\n")
    sp = {f.quotation.text: f.quotation.speaker for f in _checked(
        tmp_path, text, "id: tribute\nspeaker: Lisa Mol-Loy\norganization: Northamptonshire Police (issued on behalf "
        "of the family)\nkind: statement\n---\nHe would do anything for anyone. We would like to thank the people "
        "who stopped to help Kieran that night.\n")}
    assert sp["We would like to thank the people who stopped to help Kieran that night."] == "Lisa Mol-Loy"
    assert sp["He would do anything for anyone,"] == "Lisa Mol-Loy"
    assert sp["They are devastated."] is None


def test_a_fact_box_of_quoted_lines_under_what_the_memo_said() -> None:
    """A wire's fact box: 'WHAT THE MEMO SAID' over a list of quoted lines is the memo's author."""
    for opening in ("Quillpoint chief executive Adrian Fel-Dman", "Co-founder and CEO Adrian Fel-Dman"):
        # (titles only before 'and', then the name: the name is the subject, not "Co-founder")
        text = (f"{opening} told staff in a memo on Tuesday that 1,420 jobs would go.\n\n"
                "Shares fell 6 per cent.\n\nWHAT THE MEMO SAID\n\n- \"That was my mistake, not yours.\"\n"
                "- \"I started this company in a basement with two friends.\"\n")
        sp = {f.quotation.text: f.quotation.speaker for f in _PIPE.check_text(text).findings}
        assert sp["That was my mistake, not yours."] == "Adrian Fel-Dman"
        assert sp["I started this company in a basement with two friends."] == "Adrian Fel-Dman"


def test_an_organisations_own_name_is_not_its_products(tmp_path: Path) -> None:
    """'Auralis has said …' after 'content generated by Auralis Muse': Auralis, Inc. (the name the
    sources give it), not its product, whose words would then be misattributed."""
    text = ("The order bars content generated by Auralis Muse or any similar system.\n\n"
            "Auralis has said that its agreements \"permit the uses at issue,\" and it will appeal.\n")
    f, = _checked(tmp_path, text, "id: auralis\nspeaker: Kendra Ostrow-Ski\norganization: Auralis, Inc.\nkind: statement"
                  "\n---\nThe agreements that govern our catalog permit the uses at issue.\n")
    assert (f.quotation.speaker, f.verdict) == ("Kendra Ostrow-Ski", "truncated")


def test_a_headline_under_a_sites_menus_and_words_spoken_without_a_verb_of_saying() -> None:
    """A headline under the site's name and menus still quotes the story's speaker; a quotation
    paragraph after 'Lind-Qvist, her voice breaking, spoke about …' is hers."""
    text = ("Brennan County Herald\n\nNews | Sports | Obituaries | Opinion\n\n‘He made sure it was a kind one’: "
            "Hundreds gather to remember bus driver\n\nBy Rachel Haug-Land, Herald staff writer\n\n"
            "“This gym has never been this full,” Mayor Teresa Lind-Qvist told the crowd.\n\n"
            "Lind-Qvist, her voice breaking at times, spoke about the man many knew as Mr. Huff-Man.\n\n"
            "“Dale was the first face our children saw every morning, and he made sure it was a kind one.”\n")
    sp = {f.quotation.text: f.quotation.speaker for f in _PIPE.check_text(text).findings}
    assert sp["Dale was the first face our children saw every morning, and he made sure it was a kind one."] \
        == "Teresa Lind-Qvist"
    assert sp["He made sure it was a kind one"] == "Teresa Lind-Qvist"


def test_a_headline_quoting_words_the_story_gives_by_continuation() -> None:
    """The headline's words are in a quotation that continues the speaker's (a 'float' cue):
    still theirs."""
    text = ("“The money is there”: nurses walk out at Northshore\n\n"
            "“We did not want to be out here today,” said union president Denise Oc-Ampo.\n\n"
            "“The money is there. What isn’t there is respect.”\n")
    sp = {f.quotation.text: f.quotation.speaker for f in _PIPE.check_text(text).findings}
    assert sp["The money is there. What isn’t there is respect."] == "Denise Oc-Ampo"
    assert sp["The money is there"] == "Denise Oc-Ampo"


def test_a_companys_short_name_is_the_company_not_its_staffs_association(tmp_path: Path) -> None:
    """'Skyvale said' after both 'Skyvale Airlines' and 'Skyvale Pilots Association' are named:
    the airline (whose statement it is), not the pilots' association named last."""
    text = ("Skyvale Airlines cancelled 1,200 flights on Monday. The Skyvale Pilots Association said its members "
            "were ready.\n\nSkyvale said it had \"a technology outage affecting our crew scheduling system.\"\n")
    f = _checked(tmp_path, text,
                 "id: adv\nspeaker: Priya Nata-Rajan\norganization: Skyvale Airlines\nkind: release\n---\nWe "
                 "experienced a technology outage affecting our crew scheduling system.\n",
                 "id: spa\nspeaker: Rick Sala-Zar\norganization: Skyvale Pilots Association\nkind: statement\n---\n"
                 "Our pilots were ready to fly.\n")[-1]
    assert (f.quotation.speaker, f.verdict) == ("Priya Nata-Rajan", "truncated")


def test_a_subhead_further_down_quotes_the_speaker_of_the_lines_after_it() -> None:
    """A live page's entry heading, "Councillor 'must consider his position' - opposition", quotes
    words the lines after it give with their speaker."""
    text = ("Live: council latest\n\nEdited by Joanna Pryce\n\n" + "Earlier updates were posted here.\n\n" * 30 +
            "17:02 GMT\n\nCouncillor 'must consider his position' - opposition\n\n"
            "The opposition leader, Sandra Bo-We, said the councillor \"must consider his position\" after the hearing.\n")
    sp = [(f.quotation.text, f.quotation.speaker) for f in _PIPE.check_text(text).findings]
    assert sp == [("must consider his position", "Sandra Bo-We"), ("must consider his position", "Sandra Bo-We")]


_PORTUGUESE_AND_EPITHET_CASES = [
    # Portuguese: the verb before its subject ('disse Mendes-Lima no palco da Arena Norte': a place
    # after "no", not a title), and a dropped subject at the sentence's end ('“…”, escreveu.')
    ("O rapper Caio Mendes-Lima venceu o prêmio.\n\n“Esse álbum foi tocado um bilhão de vezes”, disse Mendes-Lima "
     "no palco da Arena Norte.\n", "Esse álbum foi tocado um bilhão de vezes", "Caio Mendes-Lima"),
    ("O rapper Caio Mendes-Lima venceu o prêmio.\n\nNa segunda-feira, Mendes-Lima voltou ao assunto no Instagram. "
     "“Não retiro nenhuma palavra”, escreveu.\n", "Não retiro nenhuma palavra", "Caio Mendes-Lima"),
    # "The 29-year-old told …" before anybody is quoted: the person the story is about
    ("Marcus Castel-Mont won album of the year.\n\nThe 29-year-old told the crowd that the labels \"took our music "
     "and gave us the basement.\"\n", "took our music and gave us the basement.", "Marcus Castel-Mont"),
    # "The Paper Crowns hitmaker": an album's title qualifying a noun is nobody ("for Paper Crowns"
    # does not make it a name either)
    ("Marcus Castel-Mont won album of the year for Paper Crowns.\n\nThe Paper Crowns hitmaker did not stop there. He "
     "even cracked: \"If you are listening, you are listening to everything.\"\n",
     "If you are listening, you are listening to everything.", "Marcus Castel-Mont"),
    # a newsletter's section label in capitals, and a blog's "LOL", are not who a pronoun means
    ("THE PUSHBACK: Lead author Jules Tes-Saro disputes the retraction. He says the right fix was \"a correction "
     "with a re-analysis,\" which he offered.\n", "a correction with a re-analysis,", "Jules Tes-Saro"),
    ("Marcus Castel-Mont won album of the year.\n\nDid the star apologize? LOL no. On Instagram, he told fans he "
     "\"meant every single word.\"\n", "meant every single word.", "Marcus Castel-Mont"),
]


@pytest.mark.parametrize("text, quote, speaker", _PORTUGUESE_AND_EPITHET_CASES)
def test_portuguese_cues_epithets_and_labels(text: str, quote: str, speaker: str | None) -> None:
    assert _speaker_of(text, quote) == speaker


def test_an_organisation_by_the_first_word_of_its_name_and_a_notice_by_its_signer(tmp_path: Path) -> None:
    """'Verdance said …. It said it had "…"' is Verdance Health Plans, Inc., whose notice the sources
    give its security chief's name; 'Verdance's breach notice, signed by chief information security
    officer Tobias Rein-Holt, said' is the signer's."""
    text = ("Shares of Verdance Health Plans fell on Tuesday.\n\nVerdance said in its notice that the attackers used "
            "a vendor's login. It said it had \"no evidence that banking or payment card information was involved.\""
            "\n\nVerdance's breach notice, signed by chief information security officer Tobias Rein-Holt, said the "
            "intruders got in \"using login credentials belonging to an employee of the vendor.\"\n")
    notice = ("id: notice\nspeaker: Tobias Rein-Holt\norganization: Verdance Health Plans, Inc.\nkind: notice\n---\n"
              "The intruders got in using login credentials belonging to an employee of the vendor. We have no "
              "evidence that banking or payment card information was involved.\n")
    ceo = ("id: ceo\nspeaker: Diane Kowal-Czyk\norganization: Verdance Health Plans, Inc.\nkind: post\n---\n"
           "I am sorry. There is no excuse.\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, notice, ceo)]
    assert got == [("Tobias Rein-Holt", "truncated"), ("Tobias Rein-Holt", "truncated")]


def test_a_sketch_writers_verbs_and_a_title_named_after_it() -> None:
    """'"Order. Order," cried the Speaker, Sir Geoffrey Ains-Ley, who …': the title's holder,
    named after the comma (not whoever the title alone would stand for), by a verb of crying out."""
    text = ("Mrs Catriona Mair was not there. She had called it \"the privilege of my life\".\n\n"
            "\"Order. Order,\" cried the Speaker, Sir Geoffrey Ains-Ley, who has called the House to order for years.\n\n"
            "\"Answer the question!\" bellowed Owen Pryd-Derch.\n")
    speakers = _speakers(text)
    assert speakers == ["Catriona Mair", "Geoffrey Ains-Ley", "Owen Pryd-Derch"]


def test_a_body_named_by_its_kind_only_is_its_statements_speaker(tmp_path: Path) -> None:
    """'The union said …' in a story that names the union only as 'the FNPR': the speaker of the
    union's statement the words are found in; words of the union's found nowhere name nobody."""
    text = ("Farmers closed the A97 on Monday in a protest organised by the FNPR.\n\n"
            "The union said the deal would \"sacrifice European farmers on the altar of car exports\".\n\n"
            "\"We have buses waiting for everyone who needs to go home,\" the union said.\n")
    speech = ("id: speech\nspeaker: Thierry Vala-Dier\norganization: Fédération nationale des producteurs ruraux (FNPR)\n"
              "kind: transcript\n---\nThis deal will sacrifice European farmers on the altar of car exports.\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, speech)]
    assert got == [("Thierry Vala-Dier", "truncated"), (None, "unsourced")]


def test_an_apposed_name_with_its_affiliation_and_german_nouns_are_no_surnames() -> None:
    """'The scientist who led the study, Professor Julian Tes-Saro of Calderbrook University in the
    United States, disagrees. He says …' is the professor (not 'the scientist' taken for whoever
    spoke last); in a German article a capitalised noun opening a sentence ('Ins Rollen gebracht
    hatte den Fall …') is no surname."""
    text = ("\"We do not make this decision lightly,\" wrote the journal's editor, Dr Miriam Achter-Berg.\n\n"
            "The scientist who led the study, Professor Julian Tes-Saro of Calderbrook University in the United "
            "States, strongly disagrees. He says the problems were at three sites that \"together enrolled fewer "
            "than 8 per cent of participants\".\n")
    assert _speaker_of(text, "together enrolled fewer than 8 per cent of participants") == "Julian Tes-Saro"
    german = ("Die Zeitschrift hat die Studie zurückgezogen. Der Studienleiter bestreitet die Entscheidung und die "
              "Gründe dafür.\n\nIns Rollen gebracht hatte den Fall die Datenanalystin Anna Sol-Berg, die im Oktober "
              "auf die Werte hinwies. „Die Akten sind kopiert worden“, schrieb sie.\n")
    assert _speaker_of(german, "Die Akten sind kopiert worden") == "Anna Sol-Berg"


def test_a_dropped_subject_after_a_sentence_whose_subject_is_a_pronoun() -> None:
    """Portuguese: 'No Threads, ele lembrou que … “…”, escreveu.': the subject dropped is the
    'ele' of the sentence before (an opening 'No Threads,' is no subject), whom that 'ele' means."""
    text = ("A cantora Lucia Ferraz-Lima respondeu na segunda-feira. “Não é verdade”, disse Ferraz-Lima.\n\n"
            "Quem não gostou nada foi o rapper Deon Cas-Tillo, rival de longa data de Kane. No Threads, ele lembrou "
            "que o colega assinou um contrato. “Arrume a sua casa antes de queimar a minha”, escreveu.\n")
    assert _speaker_of(text, "Arrume a sua casa antes de queimar a minha") == "Deon Cas-Tillo"


def test_spanish_verbs_and_a_colon_after_a_spanish_clause() -> None:
    """'reclamó el dirigente' is a speech verb; 'Ante la consulta …, Montecinos fue tajante: “…”'
    hands the quotation to the clause's subject, not to the leader quoted just before."""
    text = ("La gobernadora Daniela Monte-Cinos visitó la faena.\n\n"
            "El presidente del sindicato, Patricio Go-Doy, habló con este diario. “Nadie vino a revisar”, reclamó el "
            "dirigente.\n\n"
            "Ante la consulta de este diario sobre una eventual reapertura, Monte-Cinos fue tajante: “La mina no va a "
            "reabrir hasta que estemos seguros”.\n")
    speakers = {f.quotation.text: f.quotation.speaker for f in _PIPE.check_text(text).findings}
    assert speakers == {"Nadie vino a revisar": "Patricio Go-Doy",
                        "La mina no va a reabrir hasta que estemos seguros": "Daniela Monte-Cinos"}


def test_a_block_quotations_next_paragraph_and_an_intro_with_he_said_inside(tmp_path: Path) -> None:
    """The second paragraph of a block quotation introduced by 'Here is what he said:' is his too;
    'Lumio – the sponsor of the red carpet – was, he said, watching:' introduces his words, not
    Lumio's (an organisation the sources name, which no 'he' stands for)."""
    text = ("Marcus Kane-Ray won album of the year.\n\nHere is the heart of what he said:\n\n"
            "> I'm talking about the producers. The session players.\n\n"
            "> The streaming companies built a palace out of our music.\n\n"
            "Then he named names. Lumio – the sponsor of the red carpet – was, he said, watching:\n\n"
            "> I'm not saying turn it off. I'm saying pay the people.\n")
    speech = ("id: speech\nspeaker: Marcus Kane-Ray\nkind: transcript\n---\nI'm talking about the producers. The "
              "session players. The streaming companies built a palace out of our music. I'm not saying turn it off. "
              "I'm saying pay the people.\n")
    lumio = "id: lumio\nspeaker: Priya Castel-Lanos\norganization: Lumio\nkind: statement\n---\nWe pay artists.\n"
    p = tmp_path / "feature.md"
    p.write_text(text, encoding="utf-8")
    src = tmp_path / "sources"
    src.mkdir()
    for body in (speech, lumio):
        (src / (body.split("\n", 1)[0].removeprefix("id: ") + ".txt")).write_text(body, encoding="utf-8")
    fs = Pipeline.from_dir(src, brute_force=True).check(read_document(p)).findings
    assert [f.quotation.speaker for f in fs] == ["Marcus Kane-Ray"] * 3
    assert fs[-1].verdict != "misattributed"


def test_an_exchange_printed_as_a_transcript_under_a_colon(tmp_path: Path) -> None:
    """'The exchange that mattered:' then 'PRYDDERCH: Who knew …?' and 'ASHCOMBE: Nobody knew …':
    block quotations of the record's words after each label, each the labelled person's."""
    text = ("Owen Pryd-Derch questioned Prime Minister Richard Ash-Combe. The exchange that mattered:\n\n"
            "PRYD-DERCH: Who in Downing Street knew about the shareholding, and when did they know?\n\n"
            "ASH-COMBE: Nobody in Downing Street knew about that shareholding until Monday morning.\n\n"
            "Note that the bit about Monday had gone missing by the evening.\n")
    record = ("id: pmqs\nspeaker: Richard Ash-Combe\nkind: transcript\n---\nOwen Pryd-Derch: Who in Downing Street knew "
              "about the shareholding, and when did they know?\n\nThe Prime Minister: Nobody in Downing Street knew about "
              "that shareholding until Monday morning.\n")
    got = [(f.quotation.kind, f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, record)]
    assert got == [("block", "Owen Pryd-Derch", "exact"), ("block", "Richard Ash-Combe", "exact")]


def test_a_line_or_a_riposte_is_its_owners() -> None:
    """'Pryd-Derch's best line was the one about "…"' and 'Ash-Combe's was the "nothing to hide"
    riposte': nouns of speech whose owner says the words, not whoever was quoted last."""
    text = ("Owen Pryd-Derch faced Richard Ash-Combe at the despatch box.\n\n"
            "Pryd-Derch's best line, for my money, was the one about \"a company that had never built a single "
            "classroom\". Ash-Combe's was the \"nothing to hide\" riposte, which got the loudest cheer.\n")
    speakers = _speakers(text)
    assert speakers == ["Owen Pryd-Derch", "Richard Ash-Combe"]


def test_a_q_and_a_exchange_quoted_in_a_blockquote(tmp_path: Path) -> None:
    """<blockquote><p><strong>Reporter:</strong> Should the mine reopen?</p><p><strong>Monte-Cinos:
    </strong> …</p></blockquote>: each quotation is the words after the label; the governor's are
    hers, the reporter's question nobody's (and no words of hers misquoted)."""
    page = ("<html><body><article><p>Governor Daniela Monte-Cinos spoke at the gate. Here's the exchange:</p>"
            "<blockquote class=\"qa\"><p><strong>Reporter:</strong> Should the mine reopen?</p>"
            "<p><strong>Monte-Cinos:</strong> The mine will not reopen until we are certain it is safe.</p>"
            "</blockquote></article></body></html>")
    record = ("id: presser\nspeaker: Daniela Monte-Cinos\nkind: transcript\n---\nREPORTER: Should the mine reopen?\n\n"
              "GOVERNOR MONTE-CINOS: The mine will not reopen until we are certain it is safe.\n")
    p = tmp_path / "live.html"
    p.write_text(page, encoding="utf-8")
    src = tmp_path / "sources"
    src.mkdir()
    (src / "presser.txt").write_text(record, encoding="utf-8")
    fs = Pipeline.from_dir(src, brute_force=True).check(read_document(p)).findings
    assert [(f.quotation.text, f.quotation.speaker, f.verdict) for f in fs] == [
        ("Should the mine reopen?", None, "exact"),
        ("The mine will not reopen until we are certain it is safe.", "Daniela Monte-Cinos", "exact")]


def test_a_journal_is_an_organisation_and_its_notice_its_editors(tmp_path: Path) -> None:
    """'The Meridian Journal of Medicine' is no person called Meridian (a nationality-like word
    before a name), and 'The journal said … "…"' is the journal's notice, its editor's words."""
    text = ("The Meridian Journal of Medicine retracted the study on Tuesday. The journal said the data had been "
            "copied and that \"the conclusions of this work can no longer be trusted\".\n")
    notice = ("id: notice\nspeaker: Miriam Achter-Berg\norganization: The Meridian Journal of Medicine\nkind: notice\n"
              "---\nWe have concluded that the conclusions of this work can no longer be trusted.\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, notice)]
    assert got == [("Miriam Achter-Berg", "truncated")]


def test_a_crowds_chant_and_the_premier_elect_are_not_the_premier() -> None:
    """'"…," the premier-elect told the room, as the crowd chanted "Tom-my!"': the chant is the
    crowd's (nobody named), and the premier-elect is not Premier Dianne Hol-Lister."""
    text = ("Premier Dianne Hol-Lister conceded defeat on Saturday.\n\n"
            "\"Go home, get some sleep,\" the premier-elect told a packed room, as the crowd chanted \"Tom-my! Tom-my!\"\n")
    speakers = _speakers(text)
    assert speakers == [None, None]


def test_dutch_cues() -> None:
    """Dutch: 'zei Korte-Kaas' and 'beloofde Korte-Kaas' (the verb before its subject), 'aldus de
    minister', 'volgens de burgemeester', and '„…", schreef hij, en hij noemde Defensie' (the
    pronoun, not the name after it)."""
    text = ("Burgemeester Annelies Korte-Kaas sprak donderdagavond in het stadhuis.\n\n"
            "„Dit is geen advies. Het is een bevel\", zei Korte-Kaas.\n\n"
            "„Niemand hoeft vannacht buiten te slapen\", beloofde Korte-Kaas.\n\n"
            "Minister Joris Tuin-Stra reageerde op X. „Het Rijk staat klaar met alles wat nodig is\", schreef hij, en hij "
            "noemde Defensie en Rijkswaterstaat. „Morgen ben ik ter plaatse\", aldus de minister.\n\n"
            "Volgens de burgemeester is de situatie „ernstig maar onder controle\".\n")
    speakers = _speakers(text)
    assert speakers == ["Annelies Korte-Kaas", "Annelies Korte-Kaas", "Joris Tuin-Stra", "Joris Tuin-Stra",
                        "Annelies Korte-Kaas"]


def test_a_name_with_its_service_and_a_title_that_is_a_first_name() -> None:
    """'Station manager Dean Hol-Croft of Mersey Vale Fire and Rescue Service … told' is Dean
    Hol-Croft (not 'Holcroft of Mersey Vale Fire'; 'Dean' before a lone surname is his name)."""
    text = ("Station Manager Dean Hol-Croft of Mersey Vale Fire and Rescue Service, whose crews attended, told us: "
            "\"The battery was charging in the hallway.\"\n")
    speakers = _speakers(text)
    assert speakers == ["Dean Hol-Croft"]


def test_an_allocution_introduced_and_a_long_apposition(tmp_path: Path) -> None:
    """'Harrow's allocution was short. The passage most likely to be quoted:' introduces his words
    (found in the judge's record under 'THE DEFENDANT:', not misattributed); '"…," Paul Bren-Necke,
    a former federal prosecutor now in private practice in Cincinnati, told me' is his."""
    text = ("Dennis Har-Row was sentenced on Friday.\n\nHar-Row's allocution was short. The passage most likely to be "
            "quoted:\n\n> I was trusted with your money and I stole it.\n\n"
            "\"Seventy-eight months is squarely in the middle,\" Paul Bren-Necke, a former federal prosecutor now in "
            "private practice in Cincinnati, told me by phone.\n")
    record = ("id: hearing\nspeaker: Helen Castel-Lano\norganization: U.S. District Court\nkind: transcript\n---\n"
              "THE COURT: Anything to say?\n\nTHE DEFENDANT: I was trusted with your money and I stole it.\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, record)]
    assert got == [("Dennis Har-Row", "exact"), ("Paul Bren-Necke", "unsourced")]


def test_a_body_reminding_consumers(tmp_path: Path) -> None:
    """'The PSA also reminded consumers "never to charge …"' is the Product Safety Authority's
    statement, its chief's words, not those of the fire officer quoted before."""
    text = ("\"The battery was charging in the hallway,\" Station Manager Dean Hol-Croft told us.\n\n"
            "The PSA also reminded consumers \"never to charge e-bike batteries in escape routes\".\n")
    psa = ("id: psa\nspeaker: Fiona Braith-Waite\norganization: Product Safety Authority (UK)\nkind: statement\n---\n"
           "We remind consumers never to charge e-bike batteries in escape routes such as hallways.\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, psa)]
    assert got == [("Dean Hol-Croft", "unsourced"), ("Fiona Braith-Waite", "truncated")]


def test_a_companys_first_word_two_of_its_bodies_share_and_a_notice_says(tmp_path: Path) -> None:
    """'Skyvale' when the sources hold Skyvale Airlines and the Skyvale Pilots Association is an
    organisation, not the headline's 'Skyvale Meltdown'; 'The advisory says' after 'Skyvale's
    customer advisory' is the airline's advisory, its speaker's; "…," the notice says' is the
    notice's signer's."""
    text = ("Skyvale Meltdown: What You Are Owed\n\nHere's the short version, based on Skyvale's customer advisory:\n\n"
            "- Free changes. The advisory says you can change your flight \"once without a change fee\".\n")
    advisory = ("id: adv\nspeaker: Priya Nata-Rajan\norganization: Skyvale Airlines\nkind: advisory\n---\nCustomers may "
                "change their flight once without a change fee, for travel through July 9.\n")
    pilots = ("id: spa\nspeaker: Rick Sala-Zar\norganization: Skyvale Pilots Association\nkind: statement\n---\n"
              "Our pilots were ready to fly.\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, advisory, pilots)]
    assert got == [("Priya Nata-Rajan", "truncated")]


def test_an_owners_role_then_a_name_is_the_subject() -> None:
    """'Kane's longtime nemesis David Cas-Tillo entered the chat. …' then '"…," the 31-year-old
    wrote': the rival the sentence is about, not Kane, whom the possessive only names."""
    text = ("Marcus Kane-Ray won album of the year. \"We did it,\" Kane-Ray said.\n\n"
            "And just when we thought it was over, Kane-Ray's longtime nemesis David Cas-Tillo entered the chat. The "
            "Bronx-born rapper posted on Threads that he respected the win.\n\n"
            "\"Bro signed a 360 deal and now he's preaching,\" the 31-year-old wrote.\n")
    assert _speaker_of(text, "Bro signed a 360 deal and now he's preaching,") == "David Cas-Tillo"


def test_a_headlines_bare_role_before_its_verb() -> None:
    """'Fire chief tells inquiry warning "should have gone out earlier"': a headline drops the
    article, and the fire chief is the one the story names below."""
    text = ("Fire chief tells inquiry warning \"should have gone out earlier\"\n\n"
            "Fire Chief Brendan Kea-Ly told the inquiry on Tuesday that the alerts were late.\n")
    assert _speaker_of(text, "should have gone out earlier") == "Brendan Kea-Ly"


def test_dutch_names_its_subject() -> None:
    """Dutch does not drop a known subject as Spanish does: '„…", zei een bewoner.' is a resident,
    nobody named, not the mayor the sentence before is about."""
    text = ("Burgemeester Annelies Korte-Kaas sprak donderdagavond in het stadhuis.\n\n"
            "„Het water kwam heel snel\", zei een bewoner.\n")
    assert _speaker_of(text, "Het water kwam heel snel") is None


def test_a_country_credited_with_its_envoys_words_in_a_un_record(tmp_path: Path) -> None:
    """'China said …' quoting the turn of 'Mr. Zhao Ming-Hui (China) (spoke in Chinese):' in the
    council's record is the envoy's, exact; the country is not a misattribution."""
    record = ("id: pv\nspeaker: Ingrid Hal-Vorsen\norganization: United Nations Security Council\nkind: transcript\n"
              "---\nThe President: I give the floor to the representative of China.\n\n"
              "Mr. Zhao Ming-Hui (China) (spoke in Chinese): China supports the sovereignty of all States. Dialogue "
              "and consultation are the only way out of this crisis.\n\nThe President: I thank the representative.\n")
    text = ('Council meets on border crisis\n\nSpeaking after Russia, China said "dialogue and consultation are '
            'the only way out of this crisis."\n')
    got = [(f.quotation.speaker, f.source.id if f.source else None, f.verdict) for f in _checked(tmp_path, text, record)]
    assert got == [("Zhao Ming-Hui", "pv", "exact")]


def test_capitals_qualifying_the_role_of_the_person_named_after_it() -> None:
    """'The Scottish Civic party MP Alasdair Ren-Nie, whose seat …, told … and asked why "…"': the
    MP named after his party's role words, not the party's name."""
    text = ("Ministers faced questions on Wednesday.\n\nThe Scottish Civic party MP Alasdair Ren-Nie, whose seat neighbours "
            "hers, told the Commons that the firm had closed its factory and asked why \"a company that walked away "
            "from its workers was fit to receive public money.\"\n")
    assert _speakers(text) == ["Alasdair Ren-Nie"]


def test_a_person_at_a_firm_asks_not_the_firm() -> None:
    """'Rahul Me-Non at Kessler Brandt asked …' is the analyst; 'Analysts at Northbridge
    Securities called the cuts "…"' is still the firm."""
    text = ("Valtrion reported results on Thursday.\n\nRahul Me-Non at Kessler Brandt asked the question everyone was "
            "thinking: \"how confident are you that mid-2030 is the real date?\"\n\n"
            "Analysts at Northbridge Securities called the cuts \"overdue and welcome.\"\n")
    assert _speakers(text) == ["Rahul Me-Non", "Northbridge Securities"]


def test_a_pronoun_after_a_sentence_naming_one_person_and_places() -> None:
    """'According to Ho-Vius, most cuts will fall in the Netherlands and France. "…," he said': the
    one person named (the places and a capitalised opening word are nobody), not the speaker
    quoted before."""
    text = ("Chief executive Pieter-Jan Ho-Vius announced the cuts on Thursday.\n\n"
            "Lotte Ver-Meulen, an analyst, said the firm would not be the last. \"Everyone is delaying,\" she said.\n\n"
            "Credit where it is due, though: Ho-Vius was frank. \"We owe them honesty,\" he said.\n\n"
            "According to Ho-Vius, most of the job cuts will fall in the Netherlands and France. \"These are "
            "colleagues who built this company,\" he said.\n")
    assert _speakers(text) == [
        "Lotte Ver-Meulen", "Pieter-Jan Ho-Vius", "Pieter-Jan Ho-Vius"]


def test_a_companys_board_speaks_for_the_company_and_its_statement_for_its_chair(tmp_path: Path) -> None:
    """"Valtrion's supervisory board said it '…'" is the company's body, not somebody unnamed of
    Valtrion's: the board statement's speaker (its header names "Valtrion Semiconductors N.V.
    (Supervisory Board)"), as 'Valtrion said' would be."""
    board = ("id: board\nspeaker: Hedwig van Ros-Sem\norganization: Valtrion Semiconductors N.V. (Supervisory Board)\n"
             "kind: statement\n---\nThe Supervisory Board fully supports the Managing Board and will review the "
             "letter carefully.\n")
    text = ("Valtrion cuts capex\n\nIn a statement on Tuesday, Valtrion's supervisory board said it \"fully supports "
            "the Managing Board\" and would review the letter.\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, board)]
    assert got == [("Hedwig van Ros-Sem", "truncated")]


def test_the_mayor_is_not_the_vice_mayor_named_after_her() -> None:
    """'Mayor Patricia Lind-Qvist, Vice Mayor Howard Bel-Lamy and …': "the mayor said" is Lind-Qvist,
    though Bel-Lamy's name comes last with "Mayor" in his title."""
    text = ("Council rezones farm land\n\nThe vote split the council. Mayor Patricia Lind-Qvist, Vice Mayor Howard "
            "Bel-Lamy and Councilmember Ana Ortiz-Reyes voted yes.\n\nThe debate ran late.\n\n"
            "\"If this passes, I will see to it that every condition is enforced,\" the mayor said.\n")
    assert _speakers(text) == ["Patricia Lind-Qvist"]


@pytest.mark.parametrize("put", ["put it", "put the neighbours' case"])
def test_a_bodys_statement_named_by_its_kind_is_the_bodys(tmp_path: Path, put: str) -> None:
    """"The association's statement put it more bluntly: '…'" is the Orchard Hill Neighborhood
    Association's words (its statement's speaker), not the mayor quoted just before."""
    statement = ("id: ohna\nspeaker: Teresa Oka-For\norganization: Orchard Hill Neighborhood Association\nkind: statement"
                 "\n---\nThey chose an applicant's projections over the experience of the households who live here.\n")
    text = ("Council rezones farm land\n\nThe Orchard Hill Neighborhood Association said it would review the vote.\n\n"
            "\"We will enforce every condition,\" Mayor Patricia Lind-Qvist said.\n\n"
            f"The association's statement {put} more bluntly: \"They chose an applicant's projections over the "
            "experience of the households who live here.\"\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, statement)]
    assert got == [("Patricia Lind-Qvist", "unsourced"), ("Teresa Oka-For", "exact")]


def test_the_statement_of_a_body_named_in_the_sentence_before(tmp_path: Path) -> None:
    """'The Orchard Hill Neighborhood Association said in a statement that …. "…," the statement
    said.': the association's statement, so its speaker's words."""
    statement = ("id: ohna\nspeaker: Teresa Oka-For\norganization: Orchard Hill Neighborhood Association\nkind: statement"
                 "\n---\nOrchard Hill has been here for seventy years. We are not going anywhere.\n")
    text = ("Council rezones farm land\n\n\"It passed, and we will enforce it,\" Mayor Patricia Lind-Qvist said.\n\n"
            "The Orchard Hill Neighborhood Association said in a statement that its board is talking with a lawyer. "
            "\"Orchard Hill has been here for seventy years. We are not going anywhere,\" the statement said.\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, statement)]
    assert got == [("Patricia Lind-Qvist", "unsourced"), ("Teresa Oka-For", "exact")]


def test_a_sound_bite_labelled_with_a_name_and_a_street() -> None:
    """'- Caleb Hu-Ang, Wren Court: "…"' in a list of residents' sound bites is the resident, not
    his street."""
    text = ("Residents spoke for three hours\n\nHere is what some of them said:\n\n"
            "- Teresa Oka-For, association president: \"Listen to the people who live here.\"\n"
            "- Caleb Hu-Ang, Wren Court: \"If you can't answer that tonight, you shouldn't be voting tonight.\"\n")
    assert _speakers(text) == ["Teresa Oka-For", "Caleb Hu-Ang"]


def test_a_number_with_a_comma_before_a_who_clause_and_the_athlete() -> None:
    """'British 10,000m hope Ellie March-Bank, who finished behind Sang in Beijing, told us: "…"':
    the comma of "10,000m" opens no clause, so the runner speaks, not Beijing; and '"…," wrote the
    athlete' after 'On Instagram, Sang denied …' is Sang."""
    text = ("Kenyan champion Linet Chep-Sang banned\n\nOn Instagram, Chep-Sang denied any doping. \"I have never "
            "knowingly taken a forbidden substance,\" wrote the athlete.\n\n"
            "British 10,000m hope Ellie March-Bank, who finished sixth behind Chep-Sang in Beijing, told us: "
            "\"It's sad for the sport, but rules are rules.\"\n")
    assert _speakers(text) == ["Linet Chep-Sang", "Ellie March-Bank"]


def test_a_long_clause_of_time_the_infinitive_after_a_quotation_and_a_hyphenated_office() -> None:
    """'When Hal-Den suggested that … training camps, Soren-Si asked …. "…," she told the council':
    a long opening clause hides the subject no longer; '"…" the casualty figures or to say who'
    is no '"…," the minister said'; and 'U.N. Assistant Secretary-General' is an office, not part
    of the name."""
    text = ("Council meets on Kessa\n\nWhen Viktor Hal-Den suggested that delegations interested in satellite "
            "pictures should look instead at militant training camps, Nadia Soren-Si asked for the floor a second "
            "time. \"There are no camps. There is a town,\" she told the council.\n\n"
            "U.N. Assistant Secretary-General Miriam Achter-Berg said the world body was \"not in a position to "
            "independently verify\" the casualty figures or to say who fired.\n")
    assert _speakers(text) == ["Nadia Soren-Si", "Miriam Achter-Berg"]


def test_the_ministry_is_not_the_organisation_of_another_kind_quoted_before(tmp_path: Path) -> None:
    """'"…," Marco-Vici said. … the health ministry said … "…," the ministry said': the ministry
    is no World Health Organization, whose chief was quoted just before."""
    who = ("id: who\nspeaker: Helena Marco-Vici\norganization: World Health Organization\nkind: transcript\n---\n"
           "An outbreak that we fail to fund today will cost us far more tomorrow.\n")
    moh = ("id: moh\nspeaker: Joseph Tembo-Malenga\norganization: Ministry of Health, Republic of Zambara\nkind: "
           "statement\n---\nBurials of suspected or confirmed cases will be conducted by trained teams only.\n")
    text = ("Outbreak spreads\n\n\"An outbreak that we fail to fund today will cost us far more tomorrow,\" WHO "
            "Director-General Helena Marco-Vici said.\n\nIn Makundi, the health ministry said on Wednesday it had "
            "limited gatherings. \"Burials of suspected or confirmed cases will be conducted by trained teams only,\" "
            "the ministry said.\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, who, moh)]
    assert got == [("Helena Marco-Vici", "exact"), ("Joseph Tembo-Malenga", "exact")]


def test_a_states_representative_and_an_owner_before_a_name(tmp_path: Path) -> None:
    """'The representative of the Russian Federation warned that "…"', named nowhere in the story,
    is whoever speaks for it in the council's record ('Mr. Soko-Lin (Russian Federation):'), not
    the envoy quoted before; "Dravenia's Viktor Hal-Den" is Hal-Den, not "Dravenia Viktor Hal-Den"."""
    record = ("id: pv\nspeaker: Ingrid Hal-Vorsen\norganization: United Nations Security Council\nkind: transcript\n"
              "---\nThe President: I give the floor to the representative of the Russian Federation.\n\n"
              "Mr. Soko-Lin (Russian Federation) (spoke in Russian): Attempts to use this Chamber to punish one side "
              "will only make a settlement harder to reach.\n\nMr. Hal-Den (Dravenia): Dravenia did not come here "
              "to be lectured.\n")
    text = ("Council meets on Kessa\n\nDravenia's Viktor Hal-Den opened: \"Dravenia did not come here to be "
            "lectured.\"\n\nA number of members called for balance. The representative of the Russian Federation "
            "warned that the Council must not \"rush to judgment\", and cautioned that \"attempts to use this Chamber "
            "to punish one side will only make a settlement harder to reach.\"\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, record)]
    assert got == [("Viktor Hal-Den", "exact"), ("Russian Federation", "fragment"), ("Soko-Lin", "exact")]


def test_a_named_description_with_a_who_clause_before_its_verb() -> None:
    """'"…," the Frenchwoman Camille Fer-Rand, who will also line up in Lisbon, told ASM.' is
    Fer-Rand, not the federation's president quoted before."""
    text = ("Sang withdrawn\n\n\"It is a sad day for Kenyan athletics,\" said federation president Barnabas Che-Sang.\n\n"
            "\"It is a blow for the whole event,\" the Frenchwoman Camille Fer-Rand, who will also line up in Lisbon, "
            "told ASM.\n")
    assert _speakers(text) == ["Barnabas Che-Sang", "Camille Fer-Rand"]


@pytest.mark.parametrize("text, speakers", [
    # a paragraph left open takes the speaker its continuation names
    ("Housing plan unveiled\n\n\"We will not build the slums of tomorrow.\n\n\"We will solve the shortage of today,\" "
     "Helen Marsh-Hale said.\n", ["Helen Marsh-Hale", "Helen Marsh-Hale"]),
    # a possessive pronoun's document introducing the paragraphs
    ("Greg Sob-Czak lost the race\n\nGreg Sob-Czak did not show his face. But his written statement was gracious:\n\n"
     "\"I ran for mayor because I believe in this city.\n\n\"We ran a campaign about the basics.\"\n",
     ["Greg Sob-Czak", "Greg Sob-Czak"]),
    # "set out", after an opening clause with a number's comma
    ("Dockers strike\n\nAddressing a crowd of 6,000 on the square, union chair Ruud Dek-Ker set out the demands in "
     "English.\n\n\"We are asking for a job guarantee.\n\n\"We are asking for a seat at the table.\"\n",
     ["Ruud Dek-Ker", "Ruud Dek-Ker"]),
    # a live blog's present tense before the colon
    ("Results live\n\nOn China, where local producers sell cheap, Pieter Ho-Vius takes a firm line:\n\n"
     "\"We are seeing prices that make no sense to us. We will not chase that business.\"\n", ["Pieter Ho-Vius"]),
    # "a single passage" of the speaker quoted just before
    ("Housing speech\n\n\"Young people are locked out,\" Helen Marsh-Hale said.\n\nThe measures were set out in a "
     "single passage:\n\n\"First, councils will lose the power to decide.\"\n", ["Helen Marsh-Hale", "Helen Marsh-Hale"]),
])
def test_paragraphs_quoted_after_an_introducing_line(text: str, speakers: list[str]) -> None:
    assert _speakers(text) == speakers


def test_a_company_named_by_its_business(tmp_path: Path) -> None:
    """'Larkspur Development Group, a Reston-based developer, … In a statement, the developer said
    the campus is "…"': the company the apposition names, so its release's speaker."""
    release = ("id: rel\nspeaker: Thomas Va-Il\norganization: Larkspur Development Group\nkind: release\n---\n"
               "The campus is expected to become the largest private taxpayer in the city's history.\n")
    text = ("Council approves data center\n\nLarkspur Development Group, a Reston-based developer, plans two buildings "
            "on the site. In a statement Wednesday, the developer said the campus is \"expected to become the largest "
            "private taxpayer in the city's history.\"\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, release)]
    assert got == [("Thomas Va-Il", "truncated")]


def test_a_state_speaks_through_its_mission(tmp_path: Path) -> None:
    """"Dravenia's U.N. mission said '…'" is the state speaking (the run "Dravenia's U.N." is its
    owner and letters), and its mission's release gives the person: the release's speaker."""
    release = ("id: mission\nspeaker: Viktor Hal-Den\norganization: Permanent Mission of the Republic of Dravenia to "
               "the United Nations\nkind: release\n---\nThere is no consensus in this Council for one-sided "
               "condemnations. We invite observers to visit Vell.\n")
    text = ("Council split on Kessa\n\nIn a statement after the meeting, Dravenia's U.N. mission said \"there is no "
            "consensus in this Council for one-sided condemnations\" and invited observers.\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, release)]
    assert got == [("Viktor Hal-Den", "exact")]


def test_a_named_persons_family_and_the_coroner(tmp_path: Path) -> None:
    """"Ruby's family said: '…'" is the family (its statement's speaker, the solicitor reading it),
    not Ruby; "The coroner said …. '…,' she added" is the senior coroner the story named, not the
    girl whose death the inquest examined."""
    family = ("id: fam\nspeaker: Priya Ban-Sal\norganization: Fenwick Doyle Solicitors (on behalf of the Calloway "
              "family)\nkind: statement\n---\nToday the coroner has confirmed what we have known since that night: "
              "Ruby's death was avoidable.\n")
    text = ("Teenager's sepsis death avoidable, coroner finds\n\nRuby Callo-Way, 16, died in February. Senior coroner "
            "Rosalind Pry-Ce recorded a narrative conclusion on Thursday.\n\nThe coroner said she would write a report "
            "to prevent future deaths, warning that teenagers like Ruby Callo-Way can \"fall between two systems\".\n\n"
            "\"That concern does not end at the doors of this hospital,\" she added.\n\n"
            "In a statement read outside court by their solicitor, Ruby's family said: \"Today the coroner has "
            "confirmed what we have known since that night: Ruby's death was avoidable.\"\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, family)]
    assert got == [("Rosalind Pry-Ce", "unsourced"), ("Rosalind Pry-Ce", "unsourced"), ("Priya Ban-Sal", "exact")]


def test_a_subhead_quotation_is_its_speakers_below_not_the_one_floated_from_above() -> None:
    """"'My son went to buy milk'" as a subhead after the chief's quotation: the words are given
    with their speaker a few paragraphs on (the mother), so they are hers, not the chief's."""
    text = ("Police shooting under review\n\n\"We will not hide anything,\" Chief Dana Whit-Field said.\n\n"
            "'My son went to buy milk'\n\nThe family's account came in a written statement from their lawyer.\n\n"
            "It included a few lines from his mother, Carla Kin-Sey: \"My son went to buy milk. He should have come "
            "home.\"\n")
    assert _speakers(text) == [
        "Dana Whit-Field", "Carla Kin-Sey", "Carla Kin-Sey"]


def test_a_statement_that_continues_and_an_ai_companys_short_name(tmp_path: Path) -> None:
    """'Its statement continued:' introduces more of the statement quoted just before (the union
    president's); '"…," the company said' of Kindred is Kindred AI's blog post, its author's."""
    union = ("id: union\nspeaker: Latisha Gran-Ger\norganization: Tech Workers Alliance Local 7\nkind: statement\n---\n"
             "The people Stackwell let go were treated as disposable. We are asking Stackwell to do three things.\n")
    blog = ("id: blog\nspeaker: Renata Ka-Ul\norganization: Kindred AI\nkind: statement\n---\nWe know trust is earned "
            "over years, not in a single afternoon in a hearing room.\n")
    text = ("Layoff backlash grows\n\n\"The people Stackwell let go were treated as disposable,\" Latisha Gran-Ger, the "
            "local's president, said in the statement.\n\nThe local is seeking the criteria. Its statement continued:\n\n"
            "\"We are asking Stackwell to do three things.\"\n\nKindred, the company behind the app, posted a reply. \"We know trust "
            "is earned over years, not in a single afternoon in a hearing room,\" the company said.\n")
    got = [(f.quotation.speaker, f.verdict) for f in _checked(tmp_path, text, union, blog)]
    assert got == [("Latisha Gran-Ger", "exact"), ("Latisha Gran-Ger", "exact"), ("Renata Ka-Ul", "exact")]


def test_a_headlines_finding_verb_after_its_quotation() -> None:
    """"Teenager's death a 'missed opportunity', coroner finds": the coroner the story names, by the
    verb of a finding a headline uses, not the girl the headline opens with."""
    text = ("Ruby Callo-Way: Teenager's sepsis death a 'missed opportunity', coroner finds\n\nSenior coroner Rosalind "
            "Pry-Ce recorded a narrative conclusion. Ruby Callo-Way, 16, died in February.\n")
    assert _speakers(text) == ["Rosalind Pry-Ce"]
