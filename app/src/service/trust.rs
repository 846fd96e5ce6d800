//! Trust tiers: the tier card, standings, overrides and Joint-Force enrolment.
