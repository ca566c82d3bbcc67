"""What an editor may publish: a right that applies only within their own municipalities, at the local level.

One check for every route that publishes or removes a right (TOML upload, workbook, LPDC import,
rollback, removal): the publishing service runs it inside the publishing transaction, and the
previews run it too so that a refusal comes before a draft is stored. Administrators keep full rights;
what protects the catalogue itself (a concept that still has local versions is never removed) holds
for them too.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from rechtenverkenner.catalog.codelists import Geography
from rechtenverkenner.errors import Issue, Refused
from rechtenverkenner.models import Right
from rechtenverkenner.services.catalogue import CatalogueContext

LOCAL = "Lokaal"
# A local right is executed by the local government or by third parties it appoints (a vzw, a
# company); never by the Flemish, federal or European government.
LOCAL_EXECUTORS = {"Lokaal", "Derden"}


def _mine(user: dict) -> set[str]:
    return {m["nisCode"] for m in user["municipalities"]}


def owns(user: dict, doc: dict) -> bool:
    """Whether a published right belongs to the user: an administrator owns every right, an editor the
    local versions of their municipalities and the local rights that apply only within them."""
    if user["role"] == "admin":
        return True
    mine = _mine(user)
    if doc.get("kind") == "instance":
        return doc.get("municipality") in mine
    spatial = set(doc.get("spatial") or [])
    return doc.get("competent_authority_level") == [LOCAL] and bool(spatial) and spatial <= mine


def _issue(name: str, en: str, nl: str) -> Issue:
    return Issue("file", name, None, en, nl)


def _names(codes, geography: Geography) -> str:
    return ", ".join(f"{geography.scope_label(c)} ({c})" if geography.scope_label(c) != c else c for c in codes)


def _owner(doc: dict, geography: Geography) -> str:
    if doc.get("kind") == "instance" and doc.get("municipality"):
        return f"de gemeente {_names([doc['municipality']], geography)}"
    return "een ander bestuur"


def scope_issues(user: dict, doc: dict, concept: dict | None, geography: Geography) -> list[Issue]:
    """Why an editor may not publish doc (a document as uploaded, before it inherits from its concept):
    one issue per field, in Dutch; [] when they may. concept is the document of its linked concept."""
    if user["role"] == "admin":
        return []
    mine = _mine(user)
    managed = _names(sorted(mine), geography) or "geen enkele gemeente"
    issues = []
    competent = doc.get("competent_authority_level") or []
    executing = doc.get("executing_authority_level") or []
    spatial = doc.get("spatial") or []
    if doc.get("kind") == "instance":
        municipality = doc.get("municipality") or ""
        if municipality not in mine:
            issues.append(
                _issue(
                    "municipality",
                    f"You do not manage municipality '{municipality}'; you manage {managed}.",
                    f"Je beheert de gemeente '{municipality}' niet. Je beheert {managed}.",
                )
            )
        outside = [c for c in spatial if c != municipality]
        if outside:
            issues.append(
                _issue(
                    "spatial",
                    f"A local version applies only in its own municipality ({municipality}), not in "
                    f"{', '.join(outside)}.",
                    f"Een lokale versie geldt alleen in haar eigen gemeente ({municipality}). Verwijder "
                    f"{_names(outside, geography)} uit spatial.",
                )
            )
        inherited_competent = (concept or {}).get("competent_authority_level") or []
        if competent and competent != [LOCAL] and competent != inherited_competent:
            issues.append(
                _issue(
                    "competent_authority_level",
                    "A local version keeps the competent level of its concept or is Lokaal.",
                    f"Een lokale versie neemt het bevoegd bestuursniveau van haar concept over of is "
                    f"'{LOCAL}'; '{', '.join(competent)}' mag niet. Laat het veld leeg om het van het "
                    f"concept over te nemen.",
                )
            )
        inherited_executing = (concept or {}).get("executing_authority_level") or []
        if executing and not set(executing) <= LOCAL_EXECUTORS and executing != inherited_executing:
            issues.append(
                _issue(
                    "executing_authority_level",
                    "A local version is executed locally (Lokaal or Derden) or as its concept says.",
                    f"Een lokale versie wordt lokaal uitgevoerd ('Lokaal' of 'Derden') of zoals haar concept "
                    f"zegt; '{', '.join(executing)}' mag niet.",
                )
            )
        return issues
    # a right of its own (kind = "concept"): only a local right of the editor's own municipalities
    outside = [c for c in spatial if c not in mine]
    if not spatial or outside:
        issues.append(
            _issue(
                "spatial",
                f"A right you publish applies only within the municipalities you manage ({managed}).",
                f"Een recht dat je publiceert, geldt alleen in de gemeenten die je beheert ({managed})"
                + (f"; {_names(outside, geography)} valt daarbuiten." if outside else "; vul spatial in."),
            )
        )
    if competent != [LOCAL]:
        issues.append(
            _issue(
                "competent_authority_level",
                "A right you publish has competent level Lokaal only.",
                f"Een recht dat je publiceert, heeft als bevoegd bestuursniveau alleen '{LOCAL}'"
                + (f", niet '{', '.join(competent)}'." if competent else "."),
            )
        )
    if not set(executing) <= LOCAL_EXECUTORS:
        issues.append(
            _issue(
                "executing_authority_level",
                "A right you publish is executed locally (Lokaal or Derden).",
                f"Een recht dat je publiceert, wordt lokaal uitgevoerd ('Lokaal' of 'Derden'), niet door "
                f"'{', '.join(sorted(set(executing) - LOCAL_EXECUTORS))}'.",
            )
        )
    return issues


def local_versions(session: Session, concept_id: str) -> list[Right]:
    """The published local versions (instances) of a concept."""
    return list(
        session.execute(select(Right).where(Right.linked_concept == concept_id).order_by(Right.id)).scalars().all()
    )


def check(session: Session, ctx: CatalogueContext, user: dict, right_id: str, doc: dict | None) -> None:
    """Raise Refused unless the user may publish doc as right_id (None: remove it) over what is published.

    doc is the document as uploaded (before it inherits from its concept). Refused names every field:
    the right's id when the published right belongs to another municipality (no overwrite, no removal,
    no rollback over it), the fields that reach outside the editor's municipalities or the local level,
    and the local versions that still use a concept that would be removed or stop being a concept.
    """
    geography = ctx.codelists.geography
    current = session.get(Right, right_id)
    current_doc = json.loads(current.document) if current is not None else None
    if current_doc is not None and not owns(user, current_doc):
        owner = _owner(current_doc, geography)
        raise Refused(
            right_id,
            [
                _issue(
                    "id",
                    f"The right '{right_id}' belongs to {owner}; you may not change or remove it.",
                    f"Het recht '{right_id}' hoort bij {owner}: je mag het niet wijzigen, terugzetten of "
                    f"verwijderen. Kies een andere id voor een eigen recht.",
                )
            ],
        )
    if doc is not None:
        concept = None
        if doc.get("kind") == "instance" and doc.get("linked_concept"):
            row = session.get(Right, doc["linked_concept"])
            concept = json.loads(row.document) if row is not None else None
        issues = scope_issues(user, doc, concept, geography)
        if issues:
            raise Refused(right_id, issues)
    if current is not None and current.kind == "concept" and (doc is None or doc.get("kind") != "concept"):
        versions = local_versions(session, right_id)
        if versions:
            listed = ", ".join(
                f"{v.id} ({geography.scope_label(v.municipality)})" if v.municipality else v.id for v in versions
            )
            raise Refused(
                right_id,
                [
                    _issue(
                        "id",
                        f"The concept '{right_id}' still has local versions: {listed}.",
                        f"Het concept '{right_id}' heeft nog lokale versies: {listed}. Die zouden hun titel en "
                        f"inhoud verliezen. Verwijder eerst die lokale versies of koppel ze aan een ander concept.",
                    )
                ],
                status=409,
            )
