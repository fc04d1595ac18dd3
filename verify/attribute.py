"""Who is quoted: cue patterns around each quotation, names resolved to full names, pronouns to
the most recent speaker, floating quotations to the previous speaker, posts to their signature.

Unknown stays unknown: a quotation with no cue and no speaker nearby gets None.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections import Counter

import attrs

from .find import LABELLED_QUOTE, LIST_MARK, TOPIC_HEADING, TURN_LABEL
from .match import LEGAL_FORM, is_generic_body
from .records import Document, Quotation, Source
from .sources import ASKERS
from .text import STOPWORDS, language_of, strip_accents as _strip_accents

__all__ = ["attribute", "strip_titles", "SPEECH_VERBS"]


def _by_first_letter(alternatives: str) -> str:
    """The same alternation ('said|says|told'), its alternatives grouped by their first letter
    ('s(?:aid|ays)|t(?:old)'): the regex engine tries each alternative in turn at each place, so
    a list of 230 verbs costs 230 tries at every word; grouped, about 20. The matches are the
    same: alternatives with different first letters never match at the same place (with
    IGNORECASE too, all being lower case), and within a letter their order is kept. A list with
    an alternative that opens otherwise is returned as it is."""
    items, depth, in_class, cur, i = [], 0, False, "", 0
    while i < len(alternatives):   # split at the top level only: "a(?:\s+\w+ment)?\s+(?:dit|écrit)"
        c = alternatives[i]
        if c == "\\":
            cur, i = cur + alternatives[i:i + 2], i + 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            items.append(cur)
            cur, i = "", i + 1
            continue
        cur, i = cur + c, i + 1
    items.append(cur)
    groups: dict[str, list[str]] = {}
    for item in items:
        if not item[:1].isalpha() or not item[:1].islower():
            return alternatives   # "U.S. envoy", r"\w+ly": which could match where another does
        groups.setdefault(item[0], []).append(item[1:])
    if len({k.upper() for k in groups}) < len(groups):
        return alternatives   # "s…" and "ſ…" both match an S with IGNORECASE
    return "|".join(k + "(?:" + "|".join(rest) + ")" for k, rest in groups.items())


_ITALIAN_PARTICIPLES = ("detto dichiarato spiegato aggiunto raccontato ammesso scritto affermato sottolineato "
                        "commentato confessato ribadito precisato annunciato risposto ricordato osservato assicurato "
                        "avvertito promesso denunciato replicato concluso").split()
SPEECH_VERBS = (
    "said|says|say|saying|told|tells|telling|added|adds|adding|continued|continues|continuing|"
    "posted|posts|posting|calling|wrote|writes|writing|tweeted|tweets|tweeting|announced|announces|announcing|"
    "stated|states|stating|remarked|remarks|remarking|described|describes|describing|called|calls|"
    "vowed|vows|vowing|promised|promises|promising|pledged|pledges|pledging|warned|warns|warning|"
    "argued|argues|arguing|explained|explains|explaining|insisted|insists|insisting|noted|notes|noting|"
    "declared|declares|declaring|claimed|claims|claiming|asked|asks|asking|replied|replies|replying|"
    "answered|answers|answering|urged|urges|urging|criticized|criticised|criticizes|criticising|criticizing|"
    "characterized|characterizing|characterised|characterising|confirmed|confirms|confirming|"
    "acknowledged|acknowledges|acknowledging|admitted|admits|admitting|emphasized|emphasised|stressed|"
    "stresses|stressing|assured|assures|recalled|recalls|boasted|boasts|joked|jokes|quipped|quips|responded|responds|"
    "responding|told reporters|shouted|whispered|testified|testifies|conceded|concedes|suggested|suggests|"
    "predicted|predicts|reiterated|reiterates|repeated|repeats|repeating|touted|touts|labeled|labelled|branded|dubbed|termed|"
    "blasted|slammed|praised|praises|hailed|hails|thanked|thanks|insisted|mused|observed|cautioned|"
    "denounced|condemned|condemns|accused|accuses|called for|calling for|calls for|"
    "referred to|refers to|wrote on|posted on|said in|said on|echoed|lamented|laments|concluded|began|begins|"
    # a reply in a row of quotations: '"…," Hale countered.'
    "countered|counters|retorted|retorts|shot back|fired back|snapped|cracked|scoffed|interjected|protested|"
    "objected|asserted|asserts|contended|contends|maintained|maintains|recounted|recounts|complained|"
    "complains|pointed out|points out|went on|chimed in|summed up|put it|puts it|"
    # how it was said, as features and tabloids write it: '"…," beamed Rosa Fenn, 22', 'she revealed'
    "beamed|gushed|gushes|fumed|raged|sighed|exclaimed|enthused|enthuses|revealed|reveals|confided|confides|"
    # and as a sketch writer hears it: '"Order. Order," cried the Speaker', 'he wondered aloud whether'
    "cried|bellowed|roared|yelled|screamed|hissed|growled|barked|muttered|murmured|thundered|pleaded|begged|"
    "demanded|wondered|mocked|teased|jeered|sneered|grumbled|moaned|wailed|sobbed|laughed|chanted|"
    # advice and reminders: 'The PSA also reminded consumers "never to charge …"'
    "reminded|reminds|advised|advises|"
    # a filing's or a post's own words: "the lawsuit alleges that …", '"…," she captioned a photo'
    "alleges|allege that|alleged that|alleging that|captioned|captions|"
    # French: passé composé with an optional adverb ("a également réclamé"), present tense
    r"(?:a|avait|ont|avaient)(?:\s+\w+ment|\s+aussi|\s+encore|\s+déjà)?\s+(?:déclaré|dit|affirmé|ajouté|rappelé|estimé|souligné|"
    "expliqué|réclamé|indiqué|assuré|lancé|martelé|écrit|prévenu|insisté|répondu|promis|annoncé|reconnu|réagi|"
    "conclu|confié|précisé|averti|jugé|dénoncé|regretté|tweeté|publié|commenté|résumé|poursuivi|tranché|lâché|"
    "plaidé|fustigé|ironisé|asséné|tonné|rassuré)|déclare|affirme|ajoute|estime|explique|souligne|assure|écrit|glisse|"
    "résume|tranche|lâche|reconnaît|confie|prévient|dénonce|regrette|insiste|poursuit|précise|rappelle|ironise|"
    "se félicite|se réjouit|rassure|"
    # Spanish
    "dijo|afirmó|aseguró|señaló|añadió|agregó|escribió|declaró|explicó|indicó|sostuvo|advirtió|"
    "publicó|expresó|manifestó|respondió|anunció|insistió|subrayó|reconoció|recordó|apuntó|destacó|"
    "concluyó|lamentó|criticó|denunció|defendió|sentenció|zanjó|remarcó|reiteró|admitió|prometió|opinó|"
    "precisó|replicó|espetó|aclaró|enfatizó|dice|afirma|asegura|señala|añade|escribe|relata|cuenta|"
    "reclamó|comentó|relató|informó|resumió|recalcó|aseveró|puntualizó|planteó|acotó|confesó|detalló|"
    "garantizó|advierte|"
    "explica|reconoce|insiste|apunta|recuerda|lamenta|denuncia|sostiene|"
    # Italian: passato prossimo ("ha raccontato", "aveva detto", "ha poi aggiunto"), present tense
    r"(?:ha|aveva|hanno|avevano)(?:\s+\w+mente|\s+anche|\s+poi|\s+ancora)?\s+(?:" + "|".join(_ITALIAN_PARTICIPLES) + ")|"
    "dice|spiega|racconta|aggiunge|afferma|sottolinea|commenta|ammette|scrive|osserva|ribadisce|"
    # Portuguese, past and present ("disse Kane", "afirmou o rapper", "escreveu.")
    "disse|afirmou|declarou|escreveu|acrescentou|explicou|ressaltou|destacou|completou|respondeu|rebateu|"
    "admitiu|reconheceu|garantiu|criticou|defendeu|lembrou|contou|publicou|postou|comentou|alertou|avisou|"
    "concluiu|desabafou|disparou|pontuou|prometeu|reforçou|frisou|diz|afirma|escreve|conta|lembra|ressalta|"
    "acrescenta|completa|garante|"
    # German: the verb before or after its subject ("sagte Wendler", "betonte die Kanzlerin")
    "sagte|betonte|erklärte|kritisierte|forderte|warnte|schrieb|bekräftigte|unterstrich|meinte|"
    "mahnte|versprach|antwortete|entgegnete|sagt|betont|erklärt|kritisiert|fordert|warnt|schreibt|"
    # Dutch ("zei Kortekaas", "aldus de burgemeester", "liet de minister weten"), which names its subject
    "zei|zegt|aldus|schreef|schrijft|verklaarde|verklaart|benadrukte|benadrukt|erkende|erkent|waarschuwde|"
    "waarschuwt|vertelde|vertelt|stelde|stelt|reageerde|antwoordde|meldde|meldt|twitterde|tweette|liet weten|"
    "voegde eraan toe|beloofde|belooft|riep|roept|vroeg|vraagt|herhaalde|herhaalt|reageert|concludeerde"
)
#: the Spanish, Italian and Portuguese verbs above, whose subject the language may leave out when it
#: is known (an Italian participle is the last word before the subject); not German's or Dutch's
_PRO_DROP_VERBS = frozenset(SPEECH_VERBS[SPEECH_VERBS.index("dijo|"):SPEECH_VERBS.index("sagte|")].split("|")) \
    - {""} | frozenset(_ITALIAN_PARTICIPLES)
_SPEECH_VERBS_RX = _by_first_letter(SPEECH_VERBS)   # the same, for patterns: faster
_SPEECH_NOUNS = ("statement|announcement|promise|pledge|vow|remarks|comments|words|post|tweet|message|"
                 "speech|address|interview|declaration|warning|claim|appeal|description|account|"
                 "letter|memo|email|op-ed|column|filing|opinion|ruling|testimony|readout|sermon|homily|"
                 "eulogy|lecture|briefing|toast|plea|message|communiqu[eé]|resolution|response|reply|retort|"
                 "answer|reaction|pitch|call|verdict|advice|quip|notice|disclosure|notification|"
                 # a sketch's or a newsletter's: "Prydderch's best line was …", "the 'nothing to hide' riposte"
                 "line|riposte|jibe|barb|soundbite|zinger|one-liner|slogan|mantra|catchphrase|"
                 # a court's and a mourner's: "Harrow's allocution was short. The passage …:"
                 "allocution|apology|confession|tribute")
_SPEECH_NOUNS_RX = _by_first_letter(_SPEECH_NOUNS)
_TITLES = {
    "president", "vice", "secretary", "senator", "sen", "rep", "representative", "gov", "governor",
    "mayor", "minister", "prime", "foreign", "deputy", "chancellor", "ambassador", "spokesperson",
    "spokesman", "spokeswoman", "chief", "boss", "director", "general", "attorney", "judge", "justice", "king",
    "queen", "prince", "princess", "pope", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir",
    "host", "presenter", "anchor", "cto", "cfo", "coo", "cio", "cmo", "vp", "svp", "evp", "treasurer",
    "bundeskanzlerin", "bundeskanzler", "kanzlerin", "kanzler", "ministerin", "präsidentin", "präsident",
    "herr", "frau",
    "dame", "lord", "lady", "rev", "commissioner", "chairman", "chairwoman", "chair", "speaker", "leader",
    "officer", "colonel", "col", "gen", "lt", "capt", "sgt", "premier", "envoy", "adviser", "advisor",
    "lawmaker", "congressman", "congresswoman", "councilman", "councilwoman", "sheriff", "commander",
    "mp", "mep", "msp", "cllr", "councillor", "shadow",
    "ceo", "founder", "head", "the", "former", "acting", "interim", "then", "first",
    "solicitor", "prosecutor", "magistrate", "coach", "bishop", "archbishop", "rabbi", "imam", "dean",
    "superintendent", "inspector", "detective", "admiral", "district", "circuit", "u.s.",
    # ranks of the police and fire services: "Station Manager Olufemi Hale", "Chief Constable …"
    "manager", "constable", "sergeant",
    # and as British papers shorten them: "Det Insp Amanda Rowe", "Det Ch Supt …", "DCI …", "PC …"
    # (not "DS", "DC" nor "Con": DS Smith, DC Comics and Con Edison are companies)
    "det", "insp", "supt", "ch", "dci", "dsu", "pc",
    # boards and executives: "Trustee Greg Kessler", "Chief Executive Dana Whitfield"
    "trustee", "executive", "operating", "financial", "alderman", "alderwoman", "councilmember", "supervisor",
    # broadcasters' roles: "First Alert Meteorologist Dustin Reyes", "Chief Correspondent …"
    "meteorologist", "forecaster", "correspondent",
    # publications' editors: "editor-in-chief Miriam Achterberg", "Editor Jane Doe"
    "editor", "editor-in-chief",
    # French and Spanish titles before a name
    "ministre", "président", "présidente", "commissaire", "porte-parole", "maire", "canciller",
    "ministro", "ministra", "presidente", "presidenta", "portavoz", "alcalde", "alcaldesa",
    "senador", "senadora", "secretario", "secretaria", "gobernador", "gobernadora", "diputado", "diputada",
}
_ORG_WORDS = {
    "department", "ministry", "office", "agency", "international", "party", "front", "council",
    "committee", "association", "union", "organization", "organisation", "group", "court", "government",
    "house", "foundation", "institute", "university", "commission", "news", "times", "post", "press",
    "reuters", "administration", "bureau", "service", "network", "company", "corporation", "inc", "corp",
    "bank", "fund", "nations", "army", "police", "senate", "congress", "parliament", "embassy",
    "white", "pentagon", "kremlin", "campaign", "watch", "amnesty", "coalition", "alliance", "center",
    "centre", "school", "board", "authority", "state", "states", "united", "republic", "kingdom",
    "canal", "city", "county", "province", "island", "islands", "bay", "river", "beach", "street",
    "securities", "capital", "partners", "holdings", "ventures", "associates", "consulting", "research",
    "labs", "media", "airlines", "motors", "systems", "technologies", "solutions", "llc", "ltd", "plc",
    "chamber", "commerce",
    # publications: "the Meridian Journal of Medicine" is no "Meridian" person
    "journal", "gazette", "tribune", "magazine", "newspaper",
    # places named like people ("Skerry Point", "Elm Street"): not who a pronoun means
    "point", "road", "square", "bridge", "harbour", "harbor", "valley", "coast", "lighthouse", "airport",
    "station", "stadium", "avenue", "mountain", "mountains", "lake", "forest", "gardens",
    # broadcasters: "told Corrib FM", "speaking to BBC Radio Ulster"
    "fm", "radio", "tv", "television", "channel", "broadcasting",
    # laws and treaties: "the Protecting Minors Act" is no "he" (not "bill": Bill is a first name)
    "act", "amendment", "treaty", "accord", "protocol", "directive",
}
_PRONOUN_OF = {"his": "he", "her": "she", "their": "they"}   # a possessive's pronoun
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "his": "m", "her": "f", "their": "p", "him": "m",
             "il": "m", "elle": "f", "it": "p", "él": "m", "ella": "f", "er": "m", "sie": "f",
             "ele": "m", "ela": "f", "hij": "m", "zij": "f"}
_GERMAN_ROLES = ("bundeskanzlerin bundeskanzler kanzlerin kanzler ministerin minister präsidentin präsident "
                 "sprecherin sprecher fraktionschefin fraktionschef vorsitzende vorsitzender").split()
_DESCRIPTORS = ("president|secretary|minister|spokesperson|spokesman|spokeswoman|senator|governor|"
                "leader|ambassador|chancellor|official|mayor|premier|commissioner|executive|ceo|chief|"
                "founder|chairman|chairwoman|chair|director|democrat|republican|conservative|liberal|"
                "lawmaker|politician|congressman|congresswoman|envoy|general secretary|treasurer|representative|"
                "ministre|commissaire|présidente|président|porte-parole|maire|sénateur|sénatrice|"
                "canciller|ministra|ministro|presidenta|presidente|portavoz|alcaldesa|alcalde|senadora|"
                "senador|secretaria|secretario|gobernadora|gobernador|diputada|diputado|embajadora|embajador|"
                "diplomática|diplomático|ambassadrice|ambassadeur|diplomate|regidora|regidor|concejala|concejal|"
                "edil|vocera|vocero|jefa|jefe|directora|director|fiscal|jueza|juez|abogada|abogado|"
                "mandataria|mandatario|canciller|cancillera|"
                # Italian ("l'attrice", "il regista", "la presidente di giuria")
                "attrice|attore|regista|sindaco|sindaca|direttrice|direttore|avvocata|avvocato|giudice|"
                # Dutch ("aldus de burgemeester", "de dijkgraaf zei")
                "burgemeester|dijkgraaf|gouverneur|woordvoerder|woordvoerster|voorzitter|commandant|"
                # German roles, also as German prints them (every noun capitalised)
                + "|".join(w for r in _GERMAN_ROLES for w in (r, r.capitalize())) + "|" + "|".join(sorted(
                    # roles of the courts, the professions and public life: "the judge wrote"
                    "judge justice coroner prosecutor attorney lawyer solicitor counsel magistrate sheriff coach "
                    "captain manager bishop professor doctor scientist researcher economist analyst "
                    "historian author spokesperson superintendent inspector detective commander general "
                    "admiral colonel archbishop rabbi imam chancellor dean principal president-elect "
                    "diplomat officer investigator adviser advisor strategist organiser organizer campaigner "
                    "activist physician surgeon nurse engineer pilot trustee administrator athlete".split(),
                    key=len, reverse=True)))
_DESCRIPTORS_RX = _by_first_letter(_DESCRIPTORS)
#: what a quoted text is: "Holt's opinion", "her letter" introduce that person's words
_DOCUMENT_NOUNS = ("opinion|ruling|decision|order|letter|memo|filing|testimony|readout|report|judgment|"
                   "statement|post|tweet|speech|remarks|message|op-ed|column|essay|blog|email|note|sermon|"
                   "homily|eulogy|lecture|briefing|lawsuit|complaint|suit|indictment|petition|motion|affidavit|study|paper|"
                   "allocution|apology|confession|tribute|notice|release|announcement|advisory|bulletin|"
                   "communiqué|communique")
_DOCUMENT_NOUNS_RX = _by_first_letter(_DOCUMENT_NOUNS)
_ORG_NOUNS = ("firm|company|bank|ministry|department|agency|group|union|association|commission|"
              "campaign|organisation|organization|office|government|party|council|board|charity|club|"
              "institute|university|hospital|airline|carrier|regulator|watchdog|authority|service|trust|"
              "chamber of commerce|federation|chamber|"
              # media and platforms: "the journal said" (its editor's notice), "the platform insists"
              "journal|newspaper|magazine|publisher|broadcaster|network|platform|label|studio|streamer|"
              # business kinds a story names a company by: "the developer said", "the retailer said"
              "developer|retailer|manufacturer|insurer|lender|carmaker|automaker|chipmaker|utility")
_ORG_NOUNS_RX = _by_first_letter(_ORG_NOUNS)
#: family members, as an obituary or a feature introduces them: "Her husband, Alan, said"
_KIN = {**dict.fromkeys("husband son brother father grandson grandfather nephew uncle stepson stepfather "
                        "boyfriend widower fiancé".split(), "m"),
        **dict.fromkeys("wife daughter sister mother granddaughter grandmother niece aunt stepdaughter "
                        "stepmother girlfriend widow fiancée".split(), "f"),
        **dict.fromkeys("partner spouse child cousin sibling twin".split(), None)}
_KIN_APPOS = re.compile(r"\b(?:[Hh]er|[Hh]is|[Tt]heir|[Mm]y|[A-Z][\w-]*[’']s)\s+(?:[a-z-]+\s+)?(" + "|".join(_KIN)
                        + r"),\s+([A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)?),")
_KIN_COMMA = tuple(k + "," for k in _KIN)
_DESC_ARTICLE = r"(?:(?:the|a|an|la|le|el|die|der|de|het)\b|l['’])"   # \b: not the a of 'Assistant District Attorney'
# words that say a person's gender: titles before a name, roles, and the first names most
# often seen in news; the document's own pronouns after a name count too (see _Doc.gender)
_ARTICLE_WORDS = frozenset(("El", "La", "Los", "Las"))   # (not "Le": "Le Pen said")
_ARTICLE_OPENINGS = frozenset(w[:3] if len(w) == 3 else w + " " for w in _ARTICLE_WORDS)
_FRENCH_HONORIFICS = frozenset(("M.", "Mme", "Mme.", "Mlle", "Mlle."))
_MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "congressman", "monsieur"}
_FEMALE_TITLES = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "spokeswoman", "chairwoman",
                  "congresswoman", "madame", "mme"}
#: the titles that say a gender, as one alternation for patterns (longest first: "Mrs" before "Mr")
_GENDER_TITLES_RX = _by_first_letter("|".join(sorted(_MALE_TITLES | _FEMALE_TITLES, key=len, reverse=True)))
_FEMALE_NAMES = set("""mary jane patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
betty margaret sandra ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca
laura sharon cynthia kathleen amy angela helen anna brenda pamela nicole emma samantha katherine christine
debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly
christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa
kathryn sara janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle
theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla priya anita sunita
claire sophie isabelle nathalie sylvie camille chloe marine ursula angela annalena giorgia kamala hillary
nancy alexandra ana lucia carmen elena sofia fatima aisha amina yulia olga svetlana irina natalia tammy
priti rishi renee dana kristi kristen tulsi nikki liz jacinda agnes denise eileen maureen sheila gillian
fiona siobhan aoife niamh ines yvonne kate katie lucy ellie isla amara ngozi chioma aisling ingrid astrid
marta beatriz paula monica veronica valeria gabriela fernanda mariana giulia chiara francesca federica silvia
paola roberta alessandra valentina elisa serena simona daniela rosaria raffaella giovanna antonella stefania
martina alessia ilaria elena lorena pilar mercedes dolores rocio lourdes ana catarina joana beatrice giovanna
juliette margaux amelie helene sabine ursula petra katrin birgit anke annette jen jenny beth kathy cathy sue
meg patty debbie becky sandy cindy mandy vicky jess peggy wendy tina gina""".split()) - {"rishi"}
_MALE_NAMES = set("""dean james robert john michael david william richard joseph thomas charles christopher
daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald
edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry
douglas zachary peter kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl
harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan alan juan albert willie
elijah wayne randy vincent mason roy ralph bobby russell bradley philip eugene marco tom dave
emmanuel olaf friedrich vladimir volodymyr xi narendra rishi keir boris justin jean pierre francois
françois jacques henrik lars olof giorgio mario carlos luis jorge pedro miguel antonio omar ahmed
mohammed muhammad ali hassan benjamin yair recep mike jim bill bob ted chuck mitch rand marco jd sam ian
callum gene graham gordon neil colin stuart alistair angus hamish ewan owen rhys gareth dylan liam connor
declan seamus ciaran marcus luis rodrigo diego javier alejandro rafael sergio oliver harry
dwayne tyrone darnell kwame kofi chinedu emeka olu tunde giuseppe giovanni francesco alessandro andrea luca
matteo lorenzo stefano raffaele salvatore vincenzo massimo roberto fabio enrico riccardo gianluca
samuele davide federico emanuele pablo manuel fernando ramon enrique joao rui tiago nuno julien
thomas nicolas olivier laurent mathieu klaus jurgen wolfgang dieter matthias stefan uwe doug greg jeff steve
matt tony nick rob dan andy pete phil ken ron don rick jon tim ben fred ed jim larry hank""".split())
#: what opens a person's name before a member's letters ("Mary Creagh MP", "Sir Ed Davey MP")
_PERSONAL_NAMES = frozenset(_MALE_NAMES | _FEMALE_NAMES)
_FIRST_NAMES_OR_SIR = _PERSONAL_NAMES | {"sir", "dame", "lord", "lady", "dr", "mr", "mrs", "ms"}
# a dot only after an abbreviation or an initial: "CNN. What Doe" is two sentences, not a name.
# Every form opens with a capital: the look-ahead says so first, so that a scan skips the other
# characters without trying each alternative at each of them (3x faster)
#: (a US party-and-state tag, "D-Calif.", "R-Texas)", "I-Vt.", is never a name)
_NAME_TOKEN = (r"(?=[A-ZÀ-Ý])(?<![DRI]-)(?![DRI]-(?:[A-Z][a-z]{0,6}\.?|(?:[A-Z]\.){2})(?:[,)]|\s*$))(?:(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Sen|Rep|Gov|Gen|Lt|Col|Prof|Rev|Capt|Sgt|Mt|Ft|Hon|Pres|Sec)\.|(?:[A-Z]\.){2,}|[A-Z]\."
               r"|[A-ZÀ-Ý][\w’'\-]*(?<![’']))")   # (a closing mark is no part of it: "'IN TEARS' Kingsmere")
_NAME_RUN = re.compile(_NAME_TOKEN + r"(?:\s+(?:(?:de|da|del|dos|van|von|bin|al|la|le|di|of)\s+)?" + _NAME_TOKEN + r"){0,5}")
_SPEECH = re.compile(r"\b(?:" + _SPEECH_VERBS_RX + r")\b")
_NOUN = re.compile(r"\b(?:" + _SPEECH_NOUNS_RX + r")s?\b")
#: a full stop that ends an abbreviation before a name ("said Dr. Amara Okoye"), not a sentence
#: (an initial too: "a conclu M. Wierzbicki", "said J. Doe")
_ABBREV_DOT = r"(?:" + "|".join(r"(?<=\b" + a + r")" for a in (
    "Dr", "Mr", "Ms", "Mrs", "Sen", "Rep", "Gov", "Gen", "Prof", "Lt", "Col", "Capt", "Sgt", "St", "[A-Z]")) + r")\."
#: capitalised at the start of a sentence, never the first word of a name
_LEADING = {"In", "On", "At", "For", "As", "After", "Before", "Since", "While", "When", "If", "What", "Why", "How", "Who", "Whom", "Where", "Whether", "Although", "Though", "Because",
            "Unless", "Asked", "Pressed", "Speaking", "Like", "Unlike", "Despite", "During", "Even",
            "Only", "Just", "Now", "Here", "There", "Once", "Some", "Many", "Most", "Few", "All", "Both",
            "Every", "Each", "No", "Not", "Nor", "Or", "Then", "Thus", "Also", "With", "Without", "From",
            "To", "Of", "By", "Under", "Over", "Through", "Among", "Between", "Against", "Toward", "Towards",
            # conjunctions and adverbs opening a sentence ("And Hargreaves revealed", "But Reyes said")
            "And", "But", "Yet", "Still", "Meanwhile", "However", "Plus", "Instead", "Indeed", "Later",
            "Earlier", "Finally", "Yesterday", "Today", "Tonight",
            # French and Spanish openers ("Pour Paris, …", "Et d’ajouter", "Y el alcalde …")
            "Et", "Mais", "Pour", "Dans", "Selon", "Avec", "Sans", "Après", "Avant", "Depuis", "Pendant", "Lors",
            "Pourtant", "Ainsi", "Alors", "Quand", "Chez", "Sur", "À", "Au", "Aux", "En", "Y", "Pero", "Para", "Con", "Sin", "Desde",
            "Durante", "Según", "Tras", "Ante", "Cuando", "Aunque", "Como", "Mientras",
            # Italian ("Alla domanda se …", "E poi", "Per la presidente di giuria")
            # (not "Per": a Scandinavian first name, "Per Aasen")
            "Il", "Lo", "Gli", "Alla", "Al", "Ai", "Alle", "Nel", "Nella", "Dal", "Dalla", "Della", "Del",
            "Ma", "Poi", "Anche", "Secondo", "Dopo", "Prima", "Mentre", "Perché", "Ed", "E",
            # Portuguese ("O artista também …", "Na segunda-feira, o rapper …", "Segundo ele")
            "O", "Os", "Na", "Nas", "Nos", "Em", "Até", "Após", "Segundo", "Quem", "Já", "Mas",
            # German: articles and openers (German capitalises every noun: "Das Rentenniveau", "Im Plenum")
            "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einen", "Im", "Am", "Als", "Auch", "Bei",
            "Nach", "Mit", "Für", "Auf", "Aus", "Zu", "Zum", "Zur", "Wie", "Wenn", "Doch", "Aber", "Und", "Vor",
            "Ins", "Ans", "Vom", "Beim", "Über", "Unter", "Gegen", "Seit", "Nun", "Dass", "Ob",
            # Dutch ("Volgens de burgemeester", "Het waterschap", "Ook de minister")
            "De", "Het", "Een", "Volgens", "Maar", "Ook", "Bij", "Voor", "Om", "Dat", "Dit", "Toen", "Nu",
            "Laut"}
_OFFICE_SHORTHAND = {"POTUS": "the president", "FLOTUS": "the first lady", "VPOTUS": "the vice president",
                     "SCOTUS": "the court"}
_SKIP_NAMES = {"X", "I", "A", "Q", "The", "It", "This", "That", "These", "Those", "But", "And", "In", "On",
               "At", "For", "As", "If", "When", "While", "After", "Before", "Since", "However", "Monday",
               "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
               "March", "April", "May", "June", "July", "August", "September", "October", "November",
               "December", "Twitter", "Facebook", "Instagram", "Truth", "Social", "Telegram", "TikTok",
               "YouTube", "Threads", "Bluesky", "He", "She", "They", "We", "His", "Her", "Their", "Our",
               "According", "Image", "Photo", "Read", "Also", "So", "Then", "Yet", "Still", "Meanwhile",
               "Et", "Mais", "Pour", "Dans", "Selon", "Y", "Pero", "Para", "Según", "Lundi", "Mardi", "Mercredi",
               "Jeudi", "Vendredi", "Samedi", "Dimanche", "Lunes", "Martes", "Miércoles", "Jueves", "Viernes",
               "Sábado", "Domingo", "Der", "Die", "Das", "Im", "Am", "Als", "Und", "Aber", "Doch",
               "Il", "Alla", "Secondo", "E", "Ma", "Poi",
               # a blog's slang in capitals ("LOL no.")
               "LOL", "OMG", "WTF", "TBH", "IMO", "FYI", "BTW", "SMH", "IMHO"}
_MASK = "\u2591"
#: capitalised subjects of "…," X said that are not surnames
_COLLECTIVE = set("""police officials critics analysts experts witnesses residents others organizers organisers
prosecutors investigators authorities doctors scientists researchers economists observers supporters
opponents protesters protestors neighbours neighbors parents teachers students workers fans locals sources
insiders aides advisers advisors officers firefighters rescuers volunteers voters lawmakers democrats
republicans ministers diplomats leaders members employees staff customers passengers commuters
everyone everybody nobody someone somebody none both all many some few most another one each several
authorities spokespeople negotiators unions campaigners activists bench opposition government court
tories conservatives labour reporters journalists mps senators nurses patients families shoppers investors
traders farmers drivers players managers executives shareholders bidders regulators
crowd audience hecklers chorus""".split())
#: a verb that passes judgement in the subject's words when "as" introduces them
_CHARACTERISE = re.compile(r"\b(?:reject|dismiss|brand|label|describ|decr[iy]|denounc|condemn|hail|slam|deride)\w*"
                           r"\b(?:[^\u2591.;]|\.(?=\S)){0,80}\bas\s*$")
#: verbs whose object is then named by the quotation: 'called the plan "…"', 'branded his offer "…"'
_NAMING_VERB = re.compile(r"call(?:ed|s|ing)|dubb(?:ed|ing)|dubs|brand(?:ed|s|ing)|label(?:l?ed|s|l?ing)|term(?:ed|s|ing)")
_CLAUSE_BREAK = re.compile(r"[\u2591.;:!?]|,\s+(?:and|but|while|as|who|which)\b")
_UNKNOWN = ("", False)   # a cue was found but its speaker is not a name: stays unknown


_TITLE_ABBREV = {"governor": r"gov\.", "senator": r"sen\.", "representative": r"rep\.", "general": r"gen\.",
                 "president": r"pres\.", "secretary": r"sec\.", "professor": r"prof\.", "doctor": r"dr\.",
                 "ceo": r"chief\s+executive", "executive": r"ceo\b",
                 # US papers call "Rep. Jo Doe" "the congressman" / "the congresswoman" later
                 "congressman": r"rep\.", "congresswoman": r"rep\.",
                 # British and Commonwealth judges are "Mrs Justice Doe", "the judge" later
                 "judge": r"justice\b"}
_GENERIC_ORG = {"department", "ministry", "office", "agency", "commission", "council", "government",
                "house", "state", "national", "federal", "european", "united", "general"}


# the patterns of strip_titles, compiled once
_JR_SR_END = re.compile(r"\b(?:Jr|Sr)\.$")


_HONOURS = frozenset("KC QC OBE MBE CBE KBE DBE PhD".split())
_POST_NOMINALS = frozenset("MP MSP MEP MLA MPP MHA TD".split())


_ARTICLES_BEFORE_LETTERS = frozenset("La El Los Las Le Les Il Lo Die Der Das".split())
_PLACE_DESCRIBED = re.compile(r"\w-(?:based|born|bred|raised|headquartered)$")


#: a possessive owner, then two or more capitalised words: "Russia's Dmitri Sokolin"
_OWNER_THEN_NAME = re.compile(r"[^\s’']+[’']s\s+([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)+)$")


@functools.lru_cache(maxsize=1 << 14)   # a pure function of the name, asked ~3 times per name run
def strip_titles(name: str) -> str:
    """'Secretary of State Marco Rubio' -> 'Marco Rubio'; 'Salvadoran President Nayib Bukele' ->
    'Nayib Bukele'. A run with no title is returned as it is."""
    owned = _OWNER_THEN_NAME.match(name)
    if owned:   # "Russia's Dmitri Sokolin", "Dravenia's Viktor Halden": the person, not the owner
        name = owned.group(1)
    toks = name.replace("’s", "").replace("'s", "").split()
    while toks and toks[0] in _LEADING:   # "What Whitfield did not say"
        toks = toks[1:]
    if len(toks) == 2 and toks[0] in _ARTICLES_BEFORE_LETTERS and toks[1].isupper() and len(toks[1]) >= 2:
        toks = toks[1:]   # "La TDEM", "El FMI", "Die EZB": an organisation's letters after an article
    # "Los Angeles-based Paul Brennerman", "Dublin-born Aoife Byrne": the place is a description;
    # "Lucía Benavídez of Buenos Aires-based Delta Sur": so is what follows her name
    described = [i for i, t in enumerate(toks[:-1]) if _PLACE_DESCRIBED.search(t)]
    if described:
        toks = toks[:toks.index("of")] if "of" in toks[:described[-1]] else toks[described[-1] + 1:]
    if len(toks) >= 2 and toks[0] in _FRENCH_HONORIFICS:   # "M. Marchal", "Mme Dorval" (not "John M. Smith")
        toks = toks[1:]
    # letters after a full name: "Mary Creagh MP", "Sir Ed Davey KC MP", "Jane Doe OBE"
    # (a seat's member, "Galway West TD", is a role: a member's letters go only after a first name)
    while len(toks) >= 3 and (toks[-1].strip(",.") in _HONOURS or toks[-1].strip(",.") in _POST_NOMINALS
                              and toks[0].lower() in _FIRST_NAMES_OR_SIR):
        toks = toks[:-1]
    last_title = -1
    # (a title that is also a first name, before a surname alone: "Station Manager Dean Holcroft")
    end = toks.index("of") if "of" in toks else len(toks)
    for i, t in enumerate(toks):
        w = t.lower().strip(".,")
        if w in _PERSONAL_NAMES and i == end - 2 and i > 0:
            continue
        if (w in _TITLES or w.split("-")[0] in _TITLES and w.split("-")[-1] in ("elect", "designate")
                or w.split("-")[0] in ("co", "vice", "ex", "under") and w.split("-")[-1] in _TITLES
                or "-" in w and all(p in _TITLES for p in w.split("-"))) and w != "the":   # "Secretary-General"
            last_title = i
            # "Secretary of State", "Minister of Foreign Affairs": the complement is part of the title
            j = i + 1
            if j < len(toks) and toks[j].lower() == "of":
                j += 1
                while j < len(toks) - 1 and toks[j][:1].isupper() and toks[j].lower() in _TITLE_COMPLEMENTS:
                    j += 1
                last_title = j - 1
    rest = toks[last_title + 1:] if last_title >= 0 else toks
    while rest and rest[0].lower() in ("the", "of"):
        rest = rest[1:]
    # "Republican Diane Harper", "Italian forward Marco Bellini": a label before a full name
    while len(rest) >= 3 and _is_label(rest[0]) and not any(w.lower() in _ORG_WORDS for w in rest):
        rest = rest[1:]
    out = " ".join(rest).strip(" ,")
    if " of " in out:
        # "Marisol Achterkamp of Kelderby Police", "Jesper Kallstrom of Sund Bank": the person, not
        # the run of capitals joined across "of" to the employer (one word before it is an
        # organisation's own name: "Bank of England")
        # "Rep. Gunnar Halvorsen of Minnesota": a full name, then the one place the person is from
        head, _, tail = out.partition(" of ")
        # (or several capitalised words: "Dean Holcroft of Mersey Vale Fire")
        many = len(tail.split()) >= 2 and all(w[:1].isupper() for w in tail.split())
        if (len(head.split()) >= 2 and (_is_org(tail) or len(tail.split()) == 1 or many)
                or many and head[:1].isupper() and head.lower() not in _TITLES) and not _is_org(head):
            out = head
    return out if _JR_SR_END.search(out) else out.strip(" ,.")


_LABELS = {"republican", "democrat", "democratic", "labour", "conservative", "tory", "liberal", "independent",
           "green", "socialist", "resident", "voter", "supporter", "activist", "veteran", "businessman",
           "businesswoman", "billionaire", "entrepreneur", "candidate", "challenger", "incumbent", "striker",
           "forward", "midfielder", "defender", "goalkeeper", "passenger", "shopper", "commuter", "fan",
           "parent", "student", "teacher", "nurse", "worker", "driver", "farmer", "owner", "tenant",
           "neighbour", "neighbor", "witness", "survivor", "protester", "volunteer", "customer",
           # sport's roles: "the two-time champion said", "the qualifier"
           "champion", "player", "qualifier", "finalist", "teenager", "rookie", "winner", "favourite",
           "favorite", "underdog"}


#: an occupation opening a sentence before a full name: "Lifeguard Jamie Okoro", "Cafe owner …"
_OCCUPATION = re.compile(r"[a-z]+(?:er|or|ist|ian|guard|keeper|man|woman|smith|wright|maker|hand|mate|wife)$")


def _is_label(word: str) -> bool:
    w = word.lower()
    return w in _LABELS or bool(_OCCUPATION.match(w)) and w not in _MALE_NAMES and w not in _FEMALE_NAMES


#: lower-case roles between a team or place and a name: "Castleford boss Karen Blake"
_ROLE_WORDS = "|".join(sorted(_LABELS | {"boss", "skipper", "winger", "keeper"}, key=len, reverse=True))
_ROLE_WORDS_RX = _by_first_letter(_ROLE_WORDS)

_TITLE_COMPLEMENTS = {"state", "defense", "defence", "homeland", "security", "foreign", "affairs",
                      "justice", "the", "treasury", "commerce", "energy", "interior", "labor", "health",
                      "education", "agriculture", "transportation", "war", "finance", "economy", "trade"}


@functools.lru_cache(maxsize=1 << 14)   # pure, and asked again and again of the same few names
def _is_org(name: str) -> bool:
    """Not a person: an organisation, a body, a place (a name opening with a Spanish article, "El
    Salvador", "Los Angeles", "La Paz", is a place or a title, never a person)."""
    if name[:3] in _ARTICLE_OPENINGS and name.split(None, 1)[0] in _ARTICLE_WORDS:
        return True
    words = [w.lower().strip(".,’'") for w in name.split()]
    return any(w in _ORG_WORDS for w in words) and not (len(words) == 2 and words[-1] not in _ORG_WORDS and words[0] not in ("white",))


@attrs.define
class _Mention:
    pos: int
    name: str          # canonical (titles stripped)
    person: bool


@attrs.define
class _Event:
    pos: int
    block: int
    speaker: str
    person: bool
    document: bool = False   # a block-quoted text of the speaker: "it says" may mean it


class _Roster:
    """What the sources say about their speakers (full names by surname, handles, organisations):
    the same for every document checked against one library, so built once per sources list."""

    def __init__(self, sources: list[Source]) -> None:
        self.full: dict[str, str] = {}      # surname -> full name
        self.namesakes: dict[str, list[str]] = {}   # surname -> every full name with it (two Smiths)
        self.handles: dict[str, str] = {}
        self.known: set[str] = set()
        self.org_of: dict[str, str] = {}    # speaker -> organization, from the sources
        self.plain: dict[str, str] = {}     # a speaker's name without accents -> as the sources spell it
        self.org_speakers: list[str] = []   # organisations that speak in their own name
        for s in sources:
            if s.speaker and (_is_org(s.speaker) or s.speaker == s.organization) and s.speaker not in self.org_speakers:
                self.org_speakers.append(s.speaker)
            if s.speaker and s.organization and not _is_org(s.speaker):
                self.org_of.setdefault(s.speaker, s.organization)
            if s.speaker and len(s.speaker.split()) >= 2 and not _is_org(s.speaker):
                toks = s.speaker.split()
                # a Spanish name's first surname is the one stories use on later mentions
                # ("Ramón Beltrán Gisbert" is "Beltrán"); and "Ferrandez" is "Ferrández"
                keys = [toks[-1]] + ([toks[-2]] if len(toks) >= 3 and toks[-2][:1].isupper() else [])
                for key in dict.fromkeys(keys + [_strip_accents(k) for k in keys]):
                    self.full.setdefault(key, s.speaker)
                    same = self.namesakes.setdefault(key, [])
                    if s.speaker not in same:
                        same.append(s.speaker)
                self.known.add(s.speaker)
                self.plain[_strip_accents(s.speaker)] = s.speaker
            if s.handle and s.speaker:
                self.handles[s.handle.lower().lstrip("@")] = s.speaker
        #: the organisations' names without their legal form ("Auralis" of "Auralis, Inc.")
        self.org_names = frozenset(_without_legal_form(o) for o in self.org_of.values())
        #: and the word a story shortens one to, when one organisation of the sources opens with
        #: it: "Verdance" -> "Verdance Health Plans" (of "Verdance Health Plans, Inc.")
        heads: dict[str, set[str]] = {}
        for o in self.org_names:
            h = _org_head(o)
            if h and h not in self.org_names:   # ("Quillpoint" of "Quillpoint Inc. (former)" is Quillpoint's own name)
                heads.setdefault(h, set()).add(o)
        self.org_heads = {h: next(iter(os)) for h, os in heads.items() if len(os) == 1}
        #: (and those two organisations open with: "Skyvale" of Skyvale Airlines and Skyvale Pilots Association)
        self.org_firsts = frozenset(heads)


def _body(noun: str) -> tuple[str, bool]:
    """'the union said' when the story names no union: the kind of body, which the pipeline
    makes the speaker of that body's statement the words are found in (match.is_generic_body),
    else somebody unnamed."""
    return (noun.lower(), False) if is_generic_body(noun) else _UNKNOWN


def _org_head(name: str) -> str | None:
    """The word a story shortens an organisation's name to when the name opens with a word of its
    own ("Verdance" of "Verdance Health Plans"); None when that word is a common one ("National
    …", "United …", "Department of …"), a first name ("Morgan" of Morgan Stanley), or the name is
    one word."""
    words = name.replace(",", " ").split()
    if len(words) < 2 or len(words[0]) < 4 or not words[0].isalpha() or not words[0][:1].isupper() \
            or words[0].isupper():
        return None
    low = words[0].lower()
    if low in _COMMON_ORG_OPENERS or low in _FIRST_NAMES_OR_SIR or low in STOPWORDS:
        return None
    return words[0]


#: first words of organisations' names that do not name one by themselves
_COMMON_ORG_OPENERS = frozenset(
    "national american united department ministry office federal state royal general international european "
    "british global first new north south east west central city county council university institute association "
    "society metropolitan regional public independent world african asian pacific atlantic northern southern "
    "eastern western greater great saint canadian australian irish scottish welsh english french german spanish "
    "italian indian chinese japanese mexican".split())


#: the rosters of the last few sources lists, by id; each keeps a copy of its list, so a list
#: changed in place (or an id reused by a new list) is noticed and the roster rebuilt
_ROSTERS: dict[int, tuple[list[Source], _Roster]] = {}


def _roster(sources: list[Source]) -> _Roster:
    hit = _ROSTERS.get(id(sources))
    if hit is not None and len(hit[0]) == len(sources) and all(map(operator.is_, hit[0], sources)):
        return hit[1]
    roster = _Roster(sources)
    if len(_ROSTERS) >= 4:
        _ROSTERS.pop(next(iter(_ROSTERS)))
    _ROSTERS[id(sources)] = (list(sources), roster)
    return roster


#: a byline before a name run ("By Tamsin Rook"): the reporter, never a speaker
_BYLINE_BEFORE = re.compile(r"(?:^|\n)\s*(?:[Bb]y|[Pp]or|[Pp]ar|[Vv]on)\s+$")
_BYLINE_ENDS = ("by", "By", "or", "ar", "on")   # the last two letters of a byline's word, checked first
_LINE_START_BEFORE = re.compile(r"(?:^|\n)\s*$")
_BYLINE_LINE = re.compile(r"\s*(?:By|Por|Par|Von)\s+[^\n,]{2,60},\s+(?:and\s+)?$")
_LEADING_THE = re.compile(r"^(?:The|the)\s+")
#: a role right before a name: "union organizer Jane Doe", "Castleford boss Karen Blake"
_ROLE_BEFORE = re.compile(r"\b(?:(?!(?:after|over|under|other|another|never|ever|whether|later|rather|either|neither|"
                          r"went|sent|spent|meant|want|for|nor|her|per)\s)[a-z]{2,}(?:er|or|ist|ian|ent|ant|man|woman)|"
                          # "Minister for Housing Cathal O'Donoghue": the title's own "for"
                          r"(?i:minister|secretary|commissioner|spokes(?:person|man|woman)|director|head)\s+(?:for|of)|" + _DESCRIPTORS_RX + r"|" + _ROLE_WORDS_RX + r")\s+$")
_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Dr|Mme|Mlle)\.?\s|M\.\s")
_KIN_BEFORE = re.compile(r"\b(?:" + "|".join(_KIN) + r"),\s+$")
#: who a claim is credited to is a person speaking, also behind the role that introduces them:
#: "according to Ana Ruiz", "according to the head of its European arm, Ana Ruiz"
_ACCORDING_BEFORE = re.compile(r"\b[Aa]ccording to\s+(?:(?:the|its|their|his|her|a|an)\s+[^,.;:\n]{1,70},\s+)?$")
#: first words that make a capitalised pair no organisation's short name ("Crestline Partners" -> "Crestline")
_NOT_ORG_HEAD = frozenset(_ORG_WORDS | _GENERIC_ORG | _TITLES | _SKIP_NAMES | _LEADING)


#: what follows a person's name: "Name said", "Name, who", "Name, 71, has", "Name, a union organizer,"
_AFTER_NAME_CUE = re.compile(r",\s+who\b|,\s+\d{1,3},\s+[a-z]|,?(?:\s+\d{1,3},)?\s+(?:\w+ly\s+)?(?:" + _SPEECH_VERBS_RX + r")\b|,\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,4}?"
                             r"(?:" + _DESCRIPTORS_RX + r"|[a-z]+(?:er|or|ist|ian|ent|ant|man|woman))\b")


# the patterns of _Doc, compiled once
_TITLE_BEFORE = re.compile(r"\b([A-Za-zé]+)\.?\s+(?:[A-Z][\w’'-]*\s+)?$")
_PRONOUN_NEXT = re.compile(r"[.!?][\"”’]?\s+(He|She|Il|Elle|His|Her)\b|,\s+(?:[\w-]+\s+){0,3}(he|she)\s+said\b")
_SUBJECT_BEFORE = re.compile(r"(?:^|[.!?][\"”’]?\s+|\n)\s*(?:(?:[A-Z][\w.’'-]*\s+){0,3}"
                             r"|(?:The|Its|His|Her|Their|[A-Z][\w-]*[’']s)\s+[^,.;:\"“”]{1,50},\s+(?:[A-Z][\w.’'-]*\s+){0,2})$")
_SENTENCE_BREAK_IN = re.compile(r"[.!?][\"”’]?\s")
_SAID_NEXT = re.compile(r"\s+(?:said|says|told|added|wrote)\b")
_NAME_OPENS_LINE = re.compile(r"(?:^|\n)\s*(?:[A-Z][\w.’'-]*\s+){0,3}$")
_NEXT_PARAGRAPH_PRONOUN = re.compile(r"([^\n]*)\n\s*\n\s*[\"“‘][^\n]{1,300}?[,.!?][\"”’]\s+(he|she)\s+"
                                     r"(?:said|told|added|says|wrote|explained)\b")
_CAPITAL_PAIR = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+")
_FIRST_WORD = re.compile(r"\s*(\w+)")


#: the last word of a body's name that is not the company its first word names
_BODY_WORDS = frozenset("association union federation council committee coalition alliance society institute "
                        "foundation party commission guild".split())
#: words of a headline set in capitals that no name holds
_CAPS_HEADLINE_WORDS = frozenset("HIS HER THEIR HIM SHE HE WE OUR MY IS ARE WAS WERE HAS HAVE BREAKS SLAMS REVEALS "
                                 "SAYS TO FOR WITH AFTER OVER AS ON IN OF BY AT FROM NOT NO".split())


#: an office's department in lower case, then the holder's name: "(VP) of engineering Rohan Mehtani"
_OF_DEPARTMENT_NAME = re.compile(r"\s+of\s+(?:[a-z][\w-]*\s+){1,3}?(?P<who>" + _NAME_RUN.pattern + r")")
_OPENING_MARK = re.compile(r"[“\"‘«„]")
_MASTHEAD = re.compile(r"[ \t]*(?:THE\s+)?[A-Z][A-Z.&'’ -]*[ \t]*")


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


#: articles of the languages read here: a name never ends with one ("su X. La portavoce": no
#: "X. La"), and one alone names nobody ("La portavoce:"); inside a name they stay ("Le Pen")
_ARTICLE_WORDS = frozenset("La Le Les Lo Il Gli El Los Las Der Die Das Den Dem Het Een Un Una Une".split())


@functools.lru_cache(maxsize=1 << 14)
def _run_info(raw: str) -> tuple[str, str, str, bool, bool, str] | None:
    """What a run of capitalised words says by itself (the same runs recur on every page):
    (name, first name of a two-word name, surname of a name of two words or more, a person,
    titled, the first word of an organisation's name a story may shorten it to), or None for a
    run that names nobody."""
    name = strip_titles(raw)
    while name and name.rsplit(None, 1)[-1] in _ARTICLE_WORDS:
        name = name.rsplit(None, 1)[0] if " " in name else ""
    if not name or name in _SKIP_NAMES or len(name.strip(".")) < 2:
        return None
    if len(name.split()) >= 3 and name.isupper() and any(w in _CAPS_HEADLINE_WORDS for w in name.split()):
        return None   # a tabloid's headline in capitals ("THEO BREAKS HIS SILENCE"), no name
    toks = name.split()
    if toks[0] in _SKIP_NAMES:
        return None
    if len(toks) >= 3 and toks[0].lower() not in _PERSONAL_NAMES:
        # a role before a known first name: "Datenanalystin Anna Solberg" (German capitalises it),
        # "Labour Councillor Mary Dunne": the name is from the first name on
        k = next((i for i in range(1, len(toks) - 1) if toks[i].lower() in _PERSONAL_NAMES), 0)
        if k:
            name, toks = " ".join(toks[k:]), toks[k:]
    # (a possessive inside the run makes a title or a place, not a person: "Knife's Edge",
    # "Hell's Kitchen", "St John's Wood")
    person = not _is_org(name) and not _INNER_POSSESSIVE.search(raw)
    titled = name != _LEADING_THE.sub("", raw.strip(" ,."))   # "The Central American" has no title
    org_head = toks[0] if not person and len(toks) >= 2 and toks[0][:1].isupper() \
        and toks[0].lower() not in _NOT_ORG_HEAD and toks[0] not in _NOT_ORG_HEAD else ""
    return (name, toks[0] if len(toks) == 2 else "", toks[-1] if len(toks) >= 2 else "", person, titled, org_head)


@functools.lru_cache(maxsize=1 << 12)
def _whole_word(word: str) -> re.Pattern:
    """r"\\bword\\b", written word first, the boundary before it as a look-behind after it: the
    regex engine then finds the word by its letters instead of trying a boundary at every
    character (20x faster on a page). The same matches."""
    if not word:
        return re.compile(r"\b\b")
    behind = r"(?<!\w[\s\S]{%d})" if re.match(r"\w", word[0]) else r"(?<=\w[\s\S]{%d})"
    return re.compile(re.escape(word) + behind % len(word) + r"\b")


@functools.lru_cache(maxsize=1 << 12)
def _word_end(word: str) -> re.Pattern:
    return re.compile(re.escape(word) + r"\b")


_LOWER_OR_COMMA = frozenset("abcdefghijklmnopqrstuvwxyz,;")


def _after_lower(text: str, word: str) -> bool:
    """re.search(r"[a-z,;]\\s+" + re.escape(word) + r"\\b", text) for a word without whitespace,
    where that whitespace holds no blank line (a headline has no full stop to end it): the word
    is found by its letters (a literal the engine skips to), then the character before the
    whitespace in front of it is read, instead of trying the pattern at every lower-case letter
    of the page. (No two such places overlap: the whitespace before a match cannot lie inside
    an earlier one.)"""
    for m in _word_end(word).finditer(text):
        k = at = m.start()
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if k < at and k > 0 and text[k - 1] in _LOWER_OR_COMMA and text.count("\n", k, at) < 2:
            return True
    return False


@functools.lru_cache(maxsize=1 << 12)
def _titled(tok: str) -> tuple[re.Pattern, re.Pattern]:
    """A gendered title before `tok` ("Mr. Wang"), and `tok` alone, both ignoring case."""
    return (re.compile(r"\b(" + _GENDER_TITLES_RX + r")\.?\s+" + re.escape(tok) + r"\b", re.IGNORECASE),
            re.compile(re.escape(tok) + r"\b", re.IGNORECASE))


def _titled_first(seg: str, tok: str) -> re.Match | None:
    """The first "<title>.? <tok>" of `seg` (re.search of _titled's pattern) for a one-word
    `tok`: that search tried some twenty titles at every character (2.4 ms on an 85 KB page);
    this finds `tok` first, then tries the pattern at the start of the word before it. The
    same match: a title is the whole word before the whitespace in front of `tok` (\\b before
    it), and the matches come in the order of their `tok`s."""
    titled, alone = _titled(tok)
    for occ in alone.finditer(seg):
        t = j = occ.start()
        while j > 0 and seg[j - 1].isspace():
            j -= 1
        if j == t:
            continue
        e = j - 1 if j > 0 and seg[j - 1] == "." else j
        w = e
        while w > 0 and (seg[w - 1].isalnum() or seg[w - 1] == "_"):   # \w
            w -= 1
        if w < e:
            m = titled.match(seg, w)
            if m:
                return m
    return None


class _Doc:
    """Names known in a document, with where they were mentioned."""

    def __init__(self, doc: Document, sources: list[Source]) -> None:
        self.doc = doc
        roster = _roster(sources)
        # the roster's tables, which a document adds its own full names to: copied on the
        # document's first write (most pages name nobody the sources do not; copying a large
        # roster for every page was a tenth of attribution), so no document leaks into the next
        self.full: dict[str, str] = roster.full      # surname -> full name
        self.namesakes: dict[str, list[str]] = roster.namesakes   # surname -> every full name with it
        self._own_tables = False
        self.org_full: dict[str, list[tuple[int, str]]] = {}  # "Crestline" -> [(pos, "Crestline Partners")]
        self.handles: dict[str, str] = roster.handles   # read only
        self.known: set[str] = roster.known             # read only
        self.org_of: dict[str, str] = roster.org_of     # read only
        self._org_names: frozenset[str] = roster.org_names   # read only
        self.org_heads: dict[str, str] = roster.org_heads     # read only
        self.org_firsts: frozenset[str] = roster.org_firsts   # read only
        self.plain: dict[str, str] = roster.plain       # read only
        self.org_speakers: list[str] = roster.org_speakers   # read only
        self.mentions: list[_Mention] = []
        self._genders: dict[str, str | None] = {}
        self._first_titles: dict[str, str | None] = {}
        self._single: dict[str, bool] = {}
        text = doc.text
        # people named in full, by first and by last name, and where (looked up per quotation:
        # a scan of every mention each time is quadratic on a long page)
        self.by_first: dict[str, set[str]] = {}
        self.by_last: dict[str, list[tuple[int, str]]] = {}
        self.person_names: set[str] = set()
        # (names bound locally: this loop runs for every run of capitals of the page)
        mentions, mention_pos, finditer, run_info = self.mentions, [], _NAME_RUN.finditer, _run_info
        known, plain = roster.known, self.plain
        for bi, b in enumerate(doc.blocks):
            if b.zone != "body":
                continue
            for m in finditer(text, b.start, b.end):
                raw = m.group()
                info = run_info(raw)
                if info is None:
                    continue
                at = m.start()
                if bi < 2 and raw.isupper() and _MASTHEAD.fullmatch(text, text.rfind("\n", 0, at) + 1,
                                                                  _line_end(text, m.end())):
                    continue   # a plain-text page's masthead, a line of capitals atop it ("THE CITY COURANT")
                before = text[at - 12 if at > 12 else 0:at]
                # (the byline pattern ends in "by" and a space: most runs are ruled out without it)
                if before.rstrip()[-2:] in _BYLINE_ENDS and _BYLINE_BEFORE.search(before) \
                        or raw.startswith("By ") and _LINE_START_BEFORE.search(before):
                    continue   # a byline ("By Tamsin Rook" is one run of capitals): the reporter, never a speaker
                if "," in before and _BYLINE_LINE.match(text, text.rfind("\n", 0, at) + 1, at):
                    continue   # the rest of it: "By DANNY WELLS, Chief Football Writer"
                name, first, last, person, titled, org_head = info
                if person and (before[-4:] == "the " or raw.startswith("The ")) and _MODIFIED_NOUN_NEXT.match(text, m.end()) \
                        and name not in known:
                    # "The Paper Crowns hitmaker didn't …": capitals qualifying a noun, no person
                    continue
                if person and last and name not in known and plain:
                    spelt = self.spelt(name)
                    if spelt != name:
                        toks = spelt.split()
                        name, first, last = spelt, toks[0] if len(toks) == 2 else "", toks[-1]
                if person and last:   # a person's full name
                    # (the tests cheapest first; none needed when the name is already the one
                    # its surname stands for, as on its every mention after the first: that
                    # full name is then among the namesakes too)
                    if self.full.get(last) != name and (
                            titled or name in self.known or _ROLE_BEFORE.search(text[max(0, at - 30):at])
                            or _KIN_BEFORE.search(text[max(0, at - 20):at]) or self._after_cue(text, m.end())
                            or _ACCORDING_BEFORE.search(text[max(0, at - 100):at])):
                        if not self._own_tables:
                            # (the namesakes' lists stay shared: a grown one is replaced by a copy)
                            self.full, self.namesakes, self._own_tables = dict(self.full), dict(self.namesakes), True
                        self.full[last] = name
                        same = self.namesakes.get(last)
                        if same is None:
                            self.namesakes[last] = [name]
                        elif name not in same:
                            self.namesakes[last] = same + [name]   # a copy: the roster's list is shared
                    self.person_names.add(name)
                    self.by_last.setdefault(last, []).append((at, name))
                    if first:
                        self.by_first.setdefault(first, set()).add(name)
                elif org_head:
                    self.org_full.setdefault(org_head, []).append((at, name))
                mentions.append(_Mention(at, name, person))
                mention_pos.append(at)
        self._mention_pos = mention_pos

    @functools.cached_property
    def german(self) -> bool:
        return language_of(self.doc.text[:20_000]) == "de"

    def drop_mentions(self, drop) -> None:
        """Leave out the mentions for which drop(mention) holds."""
        if any(map(drop, self.mentions)):
            self.mentions = [m for m in self.mentions if not drop(m)]
            self._mention_pos = [m.pos for m in self.mentions]

    @functools.cached_property
    def kin(self) -> dict[str, str | None]:
        """People the story introduces by kinship and first name ("Her husband, Alan,"): persons,
        of the kinship's gender, though no first-name list knows the name. Found when first
        asked: a page that resolves no pronoun never asks."""
        kin: dict[str, str | None] = {}
        # each such apposition holds "husband," or the like: a page with none is not scanned
        # (a few substring searches cost a fifth of the pattern's scan)
        if any(k in self.doc.text for k in _KIN_COMMA):
            for km in _KIN_APPOS.finditer(self.doc.text):
                kin.setdefault(km.group(2), _KIN[km.group(1)])
        return kin

    def mentions_between(self, a: int, b: int) -> list[_Mention]:
        return self.mentions[bisect.bisect_left(self._mention_pos, a):bisect.bisect_left(self._mention_pos, b)]

    def gender(self, name: str) -> str | None:
        """'m', 'f' or None for a person's name: from titles before its mentions ("Mrs Marsh"),
        a pronoun opening the next sentence, else the first name."""
        if name in self._genders:
            return self._genders[name]
        last = name.split()[-1]
        votes = {"m": 0, "f": 0}
        if self.kin.get(name):
            votes[self.kin[name]] += 2
        # a first name of one gender weighs as a title does: a pronoun opening the next sentence
        # is often somebody else's ("Hollis pressed her on …. Her answer?" is the witness's)
        first = name.split()[0].lower()
        if len(name.split()) >= 2 and (first in _FEMALE_NAMES) != (first in _MALE_NAMES):
            votes["f" if first in _FEMALE_NAMES else "m"] += 2
        text = self.doc.text
        # "Mr Flynn" says nothing of Margaret Flynn when her son Tom Flynn is in the story too:
        # with namesakes only the full name's own mentions vote
        people = {n for _, n in self.by_last.get(last, ())}
        word = last if len(people | set(self.namesakes.get(last, ()))) < 2 else name
        for m in _whole_word(word).finditer(text):
            if _MODIFIED_NOUN_NEXT.match(text, m.end()) and _THE_CAPITALS_BEFORE.search(text, max(0, m.start() - 60), m.start()):
                continue   # "The Paper Crowns hitmaker …. He": capitals qualifying a noun, whose person is another
            tm = _TITLE_BEFORE.search(text[max(0, m.start() - 30):m.start()])
            tw = tm.group(1).lower() if tm else ""       # "Mrs Marsh", "Mr. Tom Reilly"; not "6 p.m."
            if tw in _MALE_TITLES:
                votes["m"] += 2
            elif tw in _FEMALE_TITLES:
                votes["f"] += 2
            after = text[m.end():m.end() + 160]
            nxt = _PRONOUN_NEXT.search(after)
            if nxt and nxt.group(1) and not _SUBJECT_BEFORE.search(text[max(0, m.start() - 80):m.start()]):
                # 'Jane Smith met Robert Brown. She …': the next sentence's pronoun is its subject's
                # (a subject in apposition too: "The board chair, Eamon Gilchrist, said …. He …")
                nxt = None
            if nxt and nxt.group(1) and _SENTENCE_BREAK_IN.search(after[:nxt.start()]):
                nxt = None   # the sentence right after only: 'Gilchrist and Ndiaye-Lund clashed. "…," he told …. She replied'
            if nxt and nxt.group(1) and _OPENING_MARK.search(after, 0, nxt.start(1)):
                nxt = None   # a pronoun in the words quoted after the name: 'Strand put it: “He knows …”' is not hers
            gap = None
            if not nxt and not _SAID_NEXT.match(after) \
                    and _NAME_OPENS_LINE.search(text[max(0, m.start() - 60):m.start()]):
                # a paragraph opening with somebody's name, then one opening with '"…," he told reporters'
                nxt = _NEXT_PARAGRAPH_PRONOUN.match(text[m.end():m.end() + 600])
                gap = nxt.group(1) if nxt else None
            between = gap if gap is not None else after[:nxt.start()] if nxt else ""
            if nxt and not any(self._looks_personal(p.group()) for p in _CAPITAL_PAIR.finditer(between)):
                w = (nxt.group(2) if gap is not None else nxt.group(1) or nxt.group(2)).lower()
                votes["m" if w in ("he", "il", "his") else "f"] += 1   # "Wren Castell died. Her husband …"
        g: str | None = None
        if votes["m"] != votes["f"]:
            g = "m" if votes["m"] > votes["f"] else "f"
        else:
            g = "f" if first in _FEMALE_NAMES else "m" if first in _MALE_NAMES else None
            if g is None and len(name.split()) == 2:
                g = self._first_title(name)   # 'Wang Lei' … 'Mr Wang'
        self._genders[name] = g
        return g

    def _first_title(self, name: str) -> str | None:
        """The gender of the first 'Mr/Ms <first token>' after `name` is first printed in full
        (and before another person with that first token is): how a story goes on to call
        'Wang Fang' ('Ms Wang')."""
        if name not in self._first_titles:   # asked again for each mention of the family name
            self._first_titles[name] = self._first_title_in_text(name)
        return self._first_titles[name]

    def _first_title_in_text(self, name: str) -> str | None:
        text, tok = self.doc.text, name.split()[0]
        start = text.find(name)
        if start < 0:
            return None
        others = [text.find(o, start + len(name)) for o in self.by_first.get(tok, ()) if o != name]
        end = min([o for o in others if o >= 0], default=len(text))
        tm = _titled_first(text[start + len(name):end], tok)
        if not tm:
            return None
        return "m" if tm.group(1).lower() in _MALE_TITLES else "f"

    def _looks_personal(self, pair: str) -> bool:
        """'Luis Garcia' may be whom a pronoun means; 'Skerry Point' may not."""
        first = pair.split()[0].lower()
        return self.is_full(pair) or first in _MALE_NAMES or first in _FEMALE_NAMES \
            or pair in self.person_names

    @staticmethod
    def _after_cue(text: str, end: int) -> bool:
        # "Name said", "Name, a union organizer," (a role noun: not "San Salvador, the capital city")
        # "Margaret Flynn, 71, has swum …": an age in apposition is said of a person only
        return bool(_AFTER_NAME_CUE.match(text, end, end + 60))

    def is_full(self, name: str) -> bool:
        """A full name this story gives a person (a source's speaker, or one named as speaking)."""
        return name in self.namesakes.get(name.split()[-1], ()) if name.split() else False

    def is_known_single(self, name: str, lenient: bool = False) -> bool:
        """A one-word name is a name when it is a known surname, an organisation word, or is
        capitalised in the middle of a sentence somewhere ("Critics said" is not a name).
        `lenient`: right after a quotation ('"…," Ortiz said') any word that is not a common
        collective ('Officials', 'Critics') nor printed in lower case elsewhere is a surname."""
        if name in self.full or _is_org(name):
            return True
        if name.isupper():
            # an acronym ("FEMA said"), or a surname set in capitals ("PRYDDERCH:"); a longer word
            # in capitals is a label ("THE PUSHBACK:", "SLEUTH")
            return len(name) <= 6 or name.capitalize() in self.full
        if name in self.by_last:
            return True   # the surname of somebody named in full ('Sam Ortiz and Maria Lopez … Ortiz says')
        if name.lower() in _COLLECTIVE:
            return False  # "observed the Bench", "Opposition says": a body, capitalised as one
        if name not in self._single:   # one scan of the text per word, not per quotation
            # (German capitalises every noun: "ins Rollen" says nothing of a name)
            self._single[name] = not self.german and _after_lower(self.doc.text, name)
        if self._single[name]:
            return True
        return lenient and name.lower() not in _COLLECTIVE and name not in _LEADING and name not in _SKIP_NAMES \
            and not _whole_word(name.lower()).search(self.doc.text)

    def spelt(self, name: str) -> str:
        """A full name as the sources spell it: "Etienne Marchal" is their "Étienne Marchal"."""
        if name in self.known or not self.plain:
            return name
        return self.plain.get(_strip_accents(name), name)

    def canonical(self, name: str, pos: int | None = None) -> str:
        """The full name a mention stands for. A surname two people share ('Mrs Flynn' with
        Margaret and Tom Flynn in the story) is the one mentioned last before `pos` whose gender
        fits the title."""
        raw = name
        name = strip_titles(name).strip()
        toks = name.split()
        if len(toks) == 1 and name in self.org_speakers:
            return name   # an organisation the sources name so, "NASA": not "NASA CIRRUS" of "NASA CIRRUS mission"
        if len(toks) == 1 and toks[0] not in self.full and toks[0] in self._org_names:
            # the name the sources give an organisation ("Auralis" of "Auralis, Inc."), not a longer
            # run the story prints first ("Auralis Muse", its product)
            return name
        if len(toks) == 1 and toks[0] not in self.full and toks[0] in self.org_firsts and toks[0] not in self.by_last:
            # "Skyvale" of "Skyvale Airlines" (the organisation, or the word two of them open with),
            # not a headline's "Skyvale Meltdown"
            return self.org_heads.get(toks[0], name)
        if len(toks) == 1 and toks[0] not in self.full:
            # a feature calls a family by first names: 'Callum' is the one Callum Reid
            firsts = self.by_first.get(toks[0], set())
            if len(firsts) == 1:
                return next(iter(firsts))
            if len(firsts) > 1 and toks[0] not in self.by_last:
                # a family name printed first ('Wang Lei', 'Wang Fang'), then 'Mr Wang', 'Ms Wang':
                # the one whose gender fits the title, else the one named last before
                tm = _FIRST_WORD.match(raw)
                title = tm.group(1).lower() if tm else ""
                want = "m" if title in _MALE_TITLES else "f" if title in _FEMALE_TITLES else None
                fits = [c for c in sorted(firsts) if want and self._first_title(c) == want] or sorted(firsts)
                if len(fits) == 1:
                    return fits[0]
                if pos is not None:
                    for m in reversed(self.mentions_between(0, pos)):
                        if m.name in fits:
                            return m.name
            # and 'Ortiz' the one Sam Ortiz named so far, though never with a speech verb
            lasts = {n for p, n in self.by_last.get(toks[0], ()) if pos is None or p < pos}
            if len(lasts) == 1:
                return lasts.pop()
        if len(toks) == 1 and toks[0] not in self.full and pos is not None:
            # a company by its short name, as named last before (a person keeps theirs)
            longer = [n for p, n in self.org_full.get(toks[0], ()) if p < pos]
            if len(set(longer)) > 1:
                # several bodies share the word ("Skyvale Airlines", "Skyvale Pilots Association"):
                # the bare word is the company, not an association of its staff; and one the
                # sources speak for before a headline's capitals ("Skyvale Meltdown")
                firms = [n for n in longer if n.split()[-1].lower() not in _BODY_WORDS] or longer
                known = set(self.org_of.values())
                longer = [n for n in firms if n in known] or firms
            if longer:
                return longer[-1]
        if len(toks) == 1 and toks[0] in self.full:
            cands = self.namesakes.get(toks[0], [])
            if pos is not None and len(cands) > 1:
                tm = _FIRST_WORD.match(raw)
                title = tm.group(1).lower() if tm else ""
                want = "m" if title in _MALE_TITLES else "f" if title in _FEMALE_TITLES else None
                fits = [c for c in cands if want is not None and self.gender(c) == want] \
                    or [c for c in cands if want is None or self.gender(c) in (None, want)] or cands
                for m in reversed(self.mentions):
                    if m.pos < pos and m.name in fits:
                        return m.name
                return fits[-1]
            return self.full[toks[0]]
        return self.spelt(name) if len(toks) >= 2 else name

    def last_person_before(self, pos: int, lo: int = 0, gender: str | None = None) -> str | None:
        for m in reversed(self.mentions):
            if m.pos < pos and m.pos >= lo and m.person:
                name = self.canonical(m.name)
                if name.split()[-1] in self.full and name in self.namesakes.get(name.split()[-1], [self.full[name.split()[-1]]]):
                    if gender and self.gender(name) not in (None, gender):
                        continue
                    return name
                if gender and (len(name.split()) >= 2 or name in self.kin) and self.gender(name) == gender:
                    return name   # 'Jane Smith met Robert Brown. … He called it …': known to be a man
        return None

    def most_mentioned_before(self, pos: int) -> str | None:
        """The person the story is about so far, as a tabloid's "the 29-year-old" means: of those
        named in full (two words or more) before `pos`, a known speaker first, then the one most
        mentioned, then the latest."""
        counts: Counter = Counter()
        latest: dict[str, int] = {}
        for m in self.mentions_between(0, pos):
            if m.person:
                name = self.canonical(m.name, m.pos + 1)
                if len(name.split()) >= 2:
                    counts[name] += 1
                    latest[name] = m.pos
        # (a name the story gives a speaker first: "for Paper Crowns" is a pair of capitals too)
        return max(counts, key=lambda n: (self.is_full(n), counts[n], latest[n])) if counts else None


def _outer(text: str, q: Quotation) -> tuple[int, int]:
    """The quotation with its marks: « Nous … » has spaces between the words and the marks."""
    a, b = q.start, q.end
    while a > 0 and text[a - 1] in " \u00a0\u202f\u2009":
        a -= 1
    while b < len(text) and text[b] in " \u00a0\u202f\u2009":
        b += 1
    return max(0, a - 1), min(len(text), b + 1)


# the patterns of _mask, compiled once
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
_NOT_LINE_BREAK = re.compile(r"[^\n]")


def _mask(doc: Document, quotes: list[Quotation]) -> str:
    """The text with inline quotations blanked out (marks included), lengths kept."""
    text = doc.text
    spans: list[tuple[int, int, str]] = []   # (start, end, the full stop left at the end or "")
    for q in quotes:
        if q.kind != "inline" or q.nested:
            continue
        a, b = _outer(text, q)
        end = q.text.rstrip()[-1:]
        # '… was "productive." He called it …': the quotation ended the sentence, and the
        # next one starts after it (its full stop stands where the closing mark was)
        stop = end if end in ".!?" and end and b - 1 > a and _CAPITAL_NEXT.match(text[b:b + 3]) else ""
        spans.append((a, b, stop))
    if any(spans[i][0] < spans[i - 1][1] for i in range(1, len(spans))):
        # quotations out of order or overlapping (rare): blanked one after the other, by character
        chars = list(text)
        for a, b, stop in spans:
            chars[a:b] = [c if c == "\n" else _MASK for c in chars[a:b]]
            if stop:
                chars[b - 1] = stop
        return "".join(chars)
    # else the text between them and each blanked span, joined once (a list of every
    # character of the page and its join cost more than all the rest of this)
    pieces: list[str] = []
    done = 0
    for a, b, stop in spans:
        seg = text[a:b]
        blank = _NOT_LINE_BREAK.sub(_MASK, seg) if "\n" in seg else _MASK * len(seg)   # line breaks are kept
        pieces += (text[done:a], blank[:-1] + stop if stop else blank)
        done = b
    pieces.append(text[done:])
    return "".join(pieces)


# the mark first, the look-behinds (each ending in it) after: the regex engine then skips to the
# next [.!?] in C instead of trying a match at every character (2.3x faster than a (?=[.!?]) guard)
_SENT_BREAK = re.compile(r"[.!?](?:(?<=\b(?:on|to) X[.!?])|(?<!\b[A-Z][.!?]))(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr)[.!?])(?<!\bMrs[.!?])"
                         r"(?<!\bSen[.!?]|\bRep[.!?]|\bGov[.!?]|\bGen[.!?])(?=\s+[A-Z\u2591“\"‘(])")


_MAX_SENTENCE = 3000   # look back no further: a block can be a 20 MB line, scanning it all is quadratic


def _sentence_start(masked: str, pos: int, lo: int) -> int:
    floor = max(lo, pos - _MAX_SENTENCE)
    # search a little past `pos`: the break's look-ahead must see the quotation's opening mark
    hi = min(len(masked), pos + 3)
    span = 256
    while True:  # widen the window backwards until a break is in it: cost ~ the sentence's length
        a = max(floor, pos - span)
        best = None
        for m in _SENT_BREAK.finditer(masked, a, hi):
            if m.end() <= pos:
                best = m.end()
        if best is not None:
            return best
        if a == floor:
            return floor
        span *= 4


def _sentence_end(masked: str, pos: int, hi: int) -> int:
    m = _SENT_BREAK.search(masked, pos, hi)
    return m.end() if m else hi


def _last(matches) -> re.Match | None:
    """The last of an iterator of matches, or None."""
    last = None
    for last in matches:  # noqa: B007 — the loop only runs to its end
        pass
    return last


def _name_at_end(s: str) -> re.Match | None:
    return _last(_NAME_RUN.finditer(s))


# the patterns of _subject, compiled once
#: a newsletter's capitalised lead-in: "TRADE, TRADE, TRADE — Chair Joan Whitford set the tone"
#: a wire's slug before its headline: "UPDATE 3-", "EXCLUSIVE-", "BREAKING:"
_WIRE_SLUG = re.compile(r"\s*(?:UPDATE|EXCLUSIVE|BREAKING|ANALYSIS|FACTBOX|WRAPUP|INSTANT VIEW|CORRECTED)(?:\s*\d{1,2})?\s*[-–—:]\s*")
_KICKER = re.compile(r"\s*[‘'\"“]?[A-Z][A-Z0-9 ,.’'&!?-]{2,60}[’'\"”]?\s+[—–]\s+")
#: a newsletter's section label in capitals: "THE PUSHBACK: Lead author Julian Tessaro …", "WHY IT
#: MATTERS: …" (two words or more, or opening with an article or a question word: "PRYDDERCH:" is a
#: transcript's speaker)
_CAPS_LABEL = re.compile(r"\s*(?:(?:THE|WHY|WHAT|HOW|WHERE|WHO)\s+[A-Z0-9’'&-]+|[A-Z][A-Z0-9’'&-]+\s+[A-Z0-9’'&-]+)"
                         r"(?:\s+[A-Z0-9’'&-]+){0,5}\s*:\s+(?=\S)")
_DATELINE = re.compile(r"\s*[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?\s*(?:\([^()]{1,40}\))?\s*[—–-]{1,2}\s+")
# (an opening participle clause too: "Speaking in the Commons on Monday, the minister …")
_INTRO_CLAUSE = re.compile(r"\s*(?:(?:When|While|Although|Though|Because|After|Before|Since)\b(?:[^,]|,(?=\d)){60,150},\s*"
                           # (a clause of time or cause may be long: "When Halden suggested that
                           # delegations … should look instead at militant training camps, Sorensi …")
                           r"|(?:(?:Yet|But|And|So|Then|Still|Now)(?!\s+" + _NAME_RUN.pattern + r",)"
                           r"|Since|After|Before|While|When|In|On|At|By|Last|Earlier|Later|However|Asked"
                           # (French, Spanish, Portuguese: "Dans un communiqué,", "En Santiago,", "No Threads,")
                           r"|Dans|Selon|Après|Avant|En|Tras|Desde|Durante|No|Na|Nos|Nas|Em|Após|Segundo"
                           # (a number's comma is none: "Addressing a crowd of 6,000 on the square,")
                           r"|(?!(?:Noth|Someth|Everyth|Anyth)ing\b)[A-Z][a-z]+ing)\b(?:[^,]|,(?=\d)){0,60},\s*"
                           r"|(?:Instead|Meanwhile|Separately|Nevertheless|Moreover|Indeed|Finally|Again|Also|[A-Z][a-z]+ly),\s+)?")
_WITH_AGENT = re.compile(r"\bwith\s+(?P<who>" + _NAME_RUN.pattern + r"|the\s+(?:[\w-]+\s+){0,2}?(?:" + _DESCRIPTORS_RX + r"))\s+(?:\w+ly\s+)?$")
#: ("Then Salote Nakarawa, Nalau's lead negotiator, took the floor": a conjunction, then the
#: subject and its apposition, not an opening clause)
#: the subject of the clause a colon ends, after a comma or dash: "…, Varga put on her best voice:"
_FINAL_CLAUSE_RX = (r"(?:^\s*|[,;—–]\s*)(?:[A-Z][a-z]+\s+(?:[a-z]+\s+){1,2})?(?P<who>" + _NAME_RUN.pattern + r")(?<![’']s)\s+(?:\w+ly\s+)?"
                    r"(?:[a-z]+ed|(?:put|took|gave|made|got|came|went|sat|stood|had|was|kept|set|let|left|held|"
                    r"brought|found|struck|drew|threw|spoke|wrote|began|turned|offered|"
                    # (Spanish, Portuguese, French: "Montecinos fue tajante:", "Kane voltou ao tema:")
                    r"[a-zà-ÿ]+(?:ó|ou|eu|iu)|fue|era|estuvo|foi|était|fut|war)\b)[^,;—–:\u2591]{0,80}:\s*$")
_FINAL_CLAUSE_SUBJECT = re.compile(_FINAL_CLAUSE_RX)
#: the same in the present tense too, for a line introducing a block of quoted paragraphs (a live
#: blog's "On China, where …, Hovius takes a firm line:"; a headline's "Corvane Q4 results:" is no clause)
_FINAL_CLAUSE_SUBJECT_NOW = re.compile(_FINAL_CLAUSE_RX.replace(r"(?:[a-z]+ed|", r"(?:[a-z]+ed|[a-z]{2,}[^s\W]s|", 1))
#: a noun of speech right after a quotation ('the "nothing to hide" riposte'), and the owner opening
#: its sentence ("Ashcombe's was …", "Prydderch's best line …")
_NOUN_NEXT = re.compile(r"[’'”\"]?\s+(?:" + _SPEECH_NOUNS_RX + r")\b")
_OWNER_OPENS = re.compile(r"\s*(?P<who>" + _NAME_RUN.pattern + r")[’']s\s")
#: a speech clause set off by commas inside the sentence a colon ends: "… was, he said, watching:"
_PARENTHETICAL_SAID = re.compile(r",\s+(?P<who>he|she|they)\s+(?:said|says|added|insisted|noted|argued|claimed|warned)\s*,"
                                 r"[^,\u2591]{0,80}:?\s*$")
#: a transcript's label in capitals right before a block quotation's words, in its paragraph
_LABEL_BEFORE = re.compile(r"(" + TURN_LABEL + r"):\s*$")
_OWNED_NOUN_COLON = re.compile(r"\s*(?P<who>His|Her|Their|" + _NAME_RUN.pattern + r"(?=[’']s))(?:[’']s)?\s+(?:[a-z-]+\s+){0,2}[a-z-]+\s*:\s*$")
_AND_TO_ADD = re.compile(r"\b[Ee]t\s+d[’']ajouter\b")
_PARTICIPLE_OPENS = re.compile(r"\s*(?:(?:Asked|Pressed|Questioned|Challenged|Told|Confronted|Quizzed|Grilled)\s+(?:by|about|on|whether|if|why|how|what|when)"
                               # Spanish and French: "Cuestionada por una reportera sobre si …, Barragán fue tajante"
                               r"|(?:Cuestionad[oa]s?|Preguntad[oa]s?|Consultad[oa]s?|Interrogad[oa]s?|Interrogée?s?|Questionnée?s?"
                               r"|Interpellée?s?)\s+(?:por|sobre|acerca|si|par|sur|à|au|quant))\b")
_PARTICIPLE_SUBJECT = re.compile(r",\s+(?P<who>" + _NAME_RUN.pattern + r"|he|she|they)\s+(?:\w+ly\s+)?(?:has\s+|had\s+|was\s+|is\s+)?"
                                 r"(?!(?:of|and|or|who|which|whose|the|a|an|in|on|at|to)\b)[a-z]{3,}")
_LOWER_CLAUSE = re.compile(r"\s*[A-ZÀ-Ý][a-zà-ÿ]+(?:\s+[a-zà-ÿ'’-]+){1,5},\s*")
_PARTICIPLE_NEXT = re.compile(r"[a-z]+ing\b")
#: subject pronouns opening a clause: English, French, Portuguese, Dutch
_SUBJECT_PRONOUNS = "he she they il elle ele ela hij zij".split()
_PRONOUN_SUBJECT = re.compile(r"(" + "|".join(p.capitalize() for p in _SUBJECT_PRONOUNS) + r")\b")
_LOWER_PRONOUN_SUBJECT = re.compile(r"(" + "|".join(_SUBJECT_PRONOUNS) + r")\b")
_ADVERB_PRONOUN = re.compile(r"(?:Then|Later|Next|Finally|Now|Still|Again|Also|And|But|So|Soon|Afterwards)\s+(he|she|they)\b")
_THE_DESCRIPTOR = re.compile(r"(?:The|the|El|el|La|la)\s+(?:[a-z-]+\s+){0,2}?(?:" + _DESCRIPTORS_RX + r")\b")
_INDEFINITE_SUBJECT = re.compile(r"(?:A|An|One|Another|Two|Three|Some|Several|Many|Other)\s+[\w-]+")
#: (the name may carry where the person works: "The scientist who led the study, Professor Julian
#: Tessaro of Calderbrook University in the United States, disagrees")
_APPOSITION_NAME = re.compile(r"(?:The|the|A|a|Its|Their|His|Her|El|La|Le|L['’]|Un|Una|Une|[A-Z][\w-]*[’']s)\s+[^,.;:\u2591]{3,60},\s+(" + _NAME_RUN.pattern
                              + r")(?:\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][^,.;:\u2591]{0,60})?,")
_SUBJECT_NAME = re.compile(r"(?:The\s+|the\s+)?(?:[a-z-]+\s+){0,2}(" + _NAME_RUN.pattern + r")")
_ROLE_THEN_NAME = re.compile(r"\s+(?:[a-z-]+\s+)?(?:" + _DESCRIPTORS_RX + r"|" + _ROLE_WORDS_RX + r")\s+(" + _NAME_RUN.pattern + r")")
_TITLES_THEN_NAME = re.compile(r"\s+(?:and|&)\s+(" + _NAME_RUN.pattern + r")")
_KIND_THEN_ORG = re.compile(r"\s+(?:group|body|charity|watchdog|regulator|union|association|organi[sz]ation|campaign|"
                            r"network|alliance|coalition|firm|company)\s+(" + _NAME_RUN.pattern + r")")
_DESCRIPTOR_NEXT = re.compile(r"\s+(?:[a-z-]+\s+)?(?:" + _DESCRIPTORS_RX + r")\b")
_THE_DESCRIPTION = re.compile(r"(?:The|the)\s+[^,.;:\u2591]{0,40}?\b(?:" + _DESCRIPTORS_RX + r")\b")
_NAME_AFTER_ROLE = re.compile(r"\s+(" + _NAME_RUN.pattern + r")")
_THE_ONLY = re.compile(r"(?:The|the)\s+$")
_LOWER_NEXT = re.compile(r"\s+[a-z]")
#: a common noun after a run of capitals, then more of its phrase: "city's tourism", "union leader"
_MODIFIED_NOUN_NEXT = re.compile(r"\s+(?:[a-z][\w-]*[’']s|(?!(?:is|was|has|had|will|would|can|could|should|may|might|must|"
                                 r"did|does|do)\b)[a-z][\w-]*(?<!ed)(?<![^s]s))\s+[a-z]")
#: lower-case role words, no verb or preposition among them, then a name: "… party MP Alasdair Rennie"
_QUALIFIED_ROLE_NAME = re.compile(r"\s+(?:(?!(?:said|says|told|and|or|but|on|in|at|of|for|to|with|by|from|as|is|was|has|had|"
                                  r"will|would)\b)[a-z][\w-]*(?<!ed)\s+){1,3}(" + _NAME_RUN.pattern + r")")
_OWNED_ROLE_NAME = re.compile(r"s?\s+(?:[a-z][\w-]*\s+){1,3}(" + _NAME_RUN.pattern + r")")
_THE_CAPITALS_BEFORE = re.compile(r"\b[Tt]he\s+(?:[A-Z][\w’'-]*\s+){0,3}$")
_OWN_OFFICE_NEXT = re.compile(r"\s+(?:office|campaign|team|government|administration|press office|management|leadership|"
                              r"(?:supervisory |executive |management |managing )?board(?: of directors)?)\b")


@functools.lru_cache(maxsize=256)
def _introduced_unnamed(title: str) -> re.Pattern:
    """'a council spokesperson said', 'an official at the ministry': somebody with that role
    introduced without a name (no name in apposition after it)."""
    return re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w’'-]+\s+){0,3}?" + re.escape(title) + r"\b(?!,?\s+[A-Z])")


#: somebody a story names by first name only: "who gave only his first name, Ketil,",
#: "identified only as Marta" (the possessive, when there, gives the gender)
_FIRST_NAME_ONLY = re.compile(r"(?:\b(?P<pos>his|her|their)\s+first\s+name|\bfirst\s+name|\bidentified\s+only\s+as|"
                              r"\bknown\s+only\s+as),?\s+(?P<who>[A-ZÀ-Ý][a-zà-ÿ’'-]+)\b(?!\s+[A-ZÀ-Ý])")


_LIST_ITEM = re.compile(r"\s*" + LIST_MARK + r"(?=\S)")


def _subject(masked: str, s0: int, limit: int) -> tuple[str, int] | None:
    """The sentence's subject: the first name run or pronoun in its opening words."""
    seg = masked[s0:limit]
    lm = _LIST_ITEM.match(seg)   # a list item's bullet: "- Asked whether …, Ridley said …"
    if lm:
        s0, seg = s0 + lm.end(), seg[lm.end():]
    # a dateline: "NAIROBI, Oct 2 (Global Wire) - ", "WASHINGTON (AP) — "
    dl = _DATELINE.match(seg) or _KICKER.match(seg) or _WIRE_SLUG.match(seg) or _CAPS_LABEL.match(seg)
    if dl:
        s0, seg = s0 + dl.end(), seg[dl.end():]
    # an opening participle clause, which may hold names and commas of its own: "Asked by Rep.
    # Carla Mendes, D-Calif., whether …, Park declined": the name before the main verb
    if _PARTICIPLE_OPENS.match(seg):
        ps = _PARTICIPLE_SUBJECT.search(seg)
        if ps:
            return ps.group("who"), s0 + ps.start("who")
    # skip an introductory clause: "Since taking office, ..."
    m0 = _INTRO_CLAUSE.match(seg)
    k = m0.end() if m0 else 0
    if not k:
        # any short lower-case opening clause: "Sur le quai, Jean-Marc Leroy …", "Asked why, …"
        # ("The housing minister, asked about …, said": a role set off by commas is the subject)
        m1 = _LOWER_CLAUSE.match(seg)
        k = m1.end() if m1 and not _THE_DESCRIPTOR.match(seg, 0, m1.end()) else 0
        if k and _PARTICIPLE_NEXT.match(seg, k):
            k = 0   # "Marchbank hit back, accusing the Conservatives …": that was the main clause
    rest = seg[k:]
    # "She …", "Then she …", and after an opening clause "Speaking at a news conference, she said"
    pm = _PRONOUN_SUBJECT.match(rest) or _ADVERB_PRONOUN.match(rest) or (_LOWER_PRONOUN_SUBJECT.match(rest) if k else None)
    if pm:
        return pm.group(1).lower(), s0 + k + pm.start(1)
    # "The company's chief financial officer, Mark Feld, put …", "the minister, Tobiah Fennimore,
    # apologised": the name in apposition (before "the minister" alone is taken for the subject)
    am = _APPOSITION_NAME.match(rest)
    if am and (len(am.group(1).split()) >= 2 or _KIN_APPOS.match(am.group())):   # "Her husband, Alan,"
        return am.group(1), s0 + k + am.start(1)
    dm0 = _THE_DESCRIPTOR.match(rest)
    if dm0:
        nm = _NAME_AFTER_ROLE.match(rest, dm0.end())
        if nm and len(nm.group(1).split()) >= 2:
            return nm.group(1), s0 + k + nm.start(1)   # "La ministra Ana Ruiz lo dijo", "the union leader Sam Ortiz said"
        sm = _OF_STATE_NEXT.match(rest, dm0.end())
        if sm and _ENVOY_END.search(dm0.group()):   # "The representative of the Russian Federation warned"
            return dm0.group() + sm.group(), s0 + k
        return dm0.group(), s0 + k   # "the governor was categorical"
    if _INDEFINITE_SUBJECT.match(rest):
        return "", s0 + k   # "A senior official, speaking on condition of anonymity, said"
    mm = _SUBJECT_NAME.match(rest)
    if mm and mm.start(1) < 40 and not strip_titles(mm.group(1)).strip():
        # titles only, then the name: "Co-founder and CEO Adrian Feld told employees …"
        tm = _TITLES_THEN_NAME.match(rest, mm.end(1))
        if tm and len(strip_titles(tm.group(1)).split()) >= 2:
            return tm.group(1), s0 + k + tm.start(1)
    tn = _ROLE_THEN_NAME.match(rest[mm.end(1):]) if mm else None
    if tn and len(tn.group(1).split()) >= 2 and mm.start(1) < 40:
        # "Deputy leader Anita Shah, who …, told": a title in lower case, then the person's name
        return tn.group(1), s0 + k + mm.end(1) + tn.start(1)
    on = _KIND_THEN_ORG.match(rest[mm.end(1):]) if mm and mm.start(1) < 40 else None
    if on:
        # "Consumer group European Consumer Voice said", "Campaign group Liberty said": the body named
        return on.group(1), s0 + k + mm.end(1) + on.start(1)
    oa = _OWNER_ABBREV.fullmatch(mm.group(1)) if mm else None
    if mm and (oa or mm.group(1)[-2:] in ("’s", "'s") or rest[mm.end(1):mm.end(1) + 1] in ("’", "'")) \
            and _ENVOY_NEXT.match(rest[mm.end(1):].lstrip("’'")):
        # "China's representative urged", "Dravenia's U.N. mission said": the state speaks through
        # its envoy (a record's turn labelled "(China)" names the envoy)
        return (oa.group(1) if oa else mm.group(1).removesuffix("’s").removesuffix("'s")), s0 + k + mm.start(1)
    if mm and _DESCRIPTOR_NEXT.match(rest[mm.end(1):]):
        dm = _THE_DESCRIPTION.match(rest)
        return (dm.group(), s0 + k) if dm else None  # "The Central American leader": a description
    if mm and mm.start(1) < 40 and _THE_ONLY.match(rest[:mm.start(1)]) and len(mm.group(1).split()) == 1:
        return "the " + mm.group(1), s0 + k   # "The Democrat, who …", "the Spaniard": a description
    qn = _QUALIFIED_ROLE_NAME.match(rest, mm.end(1)) if mm and mm.start(1) < 40 and _THE_ONLY.match(rest[:mm.start(1)]) \
        else None
    if qn and len(strip_titles(qn.group(1)).split()) >= 2:
        # "The Scottish Civic party MP Alasdair Rennie, whose …, told": capitals qualifying the
        # role of the person named after it
        return qn.group(1), s0 + k + qn.start(1)
    if mm and mm.start(1) < 40 and _THE_ONLY.match(rest[:mm.start(1)]) and _MODIFIED_NOUN_NEXT.match(rest, mm.end(1)) \
            and not _is_org(mm.group(1)):
        return "", s0 + k   # "The Spanish Mediterranean city's tourism board": capitals qualifying a noun, no name
    if mm and (mm.group(1)[-2:] in ("’s", "'s") or rest[mm.end(1):mm.end(1) + 1] in ("’", "'")):
        after = rest[mm.end(1):].lstrip("’'")
        on = _OWNED_ROLE_NAME.match(after)
        if on and len(on.group(1).split()) >= 2:
            # "Kane's longtime nemesis Deon Castillo entered …", "Acme's chief executive Jo Doe said":
            # the person the owner's role names
            return on.group(1), s0 + k + len(rest) - len(after) + on.start(1)
        if _LOWER_NEXT.match(after) and not _OWN_OFFICE_NEXT.match(after):
            # "Ortiz's deputy called …", "Helms’ camp wasn’t …": somebody else, unnamed
            # ("Reilly's office" is Reilly)
            return "", s0 + k
    if mm and mm.start(1) < 40:
        name = mm.group(1)
        if name.split()[0] not in _SKIP_NAMES or len(name.split()) > 1:
            return name, s0 + k + mm.start(1)
    return None


#: a speech verb after the speaker, maybe with an adverb or an auxiliary: "Doe has also said"
_AUX = r"\s+(?:\w+ly\s+)?(?:has\s+|had\s+|would\s+|will\s+|later\s+|also\s+)*(?:" + _SPEECH_VERBS_RX + r")\b"
#: "Dolores Ramirez-Ortiz, 67, told", "Jane Doe, a spokeswoman, said"
#: (a wire's bare role too: "Quilla Mamani, president of the irrigation board, told")
_APPOS = (r"(?:(?:,\s+(?:\d{1,3}|[DRI]-[A-Z][A-Za-z.]{1,12}|(?:a|an|the)\s+[^,.;]{1,90}|"
          # "Dr. Renata Solberg, Halvern's chief medical officer, said"
          r"(?:[A-Z][\w&.-]*\s+){0,3}?[A-Z][\w&.-]*[’']s\s+[a-z][^,.;]{1,60}|(?=[a-z])(?:[\w-]+\s+){0,2}?(?:" + _DESCRIPTORS_RX
          + r")\s+(?:of|at|for|with|in|on|from)\s+[^,.;]{1,60}"
          # "Dr Anjali Venkatesan, of Whitmore University in Boston, who led the study, said": two of them
          r"|(?:of|from|at)\s+[A-Z][^,.;]{1,60}|who\s+[^,.;]{1,60})){1,2},)?")


# the patterns of _Attributor, compiled once
_SAID_CUE = r"(?P<who>(?:[A-Z][\w’'\-]+\s*){1,4}|he|she|they)\s+(?:\w+ly\s+)?(?:said|says|told|added|continued|wrote|posted|noted|explained|stated)\b"
_SAID_EVENT = re.compile(r"(?:^|[,;]\s+|\u2591\s*)" + _SAID_CUE)
#: _SAID_EVENT past the string's start, where it must open on a [,;] or a blank: written to
#: open with that one character class, the regex engine skips to the next such character in C
#: instead of trying the pattern at every character
_SAID_EVENT_ON_MARK = re.compile(r"[,;\u2591](?:(?<=[,;])\s+|(?<=\u2591)\s*)" + _SAID_CUE)
_SOMEBODY = re.compile(r"(?:a|an|one|another|two|three|some|several|many|other)\s")
_THE_CAPITALISED = re.compile(r"[Tt]he\s+([A-Z][\w-]+)$")
_UNNAMED_SPOKESPERSON = re.compile(r"[Aa]n?\s+(?P<org>(?:[A-Z][\w&.’'-]*\s+){1,3})(?:spokes(?:person|woman|man)|representative)"
                                   r"|[Aa]n?\s+(?:spokes(?:person|woman|man)|representative)\s+for\s+(?:the\s+)?"
                                   r"(?P<org2>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,3})")
#: a coordinated clause's own subject, a description: "… and the home carrier is planning for"
_AND_CLAUSE_SUBJECT = re.compile(r"\s(?:and|but|while|as)\s+(?P<who>the\s+(?:[\w-]+\s+){0,2}?(?:" + _ORG_NOUNS_RX + "|"
                                 + _DESCRIPTORS_RX + r"))\s+(?:is|are|was|were|has|have|had|will|would|says|said)\b")
# (a possessive among the words: "the company's chief executive")
_ARTICLE_DESCRIPTOR = re.compile(_DESC_ARTICLE + r"\s*(?:[\w.’'-]+\s+){0,3}?(" + _DESCRIPTORS_RX + r")\b")
_AGED_OR_VETERAN = re.compile(r"the\s+(?:[\w-]+\s+){0,2}?(?:\d{1,3}-year-old|veteran|newcomer|youngster|former\s+[\w-]+)$")
_AGE = re.compile(r"(\d{1,3})-year-old")
_IS_DESCRIPTION = re.compile(_DESC_ARTICLE + r"\s*(?:[\w.-]+\s+){0,3}?(?:" + _DESCRIPTORS_RX + r")\b")
_THE_LABEL = re.compile(r"the\s+(?:[\w-]+\s+){0,2}?([A-Z][a-z]+[^s\W]|[a-z]+)$")
_THE_SEAT_MEMBER = re.compile(r"(?P<the>[Tt]he\s+)?(?P<seat>(?:[A-Z][\w’'-]*\s+){1,3})(?P<role>TD|MP|MLA|MSP|MEP|MPP|MHA)"
                              r"(?:\s+for\s+[A-Z][\w\s-]{1,40})?$")
_THE_ACRONYM = re.compile(r"\b[Tt]he\s+([A-Z]{2,6})\b")
#: a description opening with the article ("the governor"), not a name that does ("The Hague")
_THE_LOWER = re.compile(r"(?i:the)\s+[a-z]")
_THE_DOCUMENT = re.compile(r"the\s+(?:[\w-]+\s+){0,2}?(" + _DOCUMENT_NOUNS_RX + r")$")
_THE_ORG_NOUN = re.compile(r"the\s+(?:[\w-]+\s+){0,2}?(" + _ORG_NOUNS_RX + r")$")
_ITS_OFFICER = re.compile(r"\b(?:Its|Their)\s+(?:[\w-]+\s+){0,3}?(?:" + _DESCRIPTORS_RX + r"|spokes\w+),\s+(" + _NAME_RUN.pattern + r"),")
_APPOSITION_AFTER = re.compile(r",\s+(?:the|a|an|la|le)\s+[^,.;]{0,50}")
_LEADING_ARTICLE = re.compile(r"^" + _DESC_ARTICLE + r"\s*", re.IGNORECASE)
_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w’'-]{3,}")
_LONG_WORD = re.compile(r"\b[A-Za-z][\w’'-]{3,}")
_THAT_WAS_HOW = re.compile(r"\s*(?:That|This|Those|These|So)(?:\s+(?:was|is|were|are)|[’']s)\s+(?:how|what|the\s+(?:words|verdict|view)\s+of)\s+"
                           r"(?P<who>" + _NAME_RUN.pattern + r"|he|she|they)")
_NEXT_SENTENCE = re.compile(r"\s+(?!So\s|Thus\s)[A-Z][\w’'-]*\s+(?:\w+ly\s+)?\w+\s+\w")
_SO_NAME = re.compile(r"\s*,\s*so\s+(?P<who>" + _NAME_RUN.pattern + r"|(?:die|der)\s+(?:[\w-]+\s+)?(?:" + _DESCRIPTORS_RX + r"))\b")
_SO_SAID = re.compile(r"\s*(?:So|Thus)\s+(?:said|says|spoke|wrote)\s+(?P<who>" + _NAME_RUN.pattern + r")")
_NAME_THEN_VERB = re.compile(r"\s*[,;:.!?]?\s*[—–-]{0,2}\s*(?P<who>" + _NAME_RUN.pattern + r"|he|she|they|it|il|elle|él|ella|ele|ela|hij|zij)"
                             + r"(?:\s*\([^()]{1,25}\))?" + _APPOS + _AUX)   # (a party tag: "Sen. Ruth Kessler (D-Vt.) told")
_TITLES_NAME_THEN_VERB = re.compile(r"\s*[,;:.!?]?\s*[—–-]{0,2}\s*(?!(?:the|a|an)\s)(?:(?!(?:as|while|when|because|after|before|but|by|with|since|"
                                    r"although|though|whereas|if|so|amid|until|despite)\s)[A-Za-z][\w’'.-]*\s+){1,6}?(?P<who>" + _NAME_RUN.pattern + r")" + _AUX)
_HEADLINE_ON = re.compile(r"\s*[:—–|]\s*(?P<who>" + _NAME_RUN.pattern + r")\s+on\s")
_A_WORD = re.compile(r"\w")
_CAPITAL = re.compile(r"[A-ZÀ-Ý]")   # where a name can start (_NAME_TOKEN's first character)
#: (maybe with a party tag and a clause: "— Sen. Pete Halvorsen (R-N.D.), introducing his fellow …")
#: (also after the bold a list of sound bites sets its quotations in: '**"…"** -- CEO Jo Doe, on …')
_DASH_SIGNATURE = re.compile(r"[*_]{0,3}\s*(?:[—–]{1,2}|--)\s*(?P<who>" + _NAME_RUN.pattern + r")\s*(?:\([^()]{1,25}\)\s*)?(?:$|[,.]\s)")
#: an answer: '"…," he replied' (whoever was asked, see _Attributor._asked)
_PRONOUN_REPLIED = re.compile(r"\s*[,;:.!?]?\s*(?P<who>he|she)\s+(?:replied|responded|answered|retorted|countered|"
                              r"shot back|fired back)\b")
_ASKED_WHOM = re.compile(r"\b(?:asked|pressed|questioned|quizzed|grilled|challenged)\s+(?P<who>" + _NAME_RUN.pattern + r")")
_INVERTED_PRONOUN = re.compile(r"\s*[,;:.!?]?\s*a-t-(?P<who>il|elle)\s")
#: (maybe with a relative clause before the verb: "the Frenchwoman Camille Ferrand, who will also line up, told")
_THE_ROLE_NAME_VERB = re.compile(r"\s*[,;:.!?]?\s*[—–-]{0,2}\s*the\s+(?:[\w’'.-]+\s+){1,4}?(?P<who>" + _NAME_RUN.pattern + r")"
                                 r"(?:,\s+who\s+[^,“”\"]{1,80},)?" + _AUX)
#: the determiner may be a possessive: "its chief executive, Jo Doe, told", "Acme's founder, Jo Doe, said"
_THE_ROLE_APPOSITION_VERB = re.compile(r"\s*[,;:.!?]?\s*[—–-]{0,2}\s*(?:the|its|their|his|her|[A-Z][\w-]*[’']s)\s+(?:[\w’'.-]+\s+){0,4}?[\w’'.-]+,\s+(?P<who>" + _NAME_RUN.pattern + r")," + _AUX)
_DESCRIBED_VERB = re.compile(r"\s*[,;:.!?]?\s*[—–-]{0,2}\s*(?P<who>(?:the|a|an|one|another|two|some|several|many)\s+"
                             # (no conjunction or infinitive inside: '"…" the casualty figures or to say who')
                             r"(?:(?!(?:or|and|to|that|which|who)\s)[\w.-]+\s+){1,4}?)(?:[a-z]+ly\s+)?(?:" + _SPEECH_VERBS_RX + r")\b")
_WHAT_SAID = re.compile(r"what\s+(?P<who>[\w.’' -]{2,60}?)\s+(?:said|says|wrote)\s*:?", re.IGNORECASE)
_WHEN_BEFORE = re.compile(r"\b(?:when|if|once|as|after|before|until|unless|though|while)\s+$")
_PREPOSITION_BEFORE_NAME = re.compile(r"\b(?:dal|dalla|della|del|di|da|al|alla|nel|nella|sul|sulla|de|des|du|dans|sur|"
                                      r"desde|en|in|at|from|on|to|of)\s+$")
#: (a headline's verbs of a finding too: "… a 'missed opportunity', coroner finds", "judge rules")
_BARE_ROLE_VERB = re.compile(r"\s*[,;:.!?]?\s*[—–-]{0,2}\s*(?P<who>(?:[a-z][\w-]*\s+){0,2}?(?:" + _DESCRIPTORS_RX + r"))\s+"
                             r"(?:[a-z]+ly\s+)?(?:" + _SPEECH_VERBS_RX + r"|finds|rules|concludes)\b")
_BARE_ROLE_BEFORE = re.compile(r"(?:^|(?<=[\s;,:]))(?P<who>(?:[a-z][\w-]*\s+){0,2}?(?:" + _DESCRIPTORS_RX + r"))\s+(?:\w+ly\s+)?$")
_VERB_THEN_REST = re.compile(r"\s*[,;:.!?]?\s*(?:\w+ly\s+)?(?:" + _SPEECH_VERBS_RX + r")\s+(?P<rest>(?:[^.;!?\n]|" + _ABBREV_DOT + r"){0,160})")
#: a finite verb right after a name: the name opens a reported clause ("said Doe should go")
_CLAUSE_VERB_NEXT = re.compile(r"\s+(?:should|would|could|must|might|may|will|can|had|has|have|was|were|is|are|did|does|"
                               r"ought|needed|needs|wanted|wants)\b")
_PRONOUN_OPENS = re.compile(r"(he|she|they|er|sie|hij|zij)\b")
_INVERTED_GERMAN_PRONOUN = re.compile(r"\s+(er|sie)\b")
_DESCRIPTOR_OPENS = re.compile(_DESC_ARTICLE + r"\s*(?:[\w-]+\s+){0,2}(?:" + _DESCRIPTORS_RX + r")\b(?!\s+[A-Z])")
_ROLE_COMPLEMENT = re.compile(r"\s+(?:of|de|du|des|del|for|at)\s+(?:the\s+|la\s+|le\s+|l['’]|el\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}")
_LOWER_THEN_CAPITAL = re.compile(r"\s+[a-z]+(?:\s+[a-z]+)?\s+[A-Z]")
_PLACE_TITLE_NAME = re.compile(r"\s+(?:(?!(?:of|from|at|with|in|for|and|on|to|de|da|do|das|dos|del|della|di|du|des|en|na|no|nas|nos|em|ao|au|aux|al|sur|dans|con|por|para|per)\s)[a-z][\w-]*\s+){1,4}" + _NAME_TOKEN + r"\s+" + _NAME_TOKEN)
#: a speech verb alone, ending the sentence ('“…”, escreveu.'): its subject was dropped
#: a verb that ends the sentence after a quotation: '“…”, escreveu.', '«…», ha detto.' (an Italian
#: participle after its auxiliary)
_VERB_ENDS = re.compile(r"\s*[,;:]?\s*(?:(?:ha|aveva|hanno|avevano)(?:\s+\w+mente|\s+anche|\s+poi|\s+ancora)?\s+)?"
                        r"(\w+)\s*(?:[.;!?]|$)")
_ACCORDING_TO_AFTER = re.compile(r"\s*[,;]?\s*(?:according to|selon|según|volgens)\s+(?P<who>" + _NAME_RUN.pattern + r"|him|her|them)")
#: (or a role: "according to the mayor", "según la alcaldesa")
_ACCORDING_TO = re.compile(r"\b(?:[Aa]ccording to|[Ss]elon|[Ss]egún|[Vv]olgens)\s+(?P<who>" + _NAME_RUN.pattern
                           + r"|(?:the|la|el|le|de)\s+(?:[\w-]+\s+){0,2}?(?:" + _DESCRIPTORS_RX + r")\b)")
_ACCORDING_TO_DOCUMENT = re.compile(r"\b[Aa]ccording to\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?P<noun>" + _DOCUMENT_NOUNS_RX + r")\b(?=\s*,)")
_AS_HE_PUT_IT = re.compile(r"\b[Aa]s\s+(?P<who>" + _NAME_RUN.pattern + r"|he|she|they)\s+(?:put|puts|said|says|wrote|writes|noted|notes)"
                           r"(?:\s+it)?\s*,")
_COMMA_NAME = re.compile(r"(?:\s+[a-zà-ÿ’'-]+){0,8},\s+(?P<who>" + _NAME_RUN.pattern + r")\s*(?:[,.;]|$)")
_HEADLINE_NAME = re.compile(r"\s*(?P<who>" + _NAME_RUN.pattern + r")\s*:\s*$")
_LABEL_COLON = re.compile(r"\s*(?:" + LIST_MARK + r")?(?:(?:[A-Z][a-z-]+\s+)?(?:[a-z-]+\s+){0,2}?(?:" + _DESCRIPTORS_RX
                          + r")\s+|The\s+)?(?P<who>" + _NAME_RUN.pattern
                          + r")(?:\s+(?:again|too|also|adds?|added|on\s+[^:“\"]{1,40}))?\s*:\s*$")
_LABEL_APPOS_COLON = re.compile(r"\s*(?:" + LIST_MARK + r")?(?P<who>" + _NAME_RUN.pattern + r"),\s+[^:,“\"]{1,60}:\s*$")
#: what comes between a headline's topic and its speaker: 'Naufragio di Lampedusa, il Primate Adebayo:'
_ARTICLE_TITLE_GAP = re.compile(r",\s+(?:[a-zà-ÿ]+\s+){0,2}")
_NAME_COLON_END = re.compile(r"(?P<who>" + _NAME_RUN.pattern + r")\s*:\s*$")
_FROM_NAME_COLON = re.compile(r"(?:,|\bfrom|\bby)\s+(?P<who>" + _NAME_RUN.pattern + r")\s*:\s*$")
_ACCUSED_OF = re.compile(r"(?:accused|critici[sz]ed|attacked|condemned|blasted|slammed)\s+(?:for|of|over)\b")
_AGENT_BEFORE = re.compile(r"(?P<who>" + _NAME_RUN.pattern + r"|\bthe\s+(?:[\w-]+\s+){0,2}?(?:" + _DESCRIPTORS_RX + r"))\s+(?:\w+ly\s+)?$")
#: a comma between clauses, not one inside a number ("10,000m")
_CLAUSE_COMMA = re.compile(r",(?!\d)")
_WHO_CLAUSE = re.compile(r"(?P<who>" + _NAME_RUN.pattern + r")\s*(?:\([^()]{1,25}\))?,\s+(?:who|which)\s+(?:\w+ly\s+|has\s+|had\s+|have\s+|would\s+|will\s+|later\s+|also\s+)*$")
#: (a "who" clause may hold a quotation of its own: 'Per Aasen, who calls it a "…", said')
_RELATIVE_CLAUSE = re.compile(r"(?P<who>" + _NAME_RUN.pattern + r")\s*(?:\([^()]{1,25}\))?,\s+(?:(?:who|which)\s+[^,]{1,120}|[a-z]{3,}ing\s+[^,\u2591]{1,120}),\s+"
                              r"(?:\w+ly\s+|also\s+|later\s+)*$")
_APPOSITION_OPENS = re.compile(r"[^,]{1,60},\s+(?:the|a|an)\s+(?:(?!(?:of|for|at|from|in|with|to)\s)[\w’'.-]+\s+){0,4}")
#: a family speaking as one: "his family said", "the Molloy family said"
_FAMILY_RX = r"(?:the|his|her|their|[A-Z][\w-]*[’']s)\s+(?:[\w’'-]+\s+)?family"
_FAMILY = "Family"
_A_FAMILY = re.compile(_FAMILY_RX)
_A_FAMILY_BEFORE = re.compile(r"\b(?i:" + _FAMILY_RX + r")\s+(?:\w+ly\s+|also\s+)*$")
_FAMILY_VERB = re.compile(r"\s*[,;:.!?]?\s*(?P<who>" + _FAMILY_RX + r")\s+(?:[a-z]+ly\s+)?(?:said|says|added|wrote)\b")
_WHO_PARTICIPLE = re.compile(r"(?P<who>" + _NAME_RUN.pattern + r"),\s+who\s+[^,\u2591]{0,80}$")
#: (the description may end in a relative clause: "Dr Ranjit Sohal, the chief executive of the
#: Alliance, which represents NHS trusts, said")
_APPOSED_SUBJECT = re.compile(r"(?P<who>" + _NAME_RUN.pattern + r")(?:,\s+[DRI]-[A-Z][A-Za-z.]{1,12})?,\s+(?:(?:a|an|the|its|his|her|their|of|from|at)\s|\d{1,3},)[^,\u2591]{0,60}?"
                              r"(?:,\s+(?:which|who|that)\s[^,\u2591]{1,80})?,?\s+(?:\w+ly\s+|also\s+|later\s+)*$")
#: (a second verb of the subject's too: "she turned around and insisted")
_SUBJECT_BEFORE_VERB = re.compile(r"(?P<who>" + _NAME_RUN.pattern + r"|\b[Hh]e|\b[Ss]he|\b[Tt]hey|\b[Ii]t|\b[Ii]l|\b[Ee]lle)(?P<comma>,?)\s+"
                                  r"(?:(?!(?:said|says|told|and)\b)[a-z]+(?:ed|s)\s+(?:[a-z]+\s+){0,3}?and\s+)?(?:\w+ly\s+|has\s+|had\s+|have\s+|would\s+|will\s+|later\s+|also\s+|then\s+|once\s+"
                                  r"|on\s+[A-Z][a-z]+day\s+|last\s+\w+\s+|this\s+\w+\s+|earlier\s+|again\s+)*$")
#: the words that make a title another office: "vice mayor", "deputy minister"
_OFFICE_MODIFIERS = "prime|vice|deputy|shadow|assistant|junior|under"
_OTHER_OFFICE = re.compile(r"\b(?:" + _OFFICE_MODIFIERS + r")(?:[\s-]+\S+){1,2}$"
                           r"|-(?:elect|designate)$", re.IGNORECASE)   # (the "premier-elect" is not the premier)
#: such a word right before a title: "Vice Mayor"
_OFFICE_MODIFIER_BEFORE = re.compile(r"\b(?:" + _OFFICE_MODIFIERS + r")[\s-]+$", re.IGNORECASE)
_PERSON_AT_BEFORE = re.compile(r"(?P<who>" + _NAME_RUN.pattern + r")\s+(?:at|from)\s+$")
_PREPOSITION_BEFORE = re.compile(r"\b(?:close to|near|to|for|of|with|about|against)\s+$")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_WORD_BEFORE_VERB = re.compile(r"\b(?:[a-z]+|[A-Z][a-z]+)\s+(?:\w+ly\s+|has\s+|had\s+|have\s+|would\s+|will\s+)*$")
#: the subject right before the verb, a description: "The 29-year-old told", "the Grammy-winner said"
_DESCRIBED_BEFORE = re.compile(r"(?:^|(?<=[\s,;]))(?P<who>[Tt]he\s+(?:[\w’'-]+\s+){0,2}?[\w’'-]+)\s+(?:\w+ly\s+|also\s+)?$")
_PARENTHETICAL_END = re.compile(r",\s+(?:in|on|at|via|through)\s+[^,\u2591]{1,40},\s+$")
_THE_ORG_RX = r"[Tt]he\s+(?:[\w’'-]+\s+){0,2}?(" + _ORG_NOUNS_RX + r")\s+(?:\w+ly\s+|has\s+|had\s+|have\s+|also\s+)*$"
_THE_ORG_BEFORE = re.compile(r"\b" + _THE_ORG_RX)
_CLAUSE_ORG_BEFORE = re.compile(r"\b(?:that|which|as|what)\s+" + _THE_ORG_RX)
_THE_DOCUMENT_BEFORE = re.compile(r"\b[Tt]he\s+(" + _DOCUMENT_NOUNS_RX + r")\s+(?:\w+ly\s+)*$")
_DESCRIPTOR_BEFORE = re.compile(r"\b(?:the|a|an|el|la|le|un|una|une)\s+(?:[\w’'-]+\s+){0,2}(?:" + _DESCRIPTORS_RX + r")\s+(?:\w+ly\s+)*$", re.IGNORECASE)
#: (the signer's lower-case title between: "notice, signed by chief information security officer Jo Doe")
_BY_NAME = re.compile(r",?\s+(?:[\w,]+\s+){0,4}?(?:by|from)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,4}?(?P<who>" + _NAME_RUN.pattern + r")")
_BY_OWN_OFFICE = re.compile(r"\s+(?:[\w,]+\s+){0,4}?(?:by|from)\s+(his|her|their)\s+(?:office|campaign|team|spokes\w+|aides?|staff|lawyers?|attorneys?)\b")
_POSSESSIVE_BEFORE = re.compile(r"\b(his|her|their)\s+(?:[\w-]+\s+){0,2}$")
_NAME_POSSESSIVE_BEFORE = re.compile(r"(" + _NAME_RUN.pattern + r")[’']s\s+(?:[\w-]+\s+){0,2}$")
_DESCRIPTOR_POSSESSIVE_BEFORE = re.compile(r"\b(?:the|a)\s+(?:[\w-]+\s+){0,2}?(" + _DESCRIPTORS_RX + r")[’']s\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
#: a place opening a sentence, set off by a comma: "In Makundi,", "At Geneva,"
_PLACE_OPENING = re.compile(r"\b(?:In|At|in|at)\s+")
#: who speaks for a state or a body abroad: "China's representative", "the representative of …"
_ENVOYS = "representative|ambassador|envoy|delegate|delegation|mission"
_ENVOY_NEXT = re.compile(r"s?\s+(?:[a-z-]+\s+)?(?:" + _ENVOYS + r")\b")
#: the state an envoy is of, after the title: " of the Russian Federation"
_OF_STATE_NEXT = re.compile(r"\s+(?:of|for|from)\s+(?:the\s+)?(?P<state>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)")
_OF_STATE = re.compile(r"\b(?:" + _ENVOYS + r")(?:\s+\w+)?" + _OF_STATE_NEXT.pattern + r"\s*$")
#: an owner and letters in one run of capitals: "Dravenia's U.N." (mission)
_OWNER_ABBREV = re.compile(r"([^\s’']+)[’']s\s+[A-Z][A-Z.]*")
_ENVOY_END = re.compile(r"\b(?:" + _ENVOYS + r")$")
#: kinds of body whose names say so ("Ministry of Health", "Transport Department")
_SELF_NAMING_KINDS = frozenset("ministry department agency council commission union association university hospital "
                               "court party police committee federation institute authority".split())
#: "The association's statement": a body's words, the body named by its kind
_ORG_POSSESSIVE = r"[Tt]he\s+(?:[\w-]+\s+){0,2}?(" + _ORG_NOUNS_RX + r")[’']s\s+"
_ORG_POSSESSIVE_BEFORE = re.compile(r"\b" + _ORG_POSSESSIVE + r"(?:[\w-]+\s+){0,2}$")   # (before its speech noun)
_ORG_POSSESSIVE_NOUN = re.compile(_ORG_POSSESSIVE + r"(?:[\w-]+\s+)?(?:" + _SPEECH_NOUNS_RX + r")s?$")   # (a whole subject)
_COLON_END = re.compile(r":\s*\W?$")
#: the role words printed right before a name, maybe with an honorific: "economist Dr. "
_ROLE_RIGHT_BEFORE = re.compile(r"(?:\b[a-z-]+\s+){1,3}(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?$")
#: a monarch's honorific, and the title of the person it stands for
_MAJESTY = {"her majesty": "Queen", "his majesty": "King", "sa majesté": "Roi"}
#: (or "from the", "at the": "Speaking from the Palais de Bellegarde, the King told")
_PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:of|to|in|for|de|en|del|du|des)\s+$|\b(?:from|at|in|outside)\s+the\s+$")
_DESCRIPTOR_WORD = re.compile(r"\b(?:" + _DESCRIPTORS_RX + r")\b")
_HIS_HER_BEFORE = re.compile(r"\b(his|her)\s+(?:[\w-]+\s+){0,2}$")


_MASK_RUN = re.compile(_MASK + "+")


def _said_events(seg: str) -> list[re.Match]:
    """_SAID_EVENT's matches in `seg`, found between the blanked quotations only: a match holds
    no blank but may open on the last one of a run, so the scan skips the runs' other
    characters, where it tried a match at each one (~30% of the scan on a quote-heavy page)."""
    out: list[re.Match] = []
    if _MASK not in seg:   # most paragraphs quote nobody
        _said_between(seg, 0, len(seg), out)
        return out
    lo = 0
    for run in _MASK_RUN.finditer(seg):
        _said_between(seg, lo, run.start(), out)
        lo = run.end() - 1
    _said_between(seg, lo, len(seg), out)
    return out


def _said_between(seg: str, lo: int, hi: int, out: list[re.Match]) -> None:
    """out += _SAID_EVENT.finditer(seg, lo, hi), the string's start tried on its own."""
    if lo == 0:
        m = _SAID_EVENT.match(seg, 0, hi)
        if m:
            out.append(m)
            lo = m.end()
    out += _SAID_EVENT_ON_MARK.finditer(seg, lo, hi)


class _Attributor:
    def __init__(self, doc: Document, quotes: list[Quotation], sources: list[Source]) -> None:
        self.doc = doc
        self.names = _Doc(doc, sources)
        self.masked = _mask(doc, quotes)
        # the people a quotation talks about are not speakers ('"Nothing I say today …," the
        # judge said' names nobody): mentions inside the blanked quotations are left out
        self.names.drop_mentions(lambda m: self.masked[m.pos] == _MASK)
        self._possessive_depth = 0
        self.events: list[_Event] = []
        self._scan_events()

    def _block_of(self, pos: int) -> int:
        for i, b in enumerate(self.doc.blocks):
            if b.start <= pos <= b.end:
                return i
        return -1

    def _scan_events(self) -> None:
        """Speech cues outside quotation marks ('..., he said.'): who spoke last, where."""
        for bi, b in enumerate(self.doc.blocks):
            if b.zone != "body":
                continue
            seg = self.masked[b.start:b.end]
            for m in _said_events(seg):
                who = m.group("who").strip()
                pos = b.start + m.start("who")
                sp = self._resolve(who, pos, bi, pronoun_ok=False)
                if sp:
                    self.events.append(_Event(pos, bi, sp[0], sp[1]))

    def _recent_speaker(self, pos: int, block: int, window: int = 2, person: bool | None = None,
                        gender: str | None = None) -> str | None:
        """The most recent speaker within `window` blocks whose gender does not contradict
        `gender` (a speaker of unknown gender is compatible: 'he' after a quotation of someone
        the story never gendered is still most likely that someone)."""
        for e in reversed(self.events):
            if e.pos >= pos:
                continue
            if block - e.block > window:
                break
            if person is None or e.person == person:
                g = self.names.gender(e.speaker) if gender and e.person else None
                if gender and g is not None and g != gender:
                    continue   # "she said" after a quotation of a man
                return e.speaker
        return None

    def _resolve(self, who: str, pos: int, block: int, pronoun_ok: bool = True,
                 lenient: bool = False) -> tuple[str, bool] | None:
        w = who.strip(" ,")
        # the pool's shorthand for the office: "POTUS said" is the president the story names
        w = _OFFICE_SHORTHAND.get(w, w)
        if w in _ARTICLE_WORDS:
            return None
        if w.lower() in _MAJESTY:   # "Her Majesty said": the queen the story or the sources name
            title = _MAJESTY[w.lower()]
            named = _last(re.finditer(r"\b" + title + r"\s+[A-ZÀ-Ý][\w’'-]+(?:\s+[IVX]+\b)?", self.masked[:pos]))
            sp = named.group() if named else self._titled_speaker(title)
            return (sp, True) if sp else None
        if w.lower() in _TITLES and " " not in w and self.masked[pos:pos + len(w)] == w:
            om = _OF_DEPARTMENT_NAME.match(self.masked, pos + len(w))
            if om:   # "VP of engineering Rohan Mehtani": the name after the office's department
                return self._resolve(om.group("who"), om.start("who"), block, pronoun_ok, lenient)
        if w.isupper() and len(w.split()) >= 3:
            # a tabloid's headline in capitals, "THEO BREAKS HIS SILENCE:": its subject opens it
            lead = list(itertools.takewhile(lambda t: t not in _CAPS_HEADLINE_WORDS, w.split()))
            if lead and len(lead) < len(w.split()):
                w = " ".join(t.capitalize() for t in lead)
        low = w.lower()
        if low in _PRONOUNS:
            if not pronoun_ok:
                return None
            if _PRONOUNS[low] == "p":
                if low == "it":   # an organisation, or a document quoted just before ("it says")
                    for e in reversed(self.events):
                        if e.pos < pos and block - e.block <= 2 and (not e.person or e.document):
                            return e.speaker, e.person
                    # or the organisation the sentence is about: "the NBA suspended him for what
                    # it called “recklessly shoving”"
                    lo = self.doc.blocks[block].start if 0 <= block < len(self.doc.blocks) else 0
                    s0 = _sentence_start(self.masked, pos, lo)
                    subj = _subject(self.masked, s0, pos)
                    if subj and subj[0] and subj[0].lower() not in _PRONOUNS and subj[1] < pos:
                        r = self._resolve(subj[0], subj[1], block, pronoun_ok=False)
                        if r and r[0] and not r[1]:
                            return r
                    am = _THE_ACRONYM.search(self.masked, s0, pos)
                    return (am.group(1), False) if am else None
                sp = self._recent_speaker(pos, block, person=False)
                if sp:
                    return sp, False
                # no organisation spoke: a singular "they", of a person whose gender the
                # story never gives ('Lifeguard Jamie Okoro said …. "…," they said.')
                return self._pronoun_subject(pos, block, (None,)) if low == "they" else None
            g = _PRONOUNS[low]
            r = self._pronoun_subject(pos, block, (None, g))
            if r:
                return r
            sp = self._recent_speaker(pos, block, person=True, gender=g)
            if sp:
                return sp, True
            sp = self.names.last_person_before(pos, gender=g)
            return (sp, True) if sp else None
        if _SOMEBODY.match(low):
            # "a senior official": somebody unnamed; but "a Lumora spokesperson" speaks for the
            # organisation, and so for the one voice the sources give it
            return self._org_voice_named(w)
        mdem = _THE_CAPITALISED.match(w)
        if mdem and mdem.group(1).lower() not in _DESCRIPTORS.split("|") and not _is_org(mdem.group(1)) \
                and not mdem.group(1).isupper() and mdem.group(1) not in self.names.full:   # not "the BBC"
            # "the Speaker" after "Speaker Tobias Grange": the person with that title; "the Spaniard",
            # "the Republican": else a description of the person quoted just before
            sp = self._titled_mention(mdem.group(1), pos) or self._titled_speaker(mdem.group(1)) \
                or self._recent_speaker(pos, block, person=True)
            return (sp, True) if sp else None
        mdesc = _ARTICLE_DESCRIPTOR.match(low)
        if mdesc:
            return self._descriptor(mdesc.group(1), pos, w, block)
        mseat = _THE_SEAT_MEMBER.match(w)
        seat = mseat.group("seat").strip() if mseat else ""
        if mseat and not (mseat.group("the") is None and (self.names.is_full(self.names.canonical(seat, pos))
                                                          or seat.split()[0].lower() in _FIRST_NAMES_OR_SIR)):
            # "the Galway West TD", "the Labour MP for Leeds": a member known by a seat or party, a
            # role ("Jo Cox MP" is Jo Cox)
            return self._descriptor(mseat.group("role").lower(), pos, w, block)
        name = self.names.canonical(w, pos)
        if not name and w.split() and w.split()[-1].lower().strip(".") in _TITLES:
            # "Corvid CEO says": a title with no name, maybe with the organisation's
            return self._descriptor(w.split()[-1].lower().strip("."), pos, w, block)
        if not name or name in _SKIP_NAMES:
            return None
        if len(name.split()) == 1 and not self.names.is_known_single(name, lenient):
            return None
        # (an organisation the sources name so, "Lumio", or by the word its name opens with, which
        # canonical gave as its name, is no person a pronoun could mean)
        return name, not _is_org(name) and name not in self.names._org_names and name not in self.names.org_firsts

    def _pronoun_subject(self, pos: int, block: int, genders: tuple) -> tuple[str, bool] | None:
        """The person a pronoun at `pos` stands for, from its paragraph: the subject of its own
        sentence, else of the sentence before, else that sentence's last full name — the first
        whose gender is one of `genders`."""
        # the subject of the pronoun's own sentence comes first: 'Raman was blunt: "…," she said'
        lo = self.doc.blocks[block].start if 0 <= block < len(self.doc.blocks) else 0
        s0 = _sentence_start(self.masked, pos, lo)
        subj = _subject(self.masked, s0, pos)
        if subj and subj[0].lower() not in _PRONOUNS and subj[1] < pos:
            r = self._resolve(subj[0], subj[1], block, pronoun_ok=False)
            if r and r[1] and self.names.gender(r[0]) in genders:
                return r
        if s0 > lo:
            # then the subject of the sentence before, in the same paragraph:
            # 'Mendes was unsatisfied. "…," she told Park.'
            p0 = _sentence_start(self.masked, s0 - 2, lo)
            subj = _subject(self.masked, p0, s0)
            if subj and subj[0] and subj[0].lower() not in _PRONOUNS:
                r = self._resolve(subj[0], subj[1], block, pronoun_ok=False)
                if r and r[1] and self.names.gender(r[0]) in genders:
                    return r
            # or somebody the sentence names by first name only: 'One participant, who gave only
            # his first name, Ketil, said …. "…," he said.'
            fm = _last(_FIRST_NAME_ONLY.finditer(self.masked, p0, s0)) if "first name" in self.masked[p0:s0] \
                or " only as " in self.masked[p0:s0] else None
            if fm and {"his": "m", "her": "f"}.get(fm.group("pos") or "") in genders:
                return fm.group("who"), True
            # or the last full name of that sentence: 'Board member Carl Jennings was less
            # enthusiastic. "…," he said.'
            # (or, when the sentence names nobody else, the surname of somebody the story or the
            # sources name in full: 'Reporters pressed Ortiz on several points. Here's what he said:')
            # (a single capitalised word is somebody only as the surname of a full name the story or
            # the sources give: "Credit where it's due, though: Hovius was …", "According to Hovius,
            # most … will fall in the Netherlands and France" name Hovius alone)
            named = [m for m in self.names.mentions_between(p0, s0) if m.person and m.name.lower() not in _COLLECTIVE
                     and (" " in m.name or " " in (self.names.canonical(m.name, m.pos + 1) or ""))]
            people = [m for m in named if len(m.name.split()) >= 2 or len(named) == 1]
            for m in reversed(people):
                name = self.names.canonical(m.name, m.pos + 1)
                # a name the story gives a speaker, or one of known gender ('Among the strikers
                # was Sam Ortiz.'), not any capitalised pair ('the Frontier Talk podcast')
                plausible = self.names.is_full(name) or self.names.gender(name) is not None
                if len(name.split()) >= 2 and plausible and self.names.gender(name) in genders:
                    return name, True
            if subj and not subj[0] and _INDEFINITE_SUBJECT.match(self.masked, subj[1]):
                # 'A 34-year-old nurse who … did not want to be named, said …. "…," she said': the
                # person that sentence is about has no name; not the last speaker
                return _UNKNOWN
            return None
        return self._intro_subject(pos, block, genders)

    def _intro_subject(self, pos: int, block: int, genders: tuple) -> tuple[str, bool] | None:
        """A quotation opening its paragraph after one that only introduces somebody, with no
        quotation of its own ('Castleford boss Karen Blake was furious …' / '"…," she said'):
        that paragraph's subject, when a person of one of `genders`."""
        lo = self.doc.blocks[block].start if 0 <= block < len(self.doc.blocks) else 0
        # (the pronoun in the paragraph's first sentence: '"…," she said' opening it, or "In a
        # statement, he said:" introducing the quotation below)
        if _sentence_start(self.masked, pos, lo) > lo or block < 1:
            return None
        prev = self.doc.blocks[block - 1]
        if prev.zone != "body" or _MASK in self.masked[prev.start:prev.end]:
            return None
        # its first sentence's subject; else, latest first, a later sentence's ('There are no
        # new premises yet. … Szarvas-Mbeki has been to see it.' / '"…," she says')
        starts = [prev.start] + [m.end() for m in _SENT_BREAK.finditer(self.masked, prev.start, prev.end)
                                 if m.end() < prev.end][::-1]
        for i, s0 in enumerate(starts):
            subj = _subject(self.masked, s0, prev.end)
            if not subj or not subj[0] or subj[0].lower() in _PRONOUNS:
                if i == 0 and subj and subj[0]:
                    return None   # 'She …': the paragraph is about somebody already resolved
                continue
            r = self._resolve(subj[0], subj[1], block - 1, pronoun_ok=False)
            # a person: a full name the story gives a speaker, or one whose gender is known
            # ('Maria Garcia and her husband …'), not a place ('El Salvador')
            known = r and r[1] and (self.names.is_full(r[0]) or r[0] in self.names.kin
                                    or len(r[0].split()) >= 2 and self.names.gender(r[0]) is not None)
            if known or i == 0 and r and r[1]:   # (not 'There', 'The council': no person)
                return r if known and self.names.gender(r[0]) in genders else None
        return None

    def _org_named(self, noun: str, pos: int) -> str | None:
        """'the board' -> the organisation mentioned last before `pos` whose name ends in 'Board'."""
        for m in reversed(self.names.mentions):
            # ("the bank": the Bank of Canada too, its kind of body first)
            if m.pos < pos and not m.person and (m.name.split()[-1].lower() == noun
                                                  or m.name.split()[0].lower() == noun and " of " in m.name):
                return m.name
        for m in reversed(self.names.mentions):
            # ("the chamber": the Port Delgado Chamber of Commerce, the noun inside the name)
            if m.pos < pos and not m.person and noun in m.name.lower().split():
                return m.name
        # "Developer tools company Quillstack has …", "Acme, the Ohio firm, …": the story's own
        # apposition says which organisation is "the company"
        # (not a place set off by a comma: "In Makundi, the health ministry said")
        ap = _last(m for m in re.finditer(r"\b" + re.escape(noun) + r"\s+(?P<a>" + _NAME_RUN.pattern + r")|(?P<b>"
                                          + _NAME_RUN.pattern + r"),\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?"
                                          + re.escape(noun) + r"\b", self.masked[:pos])
                   if not (m.group("b") and _PLACE_OPENING.search(self.masked, max(0, m.start() - 4), m.start() + 3)))
        if ap:
            name = self.names.canonical(ap.group("a") or ap.group("b"), pos)
            if name and not self.names.is_full(name) and name not in _SKIP_NAMES:
                return name
        return None

    def _described(self, phrase: str, pos: int, block: int) -> tuple[str, bool]:
        """A lower-case subject: 'the governor' (a title), 'the firm' (the organisation quoted
        just before), or somebody unnamed ('one former engineer')."""
        low = phrase.strip().lower()
        om = _ORG_POSSESSIVE_NOUN.match(phrase.strip())
        org = self._org_named(om.group(1).lower(), pos) if om else None
        if org:   # "The association's statement put it more bluntly:" the body the story named
            return org, False
        if _A_FAMILY.fullmatch(low):
            return _FAMILY, False   # "his family said": a family speaking as one, as a body does
        if _AGED_OR_VETERAN.match(low):
            # "the 19-year-old said": the one the story gives that age ("Ines Brand, 19,",
            # "19-year-old Ines Brand"), else the person the paragraph before introduces, or the
            # one quoted just before
            age = _AGE.search(low)
            if age:
                aged = None
                for am in re.finditer(r"(" + _NAME_RUN.pattern + r"),\s+" + age.group(1) + r",|\b" + age.group(1)
                                      + r"-year-old\s+(?:[a-z-]+\s+){0,2}(" + _NAME_RUN.pattern + r")", self.doc.text[:pos]):
                    aged = am.group(1) or am.group(2)
                r = self._resolve(aged, pos, block, pronoun_ok=False) if aged else None
                if r and r[1]:
                    return r
            r = self._intro_subject(pos, block, (None, "m", "f"))
            if r:
                return r
            # (or, when nobody was quoted yet, the person the story is about)
            sp = self._previous_subject(pos, block) or self._recent_speaker(pos, block, person=True) \
                or self.names.most_mentioned_before(pos)
            return (sp, True) if sp else _UNKNOWN
        if _IS_DESCRIPTION.match(low):
            return self._resolve(phrase.strip(), pos, block) or _UNKNOWN
        lm = _THE_LABEL.match(phrase.strip())
        if lm and (lm.group(1)[0].isupper() and not _is_org(lm.group(1)) or _is_label(lm.group(1))) \
                and lm.group(1).lower() not in _ORG_NOUNS.split("|"):
            # "the defender said", "the Italian said": a role or a nationality of somebody the
            # story names, the person the sentence before is about, else the one quoted before
            return self._descriptor(lm.group(1).lower(), pos, phrase.strip(), block) or _UNKNOWN
        am = _THE_ACRONYM.fullmatch(phrase.strip())
        if am:
            return am.group(1), False   # "the FTA said": the organisation those letters stand for
        dn = _THE_DOCUMENT.match(low)
        if dn:
            # "the statement said" after "according to a statement from his office": its author
            lo = self.doc.blocks[block].start if 0 <= block < len(self.doc.blocks) else 0
            sp = self._document_author(dn.group(1), _sentence_start(self.masked, pos, lo), block)
            return (sp, not _is_org(sp)) if sp else _UNKNOWN
        om = _THE_ORG_NOUN.match(low)
        org = self._org_named(om.group(1), pos) if om else None
        if org:
            return org, False
        if om:
            return self._org_spoke(pos, block, om.group(1)) or _body(om.group(1))
        return _UNKNOWN

    def _org_voice(self, pos: int, block: int) -> tuple[str, bool] | None:
        """'The nurses' union says … "an insult". Its general secretary, Tom Price, said …': the
        organisation's words are its named officer's, introduced in the same paragraph."""
        if not 0 <= block < len(self.doc.blocks):
            return None
        m = _ITS_OFFICER.search(self.masked[pos:self.doc.blocks[block].end])
        return self._resolve(m.group(1), pos + m.start(1), block) if m else None

    def _previous_org(self, pos: int, block: int) -> tuple[str, bool] | None:
        """'The RNLI has asked people to stay away. In a statement, the charity said:' — the
        organisation the sentence before, in the same paragraph, is about."""
        lo = self.doc.blocks[block].start if 0 <= block < len(self.doc.blocks) else 0
        if pos <= lo:
            return None
        subj = _subject(self.masked, _sentence_start(self.masked, pos - 2, lo), pos)
        if not subj or not subj[0] or subj[0].lower() in _PRONOUNS:
            return None
        r = self._resolve(subj[0], subj[1], block, pronoun_ok=False)
        if r and r[0] and (not r[1] or r[0].isupper()):
            return r[0], False
        return None

    def _story_org(self) -> tuple[str, bool] | None:
        """'The club said': the one organisation that speaks in the sources (a statement in its
        own name) and that the story names."""
        text = self.doc.text
        hits = [o for o in self.names.org_speakers if o in text]
        return (hits[0], False) if len(hits) == 1 else None

    def _org_spoke(self, pos: int, block: int, noun: str = "") -> tuple[str, bool] | None:
        """'The company said', 'the firm wrote': the organisation quoted just before, or the
        organisation of the person quoted just before (its chief executive), never a person.
        A kind of body that names itself so ('the ministry') is not an organisation whose name
        says otherwise (the World Health Organization whose chief was quoted before)."""
        for e in reversed(self.events):
            if e.pos < pos and block - e.block <= 2:
                org = e.speaker if not e.person else self.names.org_of.get(e.speaker)
                if org is None:
                    continue
                if noun in _SELF_NAMING_KINDS and noun not in org.lower():
                    return None
                return org, False
        return None

    def _document_author(self, noun: str, s0: int, block: int) -> str | None:
        """Whose is 'the letter' / 'the statement': the sentence before, in the same paragraph,
        names the document ("wrote in a letter", "a statement from his office") — the person it
        is about. Otherwise nobody: "The readout said" alone names no one."""
        if not 0 <= block < len(self.doc.blocks):
            return None
        lo = self.doc.blocks[block].start
        if s0 <= lo:
            # the paragraph opens with it: "In a blog post, the company said …" just before names
            # the post, whose voice was the last one quoted there
            pb = self.doc.blocks[block - 1] if block > 0 else None
            nm = re.search(r"\b" + re.escape(noun) + r"\b", self.masked[pb.start:pb.end], re.IGNORECASE) \
                if pb is not None else None
            if nm is not None:
                sp = self._recent_speaker(s0, block, window=1)
                if sp is None:
                    # no voice quoted there: the subject of the sentence that names the document
                    # ("Grant Halloway conceded defeat in a written statement …" / '"…," the statement said')
                    p1 = _sentence_start(self.masked, pb.start + nm.start(), pb.start)
                    subj = _subject(self.masked, p1, pb.start + nm.start())
                    r = self._resolve(subj[0], subj[1], block - 1, pronoun_ok=False) if subj and subj[0] else None
                    sp = r[0] if r else None
                return sp
            return self._document_owner(noun, s0, block)
        p0 = _sentence_start(self.masked, s0 - 2, lo)
        if not re.search(r"\b" + re.escape(noun) + r"\b", self.masked[p0:s0], re.IGNORECASE):
            return self._document_owner(noun, s0, block)
        # (a body's document too: "The association said in a statement that …. '…,' the statement said")
        return self._previous_subject(s0, block, person=False) or self._recent_speaker(s0, block, window=0)

    def _document_owner(self, noun: str, pos: int, block: int) -> str | None:
        """Whose 'post' the story has named earlier as somebody's: "Qureshi's post", "Her post
        says" (the latest such mention before `pos`). Not "a statement issued by his spokesperson":
        who issues a statement is not always whose words it carries."""
        n = re.escape(noun)
        pat = (r"(?P<who>" + _NAME_RUN.pattern + r")[’']s\s+(?:[\w-]+\s+){0,2}?" + n + r"\b"
               r"|\b(?P<pro>[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w-]+\s+){0,2}?" + n + r"\b")
        m = _last(re.finditer(pat, self.masked[max(0, pos - 4000):pos]))
        if m is None:
            return None
        at = max(0, pos - 4000) + m.start()
        who = m.group("who")
        r = self._resolve(who, at, self._block_of(at)) if who else \
            self._resolve(_PRONOUN_OF[m.group("pro").lower()], at, self._block_of(at))
        return r[0] if r and r[0] else None

    def _previous_subject(self, pos: int, block: int, person: bool = True) -> str | None:
        """The person the sentence before `pos`'s sentence is about, in the same paragraph (with
        person=False an organisation too: "The Orchard Hill Neighborhood Association said …")."""
        if not 0 <= block < len(self.doc.blocks):
            return None
        lo = self.doc.blocks[block].start
        s0 = _sentence_start(self.masked, pos, lo)
        if s0 <= lo:
            return None
        subj = _subject(self.masked, _sentence_start(self.masked, s0 - 2, lo), s0)
        if subj and subj[0] and subj[0].lower() not in _PRONOUNS and not _THE_LOWER.match(subj[0]):
            r = self._resolve(subj[0], subj[1], block, pronoun_ok=False)
            return r[0] if r and (r[1] or not person) else None
        return None

    def _titled_speaker(self, title: str) -> str | None:
        """The one speaker of the sources whose name opens with `title` ("the King" for their
        "King Lucien III", "the Pope"), when the story names nobody with it."""
        named = [n for n in self.names.known if n.split()[0] == title]
        return named[0] if len(named) == 1 else None

    def _titled_mention(self, title: str, pos: int, forward: int = 0) -> str | None:
        """The latest person mentioned before `pos` with `title` just before the name or in an
        apposition after it ("Dave Okafor, the general secretary of …"); with `forward`, the
        first one within that many characters after `pos` (a lede's "the governor", named in the
        next paragraph)."""
        text = self.doc.text
        pat = r"\b(?:" + re.escape(title) + r"\b" + (r"|" + _TITLE_ABBREV[title.lower()] if title.lower() in _TITLE_ABBREV else "") + r")"
        order = [m for m in self.names.mentions if pos < m.pos <= pos + forward] if forward else reversed(self.names.mentions)
        for m in order:
            if (forward or m.pos < pos) and m.person and (len(m.name.split()) >= 2 or m.name in self.names.full) \
                    and not _PLACE_PREPOSITION_BEFORE.search(text, max(0, m.pos - 12), m.pos):
                # ("the ambassador of Estados Unidos in Peru, Thomas Harlan": a place follows "of")
                end = text.find(m.name.split()[-1], m.pos)
                before = text[max(0, m.pos - 60):end if end >= 0 else m.pos]   # "Secretary of State Robert Hale"
                before = before[before.rfind("\n\n") + 1:]   # (within the name's paragraph)
                appos = _APPOSITION_AFTER.match(text[m.pos + len(m.name):m.pos + len(m.name) + 60])
                # the title right before the name (only capitalised words or "of the" between:
                # "Secretary of State Robert Hale", not "Mayor Robert Grant and challenger Miguel
                # Lopez"), or in an apposition after it
                # ("Harbour City's coach, Ingrid Solberg,": the title, a comma, then the name)
                tm = re.search(r"(?i:" + pat + r")(?:,?\s+(?:[A-Z][\w.’'-]*|of|the|for|to|in|at|de|la|du|del|en|el|des|aux?))*,?\s*$", before)
                # ("Mayor Patricia Lindqvist, Vice Mayor Howard Bellamy": the title nearest the name
                # is another office, and Bellamy holds no title "mayor")
                last = _last(re.finditer(r"(?i:" + pat + r")", before)) if tm else None
                if tm and not (last and _OFFICE_MODIFIER_BEFORE.search(before, 0, last.start()) and not _OTHER_OFFICE.search(title)):
                    return self.names.canonical(m.name)
                if appos and re.search(pat, appos.group(), re.IGNORECASE):
                    return self.names.canonical(m.name)
        return None

    def _named_next(self, pos: int, forward: int = 400) -> str | None:
        """A role named only later, as business and British papers do: "The company's chief
        executive told analysts … . Mr Brennecke, who took over in January, said …": the first
        person after `pos` called by an honorific and a surname the story has not printed
        before `pos` (an honorific marks a person already introduced, and nobody was)."""
        text = self.doc.text
        for m in self.names.mentions_between(pos + 1, pos + forward):
            if not m.person:
                continue
            tm = _HONORIFIC.match(text, m.pos)   # the run of capitals opens with it: "Mr Brennecke"
            toks = m.name.split()
            # a surname only ("Mr de Haas"): "Dr. Amara Okoye" is somebody introduced in full
            if tm and all(t[:1].islower() for t in toks[:-1]) and text.find(toks[-1], 0, pos) < 0:
                return self.names.canonical(m.name, m.pos + 1)
        return None

    def _speakers_of_org(self, words: set[str]) -> list[str]:
        """The sources' speakers whose organisation's name has one of these lower-case words."""
        return [sp for sp, org in self.names.org_of.items() if words & {w.lower().strip("’'s") for w in org.split()}]

    def _org_voice_named(self, phrase: str) -> tuple[str, bool] | None:
        """'a Lumora spokesperson', 'a spokeswoman for the Lumora group': the one speaker of the
        sources whose organisation has those capitalised words (the spokesperson the statement
        names), or None when no or several speakers have it, or when the story names that
        speaker (then the spokesperson is somebody else: not the minister the story quotes)."""
        m = _UNNAMED_SPOKESPERSON.fullmatch(phrase.strip())
        if not m:
            return None
        named = {w.lower() for w in _CAPITALISED_WORD.findall(m.group("org") or m.group("org2") or "")} \
            - _TITLES - _GENERIC_ORG
        hits = self._speakers_of_org(named)
        if len(hits) != 1 or hits[0].split()[-1] in self.doc.text:
            return None
        return hits[0], True

    def _descriptor(self, title: str, pos: int, phrase: str = "", block: int = -1) -> tuple[str, bool] | None:
        """'the governor', 'the Transport Secretary', 'the Democrat': the person mentioned with
        that title, else the one speaker whose organisation the phrase names ("Transport" of the
        Department for Transport), else the most recent speaker."""
        text = self.doc.text
        full = _LEADING_ARTICLE.sub("", phrase.strip())
        found = self._titled_mention(full, pos) if full and full.lower() != title else None
        sm = _OF_STATE.search(phrase.strip()) if found is None else None
        if sm:   # "the representative of the Russian Federation", named nowhere: the state speaks through its envoy
            return sm.group("state"), False
        named = {w.lower() for w in _CAPITALISED_WORD.findall(phrase)} - _TITLES
        if found is None and named:
            # "the Commission president": the one speaker of an organisation of that name (a word
            # too generic to name one alone, capitalised here as a proper name)
            hits = {sp for sp in self._speakers_of_org(named) if sp.split()[-1] in text}
            if len(hits) == 1:
                return hits.pop(), True
        caps = named - _GENERIC_ORG
        # "the prime minister", "the vice president": another office than "the minister" the
        # story named; that office's holder or nobody, not whoever holds the shorter title
        other_office = _OTHER_OFFICE.search(full) is not None
        if found is None and not caps and not other_office:
            found = self._titled_mention(title, pos)
        if found:
            return found, True
        if other_office:
            return None
        # the phrase's own words against the speakers' organisations: "the U.S. trade representative"
        # ~ "Office of the U.S. Trade Representative", "the Transport Secretary" ~ "Department for Transport"
        words = {w.lower() for w in _LONG_WORD.findall(phrase)} - _TITLES - _GENERIC_ORG - STOPWORDS
        words -= set(_DESCRIPTORS.split("|"))
        if words:
            hits = {sp for sp in self._speakers_of_org(words) if sp.split()[-1] in text}
            if len(hits) > 1:   # several of that organisation: the one named so far
                hits = {sp for sp in hits if text.find(sp.split()[-1], 0, pos) != -1}
            if len(hits) == 1:
                return hits.pop(), True
            found = self._titled_mention(title, pos)
            if found:
                return found, True
        # "the Democrat", "the senator": the person quoted just before; but "the official" of a
        # news story is mostly an unnamed one, introduced as "a senior official"
        generic = title in ("official", "officials")
        if not generic and pos > 0:
            # "A council spokesperson said … . '…,' the spokesperson said": the one just
            # introduced without a name, not the person quoted before
            start = self.doc.blocks[block - 1].start if block >= 1 else max(0, pos - 600)
            intro = _introduced_unnamed(title).search(text, start, pos)
            if intro:   # (one who speaks for an organisation with one voice in the sources is that voice)
                return self._org_voice_named(intro.group())
        # "Sen. Amy Brooks … seized on the remarks. “Good,” the Ohio Democrat wrote": the
        # person the sentence before is about
        sp = self._previous_subject(pos, block) if block >= 0 and not generic else None
        if sp is None:
            sp = self._recent_speaker(pos, block, person=True) if block >= 0 and not generic else None
            # "economist Dr. Leena Marchetti … The housing minister said": someone else (but the
            # sentence just before about "Name, the manager" makes him "the coach" too)
            if sp is not None and self._introduced_as_other(sp, title):
                return _UNKNOWN
        if sp is None and not generic:
            # (a headline's "Judge says …" names her further down: the story's first paragraphs)
            sp = self._titled_mention(title, pos, forward=2000 if _near_top(self.doc, block) else 600)
        if sp is None and not generic:
            sp = self._named_next(pos)
        if sp is None and not generic and not self._possessive_depth:
            # with a speech verb ("the U.S. trade representative told CNN"), the person the
            # article is about so far; not for a possessive ("the leader … offered his …")
            sp = self.names.last_person_before(pos)
        return (sp, True) if sp else None

    def _introduced_as_other(self, person: str, title: str) -> bool:
        """Whether the story introduced `person` with another role than `title` ("economist
        Leena Marchetti", "Leena Marchetti, an economist at …"): an epithet such as "the minister"
        is then somebody else. A party or a label ("the Democrat") is no role and matches anyone."""
        text = self.doc.text
        i = text.find(person)
        if i < 0 or title.lower() in _LABELS:
            return False
        before = _ROLE_RIGHT_BEFORE.search(text, max(0, i - 60), i)
        appos = _APPOSITION_AFTER.match(text, i + len(person), i + len(person) + 60)
        roles = {m.group().lower() for part in (before, appos) if part
                 for m in _DESCRIPTOR_WORD.finditer(part.group())} - _LABELS
        return bool(roles) and title.lower() not in roles

    # -- cues -------------------------------------------------------------------------------
    def after_cue(self, q: Quotation, block: int) -> tuple[str, bool] | None:
        b = self.doc.blocks[block] if 0 <= block < len(self.doc.blocks) else None
        hi = b.end if b else len(self.doc.text)
        end = _outer(self.doc.text, q)[1] if q.kind == "inline" else q.end
        tail = self.masked[end:min(hi, end + 200)]
        tail = tail.split(_MASK)[0]
        if not tail or tail.isspace():
            # the paragraph ends with the quotation: every cue below needs a word or a mark, but
            # the next paragraph may open with one ('"…" ¶ That's what Curtis Dahlgren told …')
            nb = self.doc.blocks[block + 1] if b is not None and block + 1 < len(self.doc.blocks) else None
            m = _THAT_WAS_HOW.match(self.masked, nb.start, nb.start + 200) if nb is not None and nb.zone == "body" else None
            return (self._resolve(m.group("who"), nb.start, block + 1, lenient=True) or _UNKNOWN) if m else None
        m = _THAT_WAS_HOW.match(tail)
        if m:   # '"…" That was how Jane Doe, the mayor, put it.': the speaker comes in the next sentence
            return self._resolve(m.group("who"), q.end, block, lenient=True) or _UNKNOWN
        if q.kind == "inline" and (q.text.rstrip().endswith(".") and _NEXT_SENTENCE.match(tail)
                                   or tail.startswith(".") and _NEXT_SENTENCE.match(tail, 1)):
            # 'Ortiz says the port "must listen." Lopez says it "already has."': after a full stop
            # a capitalised word opens the next sentence, with its own quotation, not a cue
            return None
        if q.kind == "inline" and _NOUN_NEXT.match(tail):
            # 'Ashcombe's was the "nothing to hide" riposte': the words a noun of speech names, of
            # the sentence's owner
            lo = b.start if b else 0
            s0 = _sentence_start(self.masked, q.start - 1, lo)
            om = _OWNER_OPENS.match(self.masked, s0, q.start)
            if om:
                r = self._resolve(om.group("who"), om.start("who"), block)
                if r and r[0]:
                    return r
        m = _SO_NAME.match(tail) if q.mark == "„" else None
        if m:   # German: '„…“, so Wendler in der Mitteilung'
            return self._resolve(m.group("who"), q.end, block) or _UNKNOWN
        m = _SO_SAID.match(tail)
        if m:   # '"It's the end of an era." So said Jane Smith, …'
            return self._resolve(m.group("who"), q.end, block, lenient=True) or _UNKNOWN
        m = _PRONOUN_REPLIED.match(tail)
        r = self._asked(q.start, block, _PRONOUNS[m.group("who")]) if m else None
        if r:   # 'X asked Mr Rourke how … ¶ "…," he replied': the one asked answers
            return r
        m = _NAME_THEN_VERB.match(tail)
        if m:
            return self._resolve(m.group("who"), q.end, block, lenient=True) or _UNKNOWN
        # the patterns below that end in a name and its speech verb need a verb after a capital
        # letter: a tail without one (', said Jane Doe, the mayor.') is not tried on them
        cap = _CAPITAL.search(tail)
        named_verb = cap is not None and _SPEECH.search(tail, cap.start() + 1) is not None
        # a long title before the name: "Agriculture and Maritime Affairs Minister Claire Dubois told"
        # ("accused of '…' by opposition as Downing Street insists": a new clause, not a title)
        m = _TITLES_NAME_THEN_VERB.match(tail) if named_verb else None
        if m and len(strip_titles(m.group("who")).split()) >= 2:
            return self._resolve(m.group("who"), q.end, block)
        m = _HEADLINE_ON.match(tail)
        if m and b is not None and not _A_WORD.search(self.doc.text[b.start:q.start]):
            # an interview's headline: "'I'm not going anywhere': Health Secretary Amara Nwosu on …"
            return self._resolve(m.group("who"), q.end, block)
        m = _DASH_SIGNATURE.match(tail)
        if m:   # the dash form: “We are not moving.” —Sam Ortiz
            return self._resolve(m.group("who"), q.end, block)
        m = _INVERTED_PRONOUN.match(tail)
        if m:
            return self._resolve(m.group("who"), q.end, block) or _UNKNOWN
        m = _THE_ROLE_NAME_VERB.match(tail) if named_verb else None
        if m and len(strip_titles(m.group("who")).split()) >= 2:
            # "the dockers' leader Jane Doe said": a description, then the name
            return self._resolve(m.group("who"), q.end, block)
        m = _THE_ROLE_APPOSITION_VERB.match(tail) if named_verb else None
        if m and len(strip_titles(m.group("who")).split()) >= 2:
            # "the agency's chief medical officer, Dr. Paula Grant, told": the description, then the name set off
            return self._resolve(m.group("who"), q.end, block)
        # "the firm wrote", "one former engineer wrote": a speaker, maybe a known description
        m = _DESCRIBED_VERB.match(tail) or _FAMILY_VERB.match(tail)
        if m:
            return self._described(m.group("who"), q.end, block)
        m = _BARE_ROLE_VERB.match(tail) if _near_top(self.doc, block) else None
        if m:   # a headline drops the article: '“…,” governor says as Julia moves inland'
            return self._described("the " + m.group("who"), q.end, block)
        m = _VERB_THEN_REST.match(tail)
        if m:
            rest = m.group("rest")
            pm = _PRONOUN_OPENS.match(rest)
            if pm:
                return self._resolve(pm.group(1), q.end, block)
            dm = _DESCRIPTOR_OPENS.match(rest)
            if dm:
                # with the body it heads: "the president of the Commission", "la présidente de la Commission"
                cm = _ROLE_COMPLEMENT.match(rest, dm.end())
                an = _COMMA_NAME.match(rest, cm.end() if cm else dm.end())
                if an and len(strip_titles(an.group("who")).split()) >= 2:
                    # "a réagi le maire de Québec, Bruno Lavallée,": the name set off after the role
                    r = self._resolve(an.group("who"), q.end, block)
                    if r:
                        return r
                return self._resolve(rest[:cm.end()] if cm else dm.group(), q.end, block) or _UNKNOWN
            for nm in _NAME_RUN.finditer(rest):
                name = nm.group()
                after = rest[nm.end():nm.end() + 60]
                if not strip_titles(name).strip():
                    an = _COMMA_NAME.match(rest, nm.end())
                    if an and an.start("who") == nm.end() + 2 and len(strip_titles(an.group("who")).split()) >= 2:
                        # "cried the Speaker, Sir Geoffrey Ainsley, who …": the title's holder, named after it
                        return self._resolve(an.group("who"), q.end, block) or _UNKNOWN
                if name.split()[0] in _SKIP_NAMES and len(name.split()) == 1:
                    continue
                if len(name.split()) == 1 and name.lower() in _LABELS:
                    continue   # "said one of them, a Republican aide": a label, not a name
                if _LOWER_THEN_CAPITAL.match(after) and _is_org(name):
                    continue   # "State Department spokesperson Tammy Bruce": the person follows
                if _PLACE_TITLE_NAME.match(after):
                    continue   # "said Lakeview school board member Omar Haddad": the place is a title
                if _CLAUSE_VERB_NEXT.match(after):
                    return None   # 'calling it a "…", said Haldorsen should resign': a reported clause's subject
                if _PREPOSITION_BEFORE_NAME.search(rest, 0, nm.start()):
                    continue   # '«…», ha raccontato dal palco della Sala Grande': a place, not the subject
                return self._resolve(name, q.end, block)
            if tail[:m.start("rest")].split()[-1] in _PRO_DROP_VERBS:
                return self._dropped_subject(q.end, block)
            return _UNKNOWN   # "said one former engineer": someone, not named
        m = _VERB_ENDS.match(tail)
        if m and m.group(1) in _PRO_DROP_VERBS:   # '“…”, escreveu.': the verb ends the sentence
            return self._dropped_subject(q.end, block)
        m = _ACCORDING_TO_AFTER.match(tail)
        if m:
            return self._resolve(m.group("who"), q.end, block)
        return None

    def _asked(self, pos: int, block: int, gender: str) -> tuple[str, bool] | None:
        """The person last asked a question before `pos`, in its paragraph or the one before
        ("Senator Kerrigan has asked Mr Rourke how …"), when of `gender` or of none known."""
        lo = self.doc.blocks[block - 1].start if block >= 1 else 0
        m = _last(_ASKED_WHOM.finditer(self.masked, lo, pos))
        if m is None:
            return None
        r = self._resolve(m.group("who"), m.start("who"), block, pronoun_ok=False)
        return r if r and r[0] and r[1] and self.names.gender(r[0]) in (None, gender) else None

    def _dropped_subject(self, pos: int, block: int) -> tuple[str, bool]:
        """Spanish, Italian and Portuguese drop a known subject: '"…", afirmó en un comunicado'
        is the person the sentence before is about, as "he said" would be."""
        r = self._pronoun_subject(pos, block, (None, "m", "f"))
        if r:
            return r
        lo = self.doc.blocks[block].start if 0 <= block < len(self.doc.blocks) else 0
        s0 = _sentence_start(self.masked, pos, lo)
        subj = _subject(self.masked, _sentence_start(self.masked, s0 - 2, lo), s0) if s0 > lo else None
        if subj and subj[0].lower() in _PRONOUNS:
            # the sentence before has a pronoun for its subject ('No Threads, ele lembrou que …
            # “…”, escreveu.'): the person it stands for
            r = self._resolve(subj[0].lower(), subj[1], block)
            if r and r[0]:
                return r
        sp = self._recent_speaker(pos, block)
        return (sp, not _is_org(sp)) if sp else _UNKNOWN

    def before_cue(self, q: Quotation, block: int) -> tuple[str, bool] | None:
        b = self.doc.blocks[block] if 0 <= block < len(self.doc.blocks) else None
        lo = b.start if b else 0
        s0 = _sentence_start(self.masked, q.start - 1, lo)
        prefix = self.masked[s0:max(s0, q.start - 1)]
        # (the patterns below are only tried where the words or the colon they need are there)
        according = "ccording to" in prefix
        ac = _last(_ACCORDING_TO.finditer(prefix)) if according or "elon" in prefix or "egún" in prefix or "olgens" in prefix else None
        if ac:
            return self._resolve(ac.group("who"), s0 + ac.start(), block)
        ad = _last(_ACCORDING_TO_DOCUMENT.finditer(prefix)) if according else None
        if ad:   # "According to the complaint, …": the filing's words, not the last speaker's
            sp = self._document_author(ad.group("noun"), s0, block)
            return (sp, not _is_org(sp)) if sp else _UNKNOWN
        pi = _last(_AS_HE_PUT_IT.finditer(prefix))
        if pi:   # "But, as she put it, if Congress writes …, “…”": the parenthetical names the speaker
            return self._resolve(pi.group("who"), s0 + pi.start("who"), block) or _UNKNOWN
        if "ajouter" in prefix and _AND_TO_ADD.search(prefix):
            # French's 'Et d’ajouter : « … »' ('and he added'): the speaker of the words before
            sp = self._recent_speaker(q.start, block)
            return (sp, not _is_org(sp)) if sp else _UNKNOWN
        colon = prefix.rstrip().endswith(":")
        om = _OWNED_NOUN_COLON.match(prefix) if colon else None
        if om:   # 'Her fix: "…"', "Thielemann's pitch: '…'": the owner's words
            who = om.group("who")
            r = self._resolve(_PRONOUN_OF.get(who.lower(), who), s0 + om.start("who"), block)
            if r:
                return r
        hm = _HEADLINE_NAME.match(prefix) if colon else None
        if hm:   # a headline's "Okafor: 'Hope over fear'"
            return self._resolve(hm.group("who"), s0 + hm.start("who"), block)
        lm = _LABEL_COLON.match(prefix) if colon and s0 <= lo else None
        if lm:
            # a list of sound bites: '- Solberg on safety: "…"', 'Achterberg again: "…"', 'Lead
            # investigator Dr. Miriam Achterberg: "…"' (the label opens the paragraph)
            r = self._resolve(lm.group("who"), s0 + lm.start("who"), block)
            if r:
                return r
        la = _LABEL_APPOS_COLON.match(prefix) if colon and s0 <= lo else None
        if la:   # a list of sound bites: '- Caleb Huang, Wren Court: "…"' (a resident and his street)
            r = self._resolve(la.group("who"), s0 + la.start("who"), block)
            nc = _NAME_COLON_END.search(prefix, la.end("who"))
            if nc and not _ARTICLE_TITLE_GAP.fullmatch(prefix, la.end("who"), nc.start()):
                nc = None   # only an article or a title between: no clause ("…, chair X told Mr Y:")
            # (its surname: a title the rules do not know may come before it, "il Primate Adebayo")
            r2 = self._resolve(nc.group("who").split()[-1], s0 + nc.end("who"), block) if nc else None
            if r2 and r2[1] and self.names.is_full(r2[0]) and not (r and self.names.is_full(r[0])):
                # an Italian headline's topic, then its speaker: 'Naufragio di Lampedusa, il
                # Primate Adebayo: «…»' (a person the story names in full)
                return r2
            if r and r[1]:
                return r
        hm = _FROM_NAME_COLON.search(prefix) if colon else None
        if hm and len(strip_titles(hm.group("who")).split()) >= 2:
            # "a sharp response from the association's president, Rick Dalton: '…'"
            r = self._resolve(hm.group("who"), s0 + hm.start("who"), block)
            if r:
                return r
        nc = _NAME_COLON_END.search(prefix) if colon else None
        if nc and len(strip_titles(nc.group("who")).split()) >= 2:
            # a headline's "Leone d'oro all'argentino Mateo Ferrán: «…»": a person the story or the
            # sources name in full, right before the colon
            r = self._resolve(nc.group("who"), s0 + nc.start("who"), block)
            if r and r[1] and self.names.is_full(r[0]):
                return r
        # (a colon ends the prefix, or the line introducing a block quotation: its end is the cue's)
        ps = _PARENTHETICAL_SAID.search(prefix) if colon or b is not None and q.start >= b.end else None
        if ps:
            # "Lumio – the sponsor of the red carpet – was, he said, watching:": the one who says it
            r = self._resolve(ps.group("who"), s0 + ps.start("who"), block)
            if r and r[0]:
                return r
        if colon:
            # the clause the colon ends has its own subject, whatever speech verbs came before it
            # ('When a reporter asked …, Varga put on her best voice: "…"')
            fc = _FINAL_CLAUSE_SUBJECT.search(prefix)
            # (a pronoun too: "She closed with a promise to step back: “…”")
            if fc and (fc.group("who") not in _SKIP_NAMES or fc.group("who") in ("He", "She")) \
                    and not _SPEECH.search(prefix, fc.end("who")):
                r = self._resolve(fc.group("who").lower() if fc.group("who") in ("He", "She") else fc.group("who"),
                                  s0 + fc.start("who"), block)
                if r and r[0] and r[1]:
                    return r
        verbs = list(_SPEECH.finditer(prefix))
        nouns = list(_NOUN.finditer(prefix))
        cands = sorted([(v.start(), "v", v) for v in verbs] + [(n.start(), "n", n) for n in nouns], key=lambda x: x[0])
        if not cands:
            if _CHARACTERISE.search(prefix):
                # 'Harlow rejects bid as "opportunistic"': the subject's word for it
                subj = _subject(self.masked, s0, q.start)
                return self._resolve(subj[0], subj[1], block) if subj and subj[0] else None
            return None
        pos, kind, vm = cands[-1]
        if kind == "n":
            nv = [c for c in cands if c[1] == "v" and c[0] < pos]
            if nv and _NAMING_VERB.fullmatch(nv[-1][2].group().lower()) and not _CLAUSE_BREAK.search(prefix, nv[-1][0], pos):
                # 'He called the minister's promise "…"': the noun is what is named, and the
                # naming verb's subject says the words, not the noun's owner
                pos, kind, vm = nv[-1]
                prefix = prefix[:vm.end()]
        if kind == "n":
            # the latest speech noun with an owner ("his statement", "by the governor's own
            # description", "a post by X"); a noun with none ("a speech about") is no cue
            for _, k2, nm_ in reversed(cands):
                if k2 != "n":
                    continue
                r = self._noun_owner(prefix, nm_, s0, q, block)
                if r is not None:
                    return r
            verbs_before = [c for c in cands if c[1] == "v"]
            if not verbs_before:
                return None
            # "X responded in a statement that …": the statement has no owner, the verb has
            pos, kind, vm = verbs_before[-1]
            prefix = prefix[:vm.end()]
        verb = vm.group().lower()
        ip = _INVERTED_GERMAN_PRONOUN.match(prefix, vm.end())
        if ip:   # German puts the subject after the verb: "Auf die Frage … antwortete sie auf Englisch:"
            r = self._resolve(ip.group(1), s0 + ip.start(1), block)
            if r:
                return r
        if _ACCUSED_OF.match(prefix[vm.start():]):
            return _UNKNOWN   # a headline's passive 'Thornton accused of "…" by opposition': the target, not the speaker
        participle = verb.endswith("ing")
        # (not a passive in a clause of time: "Vandenberghe told reporters when asked about it, adding:")
        finite = [c for c in cands if c[1] == "v" and not c[2].group().lower().endswith("ing") and c[0] < pos
                  and not _WHEN_BEFORE.search(prefix, 0, c[0])]
        wa = _WITH_AGENT.search(prefix, 0, vm.start()) if participle else None
        if wa:   # '…, with Ferrandi saying: "…"': the participle's own agent
            r = self._resolve(wa.group("who"), s0 + wa.start("who"), block)
            if r:
                return r
        if participle and finite and "\u2591" not in prefix[finite[-1][0]:pos]:
            # '"…," Carter said, adding that he was "…"': the speaker of the main verb
            pos, kind, vm = finite[-1]
            verb, participle = vm.group().lower(), False
        head = prefix[:vm.start()]
        if participle:
            wc = _WHO_PARTICIPLE.search(head)
            if wc:   # 'Per Aasen, who has spent a year calling it a "…"': the relative clause's person
                r = self._resolve(wc.group("who"), s0 + wc.start("who"), block)
                if r:
                    return r
            # "has the judge saying", "with Hale warning": the agent right before the participle
            ag = _AGENT_BEFORE.search(head)
            if ag and ag.group("who") not in _SKIP_NAMES:
                r = self._resolve(ag.group("who"), s0 + ag.start("who"), block)
                if r:
                    return r
        if not participle:
            # (the two clause patterns need "who"/"which" (or an -ing word) and commas: a head
            # without them is not scanned for them)
            rel = _WHO_CLAUSE.search(head) if "wh" in head else None
            if rel:   # "… Sen. Maria Lopez (D-N.M.), who told a radio interviewer that …"
                r = self._resolve(rel.group("who"), s0 + rel.start("who"), block)
                if r:
                    return r
            # "Crestline, which holds …, said", "Sam Achebe, making his debut …, described"
            rc = _RELATIVE_CLAUSE.search(head) if head.count(",") >= 2 and ("wh" in head or "ing" in head) else None
            # ("Crestline, which holds a 6.2% stake in Harlow, said": not Harlow; but "Her lawyer, the
            # Los Angeles-based Paul Brennerman, who …, wrote": the name set in apposition)
            if rc and (not _CLAUSE_COMMA.search(head, 0, rc.start("who")) or _APPOSITION_OPENS.fullmatch(head, 0, rc.start("who"))):
                r = self._resolve(rc.group("who"), s0 + rc.start("who"), block)
                if r:
                    return r
            ap = _APPOSED_SUBJECT.search(head) if head.count(",") >= 2 else None
            if ap:   # "Reyes, a Republican, said", "Doe, 71, told": the name, not its description
                r = self._resolve(ap.group("who"), s0 + ap.start("who"), block)
                if r:
                    return r
            fam = _A_FAMILY_BEFORE.search(head)
            if fam and not _PREPOSITION_BEFORE.search(head, max(0, fam.start() - 12), fam.start()):
                return _FAMILY, False   # "In a statement, his family said he …" (not "a source close to the family")
            dm = _SUBJECT_BEFORE_VERB.search(head)
            if dm and _PREPOSITION_BEFORE.search(head, max(0, dm.start("who") - 12), dm.start("who")):
                dm = None   # "A source close to Fennimore said": the name is the preposition's, not the verb's
            pa = _PERSON_AT_BEFORE.search(head, 0, dm.start("who")) if dm else None
            if pa:   # "Rahul Menon at Kessler Brandt asked": the person at the firm (not "Analysts at …")
                r = self._resolve(pa.group("who"), s0 + pa.start("who"), block)
                if r and r[1]:
                    return r
            if dm and not (dm.group("who") in _SKIP_NAMES and dm.group("who").lower() not in _PRONOUNS) \
                    and not (dm.group("comma") and _is_org(dm.group("who"))):
                who = dm.group("who")
                if _THE_BEFORE.search(head[:dm.start("who")]):
                    who = "the " + who   # "the Ohio Democrat wrote": a description, not a name
                r = self._resolve(who, s0 + dm.start("who"), block)
                if r:
                    return r
                if who.lower() in _COLLECTIVE:
                    return _UNKNOWN   # "as Opposition calls it '…'": a body speaks, not the sentence's subject
            elif _WORD_BEFORE_VERB.search(head) and not _subject(self.masked, s0, s0 + len(head)) \
                    or head.endswith(", ") and _THE_ORG_BEFORE.search(_PARENTHETICAL_END.sub(" ", head)) \
                    or _CLAUSE_ORG_BEFORE.search(head):
                # (also past a parenthetical: "The chamber of commerce, in a statement, described …";
                # and in a clause of its own: "a relief fund that the chamber calls …")
                om = _THE_ORG_BEFORE.search(_PARENTHETICAL_END.sub(" ", head))
                org = self._org_named(om.group(1), s0) if om else None
                if org:
                    return org, False
                if om:
                    # (the kind of body itself when it is the sentence's subject, not in a clause of
                    # somebody else's: "She started with what the union had asked for:")
                    return self._org_voice(q.end, block) or self._previous_org(s0, block) \
                        or self._org_spoke(s0, block, om.group(1).lower()) \
                        or self._story_org() \
                        or (_body(om.group(1)) if not _subject(self.masked, s0, s0 + len(head)) else _UNKNOWN)
                dn = _THE_DOCUMENT_BEFORE.search(head)
                if dn:
                    # "The letter says …" right after "Hartwell wrote in a letter": its author
                    sp = self._document_author(dn.group(1), s0, block)
                    if sp:
                        return sp, not _is_org(sp)
                if not _DESCRIPTOR_BEFORE.search(head):
                    db = _DESCRIBED_BEFORE.search(head)
                    if db and db.group("who").split()[-1].lower() in _COLLECTIVE:
                        return _UNKNOWN   # "as the crowd chanted": many, nobody named
                    if db:   # "The 29-year-old told the crowd that …": the description's person
                        return self._described(db.group("who"), s0 + db.start("who"), block)
                    hb = _BARE_ROLE_BEFORE.search(head) if _near_top(self.doc, block) else None
                    if hb:   # a headline drops the article: "…; lead author calls decision ‘wrong’"
                        return self._described("the " + hb.group("who"), s0 + hb.start("who"), block)
                    return _UNKNOWN   # "The readout said", "Officials said": a speaker, but not a name
            dd = _DESCRIPTOR_BEFORE.search(head)
            if dd:   # "the governor said" resolves; "a Downing Street spokeswoman said" stays unnamed
                return self._resolve(dd.group().strip(), s0 + dd.start(), block) or _UNKNOWN
        if ":" in head and _near_top(self.doc, block):
            k = head.rindex(":") + 1
            k += len(head[k:]) - len(head[k:].lstrip())
            hb = _BARE_ROLE_BEFORE.match(head, k)
            if hb:   # a headline's topic, then its bare role: "… closure live: transport secretary says"
                return self._described("the " + hb.group("who"), s0 + hb.start("who"), block)
        subj = _subject(self.masked, s0, q.start)
        if subj and subj[0].lower() == "il" and any(w in _PRO_DROP_VERBS for w in _WORDS.findall(self.masked, s0, q.start)):
            # Italian's article, not French's pronoun: 'Il difetto, spiega, si trova nel “…”' (its
            # verb drops the subject)
            return self._dropped_subject(q.start, block)
        if subj:
            return self._resolve(subj[0], subj[1], block) or _UNKNOWN
        return _UNKNOWN if participle else None

    def _noun_owner(self, prefix: str, vm: re.Match, s0: int, q: Quotation, block: int) -> tuple[str, bool] | None:
        after = prefix[vm.end():]
        # "a post by X", "a statement from the Treasury Department"
        by = _BY_NAME.match(after)
        if by:
            return self._resolve(by.group("who"), s0 + vm.end() + by.start("who"), block)
        bp = _BY_OWN_OFFICE.match(after)
        if bp:   # "according to a statement from his office": his words, whoever he is
            return self._possessive(bp.group(1), s0, q, block)
        before = prefix[max(0, vm.start() - 40):vm.start()]
        pm = _POSSESSIVE_BEFORE.search(before)
        nm = _NAME_POSSESSIVE_BEFORE.search(before)
        if nm:
            return self._resolve(nm.group(1), s0 + vm.start(), block)
        if pm:
            return self._possessive(pm.group(1), s0, q, block)
        dm = _DESCRIPTOR_POSSESSIVE_BEFORE.search(before)
        if dm:   # "by the governor's own description"
            return self._descriptor(dm.group(1).lower(), s0 + vm.start(), dm.group(), block)
        om = _ORG_POSSESSIVE_BEFORE.search(before)
        org = self._org_named(om.group(1).lower(), s0) if om else None
        if org:   # "The association's statement put it more bluntly:" the body the story named
            return org, False
        return None

    def _possessive(self, word: str, s0: int, q: Quotation, block: int) -> tuple[str, bool] | None:
        subj = _subject(self.masked, s0, q.start)
        if subj and subj[0].lower() not in _PRONOUNS:
            self._possessive_depth += 1
            try:
                r = self._resolve(subj[0], subj[1], block)
            finally:
                self._possessive_depth -= 1
            if r and r[1] == (word != "their"):
                return r
        return self._resolve(_PRONOUN_OF[word], q.start, block)

    def sentence_subject(self, q: Quotation, block: int) -> tuple[str, bool] | None:
        """The person (not a pronoun, not an organisation) that the quotation's sentence is about."""
        b = self.doc.blocks[block] if 0 <= block < len(self.doc.blocks) else None
        lo = b.start if b else 0
        s0 = _sentence_start(self.masked, q.start - 1, lo)
        subj = _subject(self.masked, s0, max(s0, q.start - 1))
        cl = _AND_CLAUSE_SUBJECT.search(self.masked, subj[1] + len(subj[0]) if subj else s0, q.start)
        if cl:
            # a second clause with its own subject holds the quotation: "Kestrel Heath is down to
            # one runway and the home carrier is planning for “…”" (the carrier's words)
            r = self._described(cl.group("who"), cl.start("who"), block)
            return r if r and r[0] else None
        if not subj or subj[0].lower() in _PRONOUNS:
            return None
        # only a person introduced here by full name ("Mark Feld put …", "Jean-Marc Leroy, a
        # skipper, …"): a bare surname more often names the actor of a reported deed, not the
        # speaker of the quoted words, which then float from the previous quotation
        name = strip_titles(subj[0])
        if any(ch.isdigit() for ch in name):
            return None   # a product or a quarter, no person: "Corvane Q4 takeaways: “…”"
        after = self.masked[subj[1] + len(subj[0]):subj[1] + len(subj[0]) + 2]
        # a colon hands the sentence to the quotation ('Marlow did not hesitate: "…"'): its subject,
        # even a bare surname the story has introduced, is the speaker
        colon = _COLON_END.search(self.masked[s0:q.start]) and self.names.is_known_single(name)
        if not colon and (len(name.split()) < 2 or not (self.names.is_full(name) or after.startswith(","))):
            return None
        r = self._resolve(subj[0], subj[1], block, pronoun_ok=False)
        return r if r and r[1] and r[0] else None

    def introducing_sentence(self, q: Quotation, block: int) -> tuple[str, bool] | None:
        """The person a short sentence right before the quotation, in its paragraph and with no
        quotation of its own, is about ('Dalton agreed.', 'X was more pointed.')."""
        lo = self.doc.blocks[block].start if 0 <= block < len(self.doc.blocks) else 0
        s0 = _sentence_start(self.masked, q.start - 1, lo)
        if s0 <= lo or self.masked[s0:q.start].strip(" \u2591\n\"“‘'"):
            return None   # the quotation does not open its sentence, or nothing comes before it
        p0 = _sentence_start(self.masked, s0 - 2, lo)
        sent = self.masked[p0:s0]
        if _MASK in sent:
            return None
        subj = _subject(self.masked, p0, s0)
        if not subj or not subj[0] or subj[0].lower().startswith("the "):
            return None
        if subj[0].lower() in _PRONOUNS or len(sent.split()) > 15:
            # a longer sentence, or one about "she", introduces her words when she speaks in it:
            # 'She says the hardest problem was heat. "You can't put a fan on someone's face."'
            if not _SAYS_AFTER_SUBJECT.match(self.masked, subj[1] + len(subj[0])):
                return None
            r = self._resolve(subj[0], subj[1], block)
            return r if r and r[0] and r[1] else None
        r = self._resolve(subj[0], subj[1], block, pronoun_ok=False)
        return r if r and r[0] and r[1] else None

    def same_sentence_person(self, q: Quotation, block: int) -> tuple[str, bool] | None:
        """No cue at all: a possessive or a subject in the quotation's own sentence."""
        b = self.doc.blocks[block] if 0 <= block < len(self.doc.blocks) else None
        lo = b.start if b else 0
        s0 = _sentence_start(self.masked, q.start - 1, lo)
        prefix = self.masked[s0:max(s0, q.start - 1)]
        pm = _HIS_HER_BEFORE.search(prefix)
        if pm:
            return self._possessive(pm.group(1), s0, q, block)
        return None


# the patterns of _intro_speaker, compiled once
_TURNS_TO = re.compile(r"\b(?:start(?:ed|s)|beg[ia]n|began|turn(?:ed|s)|went on|go(?:es)? on|continu(?:ed|es)|open(?:ed|s)|"
                       r"clos(?:ed|es)|end(?:ed|s)|finish(?:ed|es)|moved on|returned|wrapped up)\b[^.!?:]{0,120}:\s*$")
_LEAD_IN_PRONOUN = re.compile(r"\b(she|he|they|her|his|him)\b", re.IGNORECASE)
_INNER_POSSESSIVE = re.compile(r"[’']s\s+[A-Z]")
_SAYS_AFTER_SUBJECT = re.compile(r"\s+(?:\w+ly\s+|also\s+)?(?:" + _SPEECH_VERBS_RX + r")\b")
_FIRST_PERSON = re.compile(r"\b(?:I|I’m|I'm|I’ve|I've|I’ll|I'll|I’d|I'd|we|We|my|My|our|Our|me|us)\b")
_TEXT_PART = re.compile(r"\b(?:passage|excerpt|extract|section|paragraph)s?\b")
_WAS_CATEGORICAL = re.compile(r"\b(?:was|is|were|remained|sounded)\s+(?:\w+\s+)?\w+:\s*$")
_NAMED_DOCUMENT = re.compile(r"(" + _NAME_RUN.pattern + r")[’']s\s+(?:[\w-]+\s+){0,2}?(?:" + _DOCUMENT_NOUNS_RX + r")\b")
_A_DOCUMENT = re.compile(r"\b(a|an|his|her|their|[Ii]ts)\s+(?:[\w-]+\s+){0,2}(?:" + _DOCUMENT_NOUNS_RX + r")\b")
_FROM_THE_DOCUMENT = re.compile(r"\b(?:from|of|in)\s+the\s+(?:" + _DOCUMENT_NOUNS_RX + r")\s*:\s*$")


#: speaking without a verb of saying: "Lindqvist, her voice breaking, spoke about the man …"
_SPOKE = re.compile(r"\b(?:spoke|speaks|speaking|addressed|reflected|paid tribute|remembered|set out|laid out)\b")


def _introduced_or_signed(at: "_Attributor", doc: Document, q: Quotation, block: int) -> tuple[str, str] | None:
    """(speaker, cue) of a quotation set apart (a block quotation, a post): the line introducing
    it ("intro"), else its signature ("footer")."""
    r = _intro_speaker(at, doc, q, block)
    if r:
        return r[0], "intro"
    r = _footer_speaker(at, doc, q) or _cite_speaker(at, doc, q)
    return (r[0], "footer") if r else None


def _intro_speaker(at: "_Attributor", doc: Document, q: Quotation, block: int) -> tuple[str, bool] | None:
    """The speaker named by the line that introduces a block quotation or a list of quoted
    lines: a paragraph ending with a colon just before it."""
    intro = doc.blocks[block - 1] if block > 0 else None
    if intro is None:
        return None
    itext = doc.text[intro.start:intro.end]
    wm = _WHAT_SAID.fullmatch(itext.strip())
    if wm:
        # a fact box's heading, "WHAT THE MEMO SAID", "What Hargreaves said": the document's author,
        # or the person it names
        who = wm.group("who")
        who = who.title() if who.isupper() else who
        dn = _THE_DOCUMENT_BEFORE.search(who.lower() + " ")
        if dn:
            # the subject of the story's last sentence that names such a document ("In his memo,
            # Feld told departing staff …"), else whoever the document is credited to nearby
            sp = None
            nm = _last(re.finditer(r"\b" + re.escape(dn.group(1)) + r"\b", at.masked[:intro.start], re.IGNORECASE))
            if nm:
                bi = at._block_of(nm.start())
                lo, hi = (doc.blocks[bi].start, doc.blocks[bi].end) if bi >= 0 else (0, intro.start)
                subj = _subject(at.masked, _sentence_start(at.masked, nm.start(), lo), hi)
                r = at._resolve(subj[0], subj[1], bi, pronoun_ok=True) if subj and subj[0] else None
                sp = r[0] if r and r[1] else None
            sp = sp or at._document_author(dn.group(1), intro.start, block - 1)
            return (sp, not _is_org(sp)) if sp else None
        r = at._resolve(who, intro.start, block - 1)
        return r if r and r[0] else None
    if not itext.rstrip().endswith(":"):
        # a list of quoted lines under "Harper conceded in a short speech to supporters.":
        # the paragraph's subject, when it speaks (a speech verb or noun) and is a person
        if q.kind != "inline" or not (_SPEECH.search(itext) or _NOUN.search(itext) or _SPOKE.search(itext)):
            return None
        s0 = _sentence_start(at.masked, intro.end - 1, intro.start)
        subj = _subject(at.masked, s0, intro.end)
        r = at._resolve(subj[0], subj[1], block - 1, pronoun_ok=True) if subj and subj[0] else None
        return r if r and r[0] and r[1] else None
    fake = attrs.evolve(q, start=intro.end, end=intro.end)
    r = at.before_cue(fake, block - 1) if _SPEECH.search(itext) else None
    if r is not None and not r[0]:
        r = None   # no name at the cue: the other readings of the intro may still name one
    if r is None and _WAS_CATEGORICAL.search(itext):
        # "On taxes, the governor was categorical:" — the subject speaks
        s0 = _sentence_start(at.masked, intro.end - 1, intro.start)
        subj = _subject(at.masked, s0, intro.end)
        r = at._resolve(subj[0], subj[1], block - 1, pronoun_ok=True) if subj else None
    if r is None:
        # "Judge Holt's opinion is short on hedging. The heart of it:" — whose text
        om = _NAMED_DOCUMENT.search(itext)
        r = at._resolve(om.group(1), intro.start + om.start(1), block - 1) if om else None
    ad = _A_DOCUMENT.search(itext) if r is None else None
    if ad:
        # "Its chief, Margaret Oyelaran, defended the change in a letter to the couple:"
        s0 = _sentence_start(at.masked, intro.end - 1, intro.start)
        subj = _subject(at.masked, s0, intro.end)
        r = at._resolve(subj[0], subj[1], block - 1, pronoun_ok=False) if subj and subj[0] else None
        # (a person, or an organisation the sources name: "UK Athletics issued a statement that read:")
        r = r if r and (r[1] or r[0] in at.names._org_names) else None
        if r is None and ad.group(1) in ("his", "her", "their"):
            # "But his written statement was gracious …:" — the one the pronoun means
            r = at._resolve(_PRONOUN_OF[ad.group(1)], intro.start + ad.start(1), block - 1)
    if r is None and _FROM_THE_DOCUMENT.search(itext):
        # "Key lines from the speech:": the speech the article is about, of the person last named
        sp = at.names.last_person_before(intro.start)
        r = (sp, True) if sp else None
    if r is None and TOPIC_HEADING.match(itext):
        # a Q&A excerpt's "On why she left TV:" / "On Ninebark:": the interviewee's answer, the
        # one the lead-in's pronoun means or the one answering before it
        pm = _LEAD_IN_PRONOUN.search(itext)
        r = at._resolve(pm.group(1).lower(), intro.start + pm.start(1), block - 1) if pm else None
        if r is None:
            sp = at._recent_speaker(intro.start, block - 1, window=4, person=True)
            r = (sp, True) if sp else None
    if r is None and (_TURNS_TO.search(itext) or _FIRST_PERSON.search(q.text)):
        # "She started with what the union had asked for:", "Then she turned to the offer:": a
        # speech's course, so its subject speaks; so does one introducing words in the first
        # person ('she left the door open: "I'm not ruling anything out"'). (A sentence merely
        # about somebody, "Bukele not only agreed to …:", may introduce a document about them.)
        s0 = _sentence_start(at.masked, intro.end - 1, intro.start)
        subj = _subject(at.masked, s0, intro.end)
        if not (subj and subj[0]):
            # the subject of the clause the colon ends: "On China, where …, Hovius takes a firm line:"
            fc = _FINAL_CLAUSE_SUBJECT_NOW.search(at.masked, s0, intro.end)
            subj = (fc.group("who"), fc.start("who")) if fc and fc.group("who") not in _SKIP_NAMES else None
        r = at._resolve(subj[0], subj[1], block - 1, pronoun_ok=True) if subj and subj[0] else None
        r = r if r and r[1] else None
        if r is None and _TURNS_TO.search(itext) and (_A_DOCUMENT.search(itext) or _THE_DOCUMENT_BEFORE.search(itext)):
            # "Its statement continued:" — the statement quoted just before goes on
            sp = at._recent_speaker(intro.start, block - 1, window=1)
            r = (sp, not _is_org(sp)) if sp else None
    if r is None and _TEXT_PART.search(itext) and not any(m.person for m in at.names.mentions_between(intro.start, intro.end)):
        # "The three measures were set out in a single passage:" — a part of the text of the
        # speaker quoted just before, whom the line does not name again
        sp = at._recent_speaker(intro.start, block - 1, window=1, person=True)
        r = (sp, True) if sp else None
    return r if r and r[0] else None


# the patterns of _footer_speaker, compiled once
_FOOTER_SIGNATURE = re.compile(r"\s*[—–―-]{1,2}\s*(?P<who>" + _NAME_RUN.pattern + r")\s*(?:,|$)")


def _cite_speaker(at: "_Attributor", doc: Document, q: Quotation) -> tuple[str, bool] | None:
    """A pull quote's <cite> line after it ('Tempest coach Marcus Ridley'): the first full name
    in it (the page marks the line as the quotation's attribution)."""
    k = _last_block(doc, q) + 1
    if k >= len(doc.blocks) or doc.blocks[k].meta.get("role") != "cite":
        return None
    nxt = doc.blocks[k]
    for m in _NAME_RUN.finditer(doc.text, nxt.start, nxt.end):
        if len(strip_titles(m.group()).split()) >= 2:
            r = at._resolve(m.group(), m.start(), k)
            if r and r[0]:
                return r
    return None


def _footer_speaker(at: "_Attributor", doc: Document, q: Quotation) -> tuple[str, bool] | None:
    """A block quotation signed on the line after it ('— Margaret Oyelaran, chief of
    navigation', a blockquote's <footer>)."""
    k = _last_block(doc, q) + 1
    if k >= len(doc.blocks):
        return None
    nxt = doc.blocks[k]
    m = _FOOTER_SIGNATURE.match(doc.text[nxt.start:nxt.end])
    if not m:
        return None
    r = at._resolve(m.group("who"), nxt.start + m.start("who"), k)
    return r if r and r[0] else None


# the patterns of _fills_block, compiled once
# "On the result: ", "- Costs: ", and a Q&A list's question: "Is Hadley going to burn? "
_LABEL_PREFIX = re.compile(r"^\s*(?:[-*+•]\s+)?(?:[\w ,'’-]{1,40}:|[^\n“”\"?!.:]{3,80}\?)\s*")
_QUESTION_LABEL = re.compile(r"\s*(?:" + LIST_MARK + r")?[^\n“”\"?!.:]{3,80}\?\s*")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _asked_before(doc: Document, q: Quotation) -> bool:
    """The quotation's paragraph opens with a question and nothing else before it: 'Any
    injuries? "One firefighter …"' (a Q&A list: the question is the reporter's)."""
    b = doc.blocks[q.block] if 0 <= q.block < len(doc.blocks) else None
    return b is not None and q.kind == "inline" and _QUESTION_LABEL.fullmatch(doc.text, b.start, _outer(doc.text, q)[0]) is not None


def _fills_block(doc: Document, q: Quotation) -> bool:
    """The quotation is all its paragraph holds (a list item, a quoted line on its own)."""
    b = doc.blocks[q.block] if 0 <= q.block < len(doc.blocks) else None
    if b is None:
        return False
    before = _LABEL_PREFIX.sub("", doc.text[b.start:q.start])  # "On the result: "
    rest = before + doc.text[q.end:b.end]
    return not _LETTERS.search(rest)


def _last_block(doc: Document, q: Quotation) -> int:
    from .find import SIGNATURE

    k = q.block
    while k + 1 < len(doc.blocks) and doc.blocks[k + 1].start <= q.end:
        k += 1
    nxt = doc.blocks[k + 1] if k + 1 < len(doc.blocks) else None
    if nxt is not None and SIGNATURE.match(doc.text[nxt.start:nxt.end]):
        k += 1
    return k


def attribute(doc: Document, quotes: list[Quotation], sources: list[Source]) -> list[Quotation]:
    """The quotations with `speaker` and `speaker_cue` set."""
    at = _Attributor(doc, quotes, sources)
    out: list[Quotation] = []
    prev: tuple[str, int, int] | None = None   # speaker, block, position of the previous quotation
    for q in quotes:
        block = q.block
        speaker: str | None = None
        cue: str | None = None
        if q.kind == "embed":
            meta = q.embed or {}
            handle = (meta.get("handle") or "").lower().lstrip("@")
            if handle in at.names.handles:
                speaker = at.names.handles[handle]
            elif meta.get("author"):
                speaker = strip_titles(meta["author"]) or meta["author"]
            cue = "signature" if speaker else None
            if not speaker:
                # a post whose signature names no account ("— Jo Doe, on LinkedIn"): as a block
                # quotation's, the line introducing it or its signature
                speaker, cue = _introduced_or_signed(at, doc, q, block) or (None, None)
        elif q.kind == "block":
            b = doc.blocks[block]
            lm = _LABEL_BEFORE.search(doc.text, b.start, q.start) if b.start < q.start else None
            # an exchange printed as a transcript ("PRYDDERCH: Who knew …?"): the label's person;
            # a reporter's question is nobody's
            asker = lm is not None and lm.group(1).upper() in ASKERS
            r = at._resolve(lm.group(1).title(), b.start, block) if lm and not asker else None
            if asker:
                cue = "label"
            elif r and r[0]:
                speaker, cue = r[0], "label"
            else:
                got = _introduced_or_signed(at, doc, q, block)
                if got:
                    speaker, cue = got
                elif out and out[-1].kind == "block" and out[-1].speaker and _last_block(doc, out[-1]) == block - 1:
                    # the next paragraph of the same block quotation ("Here is what he said:" ¶
                    # ▌…¶ ▌…): the speaker the first was introduced with
                    speaker, cue = out[-1].speaker, "continued"
        elif q.nested:
            # a scare quote of one to three words inside a quotation is that speaker's word for
            # it ('"They'll be 'consulting' us again"'); words reported inside a quotation ('the
            # port told me 'no ships tonight''), or longer ones, are somebody else's: unknown
            outer = next((o for o in reversed(out) if not o.nested and o.start <= q.start and q.end <= o.end), None)
            if outer is not None and outer.speaker and len(q.text.split()) <= 3 \
                    and not _SPEECH.search(doc.text, max(outer.start, q.start - 40), q.start):
                speaker, cue = outer.speaker, "nested"
        else:
            r = at.after_cue(q, block)
            asked = r is None and _asked_before(doc, q)   # a Q&A list's question names no speaker
            if r:
                speaker, cue = r[0], "after"
            elif not asked:
                r = at.before_cue(q, block)
                if r:
                    speaker, cue = r[0], "before"
            if r is None and not asked:
                # no speech cue: the named subject of the quotation's own sentence
                # ('Mark Feld put revenue at "…"', 'Leroy reste sceptique : « … »')
                r = at.sentence_subject(q, block)
                if r:
                    speaker, cue = r[0], "subject"
            if r is None and not asked:
                # 'Her deputy, Dr. Aaron Whitfield, was more pointed. "…"': a short sentence
                # about a person, just before a quotation with no cue, introduces its speaker
                r = at.introducing_sentence(q, block)
                if r:
                    speaker, cue = r[0], "introduced"
            if r == _UNKNOWN:
                speaker, cue = None, "unnamed"
            elif speaker is None and prev is not None and block - prev[1] <= 1:
                speaker, cue = prev[0], "float"
            if speaker is None and cue != "unnamed":
                ev = at._recent_speaker(q.start, block, window=1)
                if ev:
                    speaker, cue = ev, "float"
            if speaker is None and cue != "unnamed" and _fills_block(doc, q):
                # a pull quote's <cite> line after it, else the line introducing it (above the
                # list's first line, for a list of quoted lines: "Here's what he said:")
                r = _cite_speaker(at, doc, q)
                if r:
                    speaker, cue = r[0], "footer"
                else:
                    ib = block
                    while ib > 1 and block - ib < 12 and doc.blocks[ib - 1].zone == "body" \
                            and LABELLED_QUOTE.match(doc.text, doc.blocks[ib - 1].start, doc.blocks[ib - 1].end):
                        ib -= 1
                    r = _intro_speaker(at, doc, q, ib)
                    if r:
                        speaker, cue = r[0], "intro"
            if speaker is None and cue != "unnamed":
                r = at.same_sentence_person(q, block)
                if r:
                    speaker, cue = r[0], "nearby"
        if speaker and (q.kind == "embed" or q.kind == "inline" and not q.nested):
            # a post counts as its author speaking: a quotation right after it floats to them
            if q.kind == "embed":   # the post's last block, its signature line included
                block = _last_block(doc, q)
            # kept in text order; insort, not a sort per quotation (quadratic on a long page)
            bisect.insort(at.events, _Event(q.start, block, speaker, _a_person(at, speaker)), key=_event_pos)
            prev = (speaker, block, q.start)
        elif speaker and q.kind == "block":
            bisect.insort(at.events, _Event(q.start, _last_block(doc, q), speaker, _a_person(at, speaker), document=True),
                          key=_event_pos)
        out.append(_with_speaker(q, _without_legal_form(speaker) if speaker else speaker, cue))
    _carry_back(out)
    return _repeated_headings(doc, out)


#: cues that only guess from what came before; a paragraph left open takes its continuation's speaker instead
_WEAK_CUES = (None, "float", "nearby")


def _carry_back(quotes: list[Quotation]) -> None:
    """A paragraph quoted with its mark left open ('“… table.¶“We don't want …,” Hale said.') is
    the speaker's whom its continuation names, unless a cue of its own names someone: taken from
    the last paragraph back, in place."""
    for i in range(len(quotes) - 2, -1, -1):
        q, nxt = quotes[i], quotes[i + 1]
        if q.continues and q.speaker_cue in _WEAK_CUES and nxt.speaker and nxt.start > q.end:
            quotes[i] = _with_speaker(q, nxt.speaker, "continued")


def _a_person(at: "_Attributor", speaker: str) -> bool:
    """Whether a speaker found is a person: not an organisation's name, nor its letters ("the
    FTA said", "NASA": an organisation, unless the sources name a person so)."""
    if _is_org(speaker) or speaker in at.names.org_speakers:
        return False
    return not (speaker.isupper() and 2 <= len(speaker) <= 6 and speaker not in at.names.known)


def _event_pos(e: _Event) -> int:
    return e.pos


# attrs.evolve(q, speaker=…, speaker_cue=…) for every quotation: evolve looks the class's fields
# up and reads them one by one in Python; this reads them in one C call and passes them in order
# (the same __init__, so the same checks)
_QUOTATION_FIELDS = [a.name for a in attrs.fields(Quotation)]
assert all(a.init and not a.kw_only and a.alias == a.name for a in attrs.fields(Quotation))
_quotation_values = operator.attrgetter(*_QUOTATION_FIELDS)
_SPEAKER_AT, _CUE_AT = _QUOTATION_FIELDS.index("speaker"), _QUOTATION_FIELDS.index("speaker_cue")


def _with_speaker(q: Quotation, speaker: str | None, cue: str | None) -> Quotation:
    values = list(_quotation_values(q))
    values[_SPEAKER_AT], values[_CUE_AT] = speaker, cue
    return Quotation(*values)


# the patterns of _folded, compiled once
_WORDS = re.compile(r"\w+")


def _folded(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


#: a subhead: one short line that ends no sentence
_SUBHEAD = re.compile(r"[^\n]{3,120}(?<![.!?…])")


def _near_top(doc: Document, block: int) -> bool:
    """Whether a block may be the headline or the standfirst: among the first three, or (a page
    may print its site's name and menus above the headline) a short line near the top."""
    return block <= 2 or 0 <= block < len(doc.blocks) and doc.blocks[block].start < 800 \
        and doc.blocks[block].end - doc.blocks[block].start <= 200


def _repeated_headings(doc: Document, quotes: list[Quotation]) -> list[Quotation]:
    """A subhead or pull quote that is only a quotation ("'The best night of my career'") and
    has no cue of its own repeats words quoted with their speaker further down: theirs."""
    out = list(quotes)
    for i, q in enumerate(out):
        if q.kind != "inline" or q.nested or q.speaker_cue not in (None, "float") or not _fills_block(doc, q):
            continue
        key = _folded(q.text)
        for later in out[i + 1:]:
            if later.speaker and later.speaker_cue not in (None, "float") and _folded(later.text) == key:
                out[i] = attrs.evolve(q, speaker=later.speaker, speaker_cue="repeated")
                break
    # a headline's or standfirst's quotation with no cue ("… as homelessness 'policy that has
    # failed'") quotes words the story then gives with their speaker: theirs, when one speaker's
    # quotations alone hold them
    for i, q in enumerate(out):
        top = _near_top(doc, q.block)
        # (or a subhead further down, a live page's entry heading: "Councillor 'must consider
        # his position' - opposition", its words given with their speaker in the lines after it)
        sub = not top and 0 <= q.block < len(doc.blocks) and _SUBHEAD.fullmatch(
            doc.text, doc.blocks[q.block].start, doc.blocks[q.block].end) is not None
        # (a speaker floated from the quotation before is only a guess: the words' own speaker wins)
        if not (top or sub) or q.speaker_cue not in (None, "float") or q.kind != "inline" or q.nested:
            continue
        key = _folded(q.text)
        if len(key.split()) < 2:
            continue   # one word ("extraordinary") is anybody's
        reach = len(doc.blocks) if top else q.block + 6
        holders = {later.speaker for later in out[i + 1:] if later.speaker and later.speaker_cue not in (None, "repeated")
                   and q.block < later.block <= reach and f" {key} " in f" {_folded(later.text)} "}
        if len(holders) == 1:
            out[i] = attrs.evolve(q, speaker=holders.pop(), speaker_cue="repeated")
    return out


#: "Harlow Foods Inc": a wire's legal form is not part of the name the sources use

@functools.lru_cache(maxsize=1 << 12)   # the same few speakers, quotation after quotation
def _without_legal_form(speaker: str) -> str:
    return LEGAL_FORM.sub("", speaker)
