//! The data table every list page repeats: a scrolling wrapper, a caption, one row of column
//! headings and the body rows the page makes.

use leptos::prelude::*;

/// One column heading (a variant, so a page's `&[...]` of them is a `'static` constant).
#[derive(Clone, Copy, Debug)]
pub enum Column {
    /// A column of text.
    Text(&'static str),
    /// A column of numbers (right-aligned: `class="num"`).
    Num(&'static str),
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
    /// At phone width, show each row as a card of labelled fields (the row's cells carry
    /// their column's name as `data-label`) instead of scrolling sideways.
    #[prop(optional)]
    stack: bool,
) -> impl IntoView
where
    C: IntoView + 'static,
    R: IntoView + 'static,
{
    let headings = columns
        .iter()
        .map(|column| match *column {
            Column::Num(label) => view! {
                <th scope="col" class="num">
                    {label}
                </th>
            }
            .into_any(),
            Column::Text(label) => view! { <th scope="col">{label}</th> }.into_any(),
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class:stack=stack>
                <caption>{caption}</caption>
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
