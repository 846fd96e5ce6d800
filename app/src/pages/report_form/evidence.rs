//! What backs the report: why the listings infringe, a test-buy order and evidence files.

use leptos::prelude::*;

use crate::components::form::{TextField, message_for};
use crate::components::upload::{FileLink, FileUpload};
use crate::domain::right::MAX_EVIDENCE_FILES;
use crate::error::AppError;
use crate::model::FileRef;

use super::Draft;

/// The explanation, the test-buy order number and the evidence files, each removable.
#[component]
pub(super) fn EvidenceFields(
    /// What is typed.
    draft: Draft,
    /// The last failed submission.
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let add_evidence = Callback::new(move |file: FileRef| {
        draft.evidence.update(|files| {
            if files.len() < MAX_EVIDENCE_FILES {
                files.push(file);
            }
        });
    });
    view! {
        <TextField
            id="explanation"
            label="Why these listings infringe"
            value=draft.explanation
            error
            field="explanation"
            multiline=true
            rows="4"
        />
        <div class="form-grid">
            <TextField
                id="test_buy_order"
                label="Test-buy order number (optional)"
                value=draft.test_buy_order
                error
                field="test_buy_order"
            />
            <div>
                <FileUpload
                    id="evidence"
                    label="Evidence files (optional, up to 5)"
                    purpose="evidence"
                    server_error=message_for(error, "evidence")
                    on_uploaded=add_evidence
                />
                <ul class="evidence-list" aria-label="Attached evidence">
                    {move || {
                        draft
                            .evidence
                            .get()
                            .into_iter()
                            .map(|file| {
                                let id = file.id;
                                let name = file.file_name.clone();
                                view! {
                                    <li>
                                        <FileLink file />
                                        " "
                                        <button
                                            type="button"
                                            class="link-button"
                                            aria-label=format!("Remove {name}")
                                            on:click=move |_| {
                                                draft.evidence.update(|files| files.retain(|f| f.id != id))
                                            }
                                        >
                                            "Remove"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </div>
    }
}
