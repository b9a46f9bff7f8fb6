"""schemathesis hooks of tests/e2e/openapi_contract_test.sh."""

import schemathesis

# Reasons a schema-valid request may still be refused with (400 INVALID_ARGUMENT): rules about
# data that no schema states. Any other 400 to a schema-valid request means the document misses
# a constraint the server enforces (INVALID_FIELD, INVALID_JSON, INVALID_DATE, ...), and fails.
# FAILED_PRECONDITION answers (also 400) are about the system's state and always pass.
DATA_RULES = {
    "INVALID_PAGE_TOKEN",          # a token this API did not issue for this query
    "INVALID_FISCAL_CODE_CHECK",   # the check character (the shape is in the pattern)
    "UNKNOWN_PROVINCE",            # no CPI site in that province
    "UNKNOWN_MUNICIPALITY", "AMBIGUOUS_MUNICIPALITY",
    "MUNICIPALITY_REQUIRED",       # scope-dependent requirements of an availability search
    "PROVINCE_REQUIRED", "DOMICILE_REQUIRED",
    "DELIVERY_MODE_REQUIRED",      # an enum's _UNSPECIFIED value where the call needs a choice
    "INVALID_CANCELLATION_REASON", "INVALID_ROLE", "ATTENDANCE_REQUIRED",
    "DELIVERY_MODE_NOT_OFFERED",   # the service's catalogue entry decides
    "ACCESS_REASON_REQUIRED",      # staff callers only (the caller's role decides)
    "INVALID_CALENDAR_FIELD", "INVALID_BAND", "BAND_OVERLAP", "INVALID_EXCEPTION",
    "INVALID_PERIOD", "NO_BANDS", "NO_OPERATORS", "SLOT_SHORTER_THAN_SERVICE",
    "INVALID_UPDATE_MASK",         # a mask naming fields that cannot be updated
    "UNKNOWN_ROLE", "UNKNOWN_CPI", "OPERATOR_NEEDS_CPI", "UNEXPECTED_CPI", "DUPLICATE_ROLE",
    "MISSING_ROLES",
    # enterprise: a company record's rules about existence, check digits and coherence
    # (services/enterprise/domain/company.h), and enum choices a call needs
    "INVALID_VAT_NUMBER_CHECK", "INVALID_COMPANY_FISCAL_CODE",
    "INVALID_VAT_NUMBER",          # all zeros: 11 digits as the pattern says, yet no VAT number
    "PERSONAL_FISCAL_CODE_ONLY_FOR_SOLE_TRADERS", "COMPANY_SECTOR_MISMATCH",
    "UNKNOWN_MUNICIPALITY_CODE", "MUNICIPALITY_NOT_IN_FORCE", "UNKNOWN_ATECO_CODE",
    "ATECO_CODE_NOT_VALID_ON_DATE", "UNKNOWN_CCNL_CODE", "CCNL_CODE_NOT_VALID_ON_DATE",
    "LEGAL_FORM_REQUIRED", "SECTOR_REQUIRED", "ACTION_REQUIRED", "FIELD_NOT_UPDATABLE",
    "SEND_BACK_REASON_REQUIRED", "CLOSURE_REASON_REQUIRED", "INVALID_DELEGATION_KIND",
    "SCOPE_REQUIRED", "INVALID_SCOPE", "INVALID_VALIDITY", "VALIDITY_ALREADY_ENDED",
    "CONSULTANT_DETAILS_REQUIRED", "CONSULTANT_DETAILS_NOT_ALLOWED", "CANNOT_DELEGATE_TO_SELF",
    "REASON_REQUIRED",
    # the L.68/99 computation's rules about a return's data (domain/l68_return.h)
    "L68_NO_PROVINCES", "L68_UNKNOWN_PROVINCE", "L68_DUPLICATE_PROVINCE",
    "L68_REGISTERED_OFFICE_NOT_IN_RETURN", "L68_INVALID_HOURS",
    "L68_EXCLUSION_REQUIRES_ORDINARY_ROLE", "L68_17_01_2000_REQUIRES_PROTECTED_ROLE",
    "L68_INVALID_SUSPENSION", "L68_INVALID_COMPENSATION",
    # enterprise service requests (services/enterprise/domain/service_request.h): the kind is an
    # enum choice the call needs; which step needs an outcome or a message (the question, the
    # answer, the rejection's or the reopening's reason) depends on the action; a vacancy is named
    # by preselections only, and must exist and be the company's
    "KIND_REQUIRED", "OUTCOME_REQUIRED", "INVALID_OUTCOME", "QUESTION_REQUIRED",
    "ANSWER_REQUIRED", "REJECTION_REASON_REQUIRED", "REOPEN_REASON_REQUIRED",
    "VACANCY_ONLY_FOR_PRESELECTION", "LINKED_VACANCY_NOT_FOUND",
    # communications: the form, nature and event are enum choices a filing needs; the rule
    # catalogue (docs/communications-rules.md) refuses content no schema can state; a filed XML
    # document is checked against SISL's XSDs and must hold exactly one communication
    "FORM_REQUIRED", "NATURE_REQUIRED", "EVENT_REQUIRED", "INVALID_FORM", "INVALID_NATURE",
    "INVALID_EVENT", "COMMUNICATION_REFUSED", "XML_INVALID", "XML_SCHEMA_VIOLATION",
    "XML_RECORD_INVALID", "XML_NO_COMMUNICATION", "ONE_COMMUNICATION_ONLY", "XML_FORBIDDEN",
    "XML_NOT_WELL_FORMED", "XML_UNEXPECTED_ROOT", "XML_INVALID_TEXT", "XML_TOO_LARGE",
    "BULK_EMPTY", "BULK_TOO_LARGE",  # a bulk file's bytes: empty, or over the configured limit
    # matching: a profile's content is checked against the reference's code lists and the rules
    # of services/matching/domain/profile.h (existence, dates, duplicates, Piedmont's CPIs);
    # a proposal's step needs what its action needs (domain/proposal.h)
    "DESIRED_PROFESSION_REQUIRED", "TOO_MANY_DESIRED_PROFESSIONS", "DUPLICATE_PROFESSION",
    "MALFORMED_PROFESSION_CODE", "UNKNOWN_PROFESSION_CODE", "CODE_NOT_VALID_ON_DATE",
    "MALFORMED_CONTRACT_TYPE", "UNKNOWN_CONTRACT_TYPE", "WORKING_MODE_REQUIRED",
    "EMPLOYER_REQUIRED", "EXPERIENCE_DATES_ORDER", "EXPERIENCE_IN_FUTURE",
    "INVALID_LANGUAGE_CODE", "DUPLICATE_LANGUAGE", "CEFR_LEVEL_REQUIRED", "INVALID_IT_SKILL",
    "INVALID_PROFESSIONAL_REGISTER", "DUPLICATE_ENTRY", "INVALID_DRIVING_LICENCE",
    "DUPLICATE_DRIVING_LICENCE", "MALFORMED_MUNICIPALITY_CODE", "MUNICIPALITY_WITHOUT_LOCATION",
    "INVALID_RADIUS", "AVAILABILITY_REQUIRED", "VISIBILITY_REQUIRED", "DATE_IN_FUTURE",
    "CPI_REQUIRED", "DOMICILE_OUTSIDE_PIEDMONT", "NAME_REQUIRED", "INVALID_FISCAL_CODE",
    "NOTE_REQUIRED", "DEADLINE_REQUIRED", "INVALID_DEADLINE", "VISIBLE_FROM_REQUIRED",
    "INVALID_VISIBLE_FROM", "INTERVIEW_TIME_REQUIRED", "PERSON_ID_REQUIRED", "INVALID_ID",
    "WORKING_MODES_REQUIRED",  # an _UNSPECIFIED among the working modes a profession accepts
    # notifications: contact data the channels could use (an address, an Italian mobile in
    # E.164), a channel's _UNSPECIFIED value, and a message id this API did not issue
    "INVALID_EMAIL_ADDRESS", "INVALID_PHONE_NUMBER", "INVALID_CHANNEL", "INVALID_MESSAGE_ID",
    # observatory: which dimensions an indicator has is catalogue data (GET
    # /api/v1/observatory/indicators), and a month range must run forwards, 120 months at most
    "UNKNOWN_DIMENSION", "DIMENSION_NOT_AVAILABLE", "SAME_DIMENSION", "INVALID_MONTH_RANGE",
    # code lists: which lists exist is catalogue data (GET /api/v1/code-lists). An unknown list
    # answers 404 CODE_LIST_NOT_FOUND, which the document states for every operation; listed
    # here so that a mapping of it to 400 would still read as a data rule, not a missing shape
    "CODE_LIST_NOT_FOUND",
}

# Per operation: rules that depend on the caller or on the operation rather than the message.
OPERATION_RULES = {
    # The citizen's contact is checked only when staff book on a citizen's behalf.
    ("POST", "/api/v1/appointments"): {"INVALID_FISCAL_CODE_FORMAT"},
    # StaffMember is one message for create and update: the fiscal code is required on create.
    ("POST", "/api/v1/staff-members"): {"INVALID_FISCAL_CODE"},
    # Operators register a company naming its legal representative; citizens are it.
    ("POST", "/api/v1/companies"): {"LEGAL_REPRESENTATIVE_REQUIRED"},
}

# Shape rules of free-text and contact fields that the services check and the protos do not
# declare yet (follow-up of issue 10): tracked here so that the list only shrinks. The lengths
# of free-text fields (*_TOO_LONG, issue 10 point 8) belong in (sisl.api.v1.field) max_length.
NOT_YET_DECLARED = {
    "INVALID_DISPLAY_NAME", "INVALID_EMAIL", "INVALID_OFFICE_FIELD", "NOTE_TOO_LONG",
    "REQUEST_ID_TOO_LONG",
    # enterprise: free-text and code shapes checked by the domain (follow-up of issue 11)
    "INVALID_COMPANY_NAME", "INVALID_ADDRESS", "INVALID_SITE_LABEL", "INVALID_PEC",
    "MALFORMED_ATECO_CODE", "MALFORMED_CCNL_CODE", "ADDRESS_REQUIRED", "PEC_REQUIRED",
}


@schemathesis.check
def schema_valid_data_keeps_to_the_shape(ctx, response, case):
    """A request the document allows is never refused for its shape."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 400:
        return None
    if case.operation.path.startswith("/spid/"):
        return None  # SAML endpoints: HTML error pages about IdPs and SAML messages
    try:
        problem = response.json()
    except ValueError:
        problem = {}
    reason = problem.get("reason", "")
    if problem.get("code") == "FAILED_PRECONDITION" or reason in DATA_RULES:
        return None
    if reason in OPERATION_RULES.get((case.operation.method.upper(), case.operation.path), ()):
        return None
    if reason in NOT_YET_DECLARED or reason.endswith("_TOO_LONG"):
        return None
    raise AssertionError(f"a schema-valid request was refused with 400 {reason}: "
                         f"the document misses a constraint ({response.text[:300]})")
