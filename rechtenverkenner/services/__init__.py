"""Use cases, one module per feature; views, the CLI and tests import the feature module they need.

catalogue      the CatalogueContext every worker builds, loading catalog/ into the database
municipalities the municipalities of Flanders and Brussels, merged NIS codes
search         searching the published catalogue with facets
rights         one right, its summary, its conditions, a municipality's local rights
apikeys        API keys of OCMW software
advice         the leefloon advice request, the advice, the parameters and the form's choices
accounts       editor accounts, sign-in, who may edit which right
uploads        previews of uploaded TOML, XLSX and LPDC files (stored as drafts)
publishing     publishing drafts, history, rollback
templates      TOML and XLSX templates for editors
reports        error reports, review flags, coverage per municipality
right_parameters the dated figures a right's conditions use, with the value in force
changes        recent changes: rights a load or an editor changed, new amounts (/recent and its Atom feed)

The exceptions they raise live in rechtenverkenner.errors; who commits is written in rechtenverkenner.db.
"""
