"""Fuzzing of the web forms and the editor's upload (the API has its own, schemathesis, in tests/api): random text,
NUL characters, huge values, numbers and dates out of range, repeated fields and arbitrary bytes give a 4xx or a
page, never a 500.

The field names are read from the rendered forms (every chapter of the rights check), so a new field is fuzzed
too. Each form gets a valid CSRF token: otherwise every request would stop at the CSRF check.
"""

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rechtenverkenner.services import uploads
from tests.editor.test_accounts import PASSWORD, sign_in

EXAMPLES = 40
FIELD = re.compile(r'name="([^"]+)"')
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')

# values a person, a robot or a broken client could send in a form field
NASTY = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20).map(lambda s: s + "\x00"),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "-1",
            "0",
            "1e308",
            "-1e308",
            "NaN",
            "Infinity",
            "9" * 400,
            "0.000000001",
            "1,5",
            "€ 1.234,56",
            "9999-12-31",
            "2101-01-01",
            "0001-01-01",
            "31/12/2024",
            "2024-02-30",
            "true",
            "ja",
            "on",
            "[]",
            "{}",
            "<script>alert(1)</script>",
            "'; DROP TABLE rights; --",
            "../../etc/passwd",
            "\ud7ff\ue000",
            "x" * 100_000,
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


def _token(client, path: str) -> str:
    return TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


def _form(fields: list[str]):
    """Form data: a random subset of the fields, each once or repeated, with nasty values."""
    return st.dictionaries(
        st.sampled_from(fields), st.one_of(NASTY, st.lists(NASTY, min_size=2, max_size=3)), max_size=len(fields)
    )


def _fuzz(client, url: str, fields: list[str], token: str) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=_form(fields))
    def send(data):
        response = client.post(url, data={**data, "csrf_token": token})
        assert response.status_code < 500, (url, {k: str(v)[:80] for k, v in data.items()})

    send()


def _names(html: str) -> set[str]:
    return set(FIELD.findall(html)) - {"csrf_token", "viewport"}


def test_the_leefloon_form_never_answers_500(client):
    fields = sorted(_names(client.get("/leefloon").get_data(as_text=True)))
    assert len(fields) > 40
    token = _token(client, "/leefloon")
    _fuzz(client, "/leefloon", fields, token)
    _fuzz(client, "/leefloon/afdrukken", fields, token)


def test_every_chapter_of_the_rights_check_never_answers_500(client):
    token = _token(client, "/rechtencheck")
    fields = _names(client.get("/rechtencheck").get_data(as_text=True))
    for chapter in range(1, 8):
        page = client.post(
            "/rechtencheck", data={"csrf_token": token, "municipality": "44021", "hoofdstuk": str(chapter)}
        )
        fields |= _names(page.get_data(as_text=True))
    assert len(fields) > 10
    _fuzz(client, "/rechtencheck", sorted(fields), token)
    _fuzz(client, "/rechtencheck/overzicht", ["recht", *sorted(fields)[:5]], token)


def test_search_and_the_report_form_never_answer_500(client):
    token = _token(client, "/recht/leefloon")

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True)
    @given(data=_form(["q", "gemeente", "theme", "type", "level", "targetAudience", "lifeSituation", "page", "alle"]))
    def search(data):
        for url in ("/zoeken", "/zoeken/print"):
            response = client.get(url, query_string=data)
            assert response.status_code < 500, (url, data)

    search()
    _fuzz(client, "/recht/leefloon/melding", ["melding", "website"], token)


@pytest.fixture
def admin(app, client, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOADS_PER_10_MINUTES", 10**6)  # the fuzzing sends far more than a person
    result = app.test_cli_runner().invoke(
        args=["user", "create", "beheer@vlaanderen.be", "--name", "Beheer", "--role", "admin"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0
    assert sign_in(client, "beheer@vlaanderen.be").status_code == 302
    return client


def _deep(n: int) -> bytes:
    return b"schema = 1\nid = 'x'\nconditions = [" + b"{type = 'all', of = [" * n + b"]}" * n + b"]"


# the malformed TOML files that gave 500 before (the parser's or the validation's recursion), and their kin
MALFORMED_TOML = [
    b"a = " + b"[" * 1000 + b"]" * 1000,
    b"a = " + b"{a = " * 1000 + b"1" + b"}" * 1000,
    b"a = " + b"[{a = " * 300 + b"1" + b"}]" * 300,
    _deep(300),
    _deep(41),
    b"\xef\xbb\xbfschema = 1",
    b'schema = 1\nid = "x\x00"',
    b"\xff\xfe\x00s\x00c",
    b"schema = 1\nschema = 2",
    b"[[rights]]\n[rights]",
]


@pytest.mark.parametrize("content", MALFORMED_TOML, ids=range(len(MALFORMED_TOML)))
def test_a_malformed_toml_upload_is_a_400_page_in_dutch(admin, content):
    token = _token(admin, "/beheer/upload")
    response = admin.post(
        "/beheer/upload",
        data={"csrf_token": token, "bestand": (io.BytesIO(content), "recht.toml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'lang="nl"' in html and "<li><code>" in html  # the upload page again, listing the problems in Dutch


def test_uploads_and_the_editor_forms_never_answer_500(admin):
    token = _token(admin, "/beheer/upload")
    valid = b"schema = 1\nid = 'budgetbeheer-gent'\nkind = 'instance'\nlinked_concept = 'budgetbeheer'\n"

    @settings(
        max_examples=EXAMPLES * 2,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        content=st.one_of(
            st.binary(max_size=300),
            st.text(max_size=300).map(str.encode),
            st.builds(lambda extra: valid + extra.encode(), st.text(max_size=200)),
            st.builds(
                lambda k, v: valid + f"{k} = {v}\n".encode(),
                st.sampled_from(["title", "spatial", "conditions", "start_date", "costs", "municipality"]),
                st.sampled_from(
                    ["1", "[1]", "{a = 1}", "1979-05-27T07:32:00Z", "'\\u0000'", "[[]]", "9" * 40, "inf", "nan"]
                ),
            ),
        ),
        name=st.sampled_from(["recht.toml", "recht.xlsx", "recht.json", "", "../../x", "a\x00b.toml"]),
    )
    def upload(content, name):
        response = admin.post(
            "/beheer/upload",
            data={"csrf_token": token, "bestand": (io.BytesIO(content), name)},
            content_type="multipart/form-data",
        )
        assert response.status_code < 500, (name, content[:200])

    upload()
    huge = "9" * 40
    assert admin.post(f"/beheer/publiceer/{huge}", data={"csrf_token": token}).status_code == 404
    assert admin.post(f"/beheer/melding/{huge}/sluiten", data={"csrf_token": token}).status_code == 404
    for url, fields in (
        ("/beheer/publiceer", ["upload"]),
        ("/beheer/publiceer/1", ["x"]),
        ("/beheer/recht/leefloon-gent/terugzetten", ["revision", "base_revision"]),
        ("/beheer/recht/leefloon-gent/verwijderen", ["x"]),
        ("/beheer/melding/1/sluiten", ["x"]),
        ("/beheer/login", ["email", "password"]),
    ):
        _fuzz(admin, url, fields, token)
