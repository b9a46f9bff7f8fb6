"""The OpenAPI contract of a running gateway (tests/e2e/openapi_contract_test.sh).

  contract_check.py validate BASE_URL OUT_FILE   fetch /api/openapi.json, validate it with
                                                 openapi-spec-validator, check the points of
                                                 issue 10 on the document and the live server,
                                                 save the document to OUT_FILE
  contract_check.py login BASE_URL USER ROLE     log in through the development IdP as USER,
                                                 select ROLE; print "COOKIE CSRF"
  contract_check.py summary REPORT.ndjson...     count schemathesis' requests and failures

Runs in .run/openapi-venv (scripts/openapi-venv.sh): requests comes with schemathesis.
"""

import html.parser
import json
import re
import sys
import urllib.parse

import requests
from openapi_spec_validator import validate

FAILURES = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        FAILURES.append(what)


class Form(html.parser.HTMLParser):
    """The first form of a page: its action and its inputs (hidden ones and the rest)."""

    def __init__(self, text):
        super().__init__()
        self.action = None
        self.fields = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = a.get("action")
        elif tag == "input" and a.get("name") and a.get("type", "text") == "hidden":
            self.fields[a["name"]] = a.get("value", "")


def path_of(url):
    parsed = urllib.parse.urlsplit(url)
    return parsed.path + (("?" + parsed.query) if parsed.query else "")


def login(base, user, role):
    s = requests.Session()
    r = s.get(base + "/spid/login",
              params={"idp": base + "/dev-idp", "return_to": "/"}, allow_redirects=False)
    r.raise_for_status()
    form = Form(r.text)
    r = s.post(base + path_of(form.action), data=form.fields, allow_redirects=False)
    r.raise_for_status()
    form = Form(r.text)
    fields = dict(form.fields, user=user)
    r = s.post(base + path_of(form.action or "/dev-idp/login"), data=fields, allow_redirects=False)
    r.raise_for_status()
    form = Form(r.text)
    r = s.post(base + path_of(form.action or "/spid/acs"), data=form.fields,
               allow_redirects=False)
    if r.status_code != 303:
        raise SystemExit(f"login: /spid/acs answered {r.status_code}: {r.text[:300]}")
    session = s.get(base + "/api/session").json()
    if not session.get("authenticated"):
        raise SystemExit(f"login: not authenticated: {session}")
    csrf = session["csrfToken"]
    if role:
        r = s.post(base + "/api/session/role", json={"role": role},
                   headers={"X-CSRF-Token": csrf})
        if r.status_code != 200:
            raise SystemExit(f"login: role {role}: {r.status_code} {r.text[:300]}")
        csrf = r.json().get("csrfToken", csrf)
    cookie = "; ".join(f"{c.name}={c.value}" for c in s.cookies if "session" in c.name)
    print(cookie, csrf)


def param(op, where, name):
    for p in op.get("parameters", []):
        if p["in"] == where and p["name"] == name:
            return p
    return {}


def validate_document(base, out):
    doc = requests.get(base + "/api/openapi.json").json()
    try:
        validate(doc)
        check(True, "openapi-spec-validator: the document is valid OpenAPI " + doc["openapi"])
    except Exception as e:  # noqa: BLE001 - report whatever the validator says
        check(False, f"openapi-spec-validator: {e}")
    paths = doc["paths"]

    # Constraints the server enforces are in the schema.
    page = param(paths["/api/v1/offices"]["get"], "query", "pageSize").get("schema", {})
    check(page.get("minimum") == 1 and page.get("maximum") == 100,
          "pageSize of /api/v1/offices is documented 1..100")
    date = param(paths["/api/v1/availability/day"]["get"], "query", "date")
    check(date.get("required") is True and date.get("schema", {}).get("format") == "date",
          "date of /api/v1/availability/day is a required format: date")
    month = param(paths["/api/v1/availability/month"]["get"], "query", "month")
    check(month.get("schema", {}).get("pattern") == "^[0-9]{4}-(0[1-9]|1[0-2])$",
          "month of /api/v1/availability/month has the YYYY-MM pattern")
    site = param(paths.get("/api/v1/offices/{site_code}", {}).get("get", {}), "path", "site_code")
    check(site.get("schema", {}).get("pattern") == "^[A-Z]{2}-[0-9]{2}$",
          "site_code has the site code pattern")
    # Plain path parameter names.
    dotted = [p for p in paths if re.search(r"\{[^}]*\.[^}]*\}", p)]
    check(not dotted, f"no dotted path parameter ({dotted})")
    check("patch" in paths.get("/api/v1/offices/{site_code}", {}),
          "PATCH /api/v1/offices/{site_code} is documented with a plain parameter")
    # SAML endpoints answer HTML pages.
    for path, verb in (("/spid/login", "get"), ("/spid/acs", "post")):
        responses = paths[path][verb]["responses"]
        for status in ("400",):
            content = responses.get(status, {}).get("content", {})
            check(list(content) == ["text/html"],
                  f"{verb.upper()} {path} documents its {status} as text/html ({list(content)})")
    r = requests.get(base + "/spid/login", allow_redirects=False)
    check(r.status_code == 400 and r.headers["Content-Type"].startswith("text/html"),
          f"GET /spid/login without an IdP answers 400 text/html ({r.status_code})")
    r = requests.post(base + "/spid/acs", data={"RelayState": "x"}, allow_redirects=False)
    check(r.status_code == 400 and r.headers["Content-Type"].startswith("text/html"),
          f"POST /spid/acs without SAMLResponse answers 400 text/html ({r.status_code})")
    # 405 lists the methods of the path.
    r = requests.delete(base + "/api/v1/appointments/x1:cancel")
    check(r.status_code == 405 and r.headers.get("Allow") == "POST",
          f"405 on POST-only :cancel allows POST only ({r.status_code} {r.headers.get('Allow')})")
    # Logout without a session.
    r = requests.post(base + "/api/session/logout")
    logout = paths["/api/session/logout"]["post"]
    check(r.status_code == 401 and "401" in logout["responses"] and logout["security"],
          f"POST /api/session/logout without a session: {r.status_code}, documented")
    # The transcoder refuses what the document refuses.
    r = requests.get(base + "/api/v1/offices", params={"pageSize": "101"})
    check(r.status_code == 400 and r.json().get("reason") == "INVALID_FIELD",
          f"pageSize=101 is refused with INVALID_FIELD ({r.status_code})")
    with open(out, "w") as f:
        json.dump(doc, f)
    if FAILURES:
        raise SystemExit(f"{len(FAILURES)} contract check(s) failed")


def summary(files):
    requests_sent = failures = errors = 0
    for name in files:
        with open(name) as f:
            for line in f:
                event = json.loads(line)
                for kind, body in event.items():
                    if kind == "ScenarioFinished":
                        recorder = body.get("recorder", {})
                        requests_sent += len(recorder.get("interactions", {}))
                        for checks in recorder.get("checks", {}).values():
                            failures += sum(1 for c in checks if c.get("status") == "FAILURE")
                    elif kind == "NonFatalError":
                        errors += 1
    print(f"schemathesis: {requests_sent} test cases (requests), {failures} failed checks, "
          f"{errors} errors")
    return 1 if failures or errors else 0


def main():
    if sys.argv[1] == "validate":
        validate_document(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "login":
        login(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "")
    elif sys.argv[1] == "summary":
        sys.exit(summary(sys.argv[2:]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
