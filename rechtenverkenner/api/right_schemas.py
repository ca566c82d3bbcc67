"""Response schemas of the rights: one right with everything it says, its summary in a search, the collection."""

from __future__ import annotations

from marshmallow import fields, validate

from rechtenverkenner.api.responses import PlaceSchema, _d
from rechtenverkenner.api.right_parameter_schemas import RightParameterSchema
from rechtenverkenner.api.schemas import FACETS  # the facet names, as the rights query reads them
from rechtenverkenner.api.search_schemas import NamedProblemSchema, SearchSuggestionsSchema
from rechtenverkenner.eligibility.advice_schema import DumpSchema

# --- rights --------------------------------------------------------------------------------------


class CodeLabelSchema(DumpSchema):
    """A code with its Dutch label."""

    code = fields.String(required=True, metadata=_d("Scope code: a NIS code, or a region or country code."))
    label = fields.String(required=True, metadata=_d("Dutch label of the code."))


class RightSummaryFields(DumpSchema):
    """The list view of a right; shared by the collection items and the full right."""

    id = fields.String(required=True, metadata=_d("Id of the right, e.g. leefloon or leefloon-gent."))
    kind = fields.String(
        required=True,
        validate=validate.OneOf(["concept", "instance"]),
        metadata=_d("concept: the right as the law gives it; instance: a municipality's own version or local right."),
    )
    title = fields.String(required=True, metadata=_d("Title in Dutch."))
    summary = fields.String(required=True, metadata=_d("One or two sentences in plain Dutch."))
    level = fields.String(
        required=True, metadata=_d("Level of government: european, federal, flemish, provincial or local.")
    )
    level_label = fields.String(data_key="levelLabel", required=True, metadata=_d("Dutch label of the level."))
    conditional = fields.Boolean(required=True, metadata=_d("True when the right depends on conditions."))
    type = fields.String(required=True, metadata=_d("Product type code (IPDC/LPDC Type), e.g. FinancieelVoordeel."))
    type_label = fields.String(data_key="typeLabel", required=True, metadata=_d("Dutch label of the product type."))
    themes = fields.List(fields.String(), required=True, metadata=_d("Theme codes (IPDC/LPDC Thema)."))
    life_situations = fields.List(
        fields.String(),
        data_key="lifeSituations",
        required=True,
        metadata=_d("Life situation codes ('voor wie'), e.g. laag-inkomen."),
    )
    life_situation_labels = fields.List(
        fields.String(),
        data_key="lifeSituationLabels",
        required=True,
        metadata=_d("Dutch labels of the life situations, in the same order."),
    )
    municipality = fields.Nested(
        PlaceSchema,
        required=True,
        allow_none=True,
        metadata=_d("The municipality of a local right or version; null for other rights."),
    )
    spatial = fields.List(fields.Nested(CodeLabelSchema), required=True, metadata=_d("Where the right applies."))
    linked_concept = fields.String(
        data_key="linkedConcept",
        required=True,
        allow_none=True,
        metadata=_d(
            "The concept that a municipality's version implements; null for a concept or a purely local right."
        ),
    )
    last_reviewed = fields.Date(
        data_key="lastReviewed",
        required=True,
        allow_none=True,
        metadata=_d("When the entry was last checked against its source; null: never checked (nooit gecontroleerd)."),
    )


class RightSummarySchema(RightSummaryFields):
    """A right in a search result."""

    href = fields.Url(required=True, metadata=_d("URL of the full right."))


class FacetValueSchema(DumpSchema):
    """One value of a facet with its count."""

    value = fields.String(required=True, metadata=_d("The code to filter on."))
    label = fields.String(required=True, metadata=_d("Dutch label."))
    count = fields.Integer(
        required=True,
        metadata=_d("Rights matching the search and every other facet's filter, with this value (disjunctive count)."),
    )
    selected = fields.Boolean(required=True, metadata=_d("True when the request filters on this value."))


_FACET_TEXT = {
    "theme": "Theme (IPDC/LPDC Thema)",
    "lifeSituation": "Life situation ('voor wie')",
    "targetAudience": "Target audience (IPDC/LPDC Doelgroep)",
    "level": "Level of government",
    "type": "Product type (IPDC/LPDC Type)",
}
FacetsSchema = type(
    "FacetsSchema",
    (DumpSchema,),
    {
        "__doc__": "Facet counts of the search: values with a count or selected, in code list order.",
        **{
            name: fields.List(
                fields.Nested(FacetValueSchema),
                required=True,
                metadata=_d(f"{_FACET_TEXT[name]}: values with their counts."),
            )
            for name in FACETS
        },
    },
)


class RightCollectionSchema(DumpSchema):
    """A page of rights with facet counts and paging links."""

    self_link = fields.Url(data_key="self", required=True, metadata=_d("This page's URL."))
    items = fields.List(fields.Nested(RightSummarySchema), required=True, metadata=_d("The rights on this page."))
    total = fields.Integer(required=True, metadata=_d("Number of rights matching the search and filters."))
    page = fields.Integer(required=True, metadata=_d("This page's number, from 1."))
    page_size = fields.Integer(data_key="pageSize", required=True, metadata=_d("Rights per page."))
    first = fields.Url(required=True, metadata=_d("URL of the first page."))
    last = fields.Url(required=True, metadata=_d("URL of the last page."))
    facets = fields.Nested(FacetsSchema, required=True, metadata=_d("Facet counts, one list per facet."))
    municipality = fields.Nested(
        PlaceSchema,
        required=True,
        allow_none=True,
        metadata=_d("The municipality searched for; null without the municipality parameter."),
    )
    problems = fields.List(
        fields.Nested(NamedProblemSchema),
        required=True,
        metadata=_d("How the query was read: the problems it names, whose rights rank first; empty when none."),
    )
    prev = fields.Url(metadata=_d("URL of the previous page; absent on the first page."))
    next = fields.Url(metadata=_d("URL of the next page; absent on the last page."))
    suggestions = fields.Nested(
        SearchSuggestionsSchema,
        metadata=_d("Present when a search with words finds fewer than 3 rights: a spelling and where to look next."),
    )


class LinkSchema(DumpSchema):
    """A titled link."""

    title = fields.String(required=True, metadata=_d("Text of the link."))
    url = fields.Url(required=True, metadata=_d("The URL."))
    description = fields.String(metadata=_d("What the link is about; may be empty."))


class TextBlockSchema(DumpSchema):
    """A titled text (a cost, a financial advantage)."""

    title = fields.String(required=True, metadata=_d("Title."))
    description = fields.String(required=True, metadata=_d("Text; may be empty."))


class EvidenceSchema(TextBlockSchema):
    """A document the applicant must show."""


class RequirementSchema(DumpSchema):
    """A requirement in prose, with the evidence that proves it."""

    title = fields.String(required=True, metadata=_d("Title."))
    description = fields.String(required=True, metadata=_d("Text; may be empty."))
    evidence = fields.Nested(
        EvidenceSchema, required=True, allow_none=True, metadata=_d("The proof asked; null when none is named.")
    )


class ProcedureSchema(DumpSchema):
    """How to apply."""

    title = fields.String(required=True, metadata=_d("Title."))
    description = fields.String(required=True, metadata=_d("Text; may be empty."))
    websites = fields.List(fields.Nested(LinkSchema), required=True, metadata=_d("Where to apply online."))


class AddressSchema(DumpSchema):
    """A postal address; absent parts are empty strings."""

    street = fields.String(required=True, metadata=_d("Street."))
    house_number = fields.String(data_key="houseNumber", required=True, metadata=_d("House number."))
    box = fields.String(required=True, metadata=_d("Box (bus)."))
    postal_code = fields.String(data_key="postalCode", required=True, metadata=_d("Postal code, four digits or empty."))
    municipality = fields.String(required=True, metadata=_d("Municipality name."))


class ContactPointSchema(DumpSchema):
    """Where to ask about the right."""

    title = fields.String(required=True, metadata=_d("Name of the service; may be empty."))
    url = fields.Url(required=True, allow_none=True, metadata=_d("Website; null when unknown."))
    email = fields.String(required=True, allow_none=True, metadata=_d("E-mail address; null when unknown."))
    phone = fields.String(required=True, metadata=_d("Phone number; may be empty."))
    opening_hours = fields.List(
        fields.String(),
        data_key="openingHours",
        required=True,
        metadata=_d("Opening hours, one line each; may be empty."),
    )
    address = fields.Nested(AddressSchema, required=True, allow_none=True, metadata=_d("Address; null when unknown."))
    booking_url = fields.Url(
        data_key="bookingUrl", required=True, allow_none=True, metadata=_d("Where to apply or book; null when none.")
    )
    source_url = fields.Url(
        data_key="sourceUrl", required=True, allow_none=True, metadata=_d("The public page these facts come from.")
    )
    read_on = fields.Date(
        data_key="readOn", required=True, allow_none=True, metadata=_d("The date that page was read; null when none.")
    )


class RightConditionSchema(DumpSchema):
    """A standardized, machine-checkable condition of a right, with a plain-Dutch sentence."""

    type = fields.String(
        required=True,
        metadata=_d("Condition type: age, residence, household_income, status, children, student or tenant."),
    )
    parameters = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(),
        required=True,
        metadata=_d(
            "The parameters of the type in camelCase: min/max (age), scopes (residence), period, incomeBasis, limits "
            "[{householdSize, amount}] and perExtraPerson (household_income, amounts as strings), anyOf (status), "
            "maxAge (children), value (student), tenantKind (tenant)."
        ),
    )
    text = fields.String(required=True, metadata=_d("The condition in plain Dutch."))
    note = fields.String(required=True, metadata=_d("An editor's note; may be empty."))
    source = fields.Url(required=True, allow_none=True, metadata=_d("Source of the condition; null when none."))


class RelatedRightSchema(DumpSchema):
    """A related right (the concept of a local version first)."""

    id = fields.String(required=True, metadata=_d("Id of the right."))
    title = fields.String(required=True, metadata=_d("Title in Dutch."))
    level = fields.String(required=True, metadata=_d("Level of government."))


class LocalVersionSchema(DumpSchema):
    """A municipality's version of a concept."""

    id = fields.String(required=True, metadata=_d("Id of the version."))
    title = fields.String(required=True, metadata=_d("Title in Dutch."))
    municipality = fields.String(required=True, metadata=_d("Name of the municipality."))


def _texts(text: str, data_key: str | None = None) -> fields.List:
    return fields.List(fields.String(), data_key=data_key, required=True, metadata=_d(text))


class RightSchema(RightSummaryFields):
    """One right with its conditions, procedures, costs and contact points (IPDC/LPDC model)."""

    description = fields.String(required=True, metadata=_d("Full description (may hold simple HTML from LPDC)."))
    additional_description = fields.String(
        data_key="additionalDescription", required=True, metadata=_d("Additional description; may be empty.")
    )
    exceptions = fields.String(required=True, metadata=_d("Exceptions; may be empty."))
    theme_labels = _texts("Dutch labels of the themes, in the same order.", "themeLabels")
    target_audiences = fields.List(
        fields.String(),
        data_key="targetAudiences",
        required=True,
        metadata=_d("Target audience codes (IPDC/LPDC Doelgroep)."),
    )
    target_audience_labels = fields.List(
        fields.String(),
        data_key="targetAudienceLabels",
        required=True,
        metadata=_d("Dutch labels of the target audiences."),
    )
    competent_authority_levels = fields.List(
        fields.String(),
        data_key="competentAuthorityLevels",
        required=True,
        metadata=_d("Levels of the authorities competent for the right."),
    )
    executing_authority_levels = fields.List(
        fields.String(),
        data_key="executingAuthorityLevels",
        required=True,
        metadata=_d("Levels of the authorities that carry it out."),
    )
    competent_authorities = fields.List(
        fields.String(),
        data_key="competentAuthorities",
        required=True,
        metadata=_d("Names of the competent authorities."),
    )
    executing_authorities = fields.List(
        fields.String(),
        data_key="executingAuthorities",
        required=True,
        metadata=_d("Names of the executing authorities."),
    )
    keywords = _texts("Keywords for search.")
    languages = _texts("Languages the right is offered in: nl, fr, de, en.")
    start_date = fields.Date(
        data_key="startDate",
        required=True,
        allow_none=True,
        metadata=_d("First day the right exists; null when not limited."),
    )
    end_date = fields.Date(
        data_key="endDate",
        required=True,
        allow_none=True,
        metadata=_d("Last day the right exists; null when not limited."),
    )
    source_url = fields.Url(data_key="sourceUrl", required=True, metadata=_d("Where the text was taken from."))
    legal_resources = fields.List(
        fields.Nested(LinkSchema),
        data_key="legalResources",
        required=True,
        metadata=_d("The laws and decrees of the right."),
    )
    regulation = fields.String(
        required=True, metadata=_d("The regulations the right rests on, in prose (LPDC regelgeving); may be empty.")
    )
    websites = fields.List(
        fields.Nested(LinkSchema), required=True, metadata=_d("Websites with more information (LPDC websites).")
    )
    concept_last_reviewed = fields.Date(
        data_key="conceptLastReviewed",
        required=True,
        allow_none=True,
        metadata=_d(
            "For a municipality's version: when the right it takes its content from was last checked against its "
            "source; null for a concept or when never checked."
        ),
    )
    ended = fields.Boolean(
        required=True,
        metadata=_d('True when endDate has passed: the right is ended ("beëindigd") and left out of search results.'),
    )
    requirements = fields.List(fields.Nested(RequirementSchema), required=True, metadata=_d("Requirements in prose."))
    procedures = fields.List(fields.Nested(ProcedureSchema), required=True, metadata=_d("How to apply."))
    costs = fields.List(fields.Nested(TextBlockSchema), required=True, metadata=_d("What it costs."))
    financial_advantages = fields.List(
        fields.Nested(TextBlockSchema),
        data_key="financialAdvantages",
        required=True,
        metadata=_d("What the right gives."),
    )
    contact_points = fields.List(
        fields.Nested(ContactPointSchema), data_key="contactPoints", required=True, metadata=_d("Where to ask.")
    )
    conditions = fields.List(
        fields.Nested(RightConditionSchema),
        required=True,
        metadata=_d("Standardized conditions (the basis of a future rights check)."),
    )
    parameters = fields.List(
        fields.Nested(RightParameterSchema),
        required=True,
        metadata=_d("The dated figures the conditions use, with the value in force today, its date and source."),
    )
    related = fields.List(fields.Nested(RelatedRightSchema), required=True, metadata=_d("Related rights."))
    local_versions = fields.List(
        fields.Nested(LocalVersionSchema),
        data_key="localVersions",
        required=True,
        metadata=_d("Municipalities' versions of this concept."),
    )
    ipdc_concept = fields.Url(
        data_key="ipdcConcept",
        required=True,
        allow_none=True,
        metadata=_d("The IPDC concept this right was imported from; null otherwise."),
    )
    lpdc_id = fields.Url(
        data_key="lpdcId",
        required=True,
        allow_none=True,
        metadata=_d("The LPDC instance this right was imported from; null otherwise."),
    )
    self_link = fields.Url(data_key="self", required=True, metadata=_d("This right's URL."))
