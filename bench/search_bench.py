"""Search at the scale of all of Flanders and Brussels: load time and HTTP latency, SQLite and PostgreSQL.

Generates a synthetic catalogue (the real concepts and instances, plus MUNICIPALITIES x PER_MUNICIPALITY
local rights), validates and loads it, serves it with gunicorn as in production, and measures search
over HTTP with typical queries, facets and a municipality. Prints a Markdown table.

    python bench/search_bench.py --backend sqlite --backend postgres
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from common import ROOT, percentile, start_gunicorn  # bench/ is on sys.path when run as a script
from sqlalchemy import create_engine, text
from sqlmodel import Session

sys.path.insert(0, str(ROOT))

from rechtenverkenner import db
from rechtenverkenner.catalog import files, publish
from rechtenverkenner.catalog.codelists import load_codelists
from rechtenverkenner.catalog.search import Analyzer

WORDS = [
    "hulp",
    "premie",
    "toelage",
    "tussenkomst",
    "korting",
    "ondersteuning",
    "begeleiding",
    "advies",
    "gezin",
    "kinderen",
    "ouderen",
    "jongeren",
    "huurders",
    "eigenaars",
    "studenten",
    "werkzoekenden",
    "inwoners",
    "vrijetijd",
    "sport",
    "cultuur",
    "energie",
    "water",
    "afval",
    "mobiliteit",
    "fiets",
    "bus",
    "zorg",
    "thuiszorg",
    "mantelzorg",
    "woning",
    "renovatie",
    "isolatie",
    "schoolkosten",
    "opvang",
    "maaltijden",
    "voedselbank",
    "kledij",
    "meubels",
    "verhuis",
    "huurwaarborg",
    "schulden",
    "budget",
    "inkomen",
    "attest",
    "aanvraag",
    "sociaal",
    "huis",
    "ocmw",
    "gemeente",
    "stad",
    "lokaal",
    "dienst",
    "loket",
]
QUERIES = [
    ("leefloon", {}),
    ("huurpremie", {}),
    ("maximumfactuur", {}),
    ("kinderopvang", {"level": "flemish"}),
    ("premie", {"theme": "BouwenWonen"}),
    ("verwarmingstoelage", {}),
    ("schulden", {"lifeSituation": "schulden"}),
    ("", {"lifeSituation": "laag-inkomen"}),
    ("toelage energie", {}),
    ("leeflon", {}),
    ("zorgbudget", {}),
    ("", {"level": "local", "type": "FinancieelVoordeel"}),
    ("sociaal huis", {}),
    ("studiebeurs", {}),
    # sentence-style queries, as clients and social workers describe a problem (catalog/problems.toml)
    ("energiefactuur te hoog", {}),
    ("ik kan mijn huur niet betalen", {}),
    ("tandarts te duur", {}),
    ("ik heb schulden en de deurwaarder komt", {}),
    ("ik slaap op straat", {}),
    ("mijn pensioen is te klein", {}),
    # long, misspelt and several-problem sentences (rounds 4 and 5 of the held-out queries)
    ("oma is 78 met klein pensioen en kan nie goed meer stappen krijgt ze extra steun", {}),
    ("de deurwarder staat aan de deur", {}),
    ("ik ben gehandicapt en kan niet gaan werken, welke uitkering", {}),
    ("mijn man is overleden, krijg ik nu zijn pensioen", {}),
    ("GRAPA", {}),
]


def synthetic_documents(codelists, municipalities: int, per_municipality: int, seed: int = 7) -> list[dict]:
    """The real catalogue plus generated local rights: one instance per concept, then local concepts."""
    rng = random.Random(seed)
    base = files.read_folder(ROOT / "catalog", codelists)
    concepts = [d for d in base if d["kind"] == "concept" and d["spatial"] != ["BHG"]]
    geography = codelists.geography
    codes = sorted(geography.municipalities)[:municipalities]
    raw = []
    for nis in codes:
        name = geography.municipalities[nis].name
        for index in range(per_municipality):
            if index < len(concepts):
                concept = concepts[index]
                raw.append(
                    {
                        "schema": 1,
                        "id": f"{concept['id']}-{nis}",
                        "kind": "instance",
                        "linked_concept": concept["id"],
                        "municipality": nis,
                        "title": f"{concept['title']} – {name}",
                        "spatial": [nis],
                        "source_url": "https://example.org/synthetic",
                        "last_reviewed": "2026-01-01",
                        "additional_description": " ".join(rng.choices(WORDS, k=25)),
                    }
                )
            else:
                words = rng.choices(WORDS, k=4)
                raw.append(
                    {
                        "schema": 1,
                        "id": f"lokaal-{nis}-{index}",
                        "kind": "concept",
                        "title": f"{words[0].capitalize()} {words[1]} {words[2]} ({name})",
                        "summary": " ".join(rng.choices(WORDS, k=15)).capitalize() + ".",
                        "description": " ".join(rng.choices(WORDS, k=80)).capitalize() + ".",
                        "product_type": rng.choice(
                            ["FinancieelVoordeel", "AdviesBegeleiding", "InfrastructuurMateriaal"]
                        ),
                        "themes": [rng.choice(list(codelists.themes.labels))],
                        "target_audiences": ["Burger"],
                        "life_situations": rng.sample(list(codelists.life_situations.labels), 2),
                        "competent_authority_level": ["Lokaal"],
                        "executing_authority_level": ["Lokaal"],
                        "spatial": [nis],
                        "keywords": rng.choices(WORDS, k=3),
                        "source_url": "https://example.org/synthetic",
                        "last_reviewed": "2026-01-01",
                        "requirements": [{"title": "Inwoner", "description": " ".join(rng.choices(WORDS, k=12))}],
                    }
                )
    by_id = {d["id"]: d for d in base}
    docs = list(base)
    for item in raw:
        doc, issues = files.parse_document(item, codelists)
        if issues:
            raise SystemExit(f"synthetic document {item['id']} is invalid: {issues[:3]}")
        docs.append(files.resolve(doc, by_id.get(doc["linked_concept"])))
    return docs


def load(url: str, docs, codelists) -> float:
    engine = db.make_engine(url)
    db.upgrade(engine)
    start = time.perf_counter()
    with Session(engine) as session:
        publish.replace_catalogue(session, docs, codelists, Analyzer(codelists.synonyms), force=True)
        session.commit()
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


def measure(base: str, codes: list[str], rounds: int, seed: int = 11) -> tuple[list[float], int]:
    rng = random.Random(seed)
    latencies, total_items = [], 0
    # warm every worker's vocabulary cache first
    for _ in range(20):
        urllib.request.urlopen(base + "/api/v1/rights?q=leefloon&municipality=" + codes[0]).read()
    for _ in range(rounds):
        q, facets = rng.choice(QUERIES)
        params = {"municipality": rng.choice(codes), "pageSize": 20, **facets}
        if q:
            params["q"] = q
        url = base + "/api/v1/rights?" + urllib.parse.urlencode(params)
        start = time.perf_counter()
        body = urllib.request.urlopen(url).read()
        latencies.append((time.perf_counter() - start) * 1000)
        total_items += json.loads(body)["total"]
    return latencies, total_items


def fresh_postgres(admin_url: str) -> tuple[str, callable]:
    name = f"rv_bench_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return admin_url.rsplit("/", 1)[0] + f"/{name}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--municipalities", type=int, default=300)
    parser.add_argument("--per-municipality", type=int, default=150)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    backends = args.backend or ["sqlite"]

    codelists = load_codelists(ROOT / "catalog")
    start = time.perf_counter()
    docs = synthetic_documents(codelists, args.municipalities, args.per_municipality)
    generate_and_validate = time.perf_counter() - start
    codes = sorted(codelists.geography.municipalities)[: args.municipalities]
    print(f"{len(docs)} rights generated and validated in {generate_and_validate:.1f} s", flush=True)

    rows = []
    for backend in backends:
        cleanup = None
        if backend == "sqlite":
            folder = tempfile.mkdtemp(prefix="rv-bench-")
            url = f"sqlite:///{folder}/bench.db"
        else:
            url, cleanup = fresh_postgres(args.postgres)
        try:
            load_time = load(url, docs, codelists)
            print(f"{backend}: loaded in {load_time:.1f} s", flush=True)
            process, port = start_gunicorn(url, args.workers, args.threads, catalog_load_on_start="false")
            base = f"http://127.0.0.1:{port}"
            try:
                latencies, _ = measure(base, codes, args.requests)
            finally:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
        finally:
            if cleanup:
                cleanup()
        rows.append(
            (
                backend,
                len(docs),
                generate_and_validate + load_time,
                load_time,
                statistics.median(latencies),
                percentile(latencies, 95),
                percentile(latencies, 99),
            )
        )

    print()
    print("| backend | rights | full load (validate + load) s | load into database s | p50 ms | p95 ms | p99 ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for backend, count, full, load_time, p50, p95, p99 in rows:
        print(f"| {backend} | {count} | {full:.1f} | {load_time:.1f} | {p50:.1f} | {p95:.1f} | {p99:.1f} |")


if __name__ == "__main__":
    main()
