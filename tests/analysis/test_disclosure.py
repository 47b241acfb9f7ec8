"""Risk phrases in free text, with negation, across languages."""

from __future__ import annotations

import dataclasses

import pytest

from analysis.disclosure import detect_risk, phrase_categories, risk_categories


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("I want to die", ("self_harm",)),
        ("sometimes i wanna die tbh", ("self_harm",)),
        ("I’ve been cutting myself", ("self_harm",)),
        ("My mum's boyfriend hits me", ("abuse",)),
        ("I don't feel safe at home", ("feeling_unsafe",)),
        ("I DONT FEEL SAFE", ("feeling_unsafe",)),
        ("an older boy made me carry drugs", ("exploitation",)),
        ("someone asked for nudes on snap", ("exploitation",)),
        ("there is no food at home", ("neglect",)),
        ("I feel fine. But I want to die", ("self_harm",)),
        ("Nie czuję się bezpiecznie", ("feeling_unsafe",)),
        ("dw i eisiau marw", ("self_harm",)),
        ("لا أشعر بالأمان في البيت", ("feeling_unsafe",)),
        ("میں مرنا چاہتا ہوں", ("self_harm",)),
        ("Quiero morir", ("self_harm",)),
        ("আমি মরতে চাই", ("self_harm",)),
    ],
)
def test_risk_is_found(text, categories):
    assert risk_categories(text) == categories


@pytest.mark.parametrize(
    "text",
    [
        "",
        "More street lights please",
        "Nobody hits me",
        "My dad doesn't hit me",
        "I don't want to die, I just want more buses",
        "I would never hurt myself",
        "my leg hurts after football",
        "nie chcę umrzeć",
        "আমি মরতে চাই না",
        "میں مرنا نہیں چاہتا",
        "I feel safe at home",
        "I want to die my hair blue",
        "I nearly killed myself laughing at that",
    ],
)
def test_no_risk_is_found(text):
    assert detect_risk(text) == ()


def test_negation_does_not_cross_a_clause():
    assert risk_categories("It's not bad, he hits me") == ("abuse",)


def test_signals_name_the_phrase_and_language():
    [signal] = detect_risk("honestly I want to die")
    assert (signal.category, signal.language, signal.phrase) == ("self_harm", "en", "want to die")


def test_odd_input_does_not_break_detection():
    assert detect_risk("\x00\u202e😀" * 1000) == ()
    assert detect_risk("want " * 10_000) == ()


# --- recall on disclosures young people write -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("he touches me and says not to tell", ("abuse",)),
        ("I cut myself", ("self_harm",)),
        ("I want to end it all", ("self_harm",)),
        ("sometimes I don't want to be here anymore", ("self_harm",)),
        ("my uncle hits me", ("abuse",)),
        ("my stepdad slapped me", ("abuse",)),
        ("someone online asked for pics", ("exploitation",)),
        ("a man on snap keeps asking me for pictures", ("exploitation",)),
        ("older boys make me carry stuff for them", ("exploitation",)),
        ("An older boy keeps asking me to carry things for him.", ("exploitation",)),
        ("I don't feel safe at home", ("feeling_unsafe",)),
        ("I'm scared to go home", ("feeling_unsafe",)),
        ("there's nowhere safe", ("feeling_unsafe",)),
        ("I get bullied every day", ("feeling_unsafe",)),
        ("they pick on me", ("feeling_unsafe",)),
        ("older kids keep picking on me", ("feeling_unsafe",)),
        # Welsh
        ("Dydw i ddim yn teimlo'n saff gartref", ("feeling_unsafe",)),
        ("Dw i byth yn teimlo'n ddiogel", ("feeling_unsafe",)),
        ("Mae arna i ofn mynd adref", ("feeling_unsafe",)),
        ("Mae o'n fy nharo i", ("abuse",)),
        ("dw i'n cael fy mwlio", ("feeling_unsafe",)),
        # Polish, including "never" with "not" (negative concord, not a double negative)
        ("Ojczym mnie bije", ("abuse",)),
        ("Nigdy nie czuję się bezpiecznie", ("feeling_unsafe",)),
        ("Chcę się zabić", ("self_harm",)),
        ("Boję się wrócić do domu", ("feeling_unsafe",)),
        # Arabic
        ("أخاف أن أعود إلى البيت", ("feeling_unsafe",)),
        ("أبي يضربني", ("abuse",)),
        ("أريد أن أموت", ("self_harm",)),
        # Urdu
        ("مجھے گھر میں ڈر لگتا ہے", ("feeling_unsafe",)),
        ("میں گھر میں محفوظ نہیں ہوں", ("feeling_unsafe",)),
        ("میرے ابو مجھے مارتے ہیں", ("abuse",)),
        # Spanish and Portuguese "never feel safe"
        ("Nunca me siento segura en casa", ("feeling_unsafe",)),
        ("nunca me sinto seguro", ("feeling_unsafe",)),
    ],
)
def test_disclosures_are_found(text, categories):
    assert risk_categories(text) == categories


def test_a_past_or_someone_elses_bullying_is_still_flagged_unless_said_to_be_over():
    # A report of bullying, in the past or about a friend, is worth a person's look; one
    # the young person says is over is not a disclosure by the phrase lists (the model
    # still reads it).
    assert risk_categories("my mate is being bullied") == ("feeling_unsafe",)
    assert risk_categories("I was bullied in year 7") == ("feeling_unsafe",)
    assert not phrase_categories("i was bullied in year 7 but it stopped ages ago")
    assert not phrase_categories("i used to self harm but im much better now")


@pytest.mark.parametrize(
    "text",
    [
        "we learned about county lines in pshe",
        "the police came in to school and talked about knife crime and grooming",
        "we had an assembly on self harm",
    ],
)
def test_a_topic_learned_about_is_not_a_disclosure(text):
    assert phrase_categories(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "he used to hit me but he stopped",  # past abuse is still a disclosure
        "my friend talked about killing herself",
        "we learned about self harm in pshe but i cut myself every night",
    ],
)
def test_past_abuse_talk_outside_a_lesson_and_a_disclosure_beside_a_topic_are_found(text):
    assert risk_categories(text) != ()


@pytest.mark.parametrize(
    "text",
    [
        "I feel safe",
        pytest.param(
            "I feel safe at school and at home",
            marks=pytest.mark.xfail(
                strict=True, reason="the n-gram model reads 'at home' as a worry (0.46)"
            ),
        ),
        "I don't feel unsafe",
        "I have never been bullied",
        "nobody picks on me here",
        "more lessons about bullying",
        "anti-bullying week was good",
        "Teachers actually doing something about bullying instead of just saying they will.",
        "Lessons on what to do if someone online asks for pictures.",
        "dying to go to the party",
        "killing it at football",
        "this homework is killing me",
        "hit me up on snap",
        "my brother beats me at FIFA",
        "I hurt myself playing football",
        "sex ed should cover sexually transmitted infections",
        "Nikt mnie nie bije",
        "the Suicide Squad film was good",
    ],
)
def test_look_alikes_are_not_flagged(text):
    assert risk_categories(text) == ()


def test_detection_is_cached_but_results_do_not_change():
    first = detect_risk("I want to die")
    assert detect_risk("I want to die") == first
    assert detect_risk("I want to die") is first


@pytest.mark.parametrize(
    "text",
    [
        "i can't stop cutting myself",
        "i cant stop thinking about killing myself",
        "i couldnt stop hurting myself last night",
    ],
)
def test_not_being_able_to_stop_is_not_a_denial(text):
    assert risk_categories(text) == ("self_harm",)


@pytest.mark.parametrize("text", ["i don't cut myself", "i never self harm", "nobody hits me"])
def test_a_denial_is_still_a_denial(text):
    assert risk_categories(text) == ()


def test_staff_are_flagged_at_once_only_when_the_model_is_surer(monkeypatch):
    """Help is shown from the lower threshold; staff are asked to look at once from the
    higher one (the second look adds the rest), and always for a phrase."""
    from analysis import disclosure

    text = "nobody makes me tea so i just eat crisps every night"
    assert phrase_categories(text) == ()  # the model alone
    probability = disclosure.model_probability(text)
    real = disclosure.model()

    def thresholds(help_from: float, review_from: float) -> None:
        monkeypatch.setattr(
            disclosure,
            "model",
            lambda: dataclasses.replace(real, threshold=help_from, review_threshold=review_from),
        )

    thresholds(probability - 0.01, probability + 0.01)
    assert risk_categories(text) == (disclosure.POSSIBLE_CONCERN,)
    assert disclosure.review_categories(text) == ()
    thresholds(probability - 0.02, probability - 0.01)
    assert disclosure.review_categories(text) == (disclosure.POSSIBLE_CONCERN,)
    thresholds(0.99, 0.999)  # a phrase is flagged whatever the model says
    assert disclosure.review_categories("I want to kill myself") == ("self_harm",)
    assert disclosure.review_categories("I feel safe at school") == ()
