import pytest

from search.query import MAX_QUERY_LENGTH, QueryError, parse


def test_plain_words_search_everything():
    query = parse("Terminbuchung Bürgerbüro")
    assert (query.scope, query.words) == ("all", ["Terminbuchung", "Bürgerbüro"])


@pytest.mark.parametrize(
    ("raw", "scope", "words"),
    [
        ("Content: Livestream", "content", ["Livestream"]),
        ("content:Livestream", "content", ["Livestream"]),
        ("Ort: Gütersloh", "places", ["Gütersloh"]),
        ("Orte: Köln", "places", ["Köln"]),
        ("ORT:Witten", "places", ["Witten"]),
    ],
)
def test_prefixes_choose_the_scope(raw, scope, words):
    query = parse(raw)
    assert (query.scope, query.words) == (scope, words)


def test_quotes_make_a_phrase_and_minus_excludes():
    query = parse('"Open Data" Plattform -Köln -"Gütersloh Mandant"')
    assert query.phrases == ["Open Data"]
    assert query.words == ["Plattform"]
    assert query.excluded == ["Köln", "Gütersloh Mandant"]


def test_unbalanced_quote_closes_at_the_end():
    assert parse('"Open Data').phrases == ["Open Data"]


@pytest.mark.parametrize(
    "raw",
    [
        "title:(foo OR bar)^3",
        "a\\b",
        "foo~2 bar*",
        "[1 TO 5]",
        "{x} !y && z || w",
        "\\\\",
        "/regex/",
    ],
)
def test_lucene_operators_and_backslashes_are_plain_text(raw):
    query = parse(raw)
    for word in query.words:
        assert not set(word) & set('\\+!(){}[]^"~*?:/&|')


def test_control_characters_are_removed():
    assert parse("Chat\x00bot\x1b[31m").words == ["Chat", "bot", "31m"]


def test_too_long_query_is_refused_with_a_message():
    with pytest.raises(QueryError) as error:
        parse("x" * (MAX_QUERY_LENGTH + 1))
    assert str(MAX_QUERY_LENGTH) in str(error.value)


def test_only_syntax_is_an_empty_query():
    assert parse('"" ** ()').is_empty
