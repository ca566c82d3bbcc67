"""SQLModel tables: the published catalogue, its search index and the catalogue state."""

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class Right(SQLModel, table=True):
    """A published right: an IPDC/LPDC concept or a municipality's instance of one."""

    __tablename__ = "right"

    id: str = Field(primary_key=True, max_length=120)
    kind: str = Field(max_length=20)  # concept | instance
    linked_concept: str | None = Field(default=None, max_length=120, index=True)
    title: str = Field(max_length=300)
    sort_key: str = Field(max_length=300, index=True)  # title without accents, lower case
    summary: str = ""
    level: str = Field(max_length=20)  # federal | flemish | provincial | local
    product_type: str = Field(max_length=60)
    conditional: bool = True  # depends on conditions (vs. general for everyone in scope)
    municipality: str | None = Field(default=None, max_length=5, index=True)
    source_url: str = Field(max_length=500)
    last_reviewed: date | None = None  # None: never checked against its source
    content_hash: str = Field(max_length=64)
    document: str  # the validated catalogue document as JSON
    revision: int = Field(
        default=1, sa_column_kwargs={"server_default": "1"}
    )  # bumped by every publication (optimistic locking)
    # after this date the right is ended ("beëindigd"): left out of search (indexed: every search asks for them)
    end_date: date | None = Field(default=None, index=True)


class RightScope(SQLModel, table=True):
    """Where a right applies: BE, VLG, BHG, a province or a municipality NIS code."""

    __tablename__ = "right_scope"

    scope: str = Field(primary_key=True, max_length=10)
    right_id: str = Field(primary_key=True, foreign_key="right.id", max_length=120)


class RightFacet(SQLModel, table=True):
    """One facet value of a right (theme, lifeSituation, targetAudience, level, type)."""

    __tablename__ = "right_facet"
    __table_args__ = (Index("ix_right_facet_value", "facet", "value", "right_id"),)

    right_id: str = Field(primary_key=True, foreign_key="right.id", max_length=120)
    facet: str = Field(primary_key=True, max_length=30)
    value: str = Field(primary_key=True, max_length=80)


class SearchTerm(SQLModel, table=True):
    """Inverted index: a normalised, stemmed term of a right with its best field weight."""

    __tablename__ = "search_term"

    term: str = Field(primary_key=True, max_length=80)
    right_id: str = Field(primary_key=True, foreign_key="right.id", max_length=120, index=True)
    weight: int


class SearchVocabulary(SQLModel, table=True):
    """Every indexed term with its document frequency, for typo tolerance."""

    __tablename__ = "search_vocabulary"

    term: str = Field(primary_key=True, max_length=80)
    df: int


class CatalogState(SQLModel, table=True):
    """One row: the version of the published catalogue, bumped by every load or publish."""

    __tablename__ = "catalog_state"

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    content_hash: str = Field(default="", max_length=64)
    loaded_at: datetime | None = None


class ApiKey(SQLModel, table=True):
    """An API key of an OCMW software vendor; only a SHA-256 hash of the key is stored."""

    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    prefix: str = Field(max_length=12, index=True)  # the first characters, to recognise a key in lists
    key_hash: str = Field(max_length=64, unique=True)
    created_at: datetime
    revoked_at: datetime | None = None


class User(SQLModel, table=True):
    """A catalogue editor or administrator. Passwords are hashed with Werkzeug (scrypt)."""

    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=200, unique=True)
    name: str = Field(max_length=200)
    password_hash: str = Field(max_length=300)
    role: str = Field(max_length=20)  # admin | editor
    active: bool = True  # false: disabled (`flask user disable`), cannot sign in
    failed_logins: int = 0
    locked_until: datetime | None = None
    created_at: datetime
    # bumped by signing out, a password reset or disabling: every session signed with another value ends
    session_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class UserMunicipality(SQLModel, table=True):
    """A municipality whose local rights an editor may change."""

    __tablename__ = "user_municipality"

    user_id: int = Field(primary_key=True, foreign_key="user_account.id")
    municipality: str = Field(primary_key=True, max_length=5)


class RightVersion(SQLModel, table=True):
    """Every published version of a right that an editor published or rolled back, with who and when."""

    __tablename__ = "right_version"

    id: int | None = Field(default=None, primary_key=True)
    right_id: str = Field(max_length=120, index=True)
    revision: int
    document: str  # the document as uploaded (before inheriting from its concept), JSON
    removed: bool = False
    action: str = Field(max_length=20)  # upload | rollback | remove
    user_id: int | None = Field(default=None, foreign_key="user_account.id")
    published_at: datetime


class Upload(SQLModel, table=True):
    """An uploaded document waiting for review: shown as a preview, then published or dropped."""

    __tablename__ = "upload"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id")
    right_id: str = Field(max_length=120)
    document: str  # the validated document as uploaded, JSON
    base_revision: int  # the revision the preview was made against (0 for a new right)
    status: str = Field(max_length=20)  # draft | published
    created_at: datetime


class ErrorReport(SQLModel, table=True):
    """A social worker's report of an error on a right's page, for that right's editors."""

    __tablename__ = "error_report"

    id: int | None = Field(default=None, primary_key=True)
    right_id: str = Field(max_length=120, index=True)
    message: str = Field(max_length=2000)
    status: str = Field(default="open", max_length=10)  # open | closed
    created_at: datetime
    closed_by: int | None = Field(default=None, foreign_key="user_account.id")
    closed_at: datetime | None = None


class ReviewFlag(SQLModel, table=True):
    """A local version to review because its concept changed ("concept gewijzigd"), as LPDC does."""

    __tablename__ = "review_flag"

    right_id: str = Field(primary_key=True, max_length=120)
    reason: str = Field(max_length=40)
    created_at: datetime


class LpdcFeed(SQLModel, table=True):
    """Where `flask lpdc sync` stopped in an LPDC instance-snapshot feed: the last page it read (read
    again next time, as it grows) and the newest generatedAtTime it applied."""

    __tablename__ = "lpdc_feed"

    url: str = Field(primary_key=True, max_length=1000)
    page: str = Field(max_length=1000)
    high_water: str = Field(default="", max_length=40)
    updated_at: datetime


class RightChange(SQLModel, table=True):
    """A right that a catalogue load added, changed or removed: what changed, when, for which municipality."""

    __tablename__ = "right_change"

    id: int | None = Field(default=None, primary_key=True)
    right_id: str = Field(max_length=120)
    title: str = Field(max_length=300)
    municipality: str | None = Field(default=None, max_length=5, index=True)
    scopes: str = Field(default="", max_length=500)  # where the right applies (spatial codes), comma-separated
    action: str = Field(max_length=20)  # added | changed | removed
    changed_fields: str = Field(default="", max_length=2000)  # the changed fields of the document, comma-separated
    changed_at: datetime = Field(index=True)


class UploadAttempt(SQLModel, table=True):
    """Every file an editor sent to be checked, accepted or refused: the upload limit counts these."""

    __tablename__ = "upload_attempt"
    __table_args__ = (Index("ix_upload_attempt_user_time", "user_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id")
    created_at: datetime
