"""Who "we" is: the publishing organisation, or nobody when a text speaks for many."""

from __future__ import annotations

import pytest

from extractor.models import Document
from extractor.org import detect_org


def _doc(text: str, title: str = "t", path: str = "d.txt") -> Document:
    return Document(id="d", path=path, sha256="0", title=title, text=text)


def test_the_name_most_often_committing_is_the_author() -> None:
    text = "Acme notes. OpenAI will publish a report. OpenAI commits to audits. Unlike Anthropic, OpenAI will..."
    assert detect_org(_doc(text)) == "OpenAI"


def test_a_longer_name_wins_over_the_name_inside_it() -> None:
    text = "Google DeepMind's framework. We complement Google's practices. Google DeepMind will review it."
    assert detect_org(_doc(text)) == "Google DeepMind"


def test_a_list_of_signatories_has_no_single_author() -> None:
    text = "Signed by Amazon, Anthropic, Cohere, Google, IBM, Meta, Microsoft, OpenAI. Organisations commit to ..."
    assert detect_org(_doc(text)) is None


def test_an_unknown_publisher_is_found_by_its_possessive_in_the_title() -> None:
    text = "## Zeta Labs's Safety Policy\n\nWe will publish a model card. Zeta Labs's board approves changes."
    assert detect_org(_doc(text)) == "Zeta Labs"


def test_a_short_name_is_the_full_name_the_document_writes() -> None:
    # the short name alone is frequent ("Google products"), but the title names the longer one
    text = ("## Google DeepMind Model Policy\n\nWe build on Google infrastructure. Google products use our models. "
            "Google services ship them. Google teams review them. Google DeepMind will publish evaluations.")
    assert detect_org(_doc(text)) == "Google DeepMind"


def test_an_unknown_two_word_publisher_keeps_both_words() -> None:
    text = ("## Safety policy\n\nNorthwind Robotics will notify the regulator of incidents. Under this policy "
            "Northwind Robotics will also publish an annual report.")
    assert detect_org(_doc(text)) == "Northwind Robotics"


def test_a_one_line_page_naming_its_author_as_subject() -> None:
    text = "Acme will notify the national regulator within 72 hours of any serious incident.\n"
    assert detect_org(_doc(text)) == "Acme"


def test_a_sentence_opening_noun_is_not_an_author() -> None:
    text = "Evaluations will be run on every model. Results will be kept for a year.\n"
    assert detect_org(_doc(text)) is None


def test_no_author_named_warns_once_and_uses_the_file_name(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    import logging

    from extractor.config import Settings
    from extractor.load import load
    from extractor.pipeline import Pipeline

    path = tmp_path / "lighthouse_policy.md"
    path.write_text("## Policy\n\nWe will publish a safety report before each release.\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="extractor"):
        out = Pipeline(Settings(use_index=False, backend="rules")).extract(load(path))
    assert out.document.org == "lighthouse policy"
    warnings = [r for r in caplog.records if "no organisation" in r.getMessage()]
    assert len(warnings) == 1 and "lighthouse_policy.md" in warnings[0].getMessage()
    assert out.commitments and out.commitments[0].actor == "lighthouse policy"
    named = Pipeline(Settings(use_index=False, backend="rules", org="Lighthouse")).extract(load(path))
    assert named.document.org == "Lighthouse"


def test_a_commitment_with_the_author_as_named_subject_is_found(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from extractor.config import Settings
    from extractor.load import load
    from extractor.pipeline import Pipeline

    path = tmp_path / "page.html"
    path.write_text("<html><body><p>Acme will notify the national regulator within 72 hours of any serious "
                    "incident.</p></body></html>", encoding="utf-8")
    for learned in (True, False):
        out = Pipeline(Settings(use_index=False, backend="rules", learned=learned)).extract(load(path))
        assert out.document.org == "Acme"
        assert [c.actor for c in out.commitments] == ["Acme"], learned


def test_a_title_that_opens_with_the_name_does_not_lengthen_it() -> None:
    # the short name is the author; "Baidu Shield" only ever opens the document's title
    text = ("## Baidu Shield Frontier Model Framework\n\nBaidu will test each model. Baidu publishes a report. "
            "The Baidu Shield Frontier Model Framework sets out how Baidu reviews models. Baidu trains staff.")
    assert detect_org(_doc(text)) == "Baidu"


def test_an_unknown_author_named_in_the_title_and_stating_its_practice() -> None:
    text = ("## Northwind Robotics Release Framework\n\nNorthwind Robotics tests each model before release. "
            "Northwind Robotics restricts access to model weights. The release team keeps a log.\n")
    assert detect_org(_doc(text, "Northwind Robotics Release Framework")) == "Northwind Robotics"
    # one such sentence is not enough: a name in a title may be a product or a place
    once = text.replace("Northwind Robotics restricts", "The company restricts")
    assert detect_org(_doc(once, "Northwind Robotics Release Framework")) is None


def test_a_name_styled_in_capitals_is_written_as_the_document_writes_it() -> None:
    text = "## SAMSUNG Safety Policy\n\nSAMSUNG will test each model. SAMSUNG publishes a report. We train staff."
    assert detect_org(_doc(text)) == "SAMSUNG"


def test_a_name_followed_by_a_versioned_document_name_is_not_lengthened() -> None:
    # "Baidu RSF 2.0" is the document (its running header), not a longer name of the publisher
    text = ("Baidu RSF 2.0\n\nBaidu will test each model.\n\nBaidu RSF 2.0\n\nBaidu publishes a report.\n\n"
            "Baidu RSF 2.0\n\nThe Baidu RSF sets out how we review models.")
    assert detect_org(_doc(text)) == "Baidu"


def test_the_author_is_found_from_the_document_alone() -> None:
    # no list of publishers: a name the code has never seen, named the ways a policy names its author
    text = ("borealis.com\n\n## Safety Policy\n\nAt Borealis, we build forecasting models. Borealis's approach to "
            "risk is set out below. The Safety Review Group (SRG) will approve each release. SRG will publish a "
            "note. SRG will meet monthly. SRG will keep minutes.")
    assert detect_org(_doc(text)) == "Borealis"


def test_a_term_the_document_defines_or_a_source_it_cites_is_not_the_author() -> None:
    # "SRG" commits most often, but the document defines it; a web address far from the cover is a citation
    text = ("## Safety Policy\n\nThe Safety Review Group (SRG) will approve each release. SRG will publish a note. "
            "SRG will meet monthly. Corvid will train its staff. " + "We test models. " * 120
            + "See evalhub.org for the method.")
    assert detect_org(_doc(text)) == "Corvid"


def test_a_brand_written_in_camel_case_is_part_of_the_name_but_a_subsidiary_is_not() -> None:
    text = ("## Model Policy\n\nOrion's framework applies to every model. Orion will publish evaluations. "
            "Orion DeepLab is responsible for the evaluations.")
    assert detect_org(_doc(text)) == "Orion DeepLab"
    subsidiary = text.replace("Orion DeepLab is", "Orion OpCo, LLC is")
    assert detect_org(_doc(subsidiary)) == "Orion"


def test_a_host_publishing_a_list_of_signatories_is_not_their_author() -> None:
    parties = ("Acme", "Borealis", "Corvid Labs", "Dunmore", "Eastwick", "Fenland", "Glenrock")
    names = "".join(f"- {n}\n\n" for n in parties)
    text = ("## Joint Safety Commitments\n\n© Harbour Office 2025\n\nThe following organisations agreed to the "
            f"commitments:\n\n{names}Organisations will publish a safety framework.\n")
    assert detect_org(_doc(text)) is None
    # the same list in a policy whose author speaks as itself
    own = text + "Acme will publish its framework. Acme will report on its progress. Acme's board approves it.\n"
    assert detect_org(_doc(own)) == "Acme"


def test_an_author_named_in_the_title_and_once_inside_a_sentence_with_its_practice() -> None:
    text = ("## Kestrel Works Safety Plan\n\nThis plan sets out how Kestrel Works reviews each model before release. "
            "We publish a summary of each review.\n")
    assert detect_org(_doc(text, "Kestrel Works Safety Plan")) == "Kestrel Works"


def test_the_legal_name_keeps_a_word_that_elsewhere_names_a_thing() -> None:
    text = ("## Lumen Responsible AI Commitments\n\nAt Lumen Systems, we test each model before release. Lumen "
            "publishes a report each year.\n\n© 2026 Lumen Systems Inc. All rights reserved.\n")
    assert detect_org(_doc(text, "Lumen Responsible AI Commitments", "d.html")) == "Lumen Systems"


def test_a_company_name_opening_the_title_and_used_again_names_an_author_no_sentence_names() -> None:
    text = ("Heron Labs Model Safety Plan\n\nWe test every model before release.\n\n"
            "1 Heron Labs, internal note on testing, 2025.\n")
    assert detect_org(_doc(text, "Heron Labs Model Safety Plan")) == "Heron Labs"
    # only in the title, or a name that may be a product's: not enough
    once = _doc(text.replace("1 Heron Labs, internal", "1 An internal"), "Heron Labs Model Safety Plan")
    assert detect_org(once) is None
    product = Document(id="p", path="p.txt", sha256="0", title="Gemma Robotics Safety Plan",
                       text="Gemma Robotics Safety Plan\n\nWe test. Gemma Robotics ships soon.\n")
    assert detect_org(product) is None


def test_a_legal_text_names_its_author_once_with_the_short_names_it_then_uses() -> None:
    # the text then says "the Company", never the name: the definition is the evidence
    text = ('WREN ROBOTICS, INC.\n\nSAFETY POLICY\n\n1.1 This policy describes how Wren Robotics, Inc. ("Wren" or the '
            '"Company") manages risk.\n\n3.1 The Company shall test each model before release.\n')
    assert detect_org(_doc(text)) == "Wren Robotics"
    affiliates = ('This policy of Birch Ltd (together with its affiliates, "we") sets out how we test. '
                  'We will test models.')
    assert detect_org(_doc(affiliates)) == "Birch"
    # a short name defined for someone else's name is no evidence of authorship
    partner = 'Acme Robotics ("ARX") is our partner. We will test models with ARX.'
    assert detect_org(_doc(partner)) is None


def test_a_company_named_word_ai_and_one_the_cover_introduces_as_a_maker() -> None:
    text = "# Wren AI Flood Standard\n\nWren AI trains flood-forecasting models. Our teams must follow this standard.\n"
    assert detect_org(_doc(text, "Wren AI Flood Standard")) == (
        "Wren AI")
    # the policy's own vocabulary ending in AI is no name
    assert detect_org(_doc("# Frontier AI Standard\n\nFrontier AI trains quickly. We test.\n")) is None
    cover = "Pinecone Frontier Plan\n\nPinecone builds assistants for harbours. We will test every model.\n"
    assert detect_org(_doc(cover, "Pinecone Frontier Plan")) == (
        "Pinecone")


def test_a_cover_byline_with_the_version_names_the_publisher() -> None:
    text = ("# Tern Flood Policy\n\nTern Research, version 2.3, effective 1 December 2026.\n\n"
            "We will test every pump.\n")
    assert detect_org(_doc(text, "Tern Flood Policy")) == "Tern Research"


def test_a_copyright_line_names_the_author_with_the_word_that_ends_its_name() -> None:
    text = ("## Drill questions\n\nDo you drill? Yes. Drills are repeated each quarter.\n\n"
            "© 2026 Fennis Systems. All rights reserved.\n")
    assert detect_org(_doc(text)) == "Fennis Systems"


def test_when_nothing_names_the_author_the_title_and_the_file_name_may_agree_on_it() -> None:
    from extractor.org import fallback_org

    def doc(path: str, title: str) -> Document:
        return Document(id="d", path=path, sha256="0", title=title, text=f"# {title}\n\nDrills are repeated.\n")

    assert fallback_org(doc("docs/quarry_drill_plan.md", "Quarry Flood Drill Plan")) == "Quarry"
    assert fallback_org(doc("docs/quarry_plan.md", "Quarry Robotics Drill Plan")) == "Quarry Robotics"
    assert fallback_org(doc("docs/quarry_update.md", "Quarry AI: Drill Update")) == "Quarry AI"
    # a title opening with the policy's vocabulary, or with a word the file name does not open with, names nobody
    assert fallback_org(doc("docs/safety_plan.md", "Safety Drill Plan")) == "safety plan"
    assert fallback_org(doc("docs/quarry_plan.md", "Flood Drill Plan")) == "quarry plan"


def test_a_name_after_a_preposition_is_not_the_subject() -> None:
    text = "Teams across Quarry must drill. Staff at Quarry must log drills. Heron Labs will publish the drill book."
    assert detect_org(_doc(text)) == "Heron Labs"


@pytest.mark.parametrize(("text", "org"), [
    # a legal form after the name is no part of it
    ("## Responsible Scaling\n\nPelorus Intelligence Inc. · Policy version 3.0 · Effective June 2, 2026\n\n"
     "We evaluate every model. Pelorus publishes a report.\n\n© 2026 Pelorus Intelligence Inc. All rights reserved.\n",
     "Pelorus Intelligence"),
    # a legal text names its author once, with "the Company" as its short name
    ('Plover AI Co., Ltd.\nSafety Rules\n\nArticle 1 (Purpose)\nThese Rules set out how Plover AI Co., Ltd. '
     '(hereinafter "the Company") manages risk.\n\nArticle 2 (Assessment)\nThe Company shall assess each model.\n',
     "Plover AI"),
])
def test_the_name_without_its_legal_form(text: str, org: str) -> None:
    assert detect_org(_doc(text)) == org


def test_a_legal_text_commits_under_the_short_name_it_gives_its_author() -> None:
    # 'X plc (the "Company")', then "The Company shall ...": X is the author, not a defined term that is a subject once
    text = ("1.1 Harrow Instruments plc (the \"Company\") builds measuring software.\n"
            "(f) \"Major Fault\" means an event in which a model causes harm; and\n"
            "4.6 An engineer who suspects a Major Fault must tell the Head of Assurance.\n"
            "5.1 The Company shall test every model. 5.2 The Company shall keep records for 7 years.\n"
            "5.3 The Company will publish a summary each year.\n")
    assert detect_org(_doc(text)) == "Harrow Instruments"


def test_a_name_set_in_capitals_on_the_cover_vouches_for_the_same_name_in_the_text() -> None:
    text = ("VANTIS LABS\nFrontier Safety Framework\nVersion 1.2\n\nVantis Labs SAS, Lyon\n\n"
            "1. Introduction\nVantis Labs develops foundation models for businesses. We will test each model "
            "before release, and models used only within Vantis Labs are tested too.\n")
    assert detect_org(_doc(text, "VANTIS LABS Frontier Safety Framework")) == "Vantis Labs"


def test_a_title_that_is_only_the_name_in_capitals_vouches_for_it() -> None:
    text = ("ALTON RESEARCH\n\nFrontier AI Framework\n\n1 Introduction\n\nAlton Research builds language models. "
            "This document sets out how Alton Research identifies risks, and how we test each model.\n")
    assert detect_org(_doc(text, "ALTON RESEARCH")) == "Alton Research"


def test_a_body_a_level_code_and_a_cited_report_are_no_author() -> None:
    # "the Evaluation Unit will X", "A4 requires Y" among levels A1-A4, "RAND's report": none of them is the author
    text = ("## Pike Robotics Agent Framework\n\nPike Robotics is a start-up based in Leeds. We will test each agent.\n"
            "The Evaluation Unit will run the tests. The Evaluation Unit will report to the board.\n"
            "Levels A1, A2, A3 and A4 are defined below. A4 requires a full stop of the agent.\n"
            "We follow the level described in RAND's report on securing weights.\n")
    assert detect_org(_doc(text, "Pike Robotics Agent Framework")) == "Pike Robotics"
    # a company's own code name with no series beside it is a name
    assert detect_org(_doc("K42 will test every model. K42 will publish a report. K42's board approves it.\n")) == "K42"


def test_one_legal_entity_called_the_company_afterwards_is_the_author() -> None:
    text = ("PREAMBLE\n\nSaikyo Optics Co., Ltd. has built large models since 2019. The Company shall test every "
            "model. The Company shall keep records for seven years. The Company shall report to the board each year.\n")
    assert detect_org(_doc(text, "FRONTIER AI SAFETY POLICY")) == "Saikyo Optics"


def test_a_cover_line_naming_a_legal_entity_alone_names_the_author() -> None:
    text = ("Crane Autonomy Preparedness Code\nTern Robotics, Inc.\n\nVersion 1.0 - Effective 2 May 2026\n\n"
            "Tern Robotics builds software that steers port cranes. This code sets out how we test it. It applies to "
            "every crane system that Tern Robotics trains or ships, including systems built on licensed parts.\n\n"
            "We will test every release. Our first crane product, Tern Lift, shipped in 2024.\n")
    assert detect_org(_doc(text, title="Crane Autonomy Preparedness Code")) == "Tern Robotics"
    # without the cover line, the present tense alone under a title it does not open is not enough
    assert detect_org(_doc(text.replace("Tern Robotics, Inc.\n", ""), title="Crane Autonomy Preparedness Code")) \
        != "Tern Robotics"
