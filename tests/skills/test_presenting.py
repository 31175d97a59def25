"""How a suggestion's evidence is shown, and how a form's yes/no answers are read."""

from __future__ import annotations

from mimis.config import parse_rate
from mimis.skills.presenting import Part, accepted, check_prefix, evidence, verdicts


def span(text: str, word: str) -> dict:
    start = text.index(word)
    return {"start": start, "end": start + len(word), "text": word}


class TestEvidence:
    def test_a_short_text_is_shown_whole_with_the_span_marked(self):
        text = "Ge god Demensvård varje dag."
        assert evidence(text, [span(text, "Demensvård")]) == [
            Part("Ge god "),
            Part("Demensvård", marked=True),
            Part(" varje dag."),
        ]

    def test_a_long_text_is_cut_at_words_around_the_span(self):
        text = "inledning " * 30 + "Vi kräver Truckkörning i tjänsten. " + "slut " * 30
        parts = evidence(text, [span(text, "Truckkörning")], context=20)
        assert parts[0] == Part("… ") and parts[-1] == Part(" …")
        assert [p.text for p in parts if p.marked] == ["Truckkörning"]
        shown = "".join(p.text for p in parts)
        assert len(shown) < 70
        assert all(
            word in ("…", "inledning", "Vi", "kräver", "Truckkörning", "i", "tjänsten.", "slut")
            for word in shown.split()
        )  # words stay whole

    def test_every_span_in_the_window_is_marked_and_whitespace_is_one_space(self):
        text = "HLR\n\noch   HLR igen"
        spans = [{"start": 0, "end": 3, "text": "HLR"}, {"start": 11, "end": 14, "text": "HLR"}]
        assert evidence(text, spans) == [Part("HLR", True), Part(" och "), Part("HLR", True), Part(" igen")]


class TestAnswers:
    def test_only_yes_and_no_under_the_prefix_count(self):
        data = {"s-0-1": "accept", "s-0-2": "reject", "s-0-x": "accept", "s-1-3": "accept", "s-0-4": "maybe"}
        assert verdicts(data, "s-0-") == {1: "accept", 2: "reject"}
        assert accepted(data, "s-0-") == [1]

    def test_a_prefix_is_a_simple_name(self):
        assert check_prefix("suggestion-0-") == "suggestion-0-"
        for bad in ('"><b>', "", "A-", "x" * 41):
            try:
                check_prefix(bad)
            except ValueError:
                continue
            raise AssertionError(bad)


def test_rates_are_read_strictly():
    assert parse_rate("30/minute") == (30, 60)
    assert parse_rate("5/hours") == (5, 3600)
    for bad in ("thirty/minute", "0/minute", "30/fortnight", "-1/second"):
        try:
            parse_rate(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
