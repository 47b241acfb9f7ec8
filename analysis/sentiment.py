"""Sentiment of a free-text answer, with a reason staff can read.

TextBlob's polarity is the base, but on its own it is wrong in ways that matter
here (see the analysis notes, section 2.5): it reads "I don't feel safe walking
home" as positive, "the youth club is sick" as negative, "rubbish" as neutral, and
every non-English text as 0. So, in order:

1. Answers not in English are "not scored" (never an English score by accident),
   and so are answers mostly in another alphabet whatever language they were
   given, empty answers, and answers with only punctuation.
2. The question decides what a null answer means: "Nothing" to "What could we
   improve?" is positive, to "What is good about where you live?" negative, and
   to any other question neutral. "idk" is never a null answer: it is neutral.
3. Rules for young people's safety language, which outweigh TextBlob: negated
   feelings ("I don't feel safe", "no one listens" - negative), words of fear,
   bullying or loneliness (negative unless negated: "I don't feel unsafe"), youth
   slang praise ("the youth club is sick", "peng", "lit" - positive), "not bad"
   (mildly positive) and British put-downs TextBlob does not know ("rubbish").
   When rules disagree inside one clause the negative one wins: on a safeguarding
   platform a missed negative costs more than a missed positive.
4. After "but", "however" or "except" the later clause counts three times as much
   as the earlier one ("staff are nice but they never listen" is negative).

Polarity above 0.1 is positive, below -0.1 negative, otherwise neutral.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from textblob.en import sentiment as pattern_sentiment

from analysis.text_prep import normalise

POSITIVE_ABOVE = 0.1
NEGATIVE_BELOW = -0.1
AFTER_BUT_WEIGHT = 0.75
CACHE_SIZE = 50_000

IMPROVE, GOOD, OTHER = "improvement", "good", "other"
LABELS = ("negative", "neutral", "positive", "not scored")


@dataclass(frozen=True)
class Sentiment:
    label: str  # "negative", "neutral", "positive" or "not scored"
    polarity: float | None  # -1 .. 1, None when not scored
    reason: str  # plain English, for staff


def _label(polarity: float) -> str:
    if polarity > POSITIVE_ABOVE:
        return "positive"
    if polarity < NEGATIVE_BELOW:
        return "negative"
    return "neutral"


# --- the question ---------------------------------------------------------------------------

_IMPROVE_WORDS = frozenset(
    """improve improved improvement improvements improving better change changed changes
    changing worry worries worried worrying wrong problem problems difficult hard harder
    unsafe concern concerns concerned dislike worse missing fix stop stops stopping safer
    scare scares scared afraid frighten frightens bad less lacking need needs""".split()
)
_GOOD_WORDS = frozenset(
    """good like likes liked enjoy enjoys enjoyed best love loves loved happy great
    favourite favorite proud safe well positive helps helped helpful works""".split()
)
_QUESTION_WORD = re.compile(r"[a-z']+")
_WOULD_LIKE = re.compile(r"\b(?:would you|would|you'd|we'd|i'd|you would) like\b")
_DONT_LIKE = re.compile(
    r"\b(?:don't|dont|do not|doesn't|didn't)(?: you| they| people| we| young people)? "
    r"(?:like|enjoy|love)\b"
)
_TWO_QUESTIONS = re.compile(r"\b(?:and|or)\s+(?:what|how|is|are|do|which)\b|\?\s*\S|;")


@lru_cache(maxsize=1024)
def question_kind(question: str) -> str:
    """The kind of question: "improvement" (what could be better, what worries you),
    "good" (what is good, what do you like), or "other" (anything else, or both at once)."""
    text = normalise(question).lower()
    text = _WOULD_LIKE.sub(" ", _DONT_LIKE.sub(" dislike ", text))
    words = set(_QUESTION_WORD.findall(text))
    improve, good = bool(words & _IMPROVE_WORDS), bool(words & _GOOD_WORDS)
    if improve and good:
        # "What stops you feeling safe?" asks about problems; "What do you like, and what
        # would you change?" asks two things, so a null answer says nothing either way.
        return OTHER if _TWO_QUESTIONS.search(text) else IMPROVE
    return IMPROVE if improve else GOOD if good else OTHER


# --- null and don't-know answers ---------------------------------------------------------------

_NOTHING = (
    r"nothing|nothin|nuthin|nuffin|nowt|none|no|nope|nah|na|nil|not really|not much|"
    r"nothing much|nothing else|not applicable|"
    r"(?:i )?can'?t think of (?:anything|any|owt)(?: else)?|"
    r"nothing (?:that )?i can think of|none (?:that )?i can think of|not that i can think of|"
    r"(?:no )?(?:i )?don'?t think so|nothing comes to mind|not at the moment|not right now"
)
_FINE = (
    r"all good|all fine|all is good|it'?s fine|it'?s good|it'?s all good|it'?s great|"
    r"it'?s perfect|perfect|everything(?: i|')?s (?:fine|good|great)|"
    r"(?:it'?s )?(?:fine|good|great|happy|perfect) (?:as|the way) it is|"
    r"i'?m happy(?: with (?:it|everything))?|happy with (?:it|everything)|"
    r"nothing to (?:change|improve)|no changes?(?: needed)?|keep it (?:the same|as it is)|"
    r"wouldn'?t change (?:anything|a thing)|i wouldn'?t change (?:anything|a thing)"
)
_FILLER = r"really|tbh|to be honest|honestly|thanks|thank you|at all|i think|lol|x+|sorry|mate"
_NULL_FOR_IMPROVEMENT = re.compile(
    rf"^(?:(?:{_NOTHING}|{_FINE})(?: (?:{_NOTHING}|{_FINE}|{_FILLER}))*)$"
)
_NULL_FOR_GOOD = re.compile(rf"^(?:{_NOTHING})(?: (?:{_FILLER}))*$")
_DONT_KNOW = re.compile(
    r"^(?:idk|idek|dunno|i dunno|i don'?t know|don'?t know|dont know|not sure|i'?m not sure|"
    rf"no idea|no clue|unsure|no comment|idc|i don'?t mind)(?: (?:{_FILLER}))*$"
)
_YES = re.compile(r"^(?:yes|yeah|yep|yh|ye|yea|yup|definitely|of course|always)(?: .{0,12})?$")
_YES_NO_QUESTION = re.compile(r"^(?:do|does|did|is|are|was|were|have|has|can|could|would)\b")
_PUNCT = re.compile(r"[^\w\s']+")


NULL_ANSWER_WORDS = 12  # a null answer is short; longer texts are not tried (and cannot be slow)


def _bare(text: str) -> str:
    """Lower case, "n/a" kept, other punctuation dropped, spaces collapsed."""
    text = text.replace("n/a", "na")
    return " ".join(_PUNCT.sub(" ", text).split())


# --- rules inside a clause ---------------------------------------------------------------------

_NEG = (
    r"not|never|no longer|don't|dont|do not|doesn't|doesnt|didn't|didnt|can't|cant|cannot|"
    r"won't|wont|wouldn't|isn't|isnt|aren't|arent|wasn't|ain't|am not|i'm not|im not|hardly|"
    r"nobody|no one|noone|no-one"
)
_LINK = (
    r"feel|feels|felt|feeling|am|is|are|was|were|be|being|been|get|gets|getting|got|really|"
    r"very|always|ever|at all|that|too|so|quite|properly|fully|even|actually"
)
_GOOD_STATES = (
    r"safe|safer|happy|welcome|welcomed|listened|heard|supported|respected|included|"
    r"comfortable|confident|cared|valued|understood|believed|helped|wanted|loved|"
    r"taken seriously"
)
_BAD_STATES = (
    r"unsafe|scared|afraid|frightened|lonely|bullied|worried|anxious|alone|ignored|"
    r"judged|threatened|upset|sad"
)
_NEGATED_BAD = re.compile(rf"\b(?:{_NEG}|no|without)\s+(?:(?:{_LINK})\s+){{0,3}}({_BAD_STATES})\b")
_NO_BAD_THING = re.compile(
    r"\b(?:no|never any|hardly any|not much|not any)\s+(?:more\s+)?"
    r"(bullying|crime|trouble|problems|issues|gangs|fights|fighting)\b"
)
_NEGATED_GOOD = re.compile(rf"\b({_NEG})\s+(?:(?:{_LINK})\s+){{0,3}}({_GOOD_STATES})\b")
_NEVER_SO = re.compile(r"\bnever (?:felt|been|had it) (?:so|this|as|more)\b")
_SUPPORT_VERBS = (
    r"listen|listens|listened|care|cares|cared|help|helps|helped|believe|believes|believed|"
    r"understand|understands|ask|asks|asked|bother|bothers|bothered|"
    r"do anything|does anything|did anything|take us seriously|takes us seriously|"
    r"take it seriously|takes it seriously|notice|notices|noticed"
)
_NEGATED_SUPPORT = re.compile(
    rf"\b({_NEG}|none of them|no adults?|no teachers?|no staff)\s+"
    rf"(?:(?:really|even|ever|actually|always|properly|seem to|bother to|want to|try to)\s+)?"
    rf"({_SUPPORT_VERBS})\b"
)
_DISTRESS = re.compile(
    r"(?<!anti-)(?<!anti )\b(unsafe|scared|scary|afraid|frightened|frightening|terrified|"
    r"bullied|bullying|bullies|bully|lonely|isolated|ignored|harassed|harassment|"
    r"stabbings?|stabbed|knife crime|knives|threatened|attacked|mugged|robbed|catcalled|"
    r"groomed|abused|depressed|anxious|anxiety|stressed|worried|dangerous|creepy|"
    r"sketchy|dodgy)\b"
)
_FED_UP = re.compile(r"\b(sick of|sick and tired|fed up|had enough|sick to death)\b")
_PUT_DOWN = re.compile(
    # "rubbish bins" are not a complaint; "rubbish everywhere" is.
    r"\b(rubbish(?! (?:bags?|bins?|collections?|tip|dump|truck|lorry))|crap|crappy|shit|shite|"
    r"naff|dire|grim|minging|manky|grotty|pointless|"
    r"useless|waste of time|overpriced|too expensive|dead boring|boring|filthy|disgusting|"
    r"horrible|awful|terrible|trash|poorly lit|badly lit|not lit|isn't lit)\b"
)
_SLANG = r"sick|peng|lit|banging|bangin'?|fire|class|mint|lush|ace|wicked|bussin'?|goated|unreal"
_SLANG_PRAISE = re.compile(
    r"\b(?:is|are|was|were|be|it's|its|it is|that's|thats|looks|look|looked|sounds|sounded|"
    r"so|proper|well|dead|bare|deffo|actually|really|pretty|lowkey|highkey|kinda|honestly|"
    r"literally|absolutely)\s+"
    r"(?:(?:so|well|proper|really|actually|dead|bare|lowkey|highkey|kinda|pretty|absolutely|"
    rf"literally|deffo)\s+)*({_SLANG})\b(?!\s+(?:of|and tired|with|to death))"
)
_SLANG_ALONE = re.compile(
    r"^(?:(?:it's|its|that's|thats|so|proper|well|bare|dead)\s+)?"
    r"(peng|lit|banging|bangin'?|lush|mint|ace|wicked|bussin'?|goated|unreal)"
    r"(?:\s+(?:tbh|lol|mate|bro|fr|innit))*$"
)
# "sick" about a person is illness, not praise ("my mum is sick", "I feel sick").
_NOT_PRAISE_BEFORE = frozenset(
    """i i'm im he she they we you mum mam dad nan nana grandad grandma brother sister baby
    friend mate feel feels felt feeling get got getting make makes made being been
    [name]""".split()
)
_NOT_BAD = re.compile(
    r"\b(not (?:too |that |so |half |all |as )?bad|can't complain|cant complain|"
    r"can't fault|cant fault|could be worse|no complaints|"
    r"wouldn't change (?:anything|a thing)|nothing to complain about|"
    r"(?:can't|cant|couldn't|couldnt|could not) (?:have )?ask(?:ed)? for "
    r"(?:more|better|anything more))\b"
)
_RATING = re.compile(r"(?<![\d/])(\d{1,2}(?:\.\d)?)\s*/\s*(10|5)(?![\d/])")
_EMOJI: dict[str, float] = {
    **dict.fromkeys("😀😃😄😁😆😊🙂😍🥰😎👍👏❤💖💯🙌🎉✨🔥😂🥳💪⭐", 0.5),
    **dict.fromkeys("😞😔😟😢😭😡😠🤬👎💔😩😫😰😨😱😣😖☹🙁😒😤🤮😕", -0.5),
}
_BUT = re.compile(r"\b(?:but|however|except)\b")
# Every rule needs one of these; most clauses have none, and skip the rules.
_ANY_RULE = re.compile(
    rf"n't|\b(?:{_NEG}|no|without|none|never|fed|had enough|{_SLANG})\b|/|"
    r"unsafe|scar|afraid|fright|terrif|bull|lonel|isolat|ignor|harass|stab|knife|knives|"
    r"threat|attack|mugged|robbed|catcall|groom|abused|depress|anxi|stress|worr|danger|"
    r"creep|sketch|dodg|sick|rubbish|crap|shit|naff|dire|grim|ming|mank|grot|pointless|"
    r"useless|waste|overpriced|expensive|boring|filth|disgust|horrib|awful|terribl|trash|"
    r"poorly lit|badly lit|complain|could be worse|change"
)


_NEGATORS = frozenset(
    """not no never nobody noone isn't isnt aren't arent wasn't wasnt ain't don't dont doesn't
    doesnt didn't didnt without hardly""".split()
)


def _negated_before(clause: str, start: int) -> bool:
    """Whether one of the three words before ``start`` negates what follows."""
    return any(w in _NEGATORS for w in clause[max(0, start - 30) : start].split()[-3:])


def _rules(clause: str) -> tuple[float, str] | None:
    """The strongest rule that applies to one clause: negative rules first."""
    if not _ANY_RULE.search(clause):
        return None
    hits: list[tuple[float, str]] = []
    negated_bad_spans: list[tuple[int, int]] = []
    for match in _NEGATED_BAD.finditer(clause):
        hits.append((0.2, f"negated: {match.group(0)}"))
        negated_bad_spans.append(match.span(1))
    for match in _NO_BAD_THING.finditer(clause):
        hits.append((0.2, f"negated: {match.group(0)}"))
        negated_bad_spans.append(match.span(1))
    if not _NEVER_SO.search(clause):
        for match in _NEGATED_GOOD.finditer(clause):
            hits.append((-0.6, f"negated: {match.group(0)}"))
    for match in _NEGATED_SUPPORT.finditer(clause):
        if clause[: match.start()].split()[-1:] in (["i"], ["we"]):
            continue  # "I don't believe anything else could be done" is not about others
        hits.append((-0.6, f"not listened to: {match.group(0)}"))
    for match in _DISTRESS.finditer(clause):
        if any(a <= match.start(1) < b for a, b in negated_bad_spans):
            continue
        if _negated_before(clause, match.start(1)):
            hits.append((0.2, f"negated: {match.group(1)}"))
        else:
            hits.append((-0.5, f"safety or distress word: {match.group(1)}"))
    for match in _FED_UP.finditer(clause):
        hits.append((-0.5, f"fed up: {match.group(1)}"))
    for match in _PUT_DOWN.finditer(clause):
        if _negated_before(clause, match.start(1)):
            hits.append((0.3, f"negated: not {match.group(1)}"))
        else:
            hits.append((-0.5, f"negative word: {match.group(1)}"))
    for match in _NOT_BAD.finditer(clause):
        hits.append((0.3, f"mildly positive: {match.group(1)}"))
    for match in _SLANG_PRAISE.finditer(clause):
        before = clause[: match.start()].split()[-2:]
        if any(w in _NOT_PRAISE_BEFORE for w in before) and match.group(1) == "sick":
            continue
        if _negated_before(clause, match.start(1)):
            hits.append((-0.3, f"negated youth slang praise: {match.group(1)}"))
        else:
            hits.append((0.6, f"youth slang praise: {match.group(1)}"))
    alone = _SLANG_ALONE.match(clause.strip(" .!?"))
    if alone:
        hits.append((0.6, f"youth slang praise: {alone.group(1)}"))
    for match in _RATING.finditer(clause):
        value, scale = float(match.group(1)), float(match.group(2))
        if value <= scale:
            hits.append((round((value / scale - 0.5) * 2, 2), f"rating {match.group(0)}"))
    if not hits:
        return None
    negatives = [hit for hit in hits if hit[0] < 0]
    return min(negatives) if negatives else max(hits)


@lru_cache(maxsize=CACHE_SIZE)
def _textblob(text: str) -> float:
    """TextBlob's polarity, cached: young people's answers repeat a lot.

    ``textblob.en.sentiment`` is the function ``TextBlob(text).sentiment`` calls (its
    default PatternAnalyzer); calling it directly skips building a new namedtuple class
    on every call, which costs more than the scoring itself.
    """
    polarity, _subjectivity = pattern_sentiment(text)
    return float(polarity)


def _emoji(text: str) -> float | None:
    values = [_EMOJI[ch] for ch in text if ch in _EMOJI]
    return sum(values) / len(values) if values else None


def _clause(clause: str) -> tuple[float, str, bool]:
    """Polarity, reason, and whether anything in the clause carried sentiment."""
    ruled = _rules(clause)
    if ruled is not None:
        return ruled[0], ruled[1], True
    polarity = _textblob(clause)
    if polarity == 0.0:
        emoji = _emoji(clause)
        if emoji is not None:
            return emoji, "emoji", True
    return polarity, f"TextBlob polarity {polarity:.2f}", polarity != 0.0


@lru_cache(maxsize=CACHE_SIZE)
def _english(text: str, kind: str, yes_no: bool) -> Sentiment:
    bare = _bare(text)
    if len(bare.split()) > NULL_ANSWER_WORDS:
        bare = ""  # too long to be a null or don't-know answer
    if _DONT_KNOW.match(bare):
        return Sentiment("neutral", 0.0, "does not know")
    if kind == IMPROVE and _NULL_FOR_IMPROVEMENT.match(bare):
        return Sentiment("positive", 0.5, "answer to an improvement question: nothing to improve")
    if _NULL_FOR_GOOD.match(bare):
        if kind == GOOD:
            return Sentiment(
                "negative", -0.5, "answer to a question about what is good: nothing or no"
            )
        return Sentiment("neutral", 0.0, "nothing to say")
    if kind == GOOD and yes_no and _YES.match(bare):
        return Sentiment("positive", 0.5, "yes to a question about what is good")

    polarity, reason = _sentence(text)
    return Sentiment(_label(polarity), round(polarity, 3), reason)


def _sentence(text: str) -> tuple[float, str]:
    """Polarity and reason; after "but" the later clause counts most."""
    parts = _BUT.split(text)
    if len(parts) > 1:
        before = " ".join(parts[:-1])
        after_polarity, after_reason, after_counts = _clause(parts[-1])
        if after_counts:
            before_polarity, _, _ = _clause(before)
            polarity = (1 - AFTER_BUT_WEIGHT) * before_polarity + AFTER_BUT_WEIGHT * after_polarity
            return polarity, f"after 'but' counts most: {after_reason}"
        text = before
    polarity, reason, _ = _clause(text)
    return polarity, reason


_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")


def _mostly_other_script(text: str) -> bool:
    """More letters from other alphabets (Arabic, Gurmukhi ...) than from the Latin one."""
    if text.isascii():
        return False
    return len(_OTHER_LETTER.findall(text)) > len(_LATIN_LETTER.findall(text))


def _has_content(text: str) -> bool:
    return any(ch.isalnum() or unicodedata.category(ch) == "So" for ch in text)


@lru_cache(maxsize=1024)
def _question(question: str) -> tuple[str, bool]:
    """The question's kind, and whether it is a yes/no question ("Do you feel safe?")."""
    return question_kind(question), bool(_YES_NO_QUESTION.match(normalise(question).lower()))


def score(text: str, question: str = "", language: str = "en") -> Sentiment:
    """The sentiment of an answer ``text`` to ``question``, written in ``language``."""
    cleaned = normalise(text)
    if not _has_content(cleaned):
        return Sentiment("not scored", None, "empty answer: not scored")
    if language != "en":
        return Sentiment("not scored", None, f"not English ({language}): not scored")
    if _mostly_other_script(cleaned):
        return Sentiment("not scored", None, "not in the Latin alphabet: not scored")
    kind, yes_no = _question(question)
    return _english(cleaned.lower(), kind, yes_no)
