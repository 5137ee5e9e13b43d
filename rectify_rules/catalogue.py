"""The rule catalogue: codes and names are a public contract (docs/catalogue.md).

Users select and ignore rules by these codes; the built-in pack must provide every one of them
with exactly this name and default severity (a meta-test checks it).
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # code: (name, default severity)
    "REQ001": ("missing-title", "error"),
    "REQ002": ("missing-issuer", "error"),
    "REQ003": ("incomplete-inspection-body", "error"),
    "REQ004": ("missing-inspection-period", "error"),
    "REQ005": ("missing-feedback-date", "error"),
    "REQ006": ("missing-problem-total", "warning"),
    "REQ007": ("missing-progress-summary", "warning"),
    "REQ008": ("unfinished-without-deadline", "warning"),
    "REQ009": ("missing-public-contact", "error"),
    "REQ010": ("incomplete-signature", "warning"),
    "REQ011": ("not-a-rectification-notice", "info"),
    "REQ012": ("text-cut-off", "warning"),
    "CNT001": ("count-mismatches-outline", "error"),
    "CNT002": ("progress-does-not-add-up", "error"),
    "CNT003": ("conflicting-figures", "error"),
    "CNT004": ("breakdown-does-not-add-up", "error"),
    "CNT005": ("status-markers-disagree-with-summary", "warning"),
    "CNT006": ("percentage-mismatch", "error"),
    "DAT001": ("inspection-ends-before-start", "error"),
    "DAT002": ("feedback-before-inspection-end", "error"),
    "DAT003": ("signed-before-feedback", "error"),
    "DAT004": ("deadline-passed-while-unfinished", "warning"),
    "DAT005": ("date-without-year", "warning"),
    "DAT006": ("impossible-date", "error"),
    "DAT007": ("duration-disagrees-with-dates", "warning"),
    "DAT008": ("late-report", "info"),
    "DAT009": ("deadline-before-feedback", "error"),
    "DAT010": ("weekday-disagrees-with-date", "error"),
    "NUM001": ("numbering-gap-or-repeat", "error"),
    "NUM002": ("heading-levels-out-of-order", "warning"),
    "NUM003": ("nonstandard-marker-style", "info"),
    "NUM004": ("malformed-marker", "error"),
    "CON001": ("invalid-phone-number", "error"),
    "CON002": ("area-code-outside-region", "warning"),
    "CON003": ("invalid-email", "error"),
    "CON004": ("malformed-postcode", "warning"),
    "TRM001": ("misspelled-political-formulation", "error"),
    "TRM002": ("inconsistent-organisation-name", "warning"),
    "TRM003": ("misspelled-fixed-expression", "warning"),
    "TRM004": ("jiezhi-with-time-object", "warning"),
    "TRM005": ("xunshi-xuncha-mixed", "warning"),
    "FMT001": ("doubled-character", "warning"),
    "FMT002": ("unbalanced-brackets", "error"),
    "FMT003": ("half-width-punctuation", "info"),
    "FMT004": ("leftover-placeholder", "warning"),
    "FMT005": ("confusable-yi-in-status", "warning"),
    "FMT006": ("name-or-number-left-out", "warning"),
    "PRV001": ("identity-number-published", "error"),
    "PRV002": ("bank-account-published", "error"),
    "PRV003": ("private-mobile-published", "warning"),
    "PRV004": ("classification-marking-published", "error"),
}

#: rules that apply to public notices only (a 整改报告 to the inspection group needs none)
NOTICE_ONLY = {"REQ006", "REQ007", "REQ009", "PRV001", "PRV002", "PRV003", "PRV004"}
