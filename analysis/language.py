"""Which language a short answer is written in, among the languages a consultation offers.

The locale the respondent answered in is the prior: the answer is taken to be in
that language unless the text says otherwise clearly. Evidence, strongest first:

1. the script. Arabic script is Urdu when it has letters Arabic does not use
   (ے ں ٹ ڈ ڑ ھ ۓ ک گ پ چ ژ, and the Urdu forms of heh and yeh, ہ ی), otherwise
   Arabic; Gurmukhi is Punjabi; Bengali
   script is Bengali; Gujarati script is Gujarati;
2. for Latin script, letters only some languages use (ł ż ś ą ę: Polish;
   ă ș ț: Romanian; ŵ ŷ: Welsh; ğ ı: Turkish; ã õ ç: Portuguese; ñ ¿ ¡: Spanish);
3. common function words per language (the, and, is; y, yn, mae; nie, się, jest ...).
   A word shared by several languages counts for each of them in part.

Answers of one or two words ("ok", "no", "idk") keep the locale unless their script
differs from it. Statistical language identifiers are unreliable on such short
texts (see the analysis notes, section 5), which is why this is a small,
explainable rule set rather than a model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from analysis.text_prep import normalise

LATIN_LANGUAGES = ("en", "cy", "pl", "ro", "pt", "es", "tr", "so")
# Languages written in their own script: the script alone decides.
SCRIPT_LANGUAGES = {
    "ar": "arabic",
    "ur": "arabic",
    "pa": "gurmukhi",
    "bn": "bengali",
    "gu": "gujarati",
}

# Letters Urdu uses and Arabic does not.
URDU_LETTERS = frozenset("ےںٹڈڑھۓکگپچژۂۃہی")

# How far the best language must lead the answered-in language to replace it (a function
# word scores 1, a telling letter 1.5).
SWITCH_MARGIN = 1.5
NON_LATIN_PRIOR = 1.0
SHORT_ANSWER = 2  # tokens

_FUNCTION_WORDS: dict[str, str] = {
    "en": """
        the a an and or but is are was were be been being it it's its this that these those
        there there's they them their we our us you your i i'm im i've ive me my he she his her
        to of in on at for with about from by not no don't dont doesn't didn't can't cant
        cannot won't wouldn't isn't aren't wasn't do does did can could would should will
        have has had more less very too so just really like all some any what when where who
        how why if than then because cos cuz get got need want feel feels felt people good
        bad nothing nice safe school lot lots things stuff rubbish buses bus park police help
        better staff teachers friends home always never sometimes much many make place
        places area youth club kids young night around town shops streets street go going
        should be enough around after before only also still even
    """,
    "cy": """
        y yr 'r a ac yn i o ar mae dw dwi rwy rydw rwyf ydw ydy oes does dim ddim fy ei eu
        ein eich gyda efo am ond hefyd iawn bod wedi ni chi nhw fe fo hi mewn mwy lle pan
        achos oherwydd gan at wrth heb neu sy sydd roedd bydd gallu eisiau isio da gwell
        ysgol teimlo diogel saff pobl plant mynd gwneud yno yma hwn hon hyn pethau llawer
        gormod digon angen tref bws bysus bysiau i'n fi'n ti'n ni'n chi'n nhw'n wi'n mae'r
        a'r i'r o'r yw'r dwi'n rwy'n dw'i hoffi gartref adref adra clwb ieuenctid nos
        athrawon gwrando parc stryd golau goleuadau fws fysiau fysus ngartref nghartref
    """,
    "pl": """
        i w z na nie się sie to jest że ze do jak ale co tak mnie mi jestem są sa po o od za
        dla czy bardzo ja ty on ona my wy oni mam ma być był była już juz tylko też tez tu tam
        bo gdy kiedy jeśli jesli szkoła szkole szkoły szkoly dom domu ludzie dobrze dobry
        dobra lubię lubie chcę chce czuję czuje więcej wiecej mniej autobusy zajęcia nic
        nikt nigdy bezpiecznie moim moja mój moje mojej jego jej ich tego ten ta te może moze
        można mozna trzeba wieczorem parku policji miejsce żeby zeby
    """,
    "ro": """
        și si în in la de pe cu nu este e sunt mă ma mi îmi imi să sa că ca ce din pentru mai
        foarte am are au fi acasă acasa școală scoala școala oameni bine place vreau nimic
        nimeni niciodată niciodata un o una unei unui lui ei lor eu tu el ea noi voi aici
        acolo dar sau dacă daca când cand cum prea multe mult puțin putin simt siguranță
        siguranta autobuze parcul seara străzi strazi tineri
    """,
    "pt": """
        o a os as um uma de do da dos das em no na nos nas e é que não nao com para pra por
        mais muito muita eu me mim meu minha ele ela nós eles elas você voce se mas como
        quando onde está estou são sao tem tenho ser ter gosto bom boa escola casa pessoas
        nada ninguém ninguem nunca sinto seguro segura também tambem isso isto aqui ali
        porque ou só sempre ônibus onibus autocarros noite rua ruas
    """,
    "es": """
        el la los las un una de del en y que no es está esta estoy son con para por más mas
        muy yo me mi mí tú tu él ella nosotros ellos se pero como cuando donde porque también
        tambien hay tengo tiene ser estar gusta bueno buena escuela colegio instituto casa
        gente nada nadie nunca siento seguro segura siempre eso esto aquí aqui o ni al lo le
        les su sus autobuses noche calle calles parque luces
    """,
    "tr": """
        ve bir bu şu o da de ben sen biz siz onlar çok cok daha ama için icin ile gibi var
        yok değil degil mi mı mu mü ne nasıl nasil evet hayır hayir okul okulda ev evde
        insanlar güzel guzel iyi kötü kotu hiç hic hiçbir hep her şey sey kendimi
        hissediyorum güvende otobüs otobüsler seviyorum istiyorum olmalı olmali olsun fazla az
        gece sokak
    """,
    "so": """
        waa iyo ma ka ku u la in inaan waxaan wax aan ay oo ah si badan guriga dugsiga
        iskuulka dadka wanaagsan fiican xun jiro jira ahay yahay waxay haddii sababtoo maxaa
        mar walba weligay ii ayaa ayuu ayey aad kale ee hal baska waxba qof qofna caruurta
        carruurta nabad ammaan badbaado habeenkii dhallinyarada
    """,
}

# Letters that point to a language, and how strongly. A letter several languages use
# is shared between them.
_LETTERS: dict[str, str] = {
    "pl": "łżśąęźćń",
    "ro": "ășțşţâî",
    "cy": "ŵŷêôâîû",
    "tr": "ğışöüçİ",
    "pt": "ãõçêôáéíóúà",
    "es": "ñ¿¡áéíóúü",
}
LETTER_WEIGHT = 1.5
LETTER_CAP = 4.0

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|'[^\W\d_]+")


def _shared_weights(table: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    owners: dict[str, set[str]] = {}
    for language, items in table.items():
        for item in items:
            owners.setdefault(item, set()).add(language)
    return {item: {lang: 1.0 / len(langs) for lang in langs} for item, langs in owners.items()}


_WORD_WEIGHTS = _shared_weights({lang: words.split() for lang, words in _FUNCTION_WORDS.items()})
_LETTER_WEIGHTS = _shared_weights({lang: list(letters) for lang, letters in _LETTERS.items()})


_LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_SCRIPTS = {
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"),
    "gurmukhi": re.compile(r"[\u0a00-\u0a7f]"),
    "bengali": re.compile(r"[\u0980-\u09ff]"),
    "gujarati": re.compile(r"[\u0a80-\u0aff]"),
}
_URDU = re.compile("[" + "".join(sorted(URDU_LETTERS)) + "]")
_CUES = re.compile(
    "[" + "".join(re.escape(ch) for ch in sorted(set("".join(_LETTERS.values())))) + "]"
)


def _script(text: str) -> str:
    """ "latin", "arabic", "gurmukhi", "bengali" or "gujarati" (whichever has most letters),
    or "" when there are no letters in any of them."""
    if text.isascii():
        return "latin" if _LATIN.search(text) else ""
    counts = {name: len(pattern.findall(text)) for name, pattern in _SCRIPTS.items()}
    counts["latin"] = len(_LATIN.findall(text))
    best = max(counts, key=lambda name: (counts[name], name == "latin"))
    return best if counts[best] else ""


def _latin_scores(text: str, tokens: list[str]) -> dict[str, float]:
    scores = dict.fromkeys(LATIN_LANGUAGES, 0.0)
    for token in tokens:
        weights = _WORD_WEIGHTS.get(token)
        if weights is None and "'" in token:
            # Welsh and English clitics: "dw i'n" -> i, n; "mae'r" -> mae.
            for part in token.split("'"):
                for lang, weight in _WORD_WEIGHTS.get(part, {}).items():
                    scores[lang] += weight / 2
            continue
        if weights:
            for lang, weight in weights.items():
                scores[lang] += weight
    letter_scores = dict.fromkeys(LATIN_LANGUAGES, 0.0)
    for ch in _CUES.findall(text) if not text.isascii() else ():
        for lang, weight in _LETTER_WEIGHTS[ch].items():
            letter_scores[lang] += weight * LETTER_WEIGHT
    for lang, value in letter_scores.items():
        scores[lang] += min(value, LETTER_CAP)
    return scores


def identify(text: str, answered_in: str, offered: Sequence[str]) -> str:
    """The language of ``text``: a code from ``offered``, or ``answered_in`` when unsure."""
    return _identify(normalise(text), answered_in, tuple(offered))


@lru_cache(maxsize=16384)
def _identify(text: str, answered_in: str, offered: tuple[str, ...]) -> str:
    script = _script(text)
    lowered = text.lower()
    tokens = _WORD.findall(lowered)
    short = len(tokens) <= SHORT_ANSWER

    if script and script != "latin":
        if script == "arabic":
            if _URDU.search(text):
                candidates: tuple[str, ...] = ("ur", "ar")
            elif short and answered_in in ("ar", "ur"):
                candidates = (answered_in,)  # too short to tell Arabic from Urdu
            else:
                candidates = ("ar", "ur")
        else:
            candidates = tuple(code for code, s in SCRIPT_LANGUAGES.items() if s == script)
        # The script outweighs the answered-in language, but only among offered languages.
        return next((code for code in candidates if code in offered), answered_in)
    if not script:
        return answered_in  # digits, emoji, punctuation: nothing to go on

    prior_is_latin = answered_in not in SCRIPT_LANGUAGES
    if short:
        if prior_is_latin or "en" not in offered or not tokens:
            return answered_in
        # A one- or two-word Latin-script answer in, say, an Urdu session: English only if
        # every word is a common English word ("ok", "no", "good"); otherwise it may be
        # romanised Urdu or Punjabi ("theek hai"), so the locale stays.
        english = all(t in _SHORT_ENGLISH or "en" in _WORD_WEIGHTS.get(t, {}) for t in tokens)
        return "en" if english else answered_in

    scores = _latin_scores(lowered, tokens)
    candidates = tuple(code for code in LATIN_LANGUAGES if code in offered)
    if not candidates:
        return answered_in
    best = max(candidates, key=lambda code: scores[code])
    if best == answered_in:
        return answered_in
    # Romanised Urdu, Punjabi or Arabic is common, so a locale in another script needs a
    # little more evidence to be overruled than a Latin-script one.
    baseline = scores.get(answered_in, 0.0) if prior_is_latin else NON_LATIN_PRIOR
    return best if scores[best] >= baseline + SWITCH_MARGIN else answered_in


_SHORT_ENGLISH = frozenset(
    """ok okay yes yeah yep yh ye nope nah idk dunno fine none thanks thank you lol good great
    bad fun boring nothing everything sure maybe n/a na""".split()
)
