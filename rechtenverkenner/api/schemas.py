"""Marshmallow schemas of the HTTP contract: query parameters of the rights collection."""

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from rechtenverkenner.messages import dutch
from rechtenverkenner.services.catalogue import FACETS

MULTI = FACETS  # facet parameters may repeat or hold comma-separated values
OPTIONAL_WHEN_EMPTY = {"municipality"}  # `municipality=` is the same as no municipality


def rights_query_schema(max_page_size: int):
    class RightsQuery(Schema):
        class Meta:
            unknown = RAISE

        q = fields.String(
            load_default="",
            validate=validate.Length(max=200),
            metadata={"description": "Search words in Dutch; stemming, accents, synonyms and typos are handled."},
        )
        municipality = fields.String(
            load_default=None,
            validate=validate.Regexp(r"^\d{5}$"),
            metadata={
                "description": "NIS code of the client's municipality: federal, Flemish or Brussels, provincial and that "
                "municipality's rights. A code merged in 2025 is read as the new municipality. Empty is the same as absent. "
                "Without a municipality, a municipality's own version of a right is left out when the right itself "
                "is found, unless the version matches more of the query (e.g. q=leefloon aalst).",
                "example": "44021",
            },
        )
        page = fields.Integer(
            load_default=1,
            validate=validate.Range(min=1, max=10_000),
            strict=False,
            metadata={"description": "Page number, from 1."},
        )
        pageSize = fields.Integer(
            load_default=20,
            validate=validate.Range(min=1, max=max_page_size),
            metadata={"description": "Rights per page (the server's PAGE_SIZE when absent)."},
        )
        theme = fields.List(
            fields.String(),
            load_default=list,
            metadata={
                "description": (
                    "Theme code (IPDC/LPDC Thema), e.g. WelzijnGezondheid. Repeat or comma-separate for several (OR)."
                )
            },
        )
        targetAudience = fields.List(
            fields.String(),
            load_default=list,
            metadata={"description": "Target audience code (IPDC/LPDC Doelgroep), e.g. Burger."},
        )
        lifeSituation = fields.List(
            fields.String(),
            load_default=list,
            metadata={"description": "Life situation ('voor wie'), e.g. laag-inkomen, alleenstaande-ouder, 65-plus."},
        )
        level = fields.List(
            fields.String(),
            load_default=list,
            metadata={"description": "Level of government: european, federal, flemish, provincial, local."},
        )
        type = fields.List(
            fields.String(),
            load_default=list,
            metadata={"description": "Product type code (IPDC/LPDC Type), e.g. FinancieelVoordeel."},
        )

    return RightsQuery()


def _dutch(message: str) -> str:
    return dutch(message, "query")


def load_rights_query(args, max_page_size: int) -> tuple[dict, list[dict]]:
    """Parse request.args; returns (values, issues) where issues name each bad parameter."""
    raw = {}
    for key in args:
        values = args.getlist(key)
        if key in MULTI:
            raw[key] = [v.strip() for value in values for v in value.split(",") if v.strip()]
        elif len(values) > 1:
            raw[key] = values  # rejected below: a single-valued parameter given twice
        elif key in OPTIONAL_WHEN_EMPTY and not values[0].strip():
            continue  # an empty field, as a form sends it: no municipality chosen
        else:
            raw[key] = values[0].strip() if key in OPTIONAL_WHEN_EMPTY else values[0]
    issues = []
    for key, value in raw.items():
        if key not in MULTI and isinstance(value, list):
            issues.append(
                {
                    "in": "query",
                    "name": key,
                    "value": value,
                    "detail": "This parameter may be given once.",
                    "detailNl": "Deze parameter mag maar één keer voorkomen.",
                }
            )
    if issues:
        return {}, issues
    try:
        return rights_query_schema(max_page_size).load(raw), []
    except ValidationError as exc:
        for name, messages in exc.messages.items():
            for message in messages if isinstance(messages, list) else [str(messages)]:
                issues.append(
                    {
                        "in": "query",
                        "name": name,
                        "value": raw.get(name),
                        "detail": str(message),
                        "detailNl": _dutch(str(message)),
                    }
                )
        return {}, issues
