//! The data table every list page repeats: a scrolling wrapper, a caption, one row of column
//! headings and the body rows the page makes.

use leptos::prelude::*;

/// One column heading.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The heading's text.
    pub label: &'static str,
    /// Whether the column holds numbers (right-aligned: `class="num"`).
    pub num: bool,
}

impl Column {
    /// A column of text.
    pub const fn text(label: &'static str) -> Self {
        Column { label, num: false }
    }

    /// A column of numbers.
    pub const fn num(label: &'static str) -> Self {
        Column { label, num: true }
    }
}

/// `<div class="table-wrap"><table>` with the caption, the column headings (`scope="col"`)
/// and the rows.
#[component]
pub fn DataTable<C, R>(
    /// The table's caption (its accessible name).
    caption: C,
    /// The column headings, in order.
    columns: &'static [Column],
    /// The body rows (`<tr>`s).
    rows: R,
) -> impl IntoView
where
    C: IntoView + 'static,
    R: IntoView + 'static,
{
    let headings = columns
        .iter()
        .map(|column| {
            if column.num {
                view! {
                    <th scope="col" class="num">
                        {column.label}
                    </th>
                }
                .into_any()
            } else {
                view! { <th scope="col">{column.label}</th> }.into_any()
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
