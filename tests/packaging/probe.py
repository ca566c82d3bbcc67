"""Run by the Python of a fresh virtualenv holding only the built wheel (not the source tree): build the app,
sign in as an editor and request every GET page of the URL map. Prints one JSON line:
{"module": <where rechtenverkenner was imported from>, "pages": {url: status}}."""

import json
import re
import sys
import tempfile

import rechtenverkenner
from rechtenverkenner import create_app, db
from rechtenverkenner.services import accounts

# a value for each URL variable of the pages (a right, a municipality, a concept that has a template)
ARGUMENTS = {
    "right_id": "leefloon",
    "concept_id": "leefloon",
    "municipality": "44021",
    "filename": "style.css",
    "nis_code": "44021",
}


def main() -> None:
    folder = tempfile.mkdtemp(prefix="rv-wheel-")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder}/wheel.db", "SECRET_KEY": "wheel"})
    with app.app_context(), db.new_session() as session:
        accounts.create_user(
            session, app.extensions["catalogue"], "admin@example.org", "Beheer", "x" * 16, "admin", ["44021"]
        )
    client = app.test_client()
    form = client.get("/beheer/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    signed_in = client.post(
        "/beheer/login", data={"email": "admin@example.org", "password": "x" * 16, "csrf_token": token}
    )
    pages = {"POST /beheer/login": signed_in.status_code}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        url = rule.rule
        for name in rule.arguments:
            url = url.replace(f"<{name}>", ARGUMENTS[name]).replace(f"<path:{name}>", ARGUMENTS[name])
        pages[url] = client.get(url).status_code
    print(json.dumps({"module": rechtenverkenner.__file__, "pages": pages}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
