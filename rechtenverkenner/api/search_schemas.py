"""Response schemas of the way on that a search with few results suggests."""

from __future__ import annotations

from marshmallow import fields

from rechtenverkenner.api.responses import _d
from rechtenverkenner.eligibility.advice_schema import DumpSchema


class LifeSituationLinkSchema(DumpSchema):
    """A life situation to explore, with the search that lists its rights."""

    value = fields.String(required=True, metadata=_d("Code of the life situation (the lifeSituation parameter)."))
    label = fields.String(required=True, metadata=_d("Its name in Dutch."))
    href = fields.Url(required=True, metadata=_d("The rights of this life situation (same municipality)."))


class SearchSuggestionsSchema(DumpSchema):
    """A way on when a search finds few or no rights."""

    spelling = fields.String(
        required=True,
        allow_none=True,
        metadata=_d("The query with its words spelled as in the catalogue; null if none."),
    )
    spelling_href = fields.Url(
        data_key="spellingHref", required=True, allow_none=True, metadata=_d("The search with the corrected query.")
    )
    problems = fields.List(
        fields.String(), required=True, metadata=_d("The problems of catalog/problems.toml the query names (Dutch).")
    )
    life_situations = fields.List(
        fields.Nested(LifeSituationLinkSchema),
        data_key="lifeSituations",
        required=True,
        metadata=_d("Life situations to explore: those of the problems named, else every life situation."),
    )


class NamedProblemSchema(DumpSchema):
    """A problem of the problem map (catalog/problems.toml) that the query names; its rights rank first."""

    id = fields.String(required=True, metadata=_d("Id of the problem, e.g. energiefactuur."))
    label = fields.String(required=True, metadata=_d("The problem in Dutch, e.g. Energiefactuur te hoog."))
