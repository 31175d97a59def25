"""Regional insights: the supply of verified skills in Skåne against employers' demand, safe to publish.

How the figures stay correct
----------------------------
Every figure reads pre-aggregated rollups (``models.CredentialMonth``: per micro-credential version and
month, credentials issued, credentials that stopped being valid, claimed and shared; ``VersionDimension``:
what each version is about; ``SkillSupply``: different people holding a valid credential per skill and
occupation). They are kept correct in two ways:

* **On every change.** Issuing sends ``credentials_issued`` and ``credential_state_changed`` (revoked,
  suspended, reinstated) after commit, and ``credentials_replaced`` when a compromised key's credentials
  are re-issued (``mimis.issuing.signals``). ``handlers`` receives them and queues the durable task
  ``tasks.refresh_versions``, which recomputes every month of the affected versions and the supply of
  their skills and occupations (``rollups.refresh_versions``). Issuing never imports insights.
* **Every night.** Expiry is time passing, not an event: ``mimis insights refresh`` (cron, or ``--queue``
  for the worker's durable task ``tasks.refresh_rollups``) rebuilds all rollups in one transaction, so a
  credential whose ``valid_until`` has passed counts as ended from the next morning, and anything a lost
  task missed is repaired.

A credential stops being valid at the earliest of its revocation or suspension (``state_changed_at``)
and its expiry. "Valid at the end of a month" is the running sum of issued minus ended; a suspension that
was lifted again leaves no trace in earlier months (issuing keeps no state history besides the audit log).
A credential re-issued after a key compromise counts once, as its replacement.

Disclosure control is ``disclosure`` (threshold 5, ``MIMIS_INSIGHTS_MIN_CELL``, with secondary
suppression); ``figures`` applies it to everything that pages, exports and the API show.
"""
