//! The rows a statement of reasons gives every reader (DSA Art. 17(3)(c)-(d)): the ground
//! relied on and whether the decision was automated. The seller's statement and the public one
//! both show them, worded for their reader.

use leptos::prelude::*;

use crate::model::StatementOfReasons;

/// Who a statement of reasons is addressed to: the wording differs, the facts do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The seller whose listing was removed.
    Seller,
    /// Anyone reading the listing's public page.
    Public,
}

/// The "Ground" and "Automated" rows of a statement of reasons, inside its `<dl class="facts">`.
#[component]
pub fn GroundFacts(
    /// The statement the rows come from.
    statement: StatementOfReasons,
    /// Who the statement is addressed to.
    reader: Reader,
) -> impl IntoView {
    let (ground_opening, automated_term, automated_yes, automated_no) = match reader {
        Reader::Seller => (
            "Infringement of intellectual property: ",
            "Automated",
            "The notice was detected by the rights holder and decided on the rights holder's assertion without platform review",
            "No automated means: a marketplace account manager reviewed the notice",
        ),
        Reader::Public => (
            "Infringement of ",
            "Automated decision",
            "Yes: decided on the rights holder's assertion without platform review",
            "No: a marketplace account manager reviewed the notice",
        ),
    };
    let ground = format!(
        "{ground_opening}a {} ({}), reported as {}",
        statement.right_kind.label().to_lowercase(),
        statement.right_reference,
        statement.reason.label().to_lowercase(),
    );
    let automated = if statement.automated {
        automated_yes
    } else {
        automated_no
    };
    view! {
        <div>
            <dt>"Ground"</dt>
            <dd>{ground}</dd>
        </div>
        <div>
            <dt>{automated_term}</dt>
            <dd>{automated}</dd>
        </div>
    }
}
