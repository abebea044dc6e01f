"""The judged set behind `make eval-search` stays well-formed and names pages that exist, so it
cannot rot silently when the demo corpus changes. No scores here: the script measures those."""

import importlib.util
import io
import re
from collections import Counter
from pathlib import Path

import pytest

from django.core.management import call_command

from search.query import parse

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("eval_search", ROOT / "bench" / "eval_search.py")
eval_search = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_search)

KEY = re.compile(r"^(project:[a-z0-9-]+/[a-z0-9-]+|city:[a-z0-9-]+|event:[a-z0-9-]+)$")
QUERIES, PEERS = eval_search.load_judged()


def test_judged_queries_are_well_formed():
    for item in QUERIES:
        assert set(item) <= {"query", "class", "relevant", "note"}, item
        assert {"query", "class", "relevant"} <= set(item), item
        assert isinstance(item["query"], str) and not parse(item["query"]).is_empty, item
        assert item["class"] in eval_search.CLASSES, item
        relevant = item["relevant"]
        assert isinstance(relevant, list) and len(set(relevant)) == len(relevant), item
        assert all(isinstance(key, str) and KEY.match(key) for key in relevant), item
        # Only the "absent" class judges that nothing in the corpus answers the query.
        assert (item["class"] == "absent") == (not relevant), item
    spelled = Counter(item["query"].casefold() for item in QUERIES)
    assert [query for query, times in spelled.items() if times > 1] == []


def test_the_judged_queries_cover_every_class():
    judged = [item for item in QUERIES if item["relevant"]]
    assert len(judged) >= 60
    per_class = Counter(item["class"] for item in QUERIES)
    assert per_class["absent"] >= 5
    for kind in eval_search.CLASSES:
        assert per_class[kind] >= 5, kind


def test_peer_descriptions_are_well_formed():
    assert len(PEERS) >= 12
    for item in PEERS:
        assert set(item) <= {"city", "text", "relevant", "related", "note"}, item
        assert item["city"] and len(item["text"].split()) >= 20, item
        relevant, related = item["relevant"], item.get("related", [])
        assert relevant, item
        keys = [*relevant, *related]
        assert len(set(keys)) == len(keys), item  # relevant and related do not overlap
        assert all(KEY.match(key) and key.startswith("project:") for key in keys), item


@pytest.mark.django_db
def test_every_judged_key_names_a_page_of_the_demo_corpus():
    call_command("load_demo", stdout=io.StringIO())
    pages = set(eval_search.page_keys().values())

    judged = {key for item in QUERIES for key in item["relevant"]}
    judged |= {key for item in PEERS for key in [*item["relevant"], *item.get("related", [])]}
    assert sorted(judged - pages) == []
    # The keys the script builds are distinct, so a hit always maps to one judged page.
    assert len(pages) == len(eval_search.page_keys())
