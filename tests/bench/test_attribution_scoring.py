"""Tests of the attribution scorer (bench/attribution_scoring.py) and its CLI harness."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

import attribution_baseline  # noqa: E402
import attribution_scoring as scoring  # noqa: E402
import eval_attribution  # noqa: E402

SHARED_ATTRIB = REPO.parent / "shared" / "data" / "attrib"

TEXT = (
    '"My dear Mr. Bennet," said his lady to him one day, "have you heard that\n'
    'Netherfield Park is let at last?"\n'
    "\n"
    "Mr. Bennet replied that he had not.\n"
    "\n"
    '"But it is," returned she.\n'
    "\n"
    '"Lizzy, come here," said Jane.\n'
    "\n"
    '"Yes, Jane," said Elizabeth. "At once."\n'
)


def span(sub: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(sub)
    return start, start + len(sub)


def quote(sub: str, speaker: str | None, **extra) -> dict:
    s, e = span(sub)
    return {"start": s, "end": e, "speaker": speaker, **extra}


GOLD_QUOTES = [
    quote("My dear Mr. Bennet,", "mrs-bennet", type="anaphoric"),
    quote("have you heard that\nNetherfield Park is let at last?", "mrs-bennet", type="anaphoric"),
    quote("But it is,", "mrs-bennet", type="anaphoric"),
    quote("Lizzy, come here,", "jane", type="explicit"),
    quote("Yes, Jane,", "elizabeth", type="explicit"),
    quote("At once.", "elizabeth", type="implicit"),
]

GOLD = {
    "text_file": "story.txt",
    "source": {"corpus": "PDNC"},
    "characters": [
        {"id": "mr-bennet", "name": "Mr. Bennet", "aliases": [], "category": "intermediate"},
        {"id": "mrs-bennet", "name": "Mrs. Bennet", "aliases": [], "category": "major"},
        {"id": "elizabeth", "name": "Elizabeth", "aliases": ["Lizzy", "Eliza", "Miss Eliza"],
         "category": "major"},
        {"id": "jane", "name": "Jane", "aliases": ["Miss Bennet"], "category": "intermediate"},
        {"id": "mary", "name": "Mary", "aliases": [], "category": "minor"},
        {"id": "the-girls", "name": "the girls", "aliases": [], "category": "group"},
    ],
    "quotes": GOLD_QUOTES,
}


def char(cid: str, name: str, aliases=(), mentions: int = 10, **extra) -> dict:
    return {"id": cid, "name": name, "aliases": list(aliases), "mentions": mentions, **extra}


def prediction(characters=None, quotes=None) -> dict:
    if characters is None:
        characters = [char("p-mr", "Mr. Bennet"), char("p-mrs", "Mrs. Bennet"),
                      char("p-liz", "Elizabeth Bennet", ["Lizzy"]), char("p-jane", "Jane")]
    if quotes is None:
        ids = {"mr-bennet": "p-mr", "mrs-bennet": "p-mrs", "elizabeth": "p-liz", "jane": "p-jane"}
        quotes = [{"start": q["start"], "end": q["end"], "speaker": ids[q["speaker"]]}
                  for q in GOLD_QUOTES]
    return {"version": 1, "source": "story.txt", "characters": characters, "quotes": quotes}


def score(pred: dict, gold: dict = GOLD) -> scoring.StoryScore:
    return scoring.score_story(TEXT, gold, pred, name="story")


def matches(pred_chars: list[dict], gold_chars: list[dict] = GOLD["characters"]) -> dict:
    return scoring.match_characters(pred_chars, gold_chars).pred_to_gold


# --------------------------------------------------------------------------------------------
# quotes and speakers


def test_perfect_prediction_scores_one_everywhere():
    c = score(prediction()).counts
    assert c.gold_quotes == 6 and c.pred_quotes == 6
    for metric, value in c.metrics().items():
        assert value == 1.0, metric
    assert c.gold_chars == 4  # major + intermediate; minor and group not counted


def test_gold_converted_to_prediction_scores_one():
    c = score(scoring.gold_as_prediction(GOLD)).counts
    assert all(v == 1.0 for v in c.metrics().values())


def test_quote_marks_included_and_shifted_spans_still_match():
    pred = prediction()
    for q in pred["quotes"]:  # include the enclosing marks
        q["start"] -= 1
        q["end"] += 1
    c = score(pred).counts
    assert c.quote_precision == 1.0 and c.quote_recall == 1.0 and c.speaker_accuracy == 1.0

    pred = prediction()
    for q in pred["quotes"]:  # shifted right by three characters
        q["start"] += 3
        q["end"] += 3
    c = score(pred).counts
    assert c.quote_recall == 1.0 and c.speaker_accuracy == 1.0


def test_half_coverage_rule():
    s, e = span("have you heard that\nNetherfield Park is let at last?")
    gold = {**GOLD, "quotes": [{"start": s, "end": e, "speaker": "mrs-bennet"}]}
    # a predicted quote covering well under half of the gold quote: gold not recalled
    c = score(prediction(quotes=[{"start": s, "end": s + 8, "speaker": "p-mrs"}]), gold).counts
    assert c.pred_quotes_correct == 1  # the predicted one lies inside gold
    assert c.gold_quotes_recalled == 0 and c.speaker_correct == 0  # missed quote counts wrong
    # a predicted quote that runs far into narration: not correct, but it recalls the gold quote
    c = score(prediction(quotes=[{"start": s, "end": len(TEXT), "speaker": "p-mrs"}]),
              gold).counts
    assert c.pred_quotes_correct == 0 and c.gold_quotes_recalled == 1
    assert c.speaker_correct == 1


def test_narration_predicted_as_quote_hurts_precision_only():
    pred = prediction()
    pred["quotes"].append({**dict(zip(("start", "end"), span("replied that he had not"))),
                           "speaker": None})
    c = score(pred).counts
    assert c.pred_quotes == 7 and c.pred_quotes_correct == 6
    assert c.quote_recall == 1.0 and c.speaker_accuracy == 1.0


def test_wrong_missing_and_unknown_speakers_count_wrong():
    pred = prediction()
    pred["quotes"][3]["speaker"] = "p-liz"  # Jane's line given to Elizabeth
    pred["quotes"][4]["speaker"] = None
    pred["quotes"][5]["speaker"] = "nobody"  # not a predicted character
    c = score(pred).counts
    assert c.speaker_total == 6 and c.speaker_correct == 3
    s = score(pred)
    assert {e["gold"] for e in s.details["speaker_errors"]} == {"jane", "elizabeth"}


def test_missed_quote_counts_wrong_for_speaker():
    pred = prediction()
    del pred["quotes"][0]
    c = score(pred).counts
    assert c.gold_quotes_recalled == 5 and c.speaker_correct == 5 and c.speaker_total == 6
    assert c.speaker_recalled_total == 5


def test_interrupted_quote_predicted_as_one_span():
    s, _ = span("My dear Mr. Bennet,")
    _, e = span("have you heard that\nNetherfield Park is let at last?")
    pred = prediction()
    pred["quotes"][0:2] = [{"start": s, "end": e, "speaker": "p-mrs"}]
    c = score(pred).counts
    assert c.gold_quotes_recalled == 6 and c.speaker_correct == 6
    assert c.pred_quotes_correct == 5  # the merged span is mostly speech: still correct


def test_null_gold_speakers_are_not_scored_for_attribution():
    gold = json.loads(json.dumps(GOLD))
    gold["quotes"][2]["speaker"] = None
    gold["quotes"][2]["speaker_kind"] = "unknowable"
    c = score(prediction(), gold).counts
    assert c.gold_quotes == 6 and c.speaker_total == 5 and c.speaker_accuracy == 1.0


def test_speaker_accuracy_on_found_characters_separates_roster_errors():
    chars = [char("p-mr", "Mr. Bennet"), char("p-liz", "Elizabeth", ["Lizzy"]),
             char("p-jane", "Jane")]  # Mrs. Bennet missing from the roster
    pred = prediction(characters=chars)
    for q in pred["quotes"]:
        if q["speaker"] == "p-mrs":
            q["speaker"] = None
    c = score(pred).counts
    assert c.speaker_accuracy == pytest.approx(3 / 6)
    assert c.speaker_found_total == 3 and c.speaker_accuracy_found == 1.0
    assert c.char_recall == pytest.approx(3 / 4)


def test_breakdown_by_quote_type():
    pred = prediction()
    pred["quotes"][0]["speaker"] = "p-mr"
    s = score(pred)
    assert set(s.by_type) == {"explicit", "anaphoric", "implicit"}
    assert s.by_type["anaphoric"].gold_quotes == 3
    assert s.by_type["anaphoric"].speaker_correct == 2
    assert s.by_type["explicit"].speaker_accuracy == 1.0
    agg = scoring.aggregate([s, s])
    assert agg["overall"].gold_quotes == 12 and agg["overall"].stories == 2
    assert agg["types"]["anaphoric"].speaker_accuracy == pytest.approx(2 / 3)
    assert agg["corpora"]["pdnc"].speaker_correct == 10


# --------------------------------------------------------------------------------------------
# characters


def test_lizzy_matches_elizabeth():
    assert matches([char("x", "Lizzy")]) == {"x": "elizabeth"}
    assert matches([char("x", "Elizabeth Bennet", ["Lizzy", "Miss Eliza"])]) == {"x": "elizabeth"}


def test_mr_and_mrs_bennet_kept_apart():
    assert matches([char("a", "Mrs. Bennet")]) == {"a": "mrs-bennet"}
    assert matches([char("a", "Mr. Bennet")]) == {"a": "mr-bennet"}
    assert matches([char("a", "Mrs Bennet"), char("b", "Mister Bennet")]) == {
        "a": "mrs-bennet", "b": "mr-bennet"}
    assert scoring.name_level(scoring.normalize_name("Mr. Bennet"),
                              scoring.normalize_name("Mrs. Bennet")) == 0
    # the predicted character's own title travels with its untitled aliases
    assert matches([char("a", "Mrs. Bennet", ["Bennet"])]) == {"a": "mrs-bennet"}


def test_miss_bennet_matches_jane_not_every_bennet():
    assert matches([char("a", "Miss Bennet")]) == {"a": "jane"}


def test_bare_surname_matches_only_when_unambiguous():
    assert matches([char("a", "Bennet")]) == {}  # Mr., Mrs. or Miss Bennet?
    gold = [{"id": "darcy", "name": "Mr. Darcy", "aliases": [], "category": "major"},
            {"id": "liz", "name": "Elizabeth", "aliases": [], "category": "major"}]
    assert matches([char("a", "Darcy")], gold) == {"a": "darcy"}
    # ... but a gold alias decides: here gold says "Bennet" is Mrs. Bennet
    gold = json.loads(json.dumps(GOLD["characters"]))
    gold[1]["aliases"] = ["Bennet"]
    assert matches([char("a", "Bennet")], gold) == {"a": "mrs-bennet"}


def test_full_name_prefers_given_name_over_shared_surname():
    assert matches([char("a", "Jane Bennet")]) == {"a": "jane"}
    assert matches([char("a", "Elizabeth Bennet")]) == {"a": "elizabeth"}


def test_ambiguous_name_decided_by_whole_alias_set():
    # "Miss Eliza" says Elizabeth, "Miss Bennet" says Jane: two names for Elizabeth win
    pred = [char("a", "Miss Bennet", ["Lizzy", "Miss Eliza"])]
    assert matches(pred) == {"a": "elizabeth"}


def test_duplicate_predicted_character_counts_against_precision():
    chars = [char("p-mr", "Mr. Bennet"), char("p-mrs", "Mrs. Bennet"),
             char("p-liz", "Elizabeth"), char("p-lizzy", "Lizzy"), char("p-jane", "Jane")]
    c = score(prediction(characters=chars, quotes=[])).counts
    assert c.pred_chars == 5 and c.pred_chars_correct == 4
    assert c.char_recall == 1.0


def test_precision_counts_only_characters_with_five_mentions():
    chars = [char("p-mr", "Mr. Bennet"), char("p-mrs", "Mrs. Bennet"),
             char("p-liz", "Elizabeth"), char("p-jane", "Jane"),
             char("p-x", "Netherfield", mentions=4), char("p-y", "Park", mentions=5)]
    c = score(prediction(characters=chars, quotes=[])).counts
    assert c.pred_chars == 5 and c.pred_chars_correct == 4


def test_minor_and_group_characters_match_but_group_not_recalled():
    chars = [char("m", "Mary"), char("g", "The Girls")]
    s = score(prediction(characters=chars, quotes=[]))
    assert s.counts.pred_chars_correct == 2
    assert s.counts.gold_chars == 4 and s.counts.gold_chars_found == 0


def test_narrator_and_name_normalisation():
    gold = [{"id": "narrator", "name": "Narrator", "aliases": [], "category": "major",
             "narrator": True},
            {"id": "itachi", "name": "Uchiha Itachi", "aliases": [], "category": "major"},
            {"id": "sasuke", "name": "Uchiha Sasuke", "aliases": [], "category": "major"},
            {"id": "gryphon", "name": "The Gryphon", "aliases": [], "category": "major"}]
    assert matches([char("a", "I")], gold) == {"a": "narrator"}
    assert matches([char("a", "Hana", narrator=True)], gold) == {"a": "narrator"}
    assert matches([char("a", "Itachi-san")], gold) == {"a": "itachi"}
    assert matches([char("a", "Uchiha")], gold) == {}  # both are Uchihas
    assert matches([char("a", "gryphon")], gold) == {"a": "gryphon"}


def test_robust_to_sloppy_predictions():
    pred = {"characters": [{"id": "a", "name": None, "aliases": None}, {"id": "b"}],
            "quotes": [{"start": -5, "end": 3, "speaker": "a"},
                       {"start": "x", "end": None, "speaker": None},
                       {"start": 10_000, "end": 20_000, "speaker": None}]}
    c = score(pred).counts
    assert c.pred_quotes == 3 and c.pred_chars == 2 and c.pred_chars_correct == 0
    assert score({}).counts.quote_precision is None


# --------------------------------------------------------------------------------------------
# baseline, adapter and CLI


def test_baseline_predictor_finds_quotes_and_tagged_speakers():
    text = "".join(f'"Line {i}," said Mr. Darcy.\n\nMr. Darcy sat.\n\n' for i in range(5))
    pred = attribution_baseline.predict_text(text)
    assert [c["name"] for c in pred["characters"]] == ["Mr. Darcy"]
    assert len(pred["quotes"]) == 5
    assert all(text[q["start"]:q["end"]].startswith("Line") for q in pred["quotes"])
    assert {q["speaker"] for q in pred["quotes"]} == {pred["characters"][0]["id"]}


def test_adapter_converts_api_results():
    doc = {"version": 1, "characters": [], "quotes": []}

    class WithToJson:
        def to_json(self):
            return json.dumps(doc)

    class WithToDict:
        def to_dict(self):
            return doc

    assert eval_attribution.to_contract_dict(doc) is doc
    assert eval_attribution.to_contract_dict(WithToJson()) == doc
    assert eval_attribution.to_contract_dict(json.dumps(doc) + "\n") == doc
    assert eval_attribution.to_contract_dict(WithToDict()) == doc
    with pytest.raises(Exception):  # PredictionError, or whatever analysis_to_dict raises
        eval_attribution.to_contract_dict(["not", "a", "document"])


def _write_story(folder: Path) -> None:
    (folder / "pdnc").mkdir(parents=True)
    (folder / "pdnc" / "Story.txt").write_text(TEXT, encoding="utf-8")
    (folder / "pdnc" / "Story.gold.json").write_text(
        json.dumps({**GOLD, "text_file": "Story.txt"}), encoding="utf-8")


def test_cli_scores_saved_predictions_and_baseline(tmp_path, capsys):
    data, preds = tmp_path / "attrib", tmp_path / "preds"
    _write_story(data)
    preds.mkdir()
    (preds / "Story.json").write_text(json.dumps(prediction()), encoding="utf-8")
    out = tmp_path / "scores.json"
    rc = eval_attribution.main(["--data", str(data), "--predictions", str(preds), "-q",
                                "--json", str(out)])
    assert rc == 0
    report = json.loads(out.read_text())
    assert report["overall"]["metrics"]["speaker_accuracy"] == 1.0
    assert report["stories"][0]["name"] == "Story"
    assert "Per corpus and overall" in capsys.readouterr().out

    rc = eval_attribution.main(["--data", str(data), "--baseline", "-q", "--save",
                                str(tmp_path / "saved"), "--json", str(out)])
    assert rc == 0 and (tmp_path / "saved" / "Story.json").is_file()
    assert json.loads(out.read_text())["overall"]["counts"]["pred_quotes"] == 6


def test_cli_reports_missing_prediction_as_failure(tmp_path, capsys):
    data = tmp_path / "attrib"
    _write_story(data)
    (tmp_path / "empty").mkdir()
    assert eval_attribution.main(["--data", str(data), "--predictions",
                                  str(tmp_path / "empty"), "-q"]) == 1
    assert "FAILED" in capsys.readouterr().out


# --------------------------------------------------------------------------------------------
# real data


def test_real_gold_scored_against_itself_is_perfect():
    gold_path = SHARED_ATTRIB / "pdnc" / "PrideAndPrejudice.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = scoring.read_text(gold_path.parent / gold["text_file"])
    s = scoring.score_story(text, gold, scoring.gold_as_prediction(gold), name="P&P")
    assert s.counts.gold_quotes == len(gold["quotes"]) > 1000
    for metric, value in s.counts.metrics().items():
        assert value == 1.0, metric
    for t, c in s.by_type.items():
        assert c.speaker_accuracy == 1.0, t


def test_predict_uses_api_when_present_and_cli_otherwise(monkeypatch, tmp_path):
    doc = {"version": 1, "characters": [], "quotes": []}

    class Result:
        def to_dict(self):
            return doc

    seen = []
    monkeypatch.setattr(eval_attribution, "_api_analyze_path",
                        lambda: (lambda p: seen.append(p) or Result()))
    assert eval_attribution.predict(tmp_path / "a.txt") == doc
    assert seen == [tmp_path / "a.txt"]

    monkeypatch.setattr(eval_attribution, "_api_analyze_path", lambda: None)
    monkeypatch.setattr(eval_attribution, "predict_cli", lambda p: {**doc, "via": "cli"})
    assert eval_attribution.predict(tmp_path / "a.txt")["via"] == "cli"
