"""The municipalities of Flanders and Brussels (REFNIS 2025), and NIS codes merged in 2025."""

from __future__ import annotations

from rechtenverkenner.catalog.codelists import Municipality
from rechtenverkenner.errors import BadRequest, Issue
from rechtenverkenner.services.catalogue import CatalogueContext


def municipalities(ctx: CatalogueContext, q: str = "") -> list[dict]:
    """Every municipality of Flanders and Brussels, by name, optionally filtered by name or code."""
    geography = ctx.codelists.geography
    needle = q.strip().lower()
    result = []
    for m in sorted(geography.municipalities.values(), key=lambda m: (m.name.lower(), m.code)):
        if needle and needle not in m.name.lower() and needle not in m.name_fr.lower() and needle != m.code:
            continue
        result.append(
            {
                "nisCode": m.code,
                "name": m.name,
                "nameFr": m.name_fr,
                "province": {"nisCode": m.province, "name": geography.provinces[m.province]} if m.province else None,
                "region": m.region,
                "replaces": [
                    {"nisCode": old, "name": geography.former[old][0]} for old in m.replaces if old in geography.former
                ],
            }
        )
    return result


def is_municipality(ctx: CatalogueContext, code: str) -> bool:
    """Whether code is the NIS code of a municipality today (not a merged former one)."""
    return code in ctx.codelists.geography.municipalities


def resolve_municipality(ctx: CatalogueContext, code: str, param: str = "municipality") -> Municipality:
    """The Municipality for a NIS code; a code merged in 2025 is answered with its new municipality.

    Raises BadRequest for an unknown code.
    """
    geography = ctx.codelists.geography
    if code in geography.municipalities:
        return geography.municipalities[code]
    if code in geography.former:
        return geography.municipalities[geography.former[code][1]]
    raise BadRequest(
        [
            Issue(
                "query",
                param,
                code,
                f"Unknown municipality NIS code '{code}'; see /api/v1/municipalities.",
                f"Onbekende NIS-code van een gemeente '{code}'; zie /api/v1/municipalities.",
            )
        ]
    )
