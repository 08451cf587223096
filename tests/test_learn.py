"""The learned decision layer on made-up documents: proposals, training from a gold folder, the weights
file and its version, leave-one-publisher-out figures, and the shipped heads in a real run."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from extractor.chunk import chunk_document
from extractor.cli import app
from extractor.config import Settings
from extractor.errors import ConfigError
from extractor.learn import Head, get_head, heads, register_head, unregister_head
from extractor.learn.decide import Decider
from extractor.learn.features import AREA_FEATURES, FEATURE_NAMES, VectorCache, featurize
from extractor.learn.model import EVAL_MODELS_DIR, MODELS_DIR, SCALE_FLOOR, fit, load_model, save_model
from extractor.learn.propose import CUE_NAMES, definition_only, heading_line, lead_in_only, propose
from extractor.load import load
from extractor.models import Document
from extractor.pipeline import Pipeline

# two made-up publishers, each stating commitments among descriptions
DOC_A = """## Borealis Frontier Policy

Borealis trains large language models for research customers.

## Our commitments

We will publish a summary of every dangerous capability evaluation within 30 days of finishing it.
We will pause the training run if a model passes the agreed autonomy threshold.
Our security team reviews each access request to model weights before granting it.
The Board receives a written risk report every quarter.

## Background

The field has moved quickly over the last decade.
Benchmarks measure how well systems answer technical questions.
Outside attackers will keep probing public models for weak spots.
Several laboratories released open models during this period.
"""

DOC_B = """## Kestrel Model Safety Commitments

Kestrel is a small company that builds coding assistants.

## What we do

We will run red-team exercises on each new model before its public release.
We will notify the national regulator within 72 hours of a serious incident.
Access to unreleased weights is limited to a named group of engineers.
We commit to retain evaluation records for five years.

## Context

Coding assistants have become common in software teams.
Researchers study how often generated code contains errors.
Many teams use several assistants at the same time.
"""

GOLD_A = [
    ("We will publish a summary of every dangerous capability evaluation within 30 days of finishing it",
     "must", None, "quantitative"),
    ("We will pause the training run if a model passes the agreed autonomy threshold", "must",
     "if a model passes the agreed autonomy threshold", "concrete"),
    ("Our security team reviews each access request to model weights before granting it", "must", None, "concrete"),
    ("The Board receives a written risk report every quarter", "must", None, "concrete"),
]
GOLD_B = [
    ("We will run red-team exercises on each new model before its public release", "must",
     "before its public release", "concrete"),
    ("We will notify the national regulator within 72 hours of a serious incident", "must", None, "quantitative"),
    ("Access to unreleased weights is limited to a named group of engineers", "must", None, "concrete"),
    ("We commit to retain evaluation records for five years", "must", None, "quantitative"),
]


def _doc(tmp_path: Path, text: str) -> Document:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return load(path)


def _gold_set(root: Path, split_b: str = "development") -> tuple[Path, Path]:
    gold, docs = root / "gold", root / "docs"
    gold.mkdir()
    docs.mkdir()
    split: dict[str, list[str]] = {"development": [], "heldout": []}
    for stem, org, text, items, where in (("borealis", "Borealis", DOC_A, GOLD_A, "development"),
                                          ("kestrel", "Kestrel", DOC_B, GOLD_B, split_b)):
        (docs / f"{stem}.md").write_text(text, encoding="utf-8")
        commitments = [{"quote": q, "actor": "we", "modality": m, "trigger": t, "safeguard": q.split(" ", 2)[-1],
                        "specificity": s, "verifiable": True, "seoul": "III"} for q, m, t, s in items]
        (gold / f"{stem}.json").write_text(json.dumps({"document": f"{stem}.md", "org": org,
                                                       "commitments": commitments}, indent=1), encoding="utf-8")
        split[where].append(f"{stem}.json")
    (gold / "split.json").write_text(json.dumps(split), encoding="utf-8")
    return gold, docs


def test_proposals_include_what_the_rules_do_not_take() -> None:
    props = propose(DOC_A, "Borealis")
    sources = {p.source for p in props}
    assert "rules" in sources and "unit" in sources
    quotes = " | ".join(p.cand.quote for p in props)
    assert "The Board receives a written risk report every quarter" in quotes
    for p in props:
        assert DOC_A[p.start : p.end].split() == p.cand.quote.split()
        assert set(p.cues) == set(CUE_NAMES)
    heading = {p.cand.quote[:20]: p.heading for p in props}
    assert heading["Our security team re"] == "Our commitments"
    # a sentence with no cue of any kind is not worth embedding
    assert not any(p.cand.quote.startswith("Benchmarks measure") for p in props)


def test_a_present_tense_passive_is_proposed_though_it_names_no_one() -> None:
    # the author's process stated without its subject ("Access is limited to X"): a commitment when it is the
    # author's own rule, which the decision layer judges; a sentence with no cue at all is still not proposed
    text = ("# Pier access\n\nCrane cabin keys are handed out only at the start of each shift.\n\n"
            "Tides vary with the moon.\n")
    props = {p.cand.quote: (p.source, p.cues["present_passive"]) for p in propose(text, "Borealis")}
    assert props == {"Crane cabin keys are handed out only at the start of each shift.": ("unit", 1.0)}


def test_an_instruction_after_a_phrase_of_scope_is_proposed_without_its_opener() -> None:
    text = ("# Drill grid\n\nCoastal sites\n\nIn view of hazards at the coastal sites, prepare an evacuation drill "
            "before each season.\n")
    props = [p for p in propose(text, "Borealis") if p.cand.quote.startswith("In view of")]
    assert len(props) == 1 and props[0].cues["imperative"] == 1.0
    # (its condition after the verb is the trigger, as the rules read an instruction's)
    assert props[0].cand.safeguard == "prepare an evacuation drill"
    assert props[0].cand.trigger == "before each season"


def test_a_lead_in_and_a_title_are_not_proposed_but_the_items_under_them_are() -> None:
    # the guide: a list under a lead-in is one commitment per item, never the lead-in; a title line is none
    text = ("# Harbour Duties\n\nDrill Procedures for Coastal Sites with Tidal Hazards\n\n"
            "We will carry out the following harbour checks.\n\n"
            "● We will inspect every mooring line before each storm season.\n"
            "● We will test the flood gates twice a year.\n\n"
            "Measures the crews apply include:\n\n● Logging each tide gauge reading.\n\n"
            "We will share the following with the port council every quarter: the drill logs.\n")
    quotes = [p.cand.quote for p in propose(text, "Borealis")]
    assert not any("following harbour checks" in q or q.startswith(("Measures the crews", "Drill Procedures"))
                   for q in quotes)
    assert any(q.startswith("We will inspect every mooring line") for q in quotes)
    assert any(q.startswith("We will test the flood gates") for q in quotes)
    # "the following" with more said after it is a commitment of its own
    assert any(q.startswith("We will share the following with the port council") for q in quotes)


def test_lead_in_and_title_shapes() -> None:
    assert lead_in_only("Our drills include:") and lead_in_only("We adopt the following mooring rules.")
    assert not lead_in_only("Drill results will be included.")
    # a subject and its modal with the acts in the items below
    assert lead_in_only("For every vessel we launch, Acme will:") and lead_in_only("The harbour master must")
    assert not lead_in_only("Drills will be held as often as the master says they must.")
    assert not lead_in_only("We will do the following within thirty days.")
    assert lead_in_only("In short, our drill plan is as follows")
    assert lead_in_only("Duties of the harbour board include, but are not limited to")
    assert heading_line("Tidal Safety Measures for Harbours with Deep Berths")
    assert not heading_line("Berth logs for deep harbours are kept for a year.")
    assert not heading_line("Logs Kept")


def test_features_have_the_declared_width_and_the_cache_embeds_once(tmp_path: Path) -> None:
    props = propose(DOC_B, "Kestrel")
    chunks = chunk_document(_doc(tmp_path, DOC_B), 300, 30)
    assert len(chunks) > 1
    cache = VectorCache(tmp_path / "v.npz")
    x = featurize(props, chunks, cache)
    assert x.shape == (len(props), len(FEATURE_NAMES))
    first = FEATURE_NAMES.index("text_0")
    text = x[:, first : first + 384]
    areas = x[:, len(CUE_NAMES) : first]  # the seoul area features: word counts and similarities
    assert areas.shape[1] == len(AREA_FEATURES) == 32 and np.isfinite(areas).all()
    assert np.allclose(np.linalg.norm(text, axis=1), 1.0, atol=1e-4)  # every proposal lies in some window
    cache.save()
    again = VectorCache(tmp_path / "v.npz")
    assert set(again.vectors) == set(cache.vectors) and set(again.windows) == set(cache.windows)
    assert np.allclose(featurize(props, chunks, again), x)
    assert not again.dirty  # everything came from the file
    # a sentence's vector is close to the sentence embedded on its own
    from extractor.embed import embed_texts

    alone = embed_texts([props[0].cand.quote])[0]
    assert float(text[0] @ alone) > 0.7


def test_model_round_trip_and_a_damaged_file_is_refused(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 3))
    y = ["yes" if a > 0 else "no" for a in x[:, 0]]
    model = fit("commitment", ("no", "yes"), x, y, ("a", "b", "c"), c=100.0)
    save_model(model, tmp_path)
    back = load_model("commitment", tmp_path)
    assert back is not None and back.version == model.version and back.version.startswith("commitment-")
    assert np.allclose(back.proba(x), model.proba(x))
    assert back.predict(x) == y  # a separable problem is learned
    raw = bytearray((tmp_path / "commitment.npz").read_bytes())
    raw[-10] ^= 0xFF
    (tmp_path / "commitment.npz").write_bytes(bytes(raw))
    with pytest.raises(ConfigError, match="sha256"):
        load_model("commitment", tmp_path)
    assert load_model("nothing", tmp_path) is None


def test_features_outside_a_heads_set_get_weight_zero() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(80, 4))
    y = ["yes" if a + 0.5 * b > 0 else "no" for a, b in x[:, [2, 3]]]
    use = np.array([False, False, True, True])
    model = fit("commitment", ("no", "yes"), x, y, ("a", "b", "c", "d"), c=10.0, use=use)
    alone = fit("commitment", ("no", "yes"), x[:, use], y, ("c", "d"), c=10.0)
    assert model.coef.shape == (1, 4) and not model.coef[:, ~use].any()
    assert np.allclose(model.proba(x), alone.proba(x[:, use]))  # the same model, in the full layout
    assert model.meta["features_used"] == 2
    three = fit("seoul", ("I", "II", "III"), x, ["I" if v < -0.5 else "II" if v < 0.5 else "III" for v in x[:, 3]],
                ("a", "b", "c", "d"), c=10.0, use=use)
    assert not three.coef[:, ~use].any() and three.coef[:, use].any()


def test_the_seoul_head_reads_the_area_features_the_quote_and_the_kind_of_act_not_where_it_stands() -> None:
    from extractor.learn.features import FEATURE_NAMES

    head = get_head("seoul")
    assert head.features is not None
    used = [n for n in FEATURE_NAMES if n.startswith(head.features)]
    assert any(n.startswith("text_") for n in used) and any(n.startswith("area_words_") for n in used)
    assert {"mod_must", "spec_vague", "verifiable", "has_trigger", "imperative"} <= set(used)
    # one publisher's section names (the heading's vector), the rules' own decision and the layout stay out
    assert not any(n.startswith(("heading_", "src_", "position", "log_words", "org_name")) for n in used)


def test_the_words_of_vague_commitments_are_read_by_the_specificity_head_not_the_commitment_head() -> None:
    from extractor.learn.features import FEATURE_NAMES
    from extractor.learn.model import load_model

    text = "We will continuously foster robust and appropriate crane safety practices.\n"
    (p,) = [p for p in propose(text, "Borealis")]
    assert (p.cues["quality_words"], p.cues["open_effort"], p.cues["aim_verb"]) == (2.0, 1.0, 1.0)
    cols = [i for i, n in enumerate(FEATURE_NAMES) if n in ("quality_words", "open_effort", "aim_verb")]
    commitment, spec = load_model("commitment"), load_model("specificity")
    assert commitment is not None and spec is not None
    assert not commitment.coef[:, cols].any() and spec.coef[:, cols].any()


def test_retraining_to_the_same_weights_leaves_the_files_alone(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    x = rng.normal(size=(40, 2))
    y = ["yes" if a > 0 else "no" for a in x[:, 0]]
    first = fit("commitment", ("no", "yes"), x, y, ("a", "b"), meta={"trained": "2026-01-01T00:00:00+00:00"})
    save_model(first, tmp_path)
    before = (tmp_path / "commitment.json").read_bytes()
    again = fit("commitment", ("no", "yes"), x, y, ("a", "b"), meta={"trained": "2026-02-02T00:00:00+00:00"})
    save_model(again, tmp_path)
    assert (tmp_path / "commitment.json").read_bytes() == before
    good = (tmp_path / "commitment.npz").read_bytes()
    (tmp_path / "commitment.npz").write_bytes(good[:-10] + bytes(10))  # damaged on disk: retraining repairs it
    save_model(again, tmp_path)
    assert (tmp_path / "commitment.npz").read_bytes() == good
    other = fit("commitment", ("no", "yes"), x, y, ("a", "b"), c=0.01, meta={"trained": "2026-03-03T00:00:00+00:00"})
    save_model(other, tmp_path)
    assert (tmp_path / "commitment.json").read_bytes() != before  # new weights are written


def test_a_class_missing_from_training_never_wins() -> None:
    x = np.array([[0.0], [1.0], [2.0], [3.0]])
    model = fit("modality", ("must", "must_not", "should", "intend", "may"), x, ["must", "must", "may", "may"],
                ("a",), c=10.0)
    assert set(model.predict(np.array([[0.0], [3.0], [1.5]]))) <= {"must", "may"}


def test_a_new_head_registers_with_its_label_function() -> None:
    head = register_head(Head("test_length", ("short", "long"),
                              lambda g: None if g is None else ("long" if len(g.quote) > 60 else "short")))
    try:
        assert get_head("test_length") is head
        assert head in heads()
    finally:
        unregister_head("test_length")
    with pytest.raises(ConfigError):
        get_head("test_length")


def test_train_writes_versioned_weights_and_prints_lopo(tmp_path: Path) -> None:
    gold, docs = _gold_set(tmp_path)
    out = tmp_path / "models"
    result = CliRunner().invoke(app, ["train", "--gold", str(gold), "--docs", str(docs), "--out", str(out),
                                      "--index", str(tmp_path / "idx"), "--head", "commitment"])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "commitment.json").read_text())
    assert meta["trained_on"] == ["borealis.json", "kestrel.json"]
    assert meta["publishers"] == ["borealis", "kestrel"]
    assert meta["version"] in result.output
    assert "leave-one-publisher-out" in result.output
    assert (tmp_path / "idx" / "learn-vectors.npz").is_file()  # the vector cache
    decider = Decider.load(out)
    assert decider is not None and decider.versions == {"commitment": meta["version"]}
    doc = _doc(tmp_path, DOC_B)
    kept = {c.quote.rstrip(".") for c in decider.extract(doc, chunk_document(doc), "Kestrel")}
    assert "We will notify the national regulator within 72 hours of a serious incident" in kept
    assert not any("Coding assistants have become common" in q for q in kept)


def test_train_split_and_models_option_pick_the_weights_a_run_uses(tmp_path: Path) -> None:
    gold, docs = _gold_set(tmp_path, split_b="heldout")
    out = tmp_path / "dev-heads"
    result = CliRunner().invoke(app, ["train", "--gold", str(gold), "--docs", str(docs), "-o", str(out), "--split",
                                      "dev", "--index", str(tmp_path / "idx"), "--head", "commitment", "--no-lopo"])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "commitment.json").read_text())
    assert meta["trained_on"] == ["borealis.json"]  # the held-out file stays out
    doc = tmp_path / "in" / "kestrel.md"
    doc.parent.mkdir()
    doc.write_text(DOC_B, encoding="utf-8")
    ran = CliRunner().invoke(app, ["run", str(doc.parent), "-o", str(tmp_path / "o"), "--no-index", "-q",
                                   "--models", str(out)])
    assert ran.exit_code == 0, ran.output
    written = json.loads((tmp_path / "o" / "kestrel.json").read_text())
    assert written["run"]["learned"] == {"commitment": meta["version"]}
    shipped = CliRunner().invoke(app, ["train", "--gold", str(gold), "--docs", str(docs), "--split", "dev"])
    assert shipped.exit_code != 0 and "--split needs -o/--out" in shipped.output
    missing = CliRunner().invoke(app, ["run", str(doc.parent), "-o", str(tmp_path / "o2"), "--no-index", "-q",
                                       "--models", str(tmp_path / "nowhere")])
    assert missing.exit_code != 0 and "no such folder of learned heads" in missing.output


def test_lopo_trains_without_the_publisher_it_scores(tmp_path: Path) -> None:
    from extractor.learn import train as T

    gold, docs = _gold_set(tmp_path)
    data = T.load_docs(Settings(gold_dir=gold, corpus_dir=docs, index_dir=tmp_path / "idx"), "all")
    seen: list[list[str]] = []
    real = T.train_head

    def spy(train, head, *a, **k):  # type: ignore[no-untyped-def]
        seen.append(sorted(d.publisher for d in train))
        return real(train, head, *a, **k)

    T.train_head = spy  # type: ignore[assignment]
    try:
        learned, rules = T.lopo_report(data)
    finally:
        T.train_head = real  # type: ignore[assignment]
    assert sorted(seen) == [["borealis"], ["kestrel"]]
    assert [d.document for d in learned.documents] == [d.document for d in rules.documents]
    assert learned.micro.gold == 8


def test_eval_lopo_section(tmp_path: Path) -> None:
    gold, docs = _gold_set(tmp_path, split_b="heldout")
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold), "--docs", str(docs), "--lopo", "--json",
                                      "--index", str(tmp_path / "idx")])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["lopo"]["learned"]["micro"]["gold"] == 8
    assert set(report["lopo"]["learned"]["splits"]) == {"development", "heldout"}
    assert report["learned"].get("commitment", "").startswith("commitment-")


def test_shipped_heads_decide_a_run_and_their_version_is_in_the_output(tmp_path: Path) -> None:
    meta = json.loads((MODELS_DIR / "commitment.json").read_text())
    assert meta["feature_names"] == list(FEATURE_NAMES)
    # runs use heads trained on every gold file; `extract eval` scores heads trained on the development
    # files only, so that the held-out figures stay honest
    split = json.loads((Path(__file__).resolve().parents[1] / "gold" / "split.json").read_text())
    assert set(meta["trained_on"]) == set(split["development"]) | set(split["heldout"])
    eval_meta = json.loads((EVAL_MODELS_DIR / "commitment.json").read_text())
    assert set(eval_meta["trained_on"]) == set(split["development"])
    doc_path = tmp_path / "kestrel.md"
    doc_path.write_text(DOC_B, encoding="utf-8")
    doc = load(doc_path)
    learned = Pipeline(Settings(use_index=False, backend="rules")).extract(doc)
    assert learned.run.learned["commitment"] == meta["version"]
    plain = Pipeline(Settings(use_index=False, backend="rules", learned=False)).extract(doc)
    assert plain.run.learned == {}
    assert learned.commitments  # the made-up commitments are found either way
    assert plain.commitments


def test_a_boolean_field_head_trains_records_its_lopo_gain_and_sets_its_field(tmp_path: Path) -> None:
    from extractor.learn import train as T
    from extractor.learn.decide import choose

    head = register_head(Head("test_verifiable", ("false", "true"),
                              lambda g: None if g is None else str(g.verifiable).lower(),
                              field="verifiable", value=lambda c: c == "true"))
    try:
        gold, docs = _gold_set(tmp_path)
        data = T.load_docs(Settings(gold_dir=gold, corpus_dir=docs, index_dir=tmp_path / "idx"), "all")
        models = T.train_and_save(data, ["commitment", "test_verifiable"], tmp_path / "m")
        meta = json.loads((tmp_path / "m" / "test_verifiable.json").read_text())
        assert {"lopo_accuracy", "rules_accuracy", "apply"} <= set(meta)
        by_name = {m.head: m for m in models}
        kept = choose(data[1].props, data[1].x, by_name, threshold=0.0, fields=["test_verifiable"])
        assert kept and all(isinstance(c.verifiable, bool) for c in kept)
        assert head.field_value("true") is True
    finally:
        unregister_head("test_verifiable")


def test_a_class_the_rules_keep_is_not_overruled_by_the_head(tmp_path: Path) -> None:
    from extractor.learn import train as T
    from extractor.learn.decide import choose

    # a head that has only ever seen one class: it decides every candidate but those the rules call quantitative
    register_head(Head("test_spec", ("vague", "concrete", "quantitative"), lambda g: None if g is None else "vague",
                       field="specificity", keep_rules=("quantitative",)))
    try:
        gold, docs = _gold_set(tmp_path)
        data = T.load_docs(Settings(gold_dir=gold, corpus_dir=docs, index_dir=tmp_path / "idx"), "all")
        models = {m.head: m for m in T.train_and_save(data, ["commitment", "test_spec"], tmp_path / "m")}
        for d in data:
            before = {p.cand.quote: p.cand.specificity for p in d.props}
            kept = choose(d.props, d.x, models, threshold=0.0, fields=["test_spec"])
            assert kept
            for c in kept:
                assert c.specificity == ("quantitative" if before[c.quote] == "quantitative" else "vague")
            assert any(c.specificity == "quantitative" for c in kept)
    finally:
        unregister_head("test_spec")


def test_lopo_with_one_publisher_is_a_clean_error(tmp_path: Path) -> None:
    gold, docs = _gold_set(tmp_path)
    (gold / "kestrel.json").unlink()
    (gold / "split.json").write_text(json.dumps({"development": ["borealis.json"], "heldout": []}), encoding="utf-8")
    result = CliRunner().invoke(app, ["train", "--gold", str(gold), "--docs", str(docs), "--out", str(tmp_path / "m"),
                                      "--index", str(tmp_path / "idx"), "--head", "commitment"])
    assert result.exit_code != 0 and "at least two publishers" in result.output


def test_balance_weights_even_out_publishers_and_classes() -> None:
    from extractor.learn.train import balance_weights

    y = ["a", "a", "a", "b"]
    pubs = ["big", "big", "big", "small"]
    assert balance_weights(None, y, pubs) is None
    for balance, keys in (("publisher", pubs), ("class", y)):
        w = balance_weights(balance, y, keys if balance == "publisher" else pubs)
        assert w is not None and abs(w.mean() - 1) < 1e-9
        totals = {k: sum(wi for wi, ki in zip(w, keys, strict=True) if ki == k) for k in set(keys)}
        assert abs(totals[keys[0]] - totals[keys[-1]]) < 1e-9  # each group weighs the same
    both = balance_weights("publisher+class", y, pubs)
    assert both is not None and both[3] > both[0]
    # the square root of the class weights: the rare class's total weight lies between its share and an equal one
    half = balance_weights("sqrt-class", y, pubs)
    assert half is not None and abs(half.mean() - 1) < 1e-9
    assert 1 / 4 < half[3] / half.sum() < 1 / 2


def test_a_cue_nearly_constant_in_training_does_not_decide_alone() -> None:
    # a cue present on all but two training rows (like a heading above every sentence) stands tens of
    # deviations away on a document laid out without it; the scale floor keeps the informative cue in charge
    rng = np.random.default_rng(0)
    informative = rng.integers(0, 2, 400).astype(float)
    nearly_constant = np.ones(400)
    rare = np.flatnonzero(informative == 1)[:2]
    nearly_constant[rare] = 0.0
    labels = ["yes" if v else "no" for v in informative]
    for i in rare:
        labels[i] = "no"
    x = np.stack([informative, nearly_constant], axis=1)
    model = fit("t", ("no", "yes"), x, labels, ("cue_a", "cue_b"), c=0.03)
    assert float(model.scale.min()) >= SCALE_FLOOR
    p_yes = model.proba(np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]))[:, 1]
    assert p_yes[0] > 0.5 and p_yes[1] > 0.5 and p_yes[2] < 0.5


def test_section_smoothing_pulls_a_commitment_towards_its_sections_area() -> None:
    from extractor.learn.decide import section_smoothed

    proba = np.array([[0.6, 0.4], [0.1, 0.9], [0.2, 0.8], [0.7, 0.3]])
    out = section_smoothed(proba, ["Mitigations", "Mitigations", "Mitigations", ""], 0.5)
    # the first row's own class loses to its section's: two of its three rows say the second class
    assert out[0].argmax() == 1 and proba[0].argmax() == 0
    assert np.allclose(out[3], proba[3])  # no heading: left as it was
    assert np.allclose(out.sum(axis=1), 1.0)
    assert np.allclose(section_smoothed(proba, ["A", "B", "C", "D"], 0.5), proba)  # one row per section


def test_definitions_descriptions_and_benchmark_items_carry_their_cues() -> None:
    # what a reader finds among wrongly kept items: a glossary entry, a description of the world or of the author's
    # present state, reasoning, and a list item that only names what a benchmark measures
    text = ("# Glossary\n\nBerth plan: the plan our crews will follow when a storm warning comes.\n\n"
            "# Our harbour\n\nOur tide gauges are vital for a safe berth in a storm.\n\n"
            "We do not have a fixed set of drills for every harbour.\n\n"
            "We will inspect every mooring line before each storm season.\n\n"
            "The drills we run include:\n\n● TideQuiz measures how well a crew reads the tide tables.\n\n"
            "● We will log each tide gauge reading in the harbour book.\n")
    props = {p.cand.quote: p.cues for p in propose(text, "Borealis")}
    # an entry under a glossary heading is not proposed at all (rules.glossary_spans)
    assert not any("our crews will follow" in q for q in props)
    assert next(c for q, c in props.items() if q.startswith("Our tide gauges are vital"))["description"]
    assert next(c for q, c in props.items() if q.startswith("We do not have a fixed set"))["description"]
    assert next(c for q, c in props.items() if q.startswith("TideQuiz measures"))["benchmark"]
    promise = next(c for q, c in props.items() if q.startswith("We will inspect every mooring"))
    assert not any(promise[k] for k in ("definition", "description", "benchmark", "glossary"))
    # a benchmark named in the author's own commitment is no description of the benchmark
    assert not next(c for q, c in props.items() if q.startswith("We will log each tide gauge"))["benchmark"]


def test_a_definition_with_no_modal_verb_and_no_author_is_not_proposed() -> None:
    # the guide annotates a definition only when it states a requirement on someone's conduct
    assert definition_only("The Tide Bands are a scale of bands that grade each berth by its depth.")
    assert definition_only("A berth grade refers to the depth class of a harbour.")
    assert not definition_only("We define a berth grade as the depth class of a harbour.")
    assert not definition_only("The berth grade is a measure that the harbour master must sign off.")
    text = ("# Harbour levels\n\nThe harbour uses two grades:\n\n"
            "● The Tide Bands are a scale of bands that grade each berth by its depth, "
            "from shallow to deep.\n\nOur crews will inspect every mooring line before each storm season.\n")
    quotes = [p.cand.quote for p in propose(text, "Borealis")]
    assert not any(q.startswith("The Tide Bands") for q in quotes)
    assert any(q.startswith("Our crews will inspect") for q in quotes)


def test_an_announced_summary_of_current_practice_is_not_proposed_unless_it_binds() -> None:
    # the guide annotates no statement of a current state (decision 26); a sentence with "must" there still binds.
    # The summary goes on across a page break (a footnote between) where its sentence goes on
    text = ("# Harbour\n\nThe following is a short summary of our existing harbour controls.\n\n"
            "- Tide gauges are read by the night crew and logged in the harbour ledger.\n"
            "- Every pilot must hold a reef licence and renew it with the port council.\n"
            "- Gate keys are kept in a locked cabinet at the harbour office, and\n\n"
            "4\nhttps://example.org/harbour-keys/\n\n[[page 2]]\n\n"
            "copies are held by the port council.\n"
            "- Crane cables are inspected by the yard team once a season.\n\n"
            "# Plans\n\nWe inspect each crane cable before the storm season.\n")
    quotes = [p.cand.quote for p in propose(text, "Borealis")]
    assert not any(q.startswith(("Tide gauges are read", "Crane cables are inspected", "Gate keys")) for q in quotes)
    assert any(q.startswith("Every pilot must hold a reef licence") for q in quotes)
    assert any(q.startswith("We inspect each crane cable") for q in quotes)


def test_the_items_of_an_inline_enumeration_after_a_colon_are_proposed_with_their_lead_in() -> None:
    text = ("# Drills\n\nFor a drill to count toward the season plan it must: 1) run at night with the full crew; "
            "2) cover the flooding of the lower dock; and 3) end with a written report to the harbour master.\n")
    props = propose(text, "Borealis")
    items = {p.cand.quote.rstrip("."): p for p in props if p.lead}
    assert set(items) == {"cover the flooding of the lower dock",
                          "end with a written report to the harbour master"}
    assert all(p.cues["lead_cue"] == 1.0 and p.lead.endswith("it must:") for p in items.values())


def test_a_document_the_head_is_unsure_of_keeps_its_likeliest_proposals() -> None:
    from extractor.learn.decide import document_threshold

    sure = np.array([0.9, 0.8, 0.7, 0.1, 0.05])
    unsure = np.array([0.35, 0.3, 0.25, 0.22, 0.15, 0.1, 0.05, 0.02])
    # a document with enough proposals above the threshold keeps the threshold
    assert document_threshold(sure, 0.4, 0.55, 0.2) == 0.4
    # one whose proposals all fall below it keeps its likeliest share, down to the floor and no further
    cut = document_threshold(unsure, 0.4, 0.55, 0.2)
    assert 0.2 <= cut < 0.4
    assert int((unsure >= cut).sum()) == 4
    assert document_threshold(unsure, 0.4, 0.55, 0.3) == 0.3
    # no share, no change; a floor at or above the threshold changes nothing either
    assert document_threshold(unsure, 0.4, 0.0, 0.2) == 0.4
    assert document_threshold(unsure, 0.4, 0.55, 0.5) == 0.4
    assert document_threshold(np.zeros(0), 0.4, 0.55, 0.2) == 0.4


def test_the_document_describing_itself_by_its_title_or_acronym_is_a_description() -> None:
    text = ("This Harbour Safety Plan describes how Borealis keeps its crews safe in a storm.\n\n"
            "This HSP discusses two kinds of risk and the drills our crews run.\n\n"
            "We will inspect every mooring line before each storm season.\n")
    props = {p.cand.quote: p.cues for p in propose(text, "Borealis")}
    assert all(c["description"] for q, c in props.items() if q.startswith("This H"))
    assert not props["We will inspect every mooring line before each storm season."]["description"]


def test_the_authors_act_the_rules_did_not_take_starts_at_its_verb() -> None:
    text = "We will publish reports.\n\nWe invite outside scholars to review our threshold definitions.\n"
    got = [p.cand.safeguard for p in propose(text, "Borealis") if p.source == "unit"]
    assert got == ["invite outside scholars to review our threshold definitions"]


def test_a_cell_under_a_describing_column_is_not_proposed_without_a_cue() -> None:
    text = ("| Level | Capability | Deployment safeguards |\n|---|---|---|\n| L-2 | Moderate uplift to experts | "
            "Input and output classifiers for every request |\n")
    quotes = [p.cand.quote for p in propose(text, "Borealis")]
    assert not any("uplift" in q for q in quotes) and any("classifiers" in q for q in quotes)


def test_only_the_seoul_head_learns_from_the_made_up_policies() -> None:
    split = json.loads((Path(__file__).resolve().parents[1] / "gold" / "synthetic" / "split.json").read_text())
    made_up, measured = set(split["development"]), set(split["heldout"])
    assert len(made_up) == len(measured) == 8
    for folder in ("models", "models-dev"):
        root = Path(__file__).resolve().parents[1] / "extractor" / "resources" / folder
        for meta in root.glob("*.json"):
            trained_on = set(json.loads(meta.read_text())["trained_on"])
            assert not measured & trained_on, (folder, meta.stem)  # the made-up held-out files are only measured
            if meta.stem == "seoul":
                assert made_up <= trained_on, folder
            else:
                assert not made_up & trained_on, (folder, meta.stem)
