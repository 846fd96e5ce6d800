//! The seller's side of a removal: counter-notices, the brand's response, the manager's decision, strikes and suspensions.
