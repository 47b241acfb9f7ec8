"""Phrases that suggest a young person may be at risk, by language.

Written to err on the side of showing help: a false alarm shows a support
message and a staff review flag; a miss leaves a child without signposting.
Each language lists phrases per category, and the words that negate a phrase
when they come just before it (``before``) or just after it (``after``, for
languages such as Bengali where "not" follows the verb).
"""

from __future__ import annotations

from typing import Final

SELF_HARM: Final = "self_harm"
ABUSE: Final = "abuse"
EXPLOITATION: Final = "exploitation"
UNSAFE: Final = "feeling_unsafe"
NEGLECT: Final = "neglect"

PHRASES: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "en": {
        SELF_HARM: (
            "kill myself", "killing myself", "want to die", "wanna die", "wish i was dead",
            "wish i were dead", "end my life", "ending my life", "suicide", "suicidal",
            "self harm", "self-harm", "selfharm", "self harming", "hurt myself", "hurting myself",
            "cut myself", "cutting myself", "don't want to live", "dont want to live",
            "don't want to be alive", "dont want to be alive", "better off dead",
        ),
        ABUSE: (
            "hits me", "hit me", "hitting me", "beats me", "beat me up", "kicks me",
            "hurts me", "hurt me", "punches me", "slaps me", "chokes me", "strangled me",
            "touches me", "touched me", "touching me", "abuse", "abused", "abusing me",
            "abusive", "rape", "raped", "molested", "sexually", "locks me in", "threatens me",
            "threatened me", "burns me", "scared of my dad", "scared of my mum",
            "scared of my stepdad", "afraid of my dad", "afraid of my mum",
        ),
        EXPLOITATION: (
            "groomed", "grooming me", "county lines", "carry drugs", "sell drugs",
            "selling drugs", "made me send", "send nudes", "sent nudes", "asked for nudes",
            "asking for nudes", "nude pictures", "older boyfriend", "pays me to", "forced me",
            "made me do things", "owe them money", "in a gang", "blackmail", "blackmailing me",
        ),
        UNSAFE: (
            "don't feel safe", "dont feel safe", "do not feel safe", "not safe",
            "never feel safe", "unsafe", "scared to go home", "afraid to go home",
            "scared at home", "frightened at home", "can't go home", "cant go home",
            "ran away from home", "run away from home", "no one to talk to",
            "nobody to talk to", "being followed",
        ),
        NEGLECT: (
            "no food at home", "nothing to eat", "always hungry", "hungry all the time",
            "left on my own for days", "nobody looks after me", "no one looks after me",
            "kicked me out",
        ),
    },
    "cy": {
        SELF_HARM: ("lladd fy hun", "eisiau marw", "isio marw", "hunan-niweidio", "hunan niweidio",
                    "brifo fy hun", "torri fy hun", "hunanladdiad"),
        ABUSE: ("yn fy nharo", "taro fi", "cam-drin", "cam drin", "yn fy mrifo", "cyffwrdd â fi"),
        EXPLOITATION: ("gwerthu cyffuriau", "cario cyffuriau", "lluniau noeth", "fy ngorfodi"),
        UNSAFE: ("ddim yn teimlo'n ddiogel", "ddim yn ddiogel", "ofn mynd adref", "ofn mynd adra",
                 "anniogel"),
        NEGLECT: ("dim bwyd gartref", "llwglyd drwy'r amser"),
    },
    "pl": {
        SELF_HARM: ("zabić się", "zabije się", "chcę umrzeć", "chce umrzeć", "chce umrzec",
                    "samobójstwo", "samookaleczenie", "tnę się", "okaleczam się"),
        ABUSE: ("bije mnie", "biją mnie", "krzywdzi mnie", "molestuje", "molestował", "przemoc",
                "dotyka mnie", "gwałt"),
        EXPLOITATION: ("sprzedawać narkotyki", "nagie zdjęcia", "zmusza mnie", "zmusił mnie"),
        UNSAFE: ("nie czuję się bezpiecznie", "nie czuje sie bezpiecznie", "boję się wracać do domu",
                 "nie jestem bezpieczny", "nie jestem bezpieczna"),
        NEGLECT: ("nie ma jedzenia", "ciągle głodny", "ciągle głodna"),
    },
    "ro": {
        SELF_HARM: ("vreau să mor", "vreau sa mor", "să mă sinucid", "sinucidere", "mă tai",
                    "să mă omor"),
        ABUSE: ("mă bate", "ma bate", "mă lovește", "abuz", "abuzat", "abuzată", "mă atinge"),
        EXPLOITATION: ("să vând droguri", "poze nud", "mă obligă", "mă forțează"),
        UNSAFE: ("nu mă simt în siguranță", "nu ma simt in siguranta", "mi-e frică să merg acasă"),
        NEGLECT: ("nu am mâncare", "mereu flămând", "mereu flămândă"),
    },
    "pt": {
        SELF_HARM: ("quero morrer", "me matar", "matar-me", "suicídio", "me cortar", "me corto",
                    "automutilação"),
        ABUSE: ("me bate", "bate em mim", "me agride", "abuso", "abusado", "abusada", "me toca"),
        EXPLOITATION: ("vender drogas", "fotos nuas", "me obriga", "me obrigou"),
        UNSAFE: ("não me sinto seguro", "não me sinto segura", "nao me sinto seguro",
                 "nao me sinto segura", "medo de ir para casa"),
        NEGLECT: ("não há comida", "sempre com fome"),
    },
    "es": {
        SELF_HARM: ("quiero morir", "quiero morirme", "matarme", "suicidio", "hacerme daño",
                    "me corto", "autolesión"),
        ABUSE: ("me pega", "me golpea", "me pegan", "abuso", "abusado", "abusada", "me toca",
                "me hace daño", "violación"),
        EXPLOITATION: ("vender drogas", "fotos desnuda", "fotos desnudo", "me obliga", "me obligó"),
        UNSAFE: ("no me siento seguro", "no me siento segura", "miedo de ir a casa",
                 "miedo a volver a casa"),
        NEGLECT: ("no hay comida", "siempre tengo hambre"),
    },
    "tr": {
        SELF_HARM: ("ölmek istiyorum", "kendimi öldürmek", "intihar", "kendime zarar",
                    "kendimi kesiyorum"),
        ABUSE: ("beni dövüyor", "beni dövüyorlar", "bana vuruyor", "istismar", "taciz",
                "bana dokunuyor"),
        EXPLOITATION: ("uyuşturucu satmak", "çıplak fotoğraf", "beni zorluyor", "beni zorladı"),
        UNSAFE: ("kendimi güvende hissetmiyorum", "güvende değilim", "eve gitmekten korkuyorum"),
        NEGLECT: ("evde yemek yok", "hep açım"),
    },
    "so": {
        SELF_HARM: ("waxaan rabaa inaan dhinto", "is dilo", "isdilid", "naftayda dilo",
                    "is waxyeeleeyo"),
        ABUSE: ("i garaaca", "i garaacaa", "i dila", "xadgudub", "i taabta"),
        EXPLOITATION: ("daroogo iibin", "sawirro qaawan", "i qasbay", "i qasba"),
        UNSAFE: ("ma dareemo badbaado", "ammaan ma ahi", "waan ka baqaa inaan guriga aado"),
        NEGLECT: ("cunto ma jirto", "mar walba waan gaajaysanahay"),
    },
    "ar": {
        SELF_HARM: ("أريد أن أموت", "اريد ان اموت", "أقتل نفسي", "اقتل نفسي", "انتحار", "الانتحار",
                    "أؤذي نفسي", "اؤذي نفسي", "أجرح نفسي"),
        ABUSE: ("يضربني", "يضربونني", "تضربني", "يؤذيني", "تحرش", "اعتداء", "يلمسني", "إساءة"),
        EXPLOITATION: ("بيع المخدرات", "صور عارية", "يجبرني", "أجبرني"),
        UNSAFE: ("لا أشعر بالأمان", "لا اشعر بالامان", "خائف من العودة إلى البيت",
                 "خائفة من العودة إلى البيت", "غير آمن", "غير آمنة"),
        NEGLECT: ("لا يوجد طعام", "جائع دائما", "جائعة دائما"),
    },
    "ur": {
        SELF_HARM: ("مرنا چاہتا", "مرنا چاہتی", "خودکشی", "خود کشی", "اپنے آپ کو مار",
                    "خود کو نقصان", "خود کو زخمی"),
        ABUSE: ("مجھے مارتا", "مجھے مارتی", "مجھے مارتے", "زیادتی", "مجھے چھوتا", "تشدد"),
        EXPLOITATION: ("منشیات بیچ", "ننگی تصاویر", "مجبور کرتا", "مجبور کیا"),
        UNSAFE: ("محفوظ محسوس نہیں", "گھر جانے سے ڈر", "غیر محفوظ"),
        NEGLECT: ("گھر میں کھانا نہیں", "ہمیشہ بھوکا", "ہمیشہ بھوکی"),
    },
    "pa": {
        SELF_HARM: ("ਮਰਨਾ ਚਾਹੁੰਦਾ", "ਮਰਨਾ ਚਾਹੁੰਦੀ", "ਖੁਦਕੁਸ਼ੀ", "ਆਪਣੇ ਆਪ ਨੂੰ ਨੁਕਸਾਨ"),
        ABUSE: ("ਮੈਨੂੰ ਮਾਰਦਾ", "ਮੈਨੂੰ ਮਾਰਦੀ", "ਮੈਨੂੰ ਕੁੱਟਦਾ", "ਸ਼ੋਸ਼ਣ"),
        EXPLOITATION: ("ਨਸ਼ੇ ਵੇਚ", "ਨੰਗੀਆਂ ਤਸਵੀਰਾਂ", "ਮਜਬੂਰ ਕਰਦਾ"),
        UNSAFE: ("ਸੁਰੱਖਿਅਤ ਮਹਿਸੂਸ ਨਹੀਂ", "ਘਰ ਜਾਣ ਤੋਂ ਡਰ"),
        NEGLECT: ("ਘਰ ਵਿੱਚ ਖਾਣਾ ਨਹੀਂ",),
    },
    "bn": {
        SELF_HARM: ("মরতে চাই", "আত্মহত্যা", "নিজেকে মেরে ফেল", "নিজের ক্ষতি"),
        ABUSE: ("আমাকে মারে", "আমাকে মারধর", "নির্যাতন", "আমাকে ছোঁয়"),
        EXPLOITATION: ("মাদক বিক্রি", "নগ্ন ছবি", "জোর করে"),
        UNSAFE: ("নিরাপদ বোধ করি না", "নিরাপদ না", "বাড়ি যেতে ভয়"),
        NEGLECT: ("বাড়িতে খাবার নেই", "সবসময় ক্ষুধার্ত"),
    },
    "gu": {
        SELF_HARM: ("મરવા માંગુ", "આત્મહત્યા", "મારી જાતને નુકસાન"),
        ABUSE: ("મને મારે છે", "મને મારે", "શોષણ", "દુર્વ્યવહાર"),
        EXPLOITATION: ("ડ્રગ્સ વેચ", "નગ્ન ફોટા", "મજબૂર કરે"),
        UNSAFE: ("સુરક્ષિત નથી લાગતું", "ઘરે જવાનો ડર"),
        NEGLECT: ("ઘરે ખાવાનું નથી",),
    },
}

NEGATORS_BEFORE: Final[dict[str, frozenset[str]]] = {
    "en": frozenset({
        "not", "never", "no", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "isn't",
        "isnt", "wasn't", "wasnt", "won't", "wont", "wouldn't", "wouldnt", "nobody", "noone",
        "nothing", "neither", "nor", "haven't", "havent", "hasn't", "hasnt", "aren't", "arent",
        "cannot", "can't", "cant", "without",
    }),
    "cy": frozenset({"ddim", "dim", "byth", "neb", "na", "nid"}),
    "pl": frozenset({"nie", "nigdy", "nikt", "nic"}),
    "ro": frozenset({"nu", "niciodată", "nimeni"}),
    "pt": frozenset({"não", "nao", "nunca", "ninguém", "ninguem"}),
    "es": frozenset({"no", "nunca", "nadie", "jamás"}),
    "so": frozenset({"ma", "maya", "weligay"}),
    "ar": frozenset({"لا", "لم", "لن", "ليس", "ما", "أبدا", "ابدا"}),
    "ur": frozenset({"نہیں", "نہ", "کبھی"}),
    "pa": frozenset({"ਨਹੀਂ", "ਨਾ"}),
    "tr": frozenset(),
    "bn": frozenset(),
    "gu": frozenset(),
}

NEGATORS_AFTER: Final[dict[str, frozenset[str]]] = {
    "tr": frozenset({"değil", "değilim"}),
    "bn": frozenset({"না", "নয়"}),
    "gu": frozenset({"નથી", "ના"}),
    "pa": frozenset({"ਨਹੀਂ"}),
    "ur": frozenset({"نہیں"}),
}
