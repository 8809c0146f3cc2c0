"""NER runs on a sample of paragraphs (the first few mentions of each name) and its types
are carried to the other mentions: the analyses see the same evidence as with NER everywhere."""

from __future__ import annotations

import betareader.nlp as nlp_layer
from betareader.document import build_story
from betareader.nlp import parse

PARAGRAPHS = [
    "Corwin Ashby walked the long road from Halvergate with a sack of apples on his back.",
    "By noon Corwin had reached the mill, where Tamsin Oduya was mending a net.",
    "\"You're late,\" Tamsin said. Corwin shrugged and set the apples down.",
    "They talked of Halvergate and the fair, and of the rain that never came.",
    "Corwin stayed until the light went. Tamsin walked him to the gate.",
    "The next morning Corwin went back toward Halvergate alone.",
    "Halvergate was quiet. Corwin bought bread and thought about Tamsin.",
    "On the third day Tamsin came to Halvergate herself, asking after Corwin.",
    "Corwin laughed when he saw her. \"You came all this way, Tamsin?\"",
    "Tamsin only smiled, and the two of them walked out past the church together.",
]


def _ents(sample: int, monkeypatch) -> dict[str, list[str]]:
    monkeypatch.setattr(nlp_layer, "NER_SAMPLE", sample)
    story = parse(build_story("\n\n".join(PARAGRAPHS)), extra=("ner",))
    out: dict[str, list[str]] = {}
    for t in story.tokens:
        if t.text in ("Corwin", "Tamsin", "Halvergate"):
            out.setdefault(t.text, []).append(t.ent)
    return out


def test_sampled_ner_gives_every_mention_a_type(monkeypatch):
    sampled = _ents(2, monkeypatch)
    assert len(sampled["Corwin"]) == 8 and len(sampled["Tamsin"]) == 7
    # the later mentions (beyond the sample) carry the type the sampled ones had
    for name, labels in sampled.items():
        assert len(set(labels[2:])) == 1, (name, labels)
    assert sampled["Corwin"][-1] == sampled["Corwin"][0] != ""


def test_paragraphs_with_a_first_mention_get_exactly_the_full_ner(monkeypatch):
    text = "\n\n".join(PARAGRAPHS + ["At the fair Corwin met Ezinne Maduka, who sold copper pans."])

    def labels(sample: int) -> list[list[tuple[str, str]]]:
        monkeypatch.setattr(nlp_layer, "NER_SAMPLE", sample)
        story = parse(build_story(text), extra=("ner",))
        return [[(t.text, t.ent) for t in story.tokens[p.sentences[0].tok_start:p.sentences[-1].tok_end]]
                for p in story.paragraphs if p.sentences]

    sampled, full = labels(2), labels(10 ** 6)
    # paragraph 1 (first Corwin, Halvergate), 2 (first Tamsin) and the last (first Ezinne Maduka)
    for k in (0, 1, len(full) - 1):
        assert sampled[k] == full[k]
