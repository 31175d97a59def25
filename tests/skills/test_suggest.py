"""suggest_skills: ranked JobTech skills with exact evidence spans, requirement kinds and clear refusals."""

from __future__ import annotations

import pytest

from mimis.skills.errors import MAX_TEXT_CHARS, SkillTextError
from mimis.skills.selectors import suggest_skills

pytestmark = pytest.mark.usefixtures("jobtech_skills")

AD = """Undersköterska till hemtjänsten i Lund

Om oss
Vi är ett litet familjeföretag med kollektivavtal.

Vi söker dig som
- har erfarenhet av demensvården
- har truckvana och HLR-utbildning
- dokumenterar social dokumentation noggrant

Meriterande
- erfarenhet av personlig omvårdnad

Vi erbjuder
Friskvårdsbidrag, kollektivavtal och utbildning i ADL-träning och orderplockning.
"""


def _by_label(result):  # type: ignore[no-untyped-def]
    return {skill.label: skill for skill in result.skills}


def _assert_spans_index(text: str, result) -> None:  # type: ignore[no-untyped-def]
    assert result.skills, "expected at least one skill"
    for skill in result.skills:
        assert skill.spans
        for span in skill.spans:
            assert text[span.start : span.end] == span.text


@pytest.mark.django_db
class TestSuggestSkills:
    def test_an_ad_gives_ranked_skills_with_spans_into_the_text(self) -> None:
        result = suggest_skills(AD)
        _assert_spans_index(AD, result)
        found = _by_label(result)
        assert {
            "Demensvård",
            "Truckvana",
            "Utbildning i Första hjälpen/Hjärt-lungräddning, HLR",
        } <= found.keys()
        assert result.language == "sv"
        assert result.methods == ["baseline"]
        scores = [skill.score for skill in result.skills]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= score <= 1.0 for score in scores)

    def test_benefit_and_employer_sections_yield_no_skills(self) -> None:
        found = _by_label(suggest_skills(AD))
        # "ADL-träning" and "orderplockning" stand only under "Vi erbjuder"; "hemtjänsten" only in the title.
        assert "ADL-träning" not in found
        assert "Orderplockning" not in found
        assert "Hemtjänst" not in found
        assert "Kollektivavtal" not in found

    def test_meritorious_skills_are_not_required_and_requirements_are(self) -> None:
        found = _by_label(suggest_skills(AD))
        assert found["Personlig omvårdnad"].required is False
        assert found["Demensvård"].required is True
        assert found["Truckvana"].required is True

    def test_inline_merit_cue_makes_one_sentence_meritorious(self) -> None:
        text = "Du har truckvana. Det är meriterande om du har erfarenhet av orderplockning."
        found = _by_label(suggest_skills(text))
        assert found["Truckvana"].required is True
        assert found["Orderplockning"].required is False

    def test_english_cues_for_requirements_and_nice_to_have(self) -> None:
        text = "Requirements\nA forklift licence.\n\nNice to have\nExperience of order picking.\n\nWe offer\nCPR training."
        found = _by_label(suggest_skills(text))
        assert found["Truckvana"].required is True
        assert found["Orderplockning"].required is False
        assert "Utbildning i Första hjälpen/Hjärt-lungräddning, HLR" not in found

    @pytest.mark.parametrize(
        ("text", "label", "method", "evidence"),
        [
            ("Du har truckvana.", "Truckvana", "label", "truckvana"),
            ("Du har erfarenhet av demensvården.", "Demensvård", "lemma", "demensvården"),
            (
                "Du har social dokumentationen i fokus.",
                "Social dokumentation",
                "lemma",
                "social dokumentationen",
            ),
            ("Du har demensvårdsutbildning.", "Demensvård", "compound", "demensvårdsutbildning"),
            ("Du har erfarenhet av demensvåd.", "Demensvård", "fuzzy", "demensvåd"),
            ("Du kan HLR.", "Hjärt- och lungräddning", "synonym", "HLR"),
            (
                "Du har HLR-utbildning.",
                "Utbildning i Första hjälpen/Hjärt-lungräddning, HLR",
                "synonym",
                "HLR-utbildning",
            ),
            ("Du har truckkort.", "Truckvana", "synonym", "truckkort"),
            ("Du kan läsa SOAP och Fortnox.", "Fortnox, affärssystem", "synonym", "Fortnox"),
            ("Du kan läsa ritningar.", "Ritningsläsning", "lemma", "läsa ritningar"),
            (
                "Du har erfarenhet av försäljning.",
                "Försäljning, erfarenhet",
                "label",
                "erfarenhet av försäljning",
            ),
            # "cyklar" alone is on the stop list (a means of transport); the curated "cykla" is kept.
            ("Du kan cykla.", "Cykelvana", "synonym", "cykla"),
        ],
    )
    def test_each_method_finds_its_case(self, text: str, label: str, method: str, evidence: str) -> None:
        skill = _by_label(suggest_skills(text))[label]
        assert skill.method == method
        assert [span.text for span in skill.spans] == [evidence]

    def test_in_english_a_label_that_is_an_english_word_needs_a_capital(self) -> None:
        assert "Access, databashanterare" not in _by_label(suggest_skills("You will have access to a van."))
        assert "Access, databashanterare" in _by_label(suggest_skills("You know Access and we use it a lot."))

    def test_a_workplace_is_a_skill_only_where_experience_of_it_is_asked(self) -> None:
        assert "Hemtjänst" not in _by_label(
            suggest_skills("Om jobbet\nHemtjänsten i Lund har 40 medarbetare.")
        )
        skill = _by_label(suggest_skills("Du har erfarenhet av arbete i hemtjänst."))["Hemtjänst"]
        assert [span.text for span in skill.spans] == ["hemtjänst"]

    def test_a_merit_cue_in_mid_sentence_makes_only_the_rest_meritorious(self) -> None:
        found = _by_label(suggest_skills("Du har truckvana och gärna erfarenhet av orderplockning."))
        assert found["Truckvana"].required is True
        assert found["Orderplockning"].required is False

    def test_inflections_simplemma_reads_differently_still_meet(self) -> None:
        # simplemma knows "kassan" but not "kassa", and reads the verb "städar" as the noun "städare".
        assert "Kassavana" in _by_label(suggest_skills("Du arbetar i kassan."))
        assert "Kontorsstädning" in _by_label(suggest_skills("Du städar kontor."))

    def test_a_job_title_is_not_the_activity(self) -> None:
        assert "Betongarbete" not in _by_label(suggest_skills("Vi söker betongarbetare."))
        assert "Betongarbete" in _by_label(suggest_skills("Du har erfarenhet av betongarbete."))

    def test_a_shortened_word_in_a_coordination_is_completed(self) -> None:
        found = _by_label(suggest_skills("Du har erfarenhet av hotell- och kontorsstädning."))
        assert [span.text for span in found["Hotellstädning"].spans] == ["hotell-"]
        assert found["Hotellstädning"].method == "compound"
        assert "Kontorsstädning" in found

    def test_one_skill_found_twice_is_one_suggestion_with_two_spans(self) -> None:
        text = "Du har truckvana. Truckvana är ett krav."
        skills = [s for s in suggest_skills(text).skills if s.label == "Truckvana"]
        assert len(skills) == 1
        assert [span.start for span in skills[0].spans] == [7, 18]

    def test_abbreviations_need_capitals(self) -> None:
        assert suggest_skills("Du kan inte heller hlr.").skills == []

    def test_product_names_need_a_capital(self) -> None:
        assert "Git, versionshanteringssystem" in _by_label(suggest_skills("Du använder Git varje dag."))
        assert "Git, versionshanteringssystem" not in _by_label(suggest_skills("Du använder git varje dag."))


@pytest.mark.django_db
class TestAwkwardText:
    def test_html_is_stripped_and_spans_still_index_the_original(self) -> None:
        text = (
            "<html><head><style>p { color: red }</style></head><body><h2>Krav</h2>"
            "<ul><li>Erfarenhet av <b>demensv&aring;rd</b></li><li>Truckvana&nbsp;&amp; HLR</li></ul></body></html>"
        )
        result = suggest_skills(text)
        _assert_spans_index(text, result)
        found = _by_label(result)
        assert found["Demensvård"].spans[0].text == "demensv&aring;rd"
        assert found["Truckvana"].required is True
        assert "Hjärt- och lungräddning" in found

    def test_emoji_do_not_shift_spans(self) -> None:
        text = "🚚👩‍⚕️ Vi söker dig med truckvana 💪 och erfarenhet av demensvård 🙂"
        result = suggest_skills(text)
        _assert_spans_index(text, result)
        assert {"Truckvana", "Demensvård"} <= _by_label(result).keys()

    def test_only_emoji_gives_an_empty_result(self) -> None:
        result = suggest_skills("👍👍👍")
        assert result.skills == []

    def test_text_in_another_language_gives_an_empty_result_naming_it(self) -> None:
        result = suggest_skills(
            "Wir suchen eine Pflegekraft mit Erfahrung in der Altenpflege und einen Führerschein."
        )
        assert result.skills == []
        assert result.language == "de"
        assert result.methods == []

    def test_danish_is_not_read_as_swedish(self) -> None:
        assert (
            suggest_skills(
                "Vi søger en medarbejder med erfaring og truckcertifikat, og du er ikke bange."
            ).language
            == "da"
        )

    def test_english_is_detected(self) -> None:
        assert (
            suggest_skills("We are looking for a warehouse worker with a forklift licence.").language == "en"
        )

    @pytest.mark.parametrize("text", ["", "   \n\t "])
    def test_empty_text_is_refused(self, text: str) -> None:
        with pytest.raises(SkillTextError) as caught:
            suggest_skills(text)
        assert caught.value.code == "empty_text"

    def test_html_without_text_is_refused_as_empty(self) -> None:
        with pytest.raises(SkillTextError) as caught:
            suggest_skills("<div><br/></div>")
        assert caught.value.code == "empty_text"

    def test_too_long_text_is_refused_with_the_limit_in_the_message(self) -> None:
        with pytest.raises(SkillTextError) as caught:
            suggest_skills("truckvana " * 100_000)
        assert caught.value.code == "text_too_long"
        assert "20 000" in str(caught.value.message)
        assert MAX_TEXT_CHARS == 20_000

    def test_text_at_the_limit_is_read(self) -> None:
        text = ("Du har truckvana. " * 2000)[:MAX_TEXT_CHARS]
        assert "Truckvana" in _by_label(suggest_skills(text))

    @pytest.mark.parametrize(
        "text",
        [
            "PK\x03\x04\x00\x00binary",
            "".join(chr(c) for c in range(1, 32)) * 20,
            "\ufffd\ufffd\ufffd\ufffd abc \ufffd",
        ],
    )
    def test_binary_data_is_refused(self, text: str) -> None:
        with pytest.raises(SkillTextError) as caught:
            suggest_skills(text)
        assert caught.value.code == "binary_text"

    def test_bytes_are_refused_as_binary(self) -> None:
        with pytest.raises(SkillTextError) as caught:
            suggest_skills(b"\x89PNG\r\n")  # type: ignore[arg-type]
        assert caught.value.code == "binary_text"

    def test_a_language_other_than_swedish_or_english_is_refused(self) -> None:
        with pytest.raises(SkillTextError) as caught:
            suggest_skills("Du har truckvana.", language="fi")
        assert caught.value.code == "unsupported_language"

    def test_a_short_swedish_line_is_swedish(self) -> None:
        assert suggest_skills("Jobb i lager med truckvana").language == "sv"

    def test_a_short_list_without_function_words_is_tried_in_english_too(self) -> None:
        result = suggest_skills("Forklift licence, CPR")
        assert result.language == "en"
        assert "Truckvana" in _by_label(result)

    def test_asked_language_is_used(self) -> None:
        assert suggest_skills("Truckvana", language="en").language == "en"


@pytest.mark.django_db
class TestSemanticHook:
    def test_semantic_false_runs_the_baseline_only(self) -> None:
        assert suggest_skills("Du har truckvana.", semantic=False).methods == ["baseline"]

    def test_a_failing_extra_leaves_the_baseline_result(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        import sys
        import types

        broken = types.ModuleType("mimis.skills.semantic")
        broken.available = lambda: True  # type: ignore[attr-defined]

        def rerank_and_extend(segments, hits, *, language):  # type: ignore[no-untyped-def]
            raise RuntimeError("model missing")

        broken.rerank_and_extend = rerank_and_extend  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "mimis.skills.semantic", broken)
        # The app imports the real module at start-up, so the package attribute must be replaced too.
        monkeypatch.setattr("mimis.skills.semantic", broken)
        result = suggest_skills("Du har truckvana.")
        assert result.methods == ["baseline"]
        assert [s.label for s in result.skills] == ["Truckvana"]

    def test_the_extra_gets_segments_indexing_the_original(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        import sys
        import types

        seen = {}
        extra = types.ModuleType("mimis.skills.semantic")
        extra.available = lambda: True  # type: ignore[attr-defined]

        def rerank_and_extend(segments, hits, *, language):  # type: ignore[no-untyped-def]
            seen["segments"], seen["language"] = segments, language
            return hits

        extra.rerank_and_extend = rerank_and_extend  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "mimis.skills.semantic", extra)
        # The app imports the real module at start-up, so the package attribute must be replaced too.
        monkeypatch.setattr("mimis.skills.semantic", extra)
        text = "<p>Krav</p><p>Du har truckvana.</p>"
        result = suggest_skills(text)
        assert result.methods == ["baseline", "semantic"]
        assert seen["language"] == "sv"
        assert all(text[s.start : s.end] == s.text for s in seen["segments"])
        assert [s.kind for s in seen["segments"]] == ["requirement", "requirement"]
