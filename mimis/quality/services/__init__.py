"""The quality-assurance workflow: every step is one function that checks permission, then acts.

Each step runs in one transaction, writes one audit entry (actor, time, the SHA-256 of the version's
content) and queues its e-mails to go out after commit. A refused step raises a specific error and
changes nothing.

=====================  ===================================  =====================  ==========================
step                   from                                 to                     who
=====================  ===================================  =====================  ==========================
submit_version         draft                                submitted              provider editor/admin
assign_reviewer        submitted, in review                 (same)                 QA coordinator, region
                                                                                   admin; or automatically
                                                                                   (round robin) on submit
unassign_review        submitted, in review                 (same or submitted)    QA coordinator, region admin
start_review           submitted, in review                 in review              the assigned reviewer
record_assessments     in review                            (same)                 the assigned reviewer
request_changes        in review                            changes requested      the assigned reviewer
approve                in review                            approved (once every   the assigned reviewer
                                                            required reviewer
                                                            approved)
resubmit_version       changes requested                    submitted              provider editor/admin
publish_version        approved                             published (the         provider editor/admin
                                                            previous published
                                                            version: retired)
withdraw_version       submitted, in review, changes        withdrawn              provider editor/admin
                       requested, approved
retire_version         published                            retired                provider editor/admin,
                                                                                   region admin
send_review_by_notices published, review-by date near or    (same; a lapsed        the daily run
                       passed                               approval stops
                                                            issuing)
=====================  ===================================  =====================  ==========================

A reviewer never reviews a version of an organisation they belong to, nor one their organisation
co-designed (``ConflictOfInterest``, checked at assignment and again at every step). Versions from
SeQF level ``MIMIS_QA_SECOND_REVIEWER_FROM_LEVEL`` up need two approving reviewers.

One module per step family: ``submission`` (submit, resubmit, withdraw), ``review`` (assign, start,
assess, approve, request changes), ``publishing`` (publish, retire, review-by dates), ``criteria``,
``endorsements``; ``_common`` holds what they share. Import the steps from here.
"""

from mimis.quality.services._common import ELEMENTS, MAX_APPROVAL_DAYS, without_notifications
from mimis.quality.services.criteria import publish_criteria_version
from mimis.quality.services.endorsements import achievement_id, endorse_microcredential
from mimis.quality.services.publishing import publish_version, retire_version, send_review_by_notices
from mimis.quality.services.review import (
    approve,
    assign_reviewer,
    record_assessments,
    request_changes,
    start_review,
    unassign_review,
)
from mimis.quality.services.submission import resubmit_version, submit_version, withdraw_version

__all__ = [
    "ELEMENTS",
    "MAX_APPROVAL_DAYS",
    "achievement_id",
    "approve",
    "assign_reviewer",
    "endorse_microcredential",
    "publish_criteria_version",
    "publish_version",
    "record_assessments",
    "request_changes",
    "resubmit_version",
    "retire_version",
    "send_review_by_notices",
    "start_review",
    "submit_version",
    "unassign_review",
    "withdraw_version",
    "without_notifications",
]
