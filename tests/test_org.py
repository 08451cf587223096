"""Who "we" is: the publishing organisation, or nobody when a text speaks for many."""

from __future__ import annotations

from extractor.models import Document
from extractor.org import detect_org


def _doc(text: str) -> Document:
    return Document(id="d", path="d.txt", sha256="0", title="t", text=text)


def test_the_most_frequent_known_name_is_the_author() -> None:
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
